"""Short texts of our own for sizes written with words around them: a count of tokens given with the
article ("over a trillion tokens"), words describing a model before its size ("a bilingual 100B
foundation model") and between its size and "model" ("a 7B language model"), the roles and families
whose size is no trained model's ("a 7B reward model", "the 9B series models"), and a mixture's active
count however its sentence pairs it with the total ("a 671B-parameter MoE model (37B activated)", "400B
parameters and 17B active parameters", "of which 12B are used per token")."""

from __future__ import annotations

import pytest

from curation.extract.engine import extract
from curation.extract.quantities import parse_plain
from tests.osprey_texts import TITLE, primary_of

# -- "a trillion tokens" ----------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "We trained Osprey-7B on over a trillion tokens.",
    "Osprey-7B was pre-trained on a trillion tokens of web text.",
])
def test_a_trillion_is_one_trillion(sentence):
    primary = primary_of(sentence)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 1e12, rel=0.01)


def test_the_article_is_a_count_only_before_billion_or_trillion_and_as_a_word():
    """"an extra billion tokens" adds to something untold; "a million tokens" of context is no run; the
    "a" ending "extra" is no article."""
    assert parse_plain("a") == 1.0
    assert primary_of("We trained Osprey-7B on an extra billion tokens.") is None
    primary = primary_of("We trained Osprey-7B on 2T tokens with a context of a million tokens.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12, rel=0.01)


# -- words around a size ----------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, parameters", [
    ("We pre-train a bilingual 100B foundation model on 1T tokens.", 100e9),
    ("Pre-training a multilingual 100B Foundation model on data with over a trillion tokens.", 100e9),
    ("Pre-training a 7B language model on 1T tokens.", 7e9),
    ("A 13B decoder-only model was trained on 1T tokens.", 13e9),
    ("Osprey, a 7B language model, was trained on 1T tokens.", 7e9),
])
def test_words_describing_a_model_around_its_size(sentence, parameters):
    primary = primary_of(sentence)
    assert primary is not None and primary.value_flop == pytest.approx(6 * parameters * 1e12, rel=0.01)


def test_a_model_in_another_role_lends_no_size_to_the_run():
    """The 7B sizes the reward model, not the policy trained on the tokens."""
    estimates = extract(TITLE + "We train the policy with a 7B reward model on 1T tokens.\n", 2024).estimates
    assert not any(e.value_flop == pytest.approx(6 * 7e9 * 1e12, rel=0.01) for e in estimates)


def test_a_family_of_sizes_is_no_model_of_that_size():
    """"the 9B series models" names a family; its row tells a continuation of another model."""
    body = ("| 9B series models | Best at code. | Osprey-9B is trained further from Osprey-6B on 0.8T "
            "tokens. |")
    assert primary_of(body) is None


# -- a mixture's active count and the total its sentence gives ------------------------------------------

@pytest.mark.parametrize(("sentence", "active", "tokens"), [
    ("Osprey-MoE is a 671B-parameter MoE model (37B activated) trained on 14.8T tokens.", 37e9, 14.8e12),
    ("Osprey-MoE is a 235B MoE (22B active) trained on 36T tokens.", 22e9, 36e12),
    ("Osprey-MoE, a 1T-parameter model (32B activated), was trained on 15.5T tokens.", 32e9, 15.5e12),
    # a total with no "total" before the active count of its sentence
    ("Osprey-MoE, a 300B-parameter model with 30B active, was trained on 10T tokens.", 30e9, 10e12),
    ("Osprey-MoE has 400B parameters and 17B active parameters. We pretrained it on 22T tokens.", 17e9,
     22e12),
    ("Osprey-MoE (47B) is trained on 8T tokens; only 13B parameters are active for each token.", 13e9, 8e12),
    # the part each token uses, and an activation "per token" after a decimal count
    ("Osprey-MoE has 52B parameters, of which 12B are used per token, and was trained on 3T tokens.", 12e9,
     3e12),
    ("Osprey-MoE is a sparse model with 1.2T parameters, activating 96.6B per token, trained on 1.6T tokens.",
     96.6e9, 1.6e12),
    ("Osprey-MoE is a sparse mixture of experts with 47B parameters, 13B of which are active per token. It "
     "was trained on 8T tokens.", 13e9, 8e12),
    # the part used "for each token", the tokens in the next sentence; the active size glossing the name
    ("Osprey-MoE is an 8x7B MoE. It has 47B parameters, of which 13B are used for each token. Trained on 8T "
     "tokens.", 13e9, 8e12),
    ("Osprey-MoE (A13B) is a sparse model with 47B parameters, trained on 8T tokens.", 13e9, 8e12),
])
def test_an_active_count_replaces_the_total_its_sentence_gives(sentence, active, tokens):
    """The active count is the part each token uses (the total was taken, up to 18× too much, or the
    figure was read as one per token); an active size alone ("A13B") names no model."""
    primary = primary_of(sentence, 2025)
    assert primary is not None and primary.value_flop == pytest.approx(6 * active * tokens, rel=0.01)
    assert primary.model != "A13B"
