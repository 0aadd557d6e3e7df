"""Short texts of our own for the ways of writing a fifteenth battery of sentences found: a clause of
consequence after a budget or a plan, a run under way beside the released one, and more."""

from __future__ import annotations

import pytest

from curation.extract.engine import extract

TITLE = "Osprey: Open and Efficient Language Models\n\n1 Introduction\nWe introduce Osprey.\n\n2 Training\n"


def _primary(text: str, year: int = 2025):
    return extract(TITLE + text, year).primary


# -- clauses ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Our compute budget allows at most 1e23 FLOPs, so we train Osprey-3B on 1T tokens.",
    "Training Osprey-70B on 15T tokens would cost too much, so we train Osprey-3B on 1T tokens.",
    "A larger model was out of reach; hence we train Osprey-3B on 1T tokens.",
])
def test_what_the_authors_did_as_a_consequence_is_read_on_its_own(sentence):
    primary = _primary(sentence)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 3e9 * 1e12)


def test_a_consequence_that_is_itself_foreseen_stays_none():
    assert _primary("Osprey-3B is small, so training it on 1T tokens would take only 3 days.") is None


def test_a_run_under_way_beside_the_released_model_is_not_the_flagship():
    text = ("We release Osprey-7B, trained on 2T tokens. A larger Osprey-70B is still being trained on "
            "15T tokens.")
    primary = _primary(text)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)
