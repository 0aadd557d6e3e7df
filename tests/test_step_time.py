"""Short texts of our own for a run's duration told as a step's time times the steps it trains for."""

from __future__ import annotations

import pytest

from curation.extract.step_time import step_time_durations
from tests.osprey_texts import primary_of


@pytest.mark.parametrize(("sentence", "seconds"), [
    ("A single training step takes 12 seconds on 1,024 TPU v4 chips; we train for 100,000 steps.",
     12 * 100_000),
    ("We train Osprey for 250K steps on 256 A100 GPUs at 0.9 s per step.", 0.9 * 250_000),
    ("Each iteration takes 850 ms on 64 V100s, and training runs for 300k iterations with 2,000 warmup "
     "steps.", 0.85 * 300_000),
    ("With a step time of 2.1 s, the 50K training steps finish on schedule.", 2.1 * 50_000),
    # words that tell the step between it and its verb
    ("Each training step processed 4M tokens and took 2.1 seconds on 512 H100 GPUs; we trained for 500K "
     "steps.", 2.1 * 500_000),
    ("Each step on 512 H100 GPUs takes 3 s, and we train for 80K steps.", 3 * 80_000),
])
def test_a_steps_time_times_the_runs_steps(sentence, seconds):
    found = step_time_durations(sentence)
    assert len(found) == 1 and found[0][0] == pytest.approx(seconds)
    assert found[0][1] in sentence


@pytest.mark.parametrize("sentence", [
    "Generating one sample takes 2 seconds per step on 8 A100s over 50 steps.",  # sampling, not training
    "Each step takes 1.2 s on 256 GPUs.",  # no count of steps
    "We train for 100,000 steps on 64 TPU v3 chips.",  # no time per step
])
def test_no_step_time_duration(sentence):
    assert step_time_durations(sentence) == []


def test_the_device_count_and_the_step_time_give_the_run():
    primary = primary_of("We train Osprey for 250K steps on 256 A100 GPUs at 0.9 s per step.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(256 * 0.9 * 250_000)
