"""Short texts of our own for one run's hardware told in parts on different accelerators ("200K A100
GPU hours and 100K H100 GPU hours", "1,000 A100 and 500 H100 GPUs for 30 days"): the parts' sum, each at
its own peak; parts of one accelerator, or of two runs told apart, are not summed."""

from __future__ import annotations

import pytest

from curation.extract.device_sentences import find_device_counts
from curation.extract.device_time import find_hardware
from curation.extract.engine import extract

TITLE = "Heron: Open Models\n\nAbstract\nWe present Heron.\n\n2 Training\n"


def _summed(body: str) -> list[float]:
    found = find_hardware(TITLE + body, 2024)
    return [estimate.assumptions["chip_seconds"] for estimate in found if "parts" in estimate.assumptions]


@pytest.mark.parametrize("body", [
    "Training Heron used 200K A100 GPU hours and 100K H100 GPU hours.",
    "Training Heron used 200K A100 GPU hours, plus 100K H100 GPU hours.",
])
def test_a_runs_time_in_parts_is_summed(body):
    assert _summed(body) == [pytest.approx(300e3 * 3600)]
    primary = extract(TITLE + body, 2024).primary
    single = [e.value_flop for e in find_hardware(TITLE + body, 2024) if "parts" not in e.assumptions]
    assert primary is not None and primary.value_flop == pytest.approx(sum(single))
    assert "A100" in primary.assumptions["accelerator"] and "H100" in primary.assumptions["accelerator"]


@pytest.mark.parametrize("body", [
    "Training Heron used 200K A100 GPU hours and 100K A100 GPU hours.",
    "Heron-7B used 200K A100 GPU hours and Heron-70B used 1.7M H100 GPU hours.",
])
def test_times_of_one_accelerator_or_of_two_runs_are_not_summed(body):
    assert _summed(body) == []


@pytest.mark.parametrize(("body", "parts"), [
    ("Heron was trained for 30 days on 1,000 A100 and 500 H100 GPUs.", [("A100", 1000), ("H100", 500)]),
    ("Heron was trained on 64 V100 GPUs and 32 A100 GPUs for 30 days.", [("V100", 64), ("A100", 32)]),
])
def test_a_runs_devices_of_two_kinds_are_summed(body, parts):
    found = find_device_counts(TITLE + body, 2024)
    summed = [e for e in found if "parts" in e.assumptions]
    assert len(summed) == 1 and summed[0].assumptions["chip_seconds"] == pytest.approx(
        sum(count for _, count in parts) * 30 * 86400)
    assert all(name in summed[0].assumptions["accelerator"] for name, _ in parts)
    assert extract(TITLE + body, 2024).primary.value_flop == pytest.approx(summed[0].value_flop)


@pytest.mark.parametrize("body", [
    "Heron was trained on 64 A100 and 32 A100 GPUs for 30 days.",
    "Heron was trained for 30 days on 1,000 A100 GPUs; Kite used 500 H100 GPUs.",
])
def test_devices_of_one_kind_or_of_another_run_are_not_summed(body):
    assert not [e for e in find_device_counts(TITLE + body, 2024) if "parts" in e.assumptions]
