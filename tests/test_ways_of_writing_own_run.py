"""Short texts of our own for the ways of writing found by batteries of sentences in the shapes papers
and cards use: sizes that describe the own model, whose run a figure is, units and generations that are
not model names, compute columns, and set-ups spread over several sentences."""

from __future__ import annotations

import pytest

from curation.extract.device_sentences import find_device_counts
from curation.extract.engine import extract
from curation.extract.flagship_counting import find_flagship_counting
from curation.extract.model_names import nearby_model
from curation.extract.step_counting import step_tokens
from tests.osprey_texts import primary_of

DAY = 86400
CARD = "---\nlicense: apache-2.0\n---\n"


def primary_flop(text: str, year: int, name: str | None = None) -> float | None:
    primary = extract(text, year, name).primary
    return None if primary is None else primary.value_flop


# -- the own model's size, written as a description -------------------------------------------------

@pytest.mark.parametrize(("text", "parameters"), [
    # an appositive in a sentence that trains it
    ("Wren: small models\nWe pretrain Wren, a 1.1B language model, on 3 trillion tokens.", 1.1e9),
    # the title's name as the subject of "is a"
    ("Falconer\nFalconer is a 20 billion parameter autoregressive language model. "
     "It was trained on 400B tokens of web text.", 20e9),
    # "our 1.3B model"
    ("Compact models\nWe train on 300B tokens of code with our 1.3B model.", 1.3e9),
])
def test_a_size_that_describes_the_own_model(text, parameters):
    estimate = find_flagship_counting(text)[0]
    assert estimate.assumptions["parameters"] == pytest.approx(parameters)


def test_a_size_described_for_a_model_the_title_does_not_name_is_not_the_flagship():
    text = ("A study of retrieval\nA. Author, B. Author\nUniversity\nAbstract\n"
            "OtherLM is a 175B parameter model. We find that retrieval trained on 300B tokens helps.")
    assert find_flagship_counting(text) == []


# -- whose run a figure is ---------------------------------------------------------------------------

def test_a_figure_of_a_model_the_text_only_evaluates_is_cited():
    text = ("Probing reasoning\nWe evaluate Aster-3 and Borealis on 20 tasks. Aster-3 was trained with "
            "3.14e23 FLOPs, while Borealis used 5.76e23 FLOPs.")
    assert primary_flop(text, 2022) is None


def test_a_model_the_text_evaluates_and_also_trains_keeps_its_figure():
    text = ("Aster: a new model\nWe train Aster-3 from scratch. Aster-3 was trained with 3.14e23 FLOPs. "
            "We evaluate Aster-3 on 20 tasks.")
    assert primary_flop(text, 2022) == pytest.approx(3.14e23)


def test_two_methods_read_from_one_sentence_describe_one_run():
    # 6·N·D is 6.3e22; the device time at a default utilization is 3x larger: one run, counted once
    text = "Kite\nWe train Kite-7B on 1.5T tokens using 384 A100 40GB GPUs for two months."
    assert primary_flop(text, 2023) == pytest.approx(6.3e22)


def test_the_row_of_the_size_the_repository_names_is_the_cards_own():
    card = (CARD + "# Heron 2\n\n| Model | Time (GPU hours) | Power (W) |\n|---|---|---|\n"
            "| Heron 2 7B | 184320 | 400 |\n| Heron 2 13B | 368640 | 400 |\n"
            "| Heron 2 70B | 1720320 | 400 |\n\n"
            "Pretraining used A100-80GB GPUs.\n")
    assert extract(card, 2023, "org/Heron-2-13b-hf").primary.model == "Heron 2 13B"
    assert extract(card, 2023, None).primary.model == "Heron 2 70B"  # no repository: the largest run


def test_an_emissions_heading_that_only_names_its_topic_names_no_model():
    card = (CARD + "# Heron-7B\n\n## Carbon Emissions\n\n- Hardware Type: A100-SXM4-80GB\n"
            "- Hours used: 82,432\n- Cloud Provider: AWS\n")
    assert primary_flop(card, 2023) == pytest.approx(82_432 * 3600 * 312e12 * 0.3, rel=0.01)


# -- units and accelerator generations are not model names ----------------------------------------

@pytest.mark.parametrize("sentence", [
    "The model was trained using 4,096 TPU v5p chips over 30 days.",
    "The training run used 1.2 million GPU-hours on A100 GPUs.",
    "Our largest model takes about 2,500 TPUv3-core-days to train.",
    "Training required 6.3 zettaFLOPs in all.",
])
def test_units_and_accelerator_generations_are_not_models(sentence):
    assert nearby_model(sentence) is None


# -- training set-ups ----------------------------------------------------------------------------

def test_a_batch_of_sequences_of_a_length():
    sentence = "We train for 1 million steps with a batch size of 2048 sequences of length 512."
    (tokens, _), = step_tokens(sentence)
    assert tokens == pytest.approx(1e6 * 2048 * 512)


def test_pretrain_is_a_training_verb():
    (estimate,) = find_device_counts("We pretrain the model on 2,048 H100 GPUs for 30 days.", 2024)
    assert estimate.assumptions["chips"] == 2048


def test_a_duration_a_few_sentences_after_the_device_count():
    text = ("We trained our models on one machine with 8 P100 GPUs. Each training step took about 0.4 "
            "seconds. We trained the big models for 300,000 steps (3.5 days).")
    (estimate,) = find_device_counts(text, 2017)
    assert estimate.assumptions["chip_seconds"] == pytest.approx(8 * 3.5 * DAY)


def test_a_set_up_told_size_by_size_reaches_the_larger_sizes_duration():
    text = ("We trained our models on one machine with 8 V100 GPUs. For the small models, a step took 0.3 "
            "seconds. We trained the small models for 50,000 steps or 5 hours. For the large models, a step "
            "took 0.9 seconds. The large models were trained for 250,000 steps (2.6 days).")
    seconds = [e.assumptions["chip_seconds"] for e in find_device_counts(text, 2018)]
    assert max(seconds) == pytest.approx(8 * 2.6 * DAY)


def test_a_blank_line_ends_the_search_for_a_duration():
    text = "We trained our models on one machine with 8 P100 GPUs.\n\nThe data took 3 days to download."
    assert find_device_counts(text, 2017) == []


@pytest.mark.parametrize(("text", "tokens"), [
    (CARD + "# Heron-6.9B\n\nEach model saw 299,892,736,000 tokens during training.\n\n"
     "| Hyperparameter | Value |\n|---|---|\n| Parameters | 6,857,302,016 |\n", 299_892_736_000),
    ("Heron: open models\nWe introduce Heron-7B.\nHeron-7B was trained on 1,500,000,000,000 tokens.",
     1.5e12),
])
def test_token_counts_written_in_digits(text, tokens):
    primary = extract(text, 2023).primary
    assert primary is not None and primary.assumptions["training_tokens"] == pytest.approx(tokens)


# -- a column of training compute ------------------------------------------------------------------

@pytest.mark.parametrize(("header", "cell", "flop"), [
    ("Training compute (PF-days)", "270", 270 * 8.64e19),
    ("Train FLOPs (1e21)", "4.2", 4.2e21),
    ("Compute (zettaFLOPs)", "0.6", 0.6e21),
    ("ZFLOPs", "0.6", 0.6e21),  # a one-letter prefix no rate is written with
    ("Training FLOPs", "3.1 × 10^22", 3.1e22),
    ("PF-days", "39", 39 * 8.64e19),  # the unit alone is the header
    ("pfs-days", "39", 39 * 8.64e19),
])
def test_a_column_of_training_compute_in_the_unit_its_header_names(header, cell, flop):
    text = (f"# Heron\n\n| Model | Params | {header} |\n|---|---|---|\n| Heron-S | 125M | 0.5 |\n"
            f"| Heron-L | 13B | {cell} |\n")
    assert primary_flop(text, 2022) == pytest.approx(flop)


@pytest.mark.parametrize(("header", "chip_days"), [
    ("TPUv3-core-days", 150),  # a TPU v3 chip holds two cores
    ("Training time (TPU v3 core-days)", 150),
    ("TPUv3 days", 300),
    ("TPU v3 chip-days", 300),
])
def test_a_column_of_tpu_time_in_cores_or_chips(header, chip_days):
    text = (f"Heron: image models\n\nTable 2: Training cost.\n| Model | {header} |\n|---|---|\n"
            "| Heron-S | 10 |\n| Heron-L | 300 |\n")
    primary = extract(text, 2021).primary
    assert primary is not None and primary.model == "Heron-L"
    assert primary.assumptions["accelerator"] == "TPU v3"
    assert primary.assumptions["chip_seconds"] == pytest.approx(chip_days * 86400)


def test_a_column_of_compute_per_token_is_not_a_training_total():
    text = "# Heron\n\n| Model | FLOPs per token |\n|---|---|\n| Heron-L | 2.6e10 |\n"
    assert primary_flop(text, 2022) is None


# -- device counts written as products, with memory sizes, and longer names ------------------------

@pytest.mark.parametrize(("sentence", "chips", "accelerator"), [
    ("We trained the model on 32 x 8 A100 GPUs for 20 days.", 256, "A100 SXM"),  # nodes × GPUs a node
    ("We trained the model on 4×8 A100 for 20 days.", 32, "A100 SXM"),  # no device noun after the name
    ("We trained the model on 4x8 H100-80G for 20 days.", 32, "H100 SXM"),
    ("Training set-up: 8 nodes, 8x H100 per node, 20 days.", 64, "H100 SXM"),  # nodes listed, then per node
    ("We trained the model on 16 nodes of 8xH100 for 20 days.", 128, "H100 SXM"),
    ("We trained the model on 128 80GB A100s for 20 days.", 128, "A100 SXM"),  # memory before a plural
    ("We trained the model on 2 GTX 1080 Ti GPUs for 20 days.", 2, "GTX 1080 Ti"),  # not the GTX 1080
    ("We trained the model on 4 Titan X (Pascal) GPUs for 20 days.", 4, "Titan X Pascal"),
    ("We trained on 64 Trainium chips for 20 days.", 64, "Trainium"),
])
def test_device_counts_written_as_products_and_longer_names(sentence, chips, accelerator):
    (estimate,) = find_device_counts(sentence, 2024)
    assert (estimate.assumptions["chips"], estimate.assumptions["accelerator"]) == (chips, accelerator)


def test_a_sized_name_in_the_title_is_the_own_model():
    text = "# Heron-34B: an open bilingual model\n\nHeron-34B was trained on 3T tokens of text."
    estimate = find_flagship_counting(text)[0]
    assert estimate.value_flop == pytest.approx(6 * 34e9 * 3e12)


def test_a_token_count_restated_in_parentheses():
    sentence = "Heron-2B (2.5B parameters) was pre-trained on a corpus of 2 trillion (2T) tokens."
    assert primary_flop(sentence, 2024) == pytest.approx(6 * 2.5e9 * 2e12)


PAPER_HEAD = "{title}\nA. Author, B. Author\nSome University\n\nAbstract\n"


def test_figures_for_several_models_the_text_never_claims_are_quoted():
    text = PAPER_HEAD.format(title="A Survey of Large Language Models") + (
        "We review large language models. Aster-3 has 175B parameters and was trained on 300B tokens. "
        "Borealis-2 has 540B parameters and was trained on 780B tokens.")
    assert primary_flop(text, 2023) is None


def test_the_claimed_model_keeps_its_figure_beside_a_quoted_one():
    text = PAPER_HEAD.format(title="Heron: open models") + (
        "We present Heron-7B. Heron-7B has 7B parameters and was trained on 2T tokens. By comparison, "
        "Borealis-2 has 540B parameters and was trained on 780B tokens.")
    assert primary_flop(text, 2023) == pytest.approx(6 * 7e9 * 2e12)


def test_a_model_the_text_probes_is_not_claimed_by_a_later_verb():
    # "we probe X, which was trained on …": the verb after "we" uses the model, so no claim
    text = ("# What does Aster-3 175B know about chemistry?\n"
            "We probe Aster-3 175B, which was trained on 300 billion tokens, on 500 questions.")
    assert primary_flop(text, 2022) is None


@pytest.mark.parametrize(("sentence", "chip_seconds"), [
    ("We trained Heron for 48h on 8 V100 GPUs.", 8 * 48 * 3600),  # hours as "h"
    ("Training took 72 h on 4 Tesla P100 GPUs.", 4 * 72 * 3600),
    ("16 nodes × 8 H100 (80GB), training took 12 days.", 128 * 12 * DAY),  # nodes times GPUs a node
])
def test_hours_written_h_and_nodes_times_devices(sentence, chip_seconds):
    (estimate,) = find_device_counts(sentence, 2020)
    assert estimate.assumptions["chip_seconds"] == pytest.approx(chip_seconds)


def test_our_model_has_a_size():
    text = "Heron: a speech model\nOur final model has 1.5B parameters. We train it on 500B tokens of speech."
    assert find_flagship_counting(text)[0].value_flop == pytest.approx(6 * 1.5e9 * 500e9)


def test_a_pod_sized_in_cores():
    (pod,) = find_device_counts("We train on a 512-core TPU v3 pod for 2 days.", 2019)
    (chips,) = find_device_counts("We train on 256 TPU v3 chips for 2 days.", 2019)  # two cores a chip
    assert pod.value_flop == pytest.approx(chips.value_flop)


@pytest.mark.parametrize(("sentence", "chips", "accelerator"), [
    ("We use SGD with 50 replicas, each running on a K40 GPU; training took 2 weeks.", 50, "K40"),
    ("We trained for 10 epochs on a single NVIDIA GTX 1080, which took 3 days.", 1, "GTX 1080"),
])
def test_replicas_and_a_vendor_before_a_single_device(sentence, chips, accelerator):
    (estimate,) = find_device_counts(sentence, 2017)
    assert (estimate.assumptions["chips"], estimate.assumptions["accelerator"]) == (chips, accelerator)


def test_using_an_architecture_is_still_a_claim_on_the_model_built_with_it():
    text = ("Low-bandwidth training\nWe used the Osprey architecture, scaled down to a 1.2B parameter size. "
            "We trained it on 105B tokens of a shuffled web corpus.")
    assert find_flagship_counting(text)[0].value_flop == pytest.approx(6 * 1.2e9 * 105e9)


@pytest.mark.parametrize(("sentence", "chip_seconds"), [
    # a time per epoch counts times the epochs
    ("Each epoch took about 2 hours on 8 V100 GPUs, and we trained for 90 epochs.", 8 * 2 * 3600 * 90),
    ("We trained for 90 epochs on 8 V100 GPUs at 20 minutes per epoch.", 8 * 20 * 60 * 90),
    ("Training took 76 minutes on 1024 TPU v3 chips.", 1024 * 76 * 60),  # minutes
    # a time told for part of the run's epochs counts for all of them
    ("We pre-train for 1600 epochs using 64 TPU v3 chips; training takes 34.5 hours for 800 epochs.",
     64 * 34.5 * 3600 * 2),
    ("We pre-train for 800 epochs using 64 TPU v3 chips; training takes 34.5 hours for 800 epochs.",
     64 * 34.5 * 3600),
])
def test_minutes_and_times_per_epoch(sentence, chip_seconds):
    (estimate,) = find_device_counts(sentence, 2019)
    assert estimate.assumptions["chip_seconds"] == pytest.approx(chip_seconds)


def test_a_time_per_epoch_without_a_count_of_epochs_is_not_the_run():
    assert find_device_counts("Each epoch took about 2 hours on 8 V100 GPUs.", 2019) == []


def test_a_fine_tuning_stage_later_in_the_sentence_is_not_the_figures_stage():
    text = "# Heron-7B\n\nHeron-7B was pretrained on 2T tokens of text, and then fine-tuned on 10M tokens."
    estimate = find_flagship_counting(text)[0]
    assert (estimate.value_flop, estimate.stage) == (pytest.approx(6 * 7e9 * 2e12), "pretraining")


def test_a_card_line_of_several_fields_reads_each_field_alone():
    card = CARD + "# Heron\n\nParams: 1.1B | Tokens: 3T | Context: 2048\n"  # the context is another field's
    assert primary_flop(card, 2024) == pytest.approx(6 * 1.1e9 * 3e12)


@pytest.mark.parametrize("sentence", [
    "We ran the benchmark on 1024 A100 GPUs for 2 days.",
    "The sweep of 300 configurations took 2 days on 1024 A100 GPUs.",
    "Data preprocessing took 2 days on 1024 A100 GPUs.",
    "Generating the synthetic data took 2 days on 1024 A100 GPUs.",
])
def test_device_time_spent_on_something_other_than_training_is_no_run(sentence):
    assert primary_flop(sentence, 2023) is None


def test_training_on_synthetic_data_is_still_training():
    assert primary_flop("We trained on synthetic data for 2 days on 1024 A100 GPUs.", 2023) is not None


@pytest.mark.parametrize("sentence", [
    "Our method saves 1.2e21 FLOPs compared to the baseline.",  # compute saved, not spent
    "Training a 1T model would cost 1e25 FLOPs.",  # a projection
    "We estimate that Aster-4 was trained with 2e25 FLOPs.",  # someone else's run, estimated
])
def test_savings_projections_and_estimates_of_others_are_not_runs(sentence):
    assert primary_flop(sentence, 2023) is None


def test_an_estimate_of_the_texts_own_model_stays():
    text = ("Heron: open models\nWe present Heron-7B, trained from scratch. We estimate that training "
            "Heron-7B used 8e22 FLOPs.")
    assert primary_flop(text, 2023) == pytest.approx(8e22)


@pytest.mark.parametrize("sentence", [
    "We pre-train Heron for 40 epochs over a corpus of 3.3 billion words.",
    "We pre-train Heron for 40 epochs over the 3.3 billion word corpus.",
])
def test_a_corpus_sized_in_words(sentence):
    text = "Heron: bidirectional encoders\nWe introduce Heron, a 340M parameter model. " + sentence
    estimate = find_flagship_counting(text)[0]
    assert estimate.assumptions["training_tokens"] == pytest.approx(3.3e9 * 4 / 3)  # 0.75 words a token
    assert estimate.assumptions["tokens_per_word"] == pytest.approx(4 / 3)
    assert estimate.value_flop == pytest.approx(6 * 340e6 * 3.3e9 * 4 / 3 * 40)


def test_a_benchmark_named_for_its_words_is_no_corpus_size():
    text = ("Heron: recurrent models\nWe introduce Heron, a 340M parameter model. We train Heron on the "
            "One Billion Word benchmark.")
    assert find_flagship_counting(text) == []


def test_a_figure_two_finders_read_is_listed_once():
    card = CARD + "# Heron 6B\n\n| Model | Training FLOPs |\n|---|---|\n| Heron 6B | 1.5e22 |\n"
    assert [e.value_flop for e in extract(card, 2021).estimates] == [pytest.approx(1.5e22)]


def test_a_run_continued_from_a_base_named_with_a_hyphened_verb_is_the_texts_own():
    # (the base, named after "continually pre-trained from", is where the run starts, not whose it is)
    text = ("Osprey: Open Models\n\nAbstract\nWe introduce Osprey-7B.\n\n3 Training\nOsprey-7B is "
            "continually pre-trained from Kite-7B on 500B tokens of code. Kite-7B itself was trained on 2T "
            "tokens.\n")
    primary = extract(text, 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 500e9)


def test_each_run_of_a_sentence_of_several_is_its_nearest_models():
    text = ("Heron: Open Models\n\nAbstract\nWe introduce Heron-7B and Heron-70B.\n\n3 Training\n"
            "Heron-7B took 10 days on 256 A100 GPUs, while Heron-70B took 40 days on 2,048 A100 GPUs.\n")
    extraction = extract(text, 2023)
    assert extraction.primary is not None and extraction.primary.model == "Heron-70B"
    assert sorted(e.model for e in extraction.estimates) == ["Heron-70B", "Heron-7B"]


@pytest.mark.parametrize("heading", ["## Pre-training", "3 Pre-training"])
def test_a_list_of_the_models_runs_labelled_by_name(heading):
    # (each item is its model's, not one corpus of several; the own model's item gives its run)
    text = ("Heron: Open Bilingual Models\n\nAbstract\nWe present Heron-7B, a bilingual model.\n\n"
            f"{heading}\n\n- Heron-2B: 2T tokens on 256 TPU v5e chips\n"
            "- Heron-7B: 6T tokens on 1,024 TPU v5e chips\n")
    primary = extract(text, 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 6e12)


@pytest.mark.parametrize("body", [
    "The released model has 13B parameters. Pre-training used 2T tokens.",
    # the largest of the models the text trains
    "We trained Osprey on 2T tokens. The largest model has 13B parameters.",
])
def test_the_released_or_largest_model_with_its_size_is_the_own_flagship(body):
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 13e9 * 2e12)


def test_the_pre_trained_model_after_a_sentence_that_fine_tunes_another_is_that_ones():
    assert primary_of("We fine-tune Kite. The pre-trained model has 13B parameters and was trained on 2T "
                      "tokens.") is None
    primary = primary_of("We pre-train Osprey. The pre-trained model has 13B parameters and was trained on "
                         "2T tokens.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 13e9 * 2e12)


def test_it_after_a_sentence_about_our_model_is_our_model():
    primary = primary_of("Overall, our model sees 1.2 trillion tokens during pre-training. It has 9 billion "
                         "parameters.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 9e9 * 1.2e12)


@pytest.mark.parametrize("sentence", [
    "Heron-13B and Kite-13B were both trained on 2T tokens of web data.",
    "Heron-13B and the Kite-13B baseline were trained on 2T tokens.",
])
def test_the_own_model_first_in_a_subject_of_two_trained_together(sentence):
    """"Heron-13B and Kite-13B were both trained on 2T tokens": the figure is each one's, the own's too
    (before: the nearer Kite-13B's alone, no primary)."""
    text = f"Heron: Open Models\n\nAbstract\nWe introduce Heron-13B.\n\n2 Training\n{sentence}\n"
    primary = extract(text, 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 13e9 * 2e12)


def test_a_relative_clause_after_two_models_is_not_a_subject_of_two():
    text = ("Heron: Open Models\n\nAbstract\nWe introduce Heron-13B.\n\n2 Training\nWe compare Heron-13B and "
            "Kite-13B, which were trained on 2T tokens.\n")
    primary = extract(text, 2024).primary
    assert primary is None


@pytest.mark.parametrize("mark", ["[12]", "[[12](#bib.bib12)]", "[3, 4]"])
def test_the_own_models_run_citing_its_source_by_a_mark_stays_its_run(mark):
    """"Osprey-7B was trained on 2T tokens [12].": a mark after the figure of the own model (its name in
    the title) credits the data, not another work's run."""
    primary = primary_of(f"Osprey-7B was trained on 2T tokens {mark}.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_another_models_run_with_a_mark_stays_cited():
    assert primary_of("Finch-7B was trained on 2T tokens [12].") is None
