"""Short texts of our own for the ways of writing a twenty-third round found in papers written in the
shapes of older and newer reports: a title that is a name's report ("Heron2 Technical Report"), a
compute figure with "pre-training" before its unit, a variant's word after the name ("Heron-1 Jumbo
has …"), a claim whose words carry a decimal or that tells the run as the time of another statement
("… when training our 8.3B model"), "scale" as a noun, a token count told of the largest model
against one told of the family's range, a size told of "the largest" after a semicolon, the whole
corpus a run trains on and a batch sized in tokens as an adjective ("a 4M-token batch"), a run
initialized from another model, a rate with a word before its unit, a digit glued to "GPU", one GPU
named with no count, one server's cores, a sibling's device time under a title of one size, and a
multiplied time told of the model it names."""

from __future__ import annotations

import pytest

from curation.extract.documents import extract_document
from curation.extract.flagship_counting import trains
from schemas.handover import PAPER, Document


def _primary(text: str, year: int = 2023):
    return extract_document(Document(PAPER, text, year)).primary


@pytest.mark.parametrize("heading", ["", "# "])
def test_a_report_title_names_the_texts_own_family(heading):
    text = (f"{heading}Heron2 Technical Report\n\nHeron2 is a series of large language models. Heron2-72B "
            "is pre-trained on 7 trillion tokens. We release all weights.\n")
    primary = _primary(text)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 72e9 * 7e12)


def test_a_sized_name_no_title_names_stays_unclaimed():
    text = ("Notes on Evaluation\n\nKite2 is a series of large language models. Kite2-72B is pre-trained "
            "on 7 trillion tokens. We release all weights.\n")
    assert _primary(text) is None


@pytest.mark.parametrize("unit", ["pre-training FLOPs", "pretraining FLOPs", "train FLOPs",
                                  "total training FLOPs"])
def test_a_compute_figure_with_its_stage_before_the_unit(unit):
    text = (f"# Heron-Disc: Text Encoders as Discriminators\n\nHeron-Disc-Large uses 3.1e20 {unit}, "
            "comparable to far larger models.\n")
    primary = _primary(text, 2020)
    assert primary is not None and primary.value_flop == pytest.approx(3.1e20)


def test_a_variants_capitalized_word_after_the_name_keeps_the_size_the_models():
    text = ("# Heron-1: Technical Details and Evaluation\n\nHeron-1 Jumbo has 178B parameters. Heron-1 "
            "Jumbo was trained on 300B tokens.\n")
    primary = _primary(text, 2021)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 178e9 * 300e9)


def test_a_claim_reads_past_a_decimal_and_a_run_told_as_the_time_of_a_statement():
    text = ("# Finch-LM: Training Multi-Billion Parameter Models\n\nWe sustain 15.1 PetaFLOPs across the "
            "whole application with 76% scaling efficiency when training our 8.3 billion parameter model "
            "on 512 GPUs. The model was trained for 2 epochs over 174GB of text (approximately 46B "
            "tokens).\n")
    primary = _primary(text, 2019)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 8.3e9 * 92e9)


@pytest.mark.parametrize(("sentence", "claims"), [
    ("We made the point in §5.2 that scale is not the only factor.", False),
    ("We show that scale matters more than data.", False),
    ("We scale Heron to 70B parameters.", True),
    ("We then scale the model to 7B.", True),
    ("We used the Kite architecture, scaled down to a 1.2B parameter size.", True),
])
def test_scale_claims_a_run_only_as_a_verb_with_its_object(sentence, claims):
    assert trains(sentence) is claims


def test_the_largest_models_token_count_beats_the_familys_range():
    text = ("# Heron: Dialog Models\n\nWe present Heron, a family of models with up to 137B parameters, "
            "pre-trained on 1.56T words of public dialog data and web text.\n\nThe largest Heron model was "
            "trained on 768B tokens.\n")
    primary = _primary(text, 2022)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 137e9 * 768e9)


def test_the_flagships_own_size_still_beats_a_larger_corpus_told_of_the_family():
    text = ("# Heron: Dialog Models\n\nWe present Heron, a family of models with up to 137B parameters.\n\n"
            "Our 137B model was trained on 768B tokens. The smaller models were trained on 1.2T tokens.\n")
    primary = _primary(text, 2022)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 137e9 * 768e9)


TRAINING = ("# Heron: Open Language Models\n\nWe introduce Heron, a family of open language models.\n\n"
            "## Training\n")


@pytest.mark.parametrize("sentence", [
    "All Heron models are trained for one epoch on 2.6T tokens; the largest has 13B parameters.",
    "Heron-13B was trained on the full 2.6T-token corpus.",
    "Heron-13B training ran for 650K steps with a 4M-token batch.",
    "We train Heron-13B for 650K steps using 4M token global batches.",
])
def test_a_run_told_of_the_family_the_whole_corpus_or_a_token_sized_batch(sentence):
    primary = _primary(TRAINING + sentence + "\n")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 13e9 * 2.6e12)


def test_the_largest_after_a_semicolon_is_not_another_texts_model():
    text = ("# Notes on Evaluation\n\nAll Kite models were trained by their makers on 2.6T tokens; the "
            "largest has 13B parameters.\n")
    assert _primary(text) is None


@pytest.mark.parametrize("start", ["Kite-Coder-Base-v1.5 7B (Smith et al., 2024)", "Kite-Coder-7B",
                                   "Kite-Coder 7B [12]"])
def test_a_run_initialized_from_another_model_is_the_texts_own_stage(start):
    text = (f"HeronMath 7B\n\nAbstract\nWe introduce HeronMath 7B.\n\n2 Training\nOur model is initialized "
            f"with {start} and trained for 500B tokens.\n")
    primary = _primary(text, 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 500e9)
    assert primary.assumptions["continued_from"].startswith("Kite-Coder")


def test_a_rate_with_a_word_before_its_unit_is_no_cue_against_the_run():
    text = ("Heron-P\n\nAbstract\nWe introduce Heron-P.\n\n2 Training\nPretraining speed on a single GPU "
            "(Nvidia Quadro RTX 5000) was 280 protein records per second. We trained the model for 28 days "
            "over 670M records.\n")
    primary = _primary(text, 2021)
    assert primary is not None and primary.method == "hardware"
    assert primary.assumptions["chip_seconds"] == pytest.approx(28 * 86400)


@pytest.mark.parametrize(("sentence", "chips"), [
    ("We used a single Nvidia Tesla V100GPU of 32 GB memory, and we trained the model for a week.", 1),
    ("We trained Heron-P for a week on 8GPUs (V100).", 8),
])
def test_a_digit_glued_to_gpu_reads_as_two_words(sentence, chips):
    primary = _primary(f"Heron-P\n\nAbstract\nWe introduce Heron-P.\n\n2 Training\n{sentence}\n", 2021)
    assert primary is not None and primary.assumptions["accelerator"] == "V100"
    assert primary.assumptions["chip_seconds"] == pytest.approx(chips * 7 * 86400)


@pytest.mark.parametrize(("sentence", "chips"), [
    ("The Heron model is trained for about 9 days using NVidia Tesla K40.", 1),
    ("We use NVIDIA K40 GPUs and train Heron for 9 days.", None),  # plural, no count: unknown
    ("We trained Heron for 9 days using K40s.", None),
])
def test_a_gpu_named_alone_in_the_singular_is_one_device(sentence, chips):
    primary = _primary(f"Heron\n\nAbstract\nWe introduce Heron.\n\n2 Training\n{sentence}\n", 2015)
    if chips is None:
        assert primary is None
    else:
        assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(9 * 86400)
        assert primary.model is None  # the maker's name ("NVidia") is no model


def test_one_servers_cores_train_a_model_when_gpus_are_denied():
    text = ("Heron\n\nAbstract\nWe introduce Heron.\n\n2 Training\nWe trained Heron in eight days on a "
            "64-core server with 512 GB of RAM. No GPUs were used.\n")
    primary = _primary(text, 2019)
    assert primary is not None and primary.method == "hardware"
    assert primary.assumptions["chip_seconds"] == pytest.approx(64 * 8 * 86400)


def test_a_siblings_device_time_is_not_the_titled_sizes():
    text = ("Heron-OSS-20B\n\nAbstract\nWe introduce Heron-OSS-20B.\n\n2 Training\nThe training run for "
            "Heron-OSS-120B required 2.1 million H100-hours to complete.\n")
    primary = _primary(text, 2025)
    assert primary is None or primary.value_flop < 1e24


def test_a_claimed_larger_size_stays_the_flagship_under_a_titled_smaller_one():
    text = ("Heron-20B: Open Models\n\nAbstract\nWe introduce Heron-20B and Heron-120B.\n\n2 Training\n"
            "Heron-120B was trained on 10T tokens.\n")
    primary = _primary(text, 2025)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 120e9 * 10e12)


def test_a_multiplied_time_is_told_of_the_model_it_names():
    text = ("Osprey: Open Models\n\n1 Introduction\nWe introduce Osprey.\n\n2 Training\nOsprey-7B took 10 "
            "days on 64 A100 GPUs, and Osprey-13B about 1.8x longer.\n")
    primary = _primary(text, 2023)
    assert primary is not None and primary.model == "Osprey-13B"
    assert primary.assumptions["chip_seconds"] == pytest.approx(64 * 18 * 86400)
