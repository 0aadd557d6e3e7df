"""Short texts of our own in the shapes surveys, analyses and method papers use to tell of runs that are
not theirs: hearsay in the passive, what another organization reported, an example introduced as one,
the cost of training a model in general, suppositions, and a model a figure shows. None is the text's
run; the text's own run beside such words still is."""

from __future__ import annotations

import pytest

from curation.extract.engine import extract
from tests.osprey_texts import TITLE, primary_of

A100_DAY = 86400 * 312e12 * 0.3



@pytest.mark.parametrize("body", [
    "It has been estimated that training Kite-4 used around 25,000 A100 GPUs for 90 to 100 days.",
    "Lark AI reported that Kite 405B was trained on 16,384 H100 GPUs over 54 days.",
    "Industry labs now train models on tens of thousands of GPUs; for instance, a 405B model was trained "
    "on 15.6T tokens.",
    "Our method reduces the cost of training a 70B model on 2T tokens from 1.7M GPU hours to 1.2M GPU "
    "hours.",
    "Assume a 70B model trained on 1.4T tokens; the compute is C = 6ND = 5.9e23 FLOPs.",
    "Suppose one trains a 13B model on 2,048 GPUs for 30 days.",
    "Consider a model trained with 1e25 FLOPs: our law predicts a loss of 1.8.",
    "Let us consider a 70B model trained on 1.4T tokens, which costs 5.9e23 FLOPs.",
    # the consequence drawn in the next sentence
    "Suppose a model with 70B parameters is trained on 1.4T tokens. Then the training compute is "
    "C = 6ND = 5.9e23 FLOP.",
    "Assume a 13B model is trained on 2,048 GPUs. In that case the run needs about 2e24 FLOPs.",
    "Figure 3 shows the loss of a 13B model trained for 300B tokens on 256 GPUs with our optimizer.",
    "The largest models today are trained with more than 1e25 FLOPs.",
    "Such models are typically trained on 2,048 GPUs for 90 days.",
    "We benchmark 12 open models. The largest, Kite-70B, was trained on 2T tokens on 2,048 A100 GPUs for "
    "21 days.",
])
def test_runs_told_of_but_not_run_give_no_figure(body):
    primary = primary_of(body)
    assert primary is None or primary.value_flop < 1e21


@pytest.mark.parametrize(("body", "flop"), [
    ("For example, our 7B model was trained on 2T tokens.", 6 * 7e9 * 2e12),
    ("Osprey-7B, for instance, was trained on 2T tokens.", 6 * 7e9 * 2e12),
    ("Assuming 40% MFU, we trained Osprey for 21 days on 2048 A100 GPUs.", 2048 * 21 * A100_DAY * 0.4 / 0.3),
    ("We then consider a 7B model trained on 2T tokens, our Osprey-7B.", 6 * 7e9 * 2e12),
    ("We pre-train Osprey-7B on 2T tokens. Then the training compute is 8.4e22 FLOPs.", 8.4e22),
    ("We trained Osprey for 21 days on 2048 A100 GPUs with an MFU of 0.4.", 2048 * 21 * A100_DAY * 0.4 / 0.3),
    # a field with the unit in its key
    ("We trained Osprey for 21 days on 2048 A100 GPUs.\n\n- MFU %: 40.00%", 2048 * 21 * A100_DAY * 0.4 / 0.3),
    ("To reduce the cost of training a 7B model, we train Osprey-7B on 2T tokens.", 6 * 7e9 * 2e12),
    ("Osprey Labs announced that Osprey-7B was trained on 2T tokens.", 6 * 7e9 * 2e12),
    ("Figure 3 shows the loss of Osprey-7B, which we trained on 2T tokens.", 6 * 7e9 * 2e12),
    ("The largest models are trained on 2T tokens; Osprey-7B has 7 billion parameters.", 6 * 7e9 * 2e12),
])
def test_the_texts_own_run_beside_such_words(body, flop):
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(flop)


@pytest.mark.parametrize("body", [
    "Osprey has 7B parameters. We crawled 30T tokens of web text, of which we trained on 2T tokens.",
    "We crawled 30T tokens of web text and trained Osprey, a 7B-parameter model, on 2T tokens of it.",
    "Osprey, a 7B-parameter model, is trained on 2T tokens sampled from 30T tokens we collected.",
    "Osprey has 7B parameters. From the 30T tokens we collected, we trained on 2T tokens.",
])
def test_the_corpus_a_runs_data_is_drawn_from_is_not_the_run(body):
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


@pytest.mark.parametrize("body", [
    "Osprey has 7B parameters and was trained on 1T tokens. We distill from a 70B teacher trained on 15T "
    "tokens.",
    "Osprey has 7B parameters and was trained on 1T tokens by distilling from a teacher model (Kite-70B), "
    "which was pre-trained on 15T tokens.",
])
def test_a_teachers_run_told_in_a_participle_is_not_the_run(body):
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 1e12)


RUN_SECONDS = 1024 * 10 * 86400


@pytest.mark.parametrize("body", [
    "Osprey was trained with 1,024 H100s in 10 days, while Kite needed 40 days.",
    "Osprey was trained on 1,024 H100s in 10 days, compared to 40 days for Kite.",
    "Osprey was trained on 1,024 H100s for 10 days, much less than the 40 days Kite took.",
    "Kite needed 40 days on 2,048 A100 GPUs, while Osprey was trained with 1,024 H100s in 10 days.",
])
def test_a_run_set_against_another_models_keeps_its_own_time(body):
    primary = primary_of(body)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(RUN_SECONDS)


def test_a_sibling_sizes_time_set_against_the_other_is_still_the_families():
    body = "Training the 7B model took 10 days, while the 70B model took 40 days on 512 A100 GPUs."
    primary = primary_of(body)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(512 * 40 * 86400)


def test_a_sentence_whose_subject_is_another_named_model_is_that_models_run():
    body = ("Osprey has 7B parameters and was trained on 2T tokens. Kite was trained for 90 days on 2,048 "
            "A100 GPUs.")
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


@pytest.mark.parametrize("body", [
    "Osprey is a 1B model distilled from Kite-70B (trained on 15T tokens) using 100B tokens.",
    "Osprey (1B parameters) is initialized from Kite-1B (pre-trained on 15T tokens) and trained on 100B "
    "tokens.",
])
def test_a_gloss_of_the_model_a_run_starts_from_is_not_the_run(body):
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1e9 * 100e9)


def test_a_gloss_of_a_teachers_run_on_its_devices_is_the_teachers():
    primary = primary_of("We distill a 30B teacher (trained on 8T tokens on 4,096 H100s for 40 days) into "
                         "Osprey.")
    assert primary is None


def test_another_models_run_right_after_a_section_heading_is_still_its_own():
    text = TITLE + "Kite was trained for 90 days on 2,048 A100 GPUs.\n"
    assert extract(text, 2024).primary is None


@pytest.mark.parametrize("body", [
    "PyTorch was used to train Osprey on 512 A100 GPUs for 21 days.",
    "Megatron-LM was used to train Osprey on 512 A100 GPUs for 21 days.",
])
def test_a_sentence_that_names_the_own_model_is_its_run_whatever_its_subject(body):
    primary = primary_of(body)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(512 * 21 * 86400)


def test_hearsay_early_in_a_sentence_governs_a_figure_late_in_it():
    body = ("Kite-1 was reportedly trained on 25,000 A100 GPUs for 90 to 100 days, at a cost of about 2.1e25 "
            "FLOP.")
    assert primary_of(body) is None


@pytest.mark.parametrize("body", [
    "One lab told us their 70B run took 1.7M GPU hours on H100s.",
    "Engineers at another lab informed us that their run used 4,096 H100 GPUs for 40 days.",
])
def test_what_others_told_us_is_hearsay(body):
    assert primary_of(body) is None


@pytest.mark.parametrize("sentence", [
    "Heron used 6,144 TPU v4 chips for 50 days.",
    # a first person that only guides the reader claims no run
    "As we discuss in Section 4, Heron-13B required 1.2e22 FLOPs to train.",
])
def test_a_survey_by_its_title_quotes_even_one_run_of_another(sentence):
    text = ("A Survey of Large Language Models\n\nAbstract\nWe review recent models.\n\n3 Scaling\n"
            + sentence + "\n")
    assert extract(text, 2024).primary is None
    review = ("Efficient Attention: A Review\n\nAbstract\nThis paper reviews efficient attention.\n\n"
              + sentence + "\n")
    assert extract(review, 2024).primary is None


def test_a_venues_review_header_is_no_survey():
    text = ("Under review as a conference paper at ICLR 2024\nOSPREY: EFFICIENT MODELS\n\nAbstract\nWe train "
            "Osprey.\n\n3 Training\nOsprey was trained on 64 A100 GPUs for 10 days.\n")
    primary = extract(text, 2024).primary
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(64 * 10 * 86400)


@pytest.mark.parametrize("planned", [
    "We plan to train a 30B model on 5T tokens next year.",
    "We will train a 30B model on 5T tokens.",
])
def test_a_planned_run_is_not_the_texts(planned):
    primary = primary_of("Osprey-7B is trained on 2T tokens. " + planned)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_a_run_under_way_is_the_texts():
    primary = primary_of("Osprey-7B is being trained on 2T tokens.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


@pytest.mark.parametrize("body", [
    "Training compute has grown quickly; Lark used 5.8e23 FLOPs.",
    "For example, Lark used 5.8e23 FLOPs.",
    "By contrast, Lark was trained with 5.8e23 FLOPs.",
    "We train Osprey on 400B tokens; Lark used 5.8e23 FLOPs.",
])
def test_another_models_figure_after_an_opener_or_a_semicolon_is_cited(body):
    """A one-word name the text never claims, as the subject of its clause after words that open the
    sentence or after a semicolon, tells another model's run; the "we train" of one clause claims only
    the names in that clause."""
    assert primary_of(body) is None


def test_the_own_run_before_a_semicolon_stays_the_primary():
    primary = primary_of("We train Osprey-7B on 2T tokens; Lark used 5.8e23 FLOPs.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


@pytest.mark.parametrize("body", [
    "Models were trained on 256 A100 GPUs for 11 days.",
    "Networks were trained on 256 A100 GPUs for 11 days.",
])
def test_a_plural_noun_opening_the_sentence_is_no_models_name(body):
    primary = primary_of(body)
    assert primary is not None and primary.model is None
    assert primary.value_flop == pytest.approx(256 * 11 * A100_DAY)
