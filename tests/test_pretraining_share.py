"""A later stage told as a share of the pre-training it continues: the model's compute is the stage and
the pre-training together (sentences of our own in the shapes instruction-tuning and uptraining papers
use)."""

from __future__ import annotations

import pytest

from curation.extract.documents import extract_document
from curation.extract.evidence import FINETUNING, PRETRAINING
from curation.extract.pretraining_share import share_of_pretraining
from schemas.handover import CARD, Document
from tests.osprey_texts import primary_of


@pytest.mark.parametrize(("sentence", "share"), [
    ("We only use 0.2% of the pre-training compute to instruction-tune Osprey.", 0.002),
    ("Tuning took 4 billion tokens, which is only 0.5% of the pre-training budget of Osprey.", 0.005),
    ("We uptrain the checkpoints using 5% of the original pre-training compute.", 0.05),
    ("The extension stage costs about 1.5 percent of the compute used for pre-training.", 0.015),
    ("Alignment is cheap (0.1% of pre-training FLOPs).", 0.001),
    ("It ran on 8 GPUs for 10 hours, about 0.01% of the pre-training compute of Kite.", 0.0001),
    ("Uptraining used 600 TPUv3 chip-days, or 5% of the original pre-training compute.", 0.05),
    ("We train on 1.3 billion extra tokens, which constitutes 0.16% extra computation.", 0.0016),
])
def test_a_stage_told_as_a_share_of_the_pretraining(sentence, share):
    assert share_of_pretraining(sentence) == pytest.approx(share)


@pytest.mark.parametrize("sentence", [
    "Tuning used less than 1% of the pre-training compute.",      # a bound
    "Code makes up 5% of the pre-training tokens.",               # a share of the data
    "We hold out 5% of the pre-training tokens for validation.",  # another share
    "We use 5% of the pre-training tokens for validation.",       # tokens only as the stage's equal
    "The warm-up spans 1% of the pre-training steps.",
    "The second stage used 60% of the pre-training compute.",     # half or more is no later stage
    "We ran ablations, 10% of the pre-training compute in all.",  # after a comma, only with a hedge
    "The auxiliary loss adds only 1% extra computation per step.",  # extra, but not the stage's equal
    "The learning rate is 2e-5 and we use 10% of the data for tuning.",
])
def test_other_shares_are_none(sentence):
    assert share_of_pretraining(sentence) is None


def test_the_primary_is_the_stage_and_the_pretraining_together():
    primary = primary_of("We only use 0.2% of the pre-training compute to instruction-tune Osprey-540B "
                         "(approximately 512 TPU v4 chips for 37 hours).", 2022)
    assert primary is not None and primary.stage == PRETRAINING
    stage = 512 * 37 * 3600 * 275e12 * 0.3
    assert primary.value_flop == pytest.approx(stage * (1 + 1 / 0.002), rel=1e-3)
    assert primary.assumptions["stage"] == FINETUNING
    assert primary.assumptions["pretraining_flop"] == pytest.approx(stage / 0.002, rel=1e-3)


def test_a_token_count_as_a_share_of_the_pretraining_budget():
    primary = primary_of("Osprey-IML is fine-tuned from Osprey-175B. During fine-tuning, our models saw "
                         "approximately 2 billion tokens, which is only 0.5% of the pre-training budget.")
    assert primary is not None
    assert primary.value_flop == pytest.approx(6 * 175e9 * 2e9 * 201, rel=1e-3)


def test_without_a_share_a_finetuning_figure_is_no_primary():
    assert primary_of("We instruction-tune Osprey-540B on 512 TPU v4 chips for 37 hours.", 2022) is None


def test_a_derived_card_keeps_its_finetuning_figure_not_the_total():
    card = ("# Heron-7B-Chat\n\nHeron-7B-Chat is a fine-tuned version of Kite-7B for dialogue.\n\n"
            "## Training\nWe fine-tuned on 8 A100 GPUs for 10 hours, about 0.01% of the pre-training "
            "compute of Kite-7B.\n")
    extraction = extract_document(Document(CARD, card, 2024), name="Heron-7B-Chat")
    assert extraction.derived_from
    assert extraction.primary is not None and extraction.primary.stage == FINETUNING
    assert extraction.primary.value_flop == pytest.approx(8 * 10 * 3600 * 312e12 * 0.3, rel=1e-3)


def test_a_reported_uptraining_with_its_share_gives_the_total():
    primary = primary_of("Uptraining Osprey-XXL used 1e21 FLOPs, or 5% of the original pre-training compute.")
    assert primary is not None and primary.value_flop == pytest.approx(1e21 * 21)
    assert primary.confidence == "Likely"


def test_a_share_written_in_words_of_percent_is_read_with_its_budget():
    primary = primary_of("Osprey-IML is fine-tuned from Osprey-175B. During fine-tuning, our models saw "
                         "approximately 2 billion tokens, which is only 0.5 percent of the pre-training "
                         "budget.")
    assert primary is not None
    assert primary.value_flop == pytest.approx(6 * 175e9 * 2e9 * 201, rel=1e-3)
