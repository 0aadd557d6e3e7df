"""Short texts of our own where a run is told twice, as device time and as a count of operations, and
where two sizes' runs are told one by each method: which estimate is the run's."""

from __future__ import annotations

import pytest

from tests.osprey_texts import primary_of

A100_DAY = 86400 * 312e12 * 0.3


def test_a_mixture_of_experts_count_below_its_device_time_is_the_same_run():
    """Device time at a default utilization over-counts a mixture of experts' run: a count of active
    operations 3.1x below it, with no other size told, is the same run told more exactly."""
    primary = primary_of("Osprey has 236B total parameters, of which 21B are activated for each token. "
                         "It is pre-trained on 8.1T tokens. Pre-training used 2,048 H800 GPUs and took 2 "
                         "months.")
    assert primary is not None and primary.method == "operation_counting"
    assert primary.value_flop == pytest.approx(6 * 21e9 * 8.1e12)


@pytest.mark.parametrize("days", [30, 45])
def test_a_device_time_of_a_larger_size_is_not_a_smaller_sizes_count(days):
    """A device time whose sentence sizes its model ("the 34B model") is that size's run, not the same
    run as a count of operations of a smaller model, however close the figures."""
    primary = primary_of(f"Our 7B model was trained on 2T tokens. The 34B model was trained for {days} days "
                         f"on 1,024 A100 GPUs.")
    assert primary is not None and primary.method == "hardware"
    assert primary.value_flop == pytest.approx(1024 * days * A100_DAY)


def test_a_device_time_of_the_same_size_is_the_counts_run():
    primary = primary_of("Osprey-34B has 34B parameters and was trained on 2T tokens. The 34B model was "
                         "trained for 30 days on 1,024 A100 GPUs.")
    assert primary is not None and primary.method == "operation_counting"
    assert primary.value_flop == pytest.approx(6 * 34e9 * 2e12)
