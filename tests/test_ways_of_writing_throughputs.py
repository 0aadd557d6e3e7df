"""Short texts of our own for the throughput a run states beside its devices and time: what the whole run
sustained, read as its utilization over all its devices' peaks."""

from __future__ import annotations

import pytest

from curation.extract.engine import extract
from tests.osprey_texts import TITLE, primary_of

DAY = 86400
A100_DENSE = 312e12


@pytest.mark.parametrize(("sentence", "sustained"), [
    ("Osprey-70B was trained on 512 A100 GPUs, achieving an aggregate throughput of 82 PFLOP/s for 30 days.",
     82e15),
    ("We trained Osprey-70B on 512 NVIDIA A100 GPUs for 30 days, sustaining 0.08 EFLOP/s across the cluster.",
     0.08e18),
    ("Osprey-70B trained for 30 days on 512 A100 GPUs at 82 PFLOPS in total.", 82e15),
])
def test_the_whole_runs_throughput_over_all_its_devices(sentence, sustained):
    primary = primary_of(sentence)
    assert primary is not None and primary.method == "hardware"
    assert primary.assumptions["utilization"] == pytest.approx(sustained / (512 * A100_DENSE))
    assert primary.value_flop == pytest.approx(sustained * 30 * DAY)


@pytest.mark.parametrize("sentence", [
    # a peak the cluster could reach, and a count of compute, are no sustained rate
    "Osprey-70B was trained on 512 A100 GPUs (a peak of 80 PFLOP/s) for 30 days.",
    "Osprey-70B was trained on 512 A100 GPUs for 30 days, using 2,000 PFLOPS-days in total.",
    "Our cluster delivers 80 PFLOP/s of peak bf16 compute; Osprey-70B was trained for 30 days on its 512 "
    "A100 GPUs.",
])
def test_a_peak_or_an_amount_is_no_sustained_throughput(sentence):
    hardware = [e for e in extract(TITLE + sentence + "\n", 2024).estimates if e.method == "hardware"]
    assert hardware and all(e.assumptions["utilization_source"].startswith("default") for e in hardware)
