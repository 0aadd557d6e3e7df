"""A run told with the next stage in the same sentence: the figure read is the pre-training's, whatever
stage the sentence goes on to."""

from __future__ import annotations

import pytest

from tests.osprey_texts import primary_of


@pytest.mark.parametrize("sentence", [
    "Osprey took 8 hours to pre-train and 3 hours to fine-tune on 4 V100 GPUs.",
    "Osprey took 8 hours of pre-training and 3 hours of fine-tuning on 4 V100 GPUs.",
])
def test_a_time_for_pre_training_before_a_time_for_fine_tuning_is_the_pre_trainings(sentence):
    primary = primary_of(sentence)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(4 * 8 * 3600)


def test_a_fine_tuning_time_alone_stays_fine_tuning():
    assert primary_of("Fine-tuning Osprey took 8 hours on 4 V100 GPUs and 3 hours to evaluate.") is None


@pytest.mark.parametrize("sentence", [
    "We use 2T tokens for pre-training and 10B tokens for fine-tuning.",
    "Pre-training uses 2T tokens and fine-tuning uses 10B tokens.",
    "During pre-training the model sees 2T tokens, and 10B tokens are used for instruction tuning.",
])
def test_tokens_for_pre_training_beside_tokens_for_fine_tuning_are_the_runs(sentence):
    primary = primary_of("Osprey has 7B parameters. " + sentence)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_a_corpus_sized_without_a_word_of_training_is_still_not_paired():
    text = "Osprey has 7B parameters. The web corpus holds 2T tokens and the code corpus 300B tokens."
    assert primary_of(text) is None


def test_what_follows_a_semicolon_is_another_clause():
    primary = primary_of("Osprey was trained on 32 V100s for 5 days; inference on a protein takes 10 s.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(32 * 5 * 86400)


def test_a_citation_after_a_semicolon_still_credits_the_run_before_it():
    assert primary_of("Kite was trained on 512 V100s for 21 days; see Smith et al. (2021).") is None
