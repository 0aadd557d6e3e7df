"""Short texts of our own for a run summarised as fields within a line of prose: a field of time right
after a field of hardware ("Hardware: 256 H100 GPUs. Wall-clock time: 16 days.") is the run's time,
though neither names training; a field of time after a sentence that names no training hardware is not."""

from __future__ import annotations

import pytest

from curation.extract.documents import extract_document
from schemas.handover import PAPER, Document


def _primary(body: str):
    return extract_document(Document(PAPER, f"Lark: Efficient Models\n\nWe introduce Lark-8B. {body}\n",
                                     2024)).primary


@pytest.mark.parametrize("time_key", ["Wall-clock time", "Duration", "Time"])
def test_a_time_field_after_a_hardware_field_is_the_runs_time(time_key):
    primary = _primary(f"Hardware: 256 H100 GPUs. {time_key}: 16 days.")
    assert primary is not None and primary.method == "hardware"
    utilization = primary.assumptions["utilization"]
    assert primary.value_flop == pytest.approx(256 * 16 * 86400 * 989e12 * utilization, rel=0.01)


@pytest.mark.parametrize("body", [
    "We evaluate on 8 A100 GPUs. Duration: 2 hours.",
    "Inference hardware: 8 A100 GPUs. Duration: 2 hours.",
])
def test_a_time_field_after_no_hardware_field_gives_no_run(body):
    assert _primary(body) is None


@pytest.mark.parametrize("line", ["Wren-XL: 512 H100 GPUs for 21 days.", "- Wren-XL: 512 H100 GPUs, 21 days"])
def test_a_field_line_under_a_training_heading_is_a_run(line):
    """A short line keyed by the model, its devices and time after the colon, under a heading about
    training, tells the training run though it never says "trained"."""
    primary = _headed("4 Training", line)
    assert primary is not None and primary.value_flop == pytest.approx(512 * 21 * 86400 * 989e12 * 0.3,
                                                                        rel=0.05)


def test_the_same_line_under_another_heading_is_no_run():
    assert _headed("5 Inference", "Wren-XL: 8 H100 GPUs for 2 days.") is None


def _headed(heading: str, line: str):
    text = f"Wren: Efficient Models\n\nWe introduce Wren-XL.\n\n## {heading}\n\n{line}\n"
    return extract_document(Document(PAPER, text, 2024)).primary
