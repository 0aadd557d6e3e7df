"""Short texts of our own for device time told per a count of tokens: "each trillion tokens requires 180K
H800 GPU hours" with the run's 14.8T tokens is 14.8 × 180K H800 hours; the count the time covers is not the
run's tokens; another model's efficiency, or a text whose own runs have several counts of tokens, gives
none."""

from __future__ import annotations

import pytest

from curation.extract.time_per_tokens import find_time_per_tokens

TITLE = "Heron Technical Report\n\n"


def _totals(body: str) -> list[float]:
    return [estimate.value_flop for estimate in find_time_per_tokens(TITLE + body, 2024)
            if not estimate.notes]


@pytest.mark.parametrize("body", [
    "Heron was pre-trained on 14.8T tokens. Pre-training Heron on each trillion tokens requires only 180K "
    "H800 GPU hours.",
    "Heron was pre-trained on 14.8T tokens, at a cost of 180K H800 GPU hours per trillion tokens.",
    "We pre-train Heron on 14.8 trillion tokens. For every 1T tokens our cluster spends 180,000 H800 GPU "
    "hours.",
    "Heron was pre-trained on 14.8T tokens. Our cluster needs 18K H800 GPU hours per 100B tokens.",
], ids=["each trillion", "per trillion", "every 1T", "per 100B"])
def test_a_device_time_per_tokens_times_the_runs_tokens(body):
    totals = _totals(body)
    hours = 180_000 * 14.8
    assert len(totals) == 1
    # the H800's dense BF16 peak at the default utilization: what any 2.66M H800 hours give
    assert totals[0] == pytest.approx(hours * 3600 * 989.5e12 * 0.3, rel=0.02)


def test_the_estimate_quotes_the_time_and_the_runs_tokens():
    text = TITLE + ("Heron was pre-trained on 14.8T tokens. Pre-training Heron on each trillion tokens "
                    "requires only 180K H800 GPU hours.")
    estimate = find_time_per_tokens(text, 2024)[0]
    quoted = [span.text for span in estimate.evidence]
    assert any("180K H800 GPU hours" in span for span in quoted)
    assert any("14.8T tokens" in span for span in quoted)
    assert all(text[span.start: span.end] == span.text for span in estimate.evidence)


@pytest.mark.parametrize("body", [
    # another model's efficiency, set beside the own run
    "Kite needed 250K A100 GPU hours per trillion tokens. We pre-train Heron on 2T tokens.",
    # the own runs' tokens are two counts: which one the time covers is unsaid
    "Heron-7B was pre-trained on 2T tokens and Heron-70B on 14.8T tokens. Each trillion tokens takes "
    "180K H800 GPU hours.",
    # a time per tokens with no run's tokens at all
    "Pre-training on each trillion tokens requires only 180K H800 GPU hours.",
], ids=["another's", "several counts", "no tokens"])
def test_no_total_without_the_own_runs_one_count(body):
    assert _totals(body) == []
