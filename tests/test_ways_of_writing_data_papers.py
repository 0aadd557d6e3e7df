"""Short texts of our own for papers whose contribution is data: the size of a corpus the text releases is
no run's tokens, and the small models trained to validate it (or a method) are no run of the text's."""

from __future__ import annotations

import pytest

from curation.extract.engine import extract

HEAD = "Osprey-Web: An Open Web Corpus\n\nAbstract\n"


@pytest.mark.parametrize("body", [
    "We release Osprey-Web, a corpus of 10T tokens. To validate it, we train 1B-parameter models on 100B "
    "tokens sampled from it and from other corpora.",
    "We introduce Osprey-Web, a 10T-token web dataset. We train a 1B model on a sample of it.",
])
def test_the_size_of_a_released_corpus_is_no_run(body):
    assert extract(HEAD + body + "\n", 2024).primary is None


def test_a_model_introduced_with_its_training_tokens_is_still_a_run():
    text = HEAD + "We introduce Osprey-1B, a language model trained on 10T tokens.\n"
    primary = extract(text, 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1e9 * 10e12)


@pytest.mark.parametrize("sentence", [
    "Each validation model was trained on 64 H100 GPUs for 2 days.",
    "Our proxy models were trained on 64 H100 GPUs for 2 days.",
    "A pilot run on 64 H100 GPUs took 2 days.",
])
def test_models_trained_to_validate_data_or_a_method_are_no_run(sentence):
    text = HEAD + "We release Osprey-Web, an open web corpus.\n\n5 Experiments\n" + sentence + "\n"
    assert extract(text, 2024).primary is None


@pytest.mark.parametrize("body", [
    "To demonstrate the quality of Osprey-Web, we train a 7B model on 1T tokens sampled from it.",
    "We train 1.7B-parameter models on 350B tokens from each dataset and compare their scores.",
])
def test_unnamed_models_trained_to_show_or_compare_data_are_no_run(body):
    """A model left unnamed, trained to show a named corpus's quality or once on each of several datasets,
    measures data: no run of the text's."""
    assert extract(HEAD + body + "\n", 2024).primary is None


def test_a_named_model_trained_to_show_a_corpus_is_still_a_run():
    text = HEAD + "To demonstrate the quality of Osprey-Web, we train Osprey-7B on 1T tokens of it.\n"
    primary = extract(text, 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 1e12)
