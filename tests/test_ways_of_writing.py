"""One short sentence of our own per way of writing a figure, for the finders added from the corpus's
failure classes: device counts with durations, whole-paper operation counting, card fields, derived
cards."""

from __future__ import annotations

import pandas as pd
import pytest

from curation.extract.card_finders import find_card_operation_counting, looks_like_model_card
from curation.extract.column_tables import find_column_runs
from curation.extract.context import eligible
from curation.extract.derived import derived_from
from curation.extract.device_sentences import find_device_counts
from curation.extract.device_time import find_hardware
from curation.extract.documents import extract_document, extract_documents
from curation.extract.engine import extract, plain_text
from curation.extract.evidence import sentence_around
from curation.extract.finders import find_reported
from curation.extract.flagship_counting import find_flagship_counting
from curation.extract.hardware_fields import find_hardware_fields
from curation.extract.model_names import model_before, nearby_model
from curation.extract.moe import active_parameter_pairs
from curation.extract.operation_counting import find_operation_counting
from curation.extract.step_counting import step_tokens
from schemas.handover import CARD, Document

DAY, WEEK, HOUR = 86400, 7 * 86400, 3600


def hardware(text: str, year: int) -> list:
    """Every hardware-method estimate of sentences: device time and device counts with a duration."""
    return find_hardware(text, year) + find_device_counts(text, year)


def only(estimates):
    assert len(estimates) == 1, estimates
    return estimates[0]


# -- device counts and durations in one sentence ---------------------------------------------------

@pytest.mark.parametrize(("sentence", "year", "chip_seconds", "accelerator"), [
    # number words, a range (midpoint), a memory size inside the device name
    ("Training the network took three to four days on two NVIDIA GTX 580 3GB GPUs.", 2012,
     2 * 3.5 * DAY, "GTX 580"),
    # the count first, the duration after a comma
    ("Using eight Titan Black GPUs, training one net took 2–3 weeks.", 2014, 8 * 2.5 * WEEK, "Titan Black"),
    # several counts: the largest is the main run
    ("Training the small net on two K20 GPUs, or the big net on six K40 GPUs, takes about 3-4 weeks.",
     2015, 6 * 3.5 * WEEK, "K40"),
    # "needed N months on M GPUs", hyphenated model number
    ("Training the classifier for five epochs needed 2 months on 40 K-80 GPUs.", 2017, 40 * 2 * 30.44 * DAY,
     "K80"),
    # "graphics cards" and "a cluster of"
    ("It took 30 days to train the model on a cluster of 400 A100 graphics cards.", 2022, 400 * 30 * DAY,
     "A100 SXM"),
])
def test_a_sentence_with_a_device_count_and_a_duration(sentence, year, chip_seconds, accelerator):
    estimate = only(find_device_counts(sentence, year))
    assert estimate.assumptions["chip_seconds"] == pytest.approx(chip_seconds)
    assert estimate.assumptions["accelerator"] == accelerator
    for span in estimate.evidence:
        assert sentence[span.start:span.end] == span.text


def test_the_duration_may_come_in_the_next_sentence():
    text = ("Pre-training ran on 32 Cloud TPUs (128 TPU chips in all). Each pre-training run took 5 days "
            "to finish. We then evaluate.")
    estimate = only(find_device_counts(text, 2018))
    assert estimate.assumptions["chips"] == 128
    assert estimate.assumptions["chip_seconds"] == pytest.approx(128 * 5 * DAY)
    assert estimate.assumptions["accelerator"] == "TPU v2"  # a bare TPU in 2018: the generation in service


@pytest.mark.parametrize("sentence", [
    "Each step of training needs 40K A100 GPU hours across the cluster.",  # device-hours, not a count
    "We measured throughput on 8 A100 GPUs and checkpointed every 2 hours.",  # no training duration
    "Our 4 V100 GPUs were bought 3 years ago for the lab.",  # no training
])
def test_sentences_that_are_not_a_device_count_for_a_duration(sentence):
    assert not [e for e in find_device_counts(sentence, 2020) if eligible(e)]


# -- operation counting across a paper ---------------------------------------------------------------

PAPER = """We introduce Wren, a family of language models. We train Wren-1.3B, Wren-3B and Wren-8B.
Table 2 compares Wren-8B with Lark-13B and Lark-65B, which other labs trained.
A hypothetical Wren-30B would need more memory than we have.
All Wren models are trained on 400B tokens of deduplicated web text with a batch of 2M tokens."""


def test_flagship_size_times_training_tokens_across_sentences():
    estimate = only(find_flagship_counting(PAPER))
    assert estimate.assumptions["parameters"] == 8e9  # not the cited Lark-65B, not the hypothetical 30B
    assert estimate.assumptions["training_tokens"] == 400e9  # not the batch
    assert estimate.value_flop == pytest.approx(6 * 8e9 * 400e9)
    assert estimate.confidence == "Speculative"


def test_mixture_of_experts_counts_active_parameters():
    text = ("We present Finch-MoE, a model with 400B total parameters and 20B activated parameters. "
            "We pre-train Finch-MoE 400B on 9T tokens.")
    estimate = only(find_flagship_counting(text))
    assert estimate.assumptions["active_parameters"] is True
    assert estimate.value_flop == pytest.approx(6 * 20e9 * 9e12)


def test_an_evaluation_of_someone_elses_model_is_not_a_flagship():
    text = ("We evaluate Osprey-70B on long documents. Osprey-70B was pre-trained on 2 trillion tokens "
            "by its authors. We find that its accuracy drops in the middle of the context.")
    assert find_flagship_counting(text) == []


# -- key-value fields of model cards -----------------------------------------------------------------

def test_the_carbon_template_fields_give_hardware_time():
    card = ("## Environmental Impact\n\n- **Hardware Type:** 16 V100 GPUs\n"
            "- **Hours used:** 240 hours (10 days)\n")
    estimate = only(find_hardware_fields(card.replace("**", ""), 2019))
    assert estimate.assumptions["chip_seconds"] == pytest.approx(16 * 240 * HOUR)
    assert estimate.assumptions["accelerator"] == "V100"


def test_a_tpu_slice_counts_cores_as_half_chips_and_device_hours_are_not_multiplied():
    pod = find_hardware_fields("* Hardware Type: TPU v3-64\n* Hours used: 100 hours\n", 2021)
    assert only(pod).assumptions["chip_seconds"] == pytest.approx(32 * 100 * HOUR)
    hours = find_hardware_fields("- Hardware Type: 32x A100-80GB\n- Hours used: 90 GPU-hours\n", 2023)
    assert only(hours).assumptions["chip_seconds"] == pytest.approx(90 * HOUR)


@pytest.mark.parametrize("hours", ["2,000 (512 chips)", "2,000 hours on 512 chips"])
def test_a_count_in_the_time_field_counts_a_hardware_field_that_gives_none(hours):
    card = f"- Hardware Type: TPUv4\n- Hours used: {hours}\n- Cloud Provider: GCP\n"
    estimate = only(find_hardware_fields(card, 2023))
    assert estimate.assumptions["chip_seconds"] == pytest.approx(512 * 2000 * HOUR)


def test_a_list_of_training_fields_and_a_sloppy_power_of_ten():
    card = "* GPUs: 256 H100-80G\n* Training time: 12 days\n* Total FLOPS: 3.5 x 10e22\n"
    estimates = find_hardware_fields(card, 2024)
    by_method = {e.method: e for e in estimates}
    assert by_method["hardware"].assumptions["chip_seconds"] == pytest.approx(256 * 12 * DAY)
    assert by_method["reported"].value_flop == pytest.approx(3.5e22)


# -- derived cards -----------------------------------------------------------------------------------

BASE_RUN = "\n\nThe model was pre-trained on 2T tokens. It has 7B parameters.\n"


@pytest.mark.parametrize(("card", "name", "base"), [
    ("---\nbase_model: lab/heron-7b\n---\n# Heron-7B-Chat" + BASE_RUN, "lab/heron-7b-chat", "lab/heron-7b"),
    ("# Heron 7B - GGUF\nThis repo contains GGUF format model files for Heron 7B." + BASE_RUN,
     "someone/Heron-7B-GGUF", "Heron 7B"),
    ("# heron-helper\nThis model is a fine-tuned version of heron-7b on support tickets." + BASE_RUN,
     "lab/heron-helper", "heron-7b"),
    ("# heron-7b-sft\nSupervised on 50k dialogues." + BASE_RUN, "lab/heron-7b-sft",
     "the model it was fine-tuned from"),
    # post-training methods "on top of" the base
    ("# Heron-Assist\nHeron-Assist is obtained by supervised fine-tuning and DPO on top of Heron-7B."
     + BASE_RUN, "lab/heron-assist", "Heron-7B"),
    # the weights re-published: a mirror, a re-saved copy
    ("# heron-7b-mirror\nMirror of lab/heron-7b." + BASE_RUN, "someone/heron-7b-mirror", "lab/heron-7b"),
    ("# Heron-7B-fp16\nHeron-7B converted to fp16 safetensors." + BASE_RUN, "someone/Heron-7B-fp16",
     "the model it was converted from"),
    ("# Heron-7B-sharded\nA sharded copy of Heron-7B for low-memory loading." + BASE_RUN,
     "someone/Heron-7B-sharded", "Heron-7B"),
])
def test_derived_cards_are_recognised(card, name, base):
    assert derived_from(card, name) == base
    assert extract_document(Document(CARD, card, 2024), name=name).primary is None


@pytest.mark.parametrize(("card", "name"), [
    # post-training told "on top of" the card's own pre-trained model, not of a base it names
    ("---\nlicense: mit\n---\n# Heron-7B\nWe produced the chat models by several rounds of alignment on "
     "top of the pre-trained model." + BASE_RUN, "lab/Heron-7B"),
    ("---\nlicense: mit\n---\n# Heron-7B\nThe chat models were trained on top of the pretrained model using "
     "supervised fine-tuning." + BASE_RUN, "lab/Heron-7B"),
    ("---\nlicense: mit\n---\n# Heron-7B\nThe instruct variant is derived from the pretrained model by SFT."
     + BASE_RUN, "lab/Heron-7B"),
    # an instruct release without a separate base: its pre-training is its own
    ("---\nlicense: mit\n---\n# Heron-7B-Instruct\nAlso available as ONNX and GGUF files." + BASE_RUN,
     "lab/Heron-7B-Instruct"),
    # a license's copy is no copy of weights
    ("---\nlicense: other\n---\n# Heron-7B\nYou shall provide a copy of this Agreement with any "
     "redistribution of Heron-7B." + BASE_RUN, "lab/Heron-7B"),
    # continued pre-training of a base is a new base model
    ("---\nbase_model: lab/heron-7b\n---\n# Heron-Code-7B\n- Training Stage: Pretraining\n" + BASE_RUN,
     "lab/Heron-Code-7B"),
])
def test_base_cards_are_not_taken_for_derived(card, name):
    assert derived_from(card, name) is None
    primary = extract_document(Document(CARD, card, 2024), name=name).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


@pytest.mark.parametrize(("sentence", "flop"), [
    # the continuation's run, told after the words that start it from its base
    ("Heron-Code-7B is initialized from Heron-7B and further pre-trained on 500B tokens of code.",
     6 * 7e9 * 500e9),
    # the base's run, in a relative clause
    ("Heron-Code-7B is initialized from Heron-7B, which was pre-trained on 2T tokens.", None),
])
def test_a_continuations_own_run_beside_its_base(sentence, flop):
    card = f"---\nlicense: mit\n---\n# Heron-Code-7B\n\n{sentence}\n"
    primary = extract_document(Document(CARD, card, 2024), name="lab/Heron-Code-7B").primary
    assert (primary and primary.value_flop) == (flop and pytest.approx(flop))


def test_a_derived_cards_fine_tuning_figure_is_kept_as_fine_tuning():
    card = ("---\nbase_model: lab/heron-7b\n---\n# Heron-7B-Chat\nFine-tuning took 8 A100 GPUs for 2 days."
            + BASE_RUN)
    primary = extract_document(Document(CARD, card, 2024), name="lab/heron-7b-chat").primary
    assert primary is not None and primary.stage == "finetuning"
    assert primary.assumptions["base_model"] == "lab/heron-7b"
    assert primary.assumptions["chip_seconds"] == pytest.approx(8 * 2 * DAY)


# -- choosing the own model and its figures (second round of failure classes) ----------------------

def test_a_card_counts_the_size_in_its_title_not_a_larger_sibling():
    card = ("---\nlicense: apache-2.0\n---\n# Wren-7B\n\nWren-7B is a causal decoder. A larger sibling, "
            "Wren-40B, is also available. Wren-7B was trained on 1,500B tokens.\n")
    estimate = only(find_flagship_counting(card))
    assert estimate.assumptions["parameters"] == 7e9
    assert estimate.value_flop == pytest.approx(6 * 7e9 * 1.5e12)


@pytest.mark.parametrize(("text", "is_card"), [
    ("---\nsource: a paper server\narxiv_id: 2401.00001\n---\n# Wren: a paper\n\nWe train Wren.", False),
    ("# Wren: a paper\n\nWe release model cards for every checkpoint, as is good practice.", False),
    ("---\nlicense: mit\npipeline_tag: text-generation\n---\n# Wren-7B\n", True),
    ("# Wren-7B\n\n## 2. Model Summary\n\nWren is small.", True),
])
def test_what_makes_a_text_a_model_card(text, is_card):
    assert looks_like_model_card(text) is is_card


@pytest.mark.parametrize(("sentence", "total", "active"), [
    ("It comprises 120B total parameters, of which 9B are activated for each token.", 120e9, 9e9),
    ("a model with a total of 40 billion parameters and 6 billion activated parameters.", 40e9, 6e9),
    ("We build a model with 12 billion activated parameters and 1 trillion total parameters.", 1e12, 12e9),
])
def test_a_sentence_pairs_a_total_with_its_activated_parameters(sentence, total, active):
    assert [(t, a) for t, a, _ in active_parameter_pairs(sentence)] == [(total, active)]


def test_a_dense_flagship_keeps_its_size_beside_a_smaller_mixture_of_experts_sibling():
    text = ("We introduce Kestrel, a family of models. Our flagship Kestrel-70B is dense, while "
            "Kestrel-40B-A8B is a mixture of experts with 8B activated parameters. We pre-train Kestrel-70B "
            "on 5 trillion tokens.")
    estimate = only(find_flagship_counting(text))
    assert estimate.assumptions["parameters"] == 70e9 and estimate.assumptions["active_parameters"] is False


def test_the_flagships_own_token_figure_beats_a_siblings_larger_corpus():
    text = ("We introduce Plover, trained at two sizes. We train Plover 3B on a corpus of 2T tokens. "
            "In a preliminary study, Plover 30B is trained on 200B tokens.")
    estimate = only(find_flagship_counting(text))
    assert estimate.assumptions["parameters"] == 30e9 and estimate.assumptions["training_tokens"] == 200e9


def test_a_capitalized_ordinary_word_is_not_a_model_name():
    text = ("We train sparse and dense models. We introduce a sparse router.\n\nSparse 1.1B was our first "
            "sparse attempt, and a sparse model is cheap. We train on 300B tokens.")
    assert all(e.model != "Sparse 1.1B" for e in find_flagship_counting(text))


def test_tokens_that_belong_to_another_named_model_are_not_paired():
    text = ("We propose a new routing scheme and train models with 200M parameters. For reference, we use a "
            "Harrier-XL model pre-trained on 500B tokens. Harrier-XL 40B is much larger.")
    assert find_flagship_counting(text) == []


@pytest.mark.parametrize(("sentence", "model"), [
    ("With 11B params and about 1 trillion tokens, T5 reached the best scores across GLUE, SuperGLUE.", "T5"),
    ("We report results on GLUE, SuperGLUE and MMLU after training for 2e21 FLOP.", None),
    ("The MMLU benchmark rose after 3e22 FLOP of training.", None),
    # what a dataset holds after its name
    ("Training runs 120 epochs over the 1.28M ImageNet training images.", None),
    ("We sample 10M Kinetics clips for 2e21 FLOP of training.", None),
])
def test_a_benchmark_or_dataset_is_never_the_model(sentence, model):
    assert nearby_model(sentence) == model


@pytest.mark.parametrize("sentence", [
    # a device without a datasheet
    "8 Q700 GPU's * 30 days * 12 TFLOPS/GPU * 0.33 utilization = .96 pfs-days",
    "The server holds 256GB RAM (16x16GB DIMMs) and trained for 12 hours.",
])
def test_a_name_a_device_noun_follows_is_no_model(sentence):
    assert nearby_model(sentence) is None


def test_a_benchmarks_performance_or_a_glossed_dataset_is_never_the_runs_model():
    """"the CodeBench performance saturates …", "trained on web code (deduplicated) and WebForum": a
    benchmark and a dataset, not the model the figure after them belongs to."""
    sentence = ("For 350M parameter models trained on web code (deduplicated python) and WebForum, the "
                "CodeBench performance saturates even after training for 96k steps (200B tokens).")
    assert model_before(sentence, sentence.find("200B")) is None
    assert nearby_model(sentence) is None


@pytest.mark.parametrize("sentence", [
    "Training took about 3 weeks on 32 TPU v4 devices, using 39 years of ERA5 reanalysis data.",
    "We report the CodeBench 5-shot accuracy after 20 days of training on 64 H100 GPUs.",
])
def test_a_dataset_or_a_benchmark_a_word_or_two_describe_is_no_model(sentence):
    assert nearby_model(sentence) is None


@pytest.mark.parametrize("sentence", [
    "Heron-7B trained on data from the web for 20 days on 64 H100 GPUs.",
    "The Heron-7B pre-training data took 20 days on 64 H100 GPUs to process.",
])
def test_a_model_a_verb_or_its_own_stage_follows_is_still_the_model(sentence):
    assert nearby_model(sentence) == "Heron-7B"


@pytest.mark.parametrize("sentence", [
    # an architecture's name alone
    "Our 2.6B UNet was trained for 600K steps on 256 A100 GPUs over 24 days.",
    # device time as a sentence's last word, and a kind of model
    "Training the largest model took 355 V100-years.",
    "Pre-training our MoE used 2.8M H800 GPU hours.",
    # a footnote's mark on the unit
    "Pre-training took 3.1e23 FLOP1.",
    "Training consumed 90k GPUh on H100s.",
])
def test_a_unit_or_a_kind_of_model_is_no_models_name(sentence):
    assert model_before(sentence, len(sentence)) is None


def test_a_derived_card_without_a_fine_tuning_figure_says_its_figures_are_the_bases():
    card = ("---\nbase_model: example/wren-7b\nlicense: mit\n---\n# Wren-7B-chat\n\nThis is a fine-tuned "
            "version of example/wren-7b. The base was trained on 64 A100 GPUs for 10 days.\n")
    rows = pd.DataFrame({"model": ["someone/wren-7b-chat"], "base_model": ["example/wren-7b"],
                         "document": [Document(CARD, card, 2024)]})
    row = extract_documents(rows).iloc[0]
    assert "training_compute_flop" not in row or pd.isna(row["training_compute_flop"])
    assert row["compute_evidence"].startswith("derived from example/wren-7b: the 1 figure(s)")


# -- training set-ups, titles and lists (third round) ------------------------------------------------

@pytest.mark.parametrize(("sentence", "tokens"), [
    ("Training ran for one million steps with a batch size of 256. The sequence length was 128 tokens for "
     "most steps and 512 for the rest.", 1e6 * 256 * 512),  # the longest length bounds the tokens
    ("The net was trained for 450 thousand steps in total, using sequence length 1024 (batch size 2k).",
     450e3 * 2e3 * 1024),
    ("We train it with batch size 96 and maximum sequence length of 256 for 200k steps.", 96 * 256 * 200e3),
    ("We used a batch size of 2M tokens for 120,000 steps.", 2e6 * 120e3),  # a batch in tokens
])
def test_steps_times_batch_times_sequence_length(sentence, tokens):
    assert [found for found, _ in step_tokens(sentence)] == [pytest.approx(tokens)]


def test_warmup_steps_are_not_training_steps():
    assert step_tokens("We use 4,000 warmup steps, a batch size of 512 and a sequence length of 2048.") == []


def test_a_cards_title_size_is_its_parameter_count():
    card = ("---\nlicense: apache-2.0\n---\n# Model Card for Linnet-300-12B-MT\n\nLinnet is a translation "
            "model trained on 200 billion tokens covering 300 languages.\n")
    estimate = only(find_flagship_counting(card))
    assert estimate.assumptions["parameters"] == 12e9 and estimate.assumptions["training_tokens"] == 200e9


def test_training_tokens_written_before_their_figure():
    card = ("---\nlicense: mit\n---\n# Siskin-7B\n\nBuilding on Siskin, we scale up the training tokens to "
            "4.5 trillion, mostly source code.\n")
    assert only(find_flagship_counting(card)).assumptions["training_tokens"] == 4.5e12


def test_a_list_of_sizes_in_a_we_train_sentence_gives_the_flagship():
    text = ("We train language models with various sizes (i.e., 350M, 1.3B, and 6.7B) from scratch. "
            "We train the models with 100B tokens, i.e., 25k steps.")
    estimate = only(find_flagship_counting(text))
    assert estimate.assumptions["parameters"] == 6.7e9 and estimate.assumptions["training_tokens"] == 100e9


def test_a_unit_written_twice_is_read_once():
    text = "tern-3b is a 2.7B billion parameter language model pre-trained on 1.3 trillion tokens."
    assert only(find_operation_counting(text)).assumptions["parameters"] == 2.7e9


def test_a_sentence_ends_before_a_lower_case_model_name():
    text = ("It was pre-trained on 1.3 trillion tokens of code. tern-3b beats models of its size "
            "(compared to others).")
    assert sentence_around(text, 25, 30).text == "It was pre-trained on 1.3 trillion tokens of code."


def test_a_text_quoting_many_runs_and_training_none_gives_no_primary():
    text = " ".join(f"Model {name} only reaches chance until about {k} · 10^{e} training FLOPs."
                    for name, k, e in [("Alpha", 1, 22), ("Beta", 5, 23), ("Gamma", 2, 24), ("Delta", 3, 22),
                                       ("Epsilon", 7, 21)])
    assert extract(text).primary is None


def test_a_paper_that_reports_its_own_runs_compute_keeps_it():
    text = ("Model Alpha reaches chance at 1e22 FLOPs. Model Beta at 5e23 FLOPs. Model Gamma at 2e24 FLOPs. "
            "Model Delta at 3e22 FLOPs. We trained our largest model with 8e24 FLOPs of compute.")
    assert extract(text).primary.value_flop == pytest.approx(8e24)


def test_a_base_card_listing_the_models_fine_tuned_from_it_is_not_derived():
    card = ("---\nlicense: apache-2.0\n---\n# Grebe-30B\n\nGrebe-30B is pretrained from scratch on 1T "
            "tokens.\n\n## Models finetuned off Grebe-30B\n\nGrebe-30B-Chat: built by finetuning Grebe-30B "
            "on dialogues.\n")
    assert derived_from(card, "example/grebe-30b") is None
    assert derived_from(card, "example/grebe-30b-chat") == "Grebe-30B"


def test_tpu_v3_cores_named_with_their_generation_count_as_half_chips():
    sentence = "The largest model was trained with 1024 TPU v3 cores for 6 days."
    estimate = only(find_device_counts(sentence, 2020))
    assert estimate.assumptions["chip_seconds"] == pytest.approx(512 * 6 * DAY)


def test_what_a_model_can_process_is_not_a_run():
    text = ("We introduce Avocet-90B, a model for code. For example, Avocet-90B can process 2T training "
            "tokens in under a week on our cluster.")
    found = find_flagship_counting(text)
    assert found and not any(eligible(e) for e in found)


# -- nodes, epochs, comparisons and comparison tables (fourth round) ---------------------------------

@pytest.mark.parametrize(("sentence", "chips"), [
    ("Heron is trained on a cluster of 24 DGX-A100 GPU (8×80G) servers for 20 days.", 192),
    ("We train on 64 nodes, each with 8 A100 GPUs, for 12 days.", 512),
    ("Training used 16 machines with 4 V100 GPUs each for a week.", 64),
])
def test_devices_per_node_times_nodes(sentence, chips):
    assert only(find_device_counts(sentence, 2023)).assumptions["chips"] == chips


def test_epochs_in_the_token_sentence_multiply_the_tokens():
    text = ("We introduce Shrike-13B, a language model for Finnish. Shrike-13B was trained on a 200B tokens "
            "dataset for 3 epochs, around 40 days on 256 V100.")
    estimate = only(find_flagship_counting(text))
    assert estimate.assumptions["epochs"] == 3
    assert estimate.value_flop == pytest.approx(6 * 13e9 * 200e9 * 3)


def test_the_second_figure_of_a_versus_comparison_is_the_other_models():
    """"(310 vs. 6,200 A100 GPU days)": the second is the rival's; the first, its unit written once after
    the second, is the sentence's own model's."""
    sentence = "Our model needs only 5% of its rival's training time (310 vs. 6,200 A100 GPU days)."
    second, first = sorted(hardware(sentence, 2023), key=lambda e: -e.value_flop)
    assert not eligible(second) and "comparison" in second.notes[-1]
    assert eligible(first) and first.assumptions["chip_seconds"] == pytest.approx(310 * 86400)


def test_the_digits_of_an_accelerator_name_are_not_a_device_time():
    assert hardware("| Method | Params | A100 GPU days |\n|---|---|---|\n| Ours | 1B | |", 2023) == []


def test_in_a_comparison_table_only_the_titled_models_row_is_its_own():
    card = ("# Lark-β Model Card\n\nTraining is cheap.\n\n| Method | Params | A100 GPU days |\n"
            "|---|---|---|\n| Rival-1 | 3.0B | 7,000 |\n| Rival-2 | 0.9B | 6,000 |\n"
            "| Lark-β | 0.6B | 600 |\n")
    primary = extract(card, 2023).primary
    assert primary.model == "Lark-β" and primary.assumptions["chip_seconds"] == 600 * DAY


@pytest.mark.parametrize(("sentence", "flop"), [
    ("Training our largest model requires 60 petaflops/s-days.", 60 * 8.64e19),
    ("It used 12 PF/s-days of compute in total.", 12 * 8.64e19),
])
def test_petaflops_per_second_days_as_written(sentence, flop):
    assert only(find_reported(sentence)).value_flop == pytest.approx(flop)


def test_a_comparison_after_a_figure_is_about_the_other_side():
    sentence = ("Training our model requires 40 petaflops/s-days, compared to 2,000 petaflops/s-days for the "
                "original (Rook et al., 2021).")
    ours, theirs = find_reported(sentence)
    assert eligible(ours) and not eligible(theirs)


def test_bare_gpus_are_read_as_the_data_centre_gpu_of_the_year_unless_the_text_names_one():
    text = "Updates were applied asynchronously on 50 GPUs. Training took around 3 weeks for 300M steps."
    estimate = only(find_device_counts(text, 2016))
    assert estimate.assumptions["accelerator"] == "K80" and estimate.confidence == "Speculative"
    assert find_device_counts(text + " Our lab has Z600 GPUs.", 2016) == []
    assert find_device_counts(text, None) == []  # no year, no guess


@pytest.mark.parametrize(("sentence", "tokens"), [
    ("We introduce Pipit-7B, a bilingual model. Pipit-7B was trained on 3T multilingual corpus.", 3e12),
    ("We introduce Pipit-7B, a bilingual model. We pre-trained Pipit-7B on a 2T-token corpus of code.", 2e12),
    # a word that tells which corpus between: "the same", "our final"
    ("We introduce Pipit-7B, a bilingual model. All Pipit models are trained on the same 3T-token "
     "corpus.", 3e12),
    ("We introduce Pipit-7B, a bilingual model. We pre-train Pipit-7B on our final 2T token dataset.", 2e12),
    # the number and its word joined by a hyphen
    ("We introduce Pipit-7B, a bilingual model. Pipit-7B was trained on a 3.5-trillion-token corpus.",
     3.5e12),
])
def test_a_corpus_sized_in_tokens_without_the_word_tokens(sentence, tokens):
    assert only(find_flagship_counting(sentence)).assumptions["training_tokens"] == tokens


def test_a_dataset_built_but_not_trained_on_is_not_the_training_tokens():
    text = ("We introduce Pipit-7B, a bilingual model. Relaxing the filter resulted in a 12 trillion token "
            "dataset. Pipit-7B was pre-trained on 7 trillion tokens.")
    assert only(find_flagship_counting(text)).assumptions["training_tokens"] == 7e12


def test_the_top_of_a_range_of_trained_sizes_beats_a_smaller_named_size():
    text = ("We introduce Wren, a family of recurrent models; Wren-430M is our ablation base. To show how it "
            "scales, we train six models ranging from 169 million to 14 billion parameters. All models are "
            "trained for one epoch (330 billion tokens) on the Pile (Gao et al., 2020).")
    estimate = only(find_flagship_counting(text))
    assert estimate.assumptions["parameters"] == 14e9 and estimate.model is None
    assert eligible(estimate)  # a citation crediting the training data does not make the run cited


def test_a_citation_of_the_model_still_marks_its_run_cited():
    text = "The 70B parameter model (Smith et al., 2023) was trained on 2T tokens of web text."
    assert not eligible(only(find_operation_counting(text)))


def test_a_card_with_a_generic_title_takes_the_size_of_its_repository():
    card = ("---\nlicense: apache-2.0\n---\n# What is Kite?\n\nKite-34B is a bilingual model trained on 3T "
            "multilingual corpus.\n")
    assert find_flagship_counting(card) == []  # no size in the title, no repository known
    estimate = only(find_flagship_counting(card, "example/Kite-34B"))
    assert estimate.assumptions["parameters"] == 34e9
    assert estimate.value_flop == pytest.approx(6 * 34e9 * 3e12)
    assert find_flagship_counting(card, "example/Other-7B") == []  # a name the card never writes


def test_a_stated_operation_count_beats_device_time_at_an_assumed_utilization():
    text = ("Heron-7B has 7B parameters and was trained on 4.8T tokens. "
            "Training took 18 days on 1024 H100 GPUs.")
    primary = extract(text, 2024).primary
    assert primary.method == "operation_counting" and primary.value_flop == pytest.approx(6 * 7e9 * 4.8e12)
    stated = extract(text.replace("GPUs.", "GPUs at 30% MFU."), 2024).primary
    assert stated.method == "hardware"  # a utilization the text states keeps hardware ahead


def test_an_additional_stretch_of_tokens_is_not_the_whole_run():
    card = ("---\nlicense: apache-2.0\n---\n# Tern-1B\n\nTern-1B has 1B active and 7B total parameters. The "
            "release checkpoint was annealed for an additional 100B tokens.\n")
    assert not any(eligible(e) for e in extract(card).estimates if e.method == "operation_counting")


def test_a_table_flattened_into_columns_pairs_times_with_devices_by_position():
    text = ("Table 3: Training runs.\nModel\nSmall\nLarge\n\nHours\n40\n300\n\nBLEU\n20.1\n24.3\n\nGPU\n"
            "Tesla K40\nTitan Black\n\nNotes follow.")
    runs = find_column_runs(text, 2014)
    assert [e.assumptions["accelerator"] for e in runs] == ["K40", "Titan Black"]
    assert [e.assumptions["chip_seconds"] for e in runs] == [40 * HOUR, 300 * HOUR]
    assert find_column_runs(text.replace("Titan Black\n", ""), 2014) == []  # columns of unequal length


def test_markdown_with_a_few_html_tags_reads_as_its_text():
    card = ('<p align="center"><img src="logo.png" width="200"></p>\n\n# Plover-7B\n\nR&amp;D team. '
            "Plover-7B has 7B parameters and was trained on 2T tokens.<br>\nA comparison of 3 < 5 stays.")
    text = plain_text(card)
    assert "<" not in text.replace("3 < 5", "") and "R&D team" in text and "3 < 5 stays" in text
    assert extract(card).primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_a_unit_of_emissions_is_not_a_model_name():
    assert nearby_model("Training emitted 22 tCO2eq and used 1.6 million GPU hours.") is None


def test_an_energy_analysis_quoting_many_runs_device_times_gives_no_primary():
    text = " ".join(f"Model {name} was reportedly trained for {h} GPU hours on V100 GPUs."
                    for name, h in [("Alpha", "12,000"), ("Beta", "40,000"), ("Gamma", "90,000"),
                                    ("Delta", "3,000"), ("Epsilon", "500,000")])
    assert extract(text, 2020).primary is None


def test_a_size_with_parameter_as_an_adjective_is_the_cards_parameter_count():
    card = ("---\nlicense: apache-2.0\n---\n# Plover\n\n- **Model Description**: A 3.2B parameter pretrained "
            "language model.\n\n## Training\n\n- **Num of Tokens:** 0.8T Tokens\n")
    estimate = only(find_card_operation_counting(card))
    assert estimate.assumptions["parameters"] == 3.2e9
    assert estimate.value_flop == pytest.approx(6 * 3.2e9 * 0.8e12)


SIZE_TABLE = "| Model Hyperparameter | Value |\n| --- | --- |\n| Total Parameters | 2.4B |\n"


def test_a_key_value_row_may_write_the_parameter_count_with_a_unit():
    card = ("---\nlicense: mit\n---\n# Stint\n\nStint was trained on 600B tokens.\n\n" + SIZE_TABLE
            + "| Hidden Size | 2560 |\n")
    assert only(find_card_operation_counting(card)).assumptions["parameters"] == 2.4e9


def test_a_data_mix_tables_total_row_counts_the_training_tokens():
    card = ("---\nlicense: mit\n---\n# Stint\n\n| Source | Tokens (Billion) |\n| --- | --- |\n"
            "| Web | 410.5 |\n| Code | 89.5 |\n| Total | 500.0 |\n\n" + SIZE_TABLE)
    estimate = only(find_card_operation_counting(card))
    assert estimate.assumptions["training_tokens"] == 500e9
    assert "| Total | 500.0 |" in estimate.evidence[0].text
    no_total = card.replace("| Total | 500.0 |\n", "")
    assert find_card_operation_counting(no_total) == []  # the rows alone are not summed


# -- device counts written beside their durations, several to a sentence ------------------------------

def test_accelerators_written_in_the_plural_and_lower_case_are_counted():
    estimate = only(find_device_counts("Training time: 12 days on 64 k40s.", 2017))
    assert estimate.assumptions["chips"] == 64
    assert estimate.assumptions["accelerator"] == "K40"
    assert estimate.model is None  # "k40s" is hardware, not a model


def test_each_device_count_pairs_with_the_duration_beside_it():
    # a table run into one sentence: the longest duration and the largest count are different runs
    sentence = ("Training time of the models: small 3 days/64 K40s, medium 1 day/96 K80s, large 6 days/64 "
                "K40s.")
    estimates = find_device_counts(sentence, 2017)
    seconds = sorted(e.assumptions["chip_seconds"] for e in estimates)
    assert seconds == sorted([64 * 3 * DAY, 96 * 1 * DAY, 64 * 6 * DAY])
    assert all(e.assumptions["pairing"] == "a device count written beside its duration" for e in estimates)


def test_a_row_that_cites_another_work_is_that_works_pair():
    sentence = ("Training took: our model 5 days, 32 K80s; the baseline (Smith et al., 2015) 9 days, "
                "96 K20s.")
    estimates = {e.assumptions["chips"]: e for e in find_device_counts(sentence, 2016)}
    assert eligible(estimates[32.0])
    assert not eligible(estimates[96.0])
    primary = extract(sentence, 2016).primary
    assert primary is not None and primary.assumptions["chips"] == 32


# -- a card's emissions sections, one per model ----------------------------------------------------------

SIBLING_SECTIONS = """# Model-S Model Card

Model-S is the small sibling of Model-L.

## Environmental Impact

### Model-S Estimated Emissions

* **Hardware Type:** 8 A100 GPUs
* **Hours used:** 100

### Model-L Estimated Emissions

* **Hardware Type:** 512 A100 GPUs
* **Hours used:** 900
"""


def test_an_emissions_section_named_for_another_model_is_not_the_cards_run():
    extraction = extract(SIBLING_SECTIONS, 2023)
    assert extraction.primary is not None
    assert extraction.primary.assumptions["chips"] == 8
    assert extraction.primary.model == "Model-S"
    sibling = next(e for e in extraction.estimates if e.assumptions.get("chips") == 512)
    assert sibling.model == "Model-L" and not eligible(sibling)


def test_the_repository_name_makes_a_section_the_cards_own():
    untitled = SIBLING_SECTIONS.replace("# Model-S Model Card", "# A model card")
    extraction = extract(untitled, 2023, name="org/Model-L")
    assert extraction.primary is not None and extraction.primary.assumptions["chips"] == 512


def test_a_checkpoint_named_for_its_tokens_gives_the_runs_tokens():
    card = """---
license: apache-2.0
---
# Widget-2B

Widget-2B has 2B parameters.

Checkpoints: `step1000-tokens4B`, `step250000-tokens1048B` (the end of pretraining), and `main`, annealed
from it for an additional 50B tokens.
"""
    estimate = only(find_card_operation_counting(card))
    assert estimate.assumptions["training_tokens"] == 1048e9
    assert estimate.value_flop == pytest.approx(6 * 2e9 * 1048e9)


@pytest.mark.parametrize(("sentence", "chips", "accelerator"), [
    ("The model was trained on 8 16 GB V100 for 90 hours.", 8, "V100"),  # a memory size, no device noun
    ("We trained it on 4 A100 80GB for 3 days.", 4, "A100 SXM"),
    ("We trained it on 8 V100s for 3 days.", 8, "V100"),  # a plural, not the V100S
])
def test_a_count_written_straight_before_an_accelerator(sentence, chips, accelerator):
    estimate = only(find_device_counts(sentence, 2019))
    assert estimate.assumptions["chips"] == chips
    assert estimate.assumptions["accelerator"] == accelerator


def test_a_dataset_described_by_size_among_several_is_not_paired_with_the_flagship():
    text = ("We present Heron-2B, a language model. On a small benchmark the training set is about 100 "
            "million tokens. Next we use a corpus of stories. The corpus is about 800M tokens (3 GB). "
            "Finally we train Heron-2B on a much larger web dataset of 400 GB.")
    assert find_flagship_counting(text) == []
    # the same figure, said to be trained on, is paired
    trained = text.replace("The corpus is about 800M tokens", "We then train Heron-2B on these 800M tokens")
    assert only(find_flagship_counting(trained)).assumptions["training_tokens"] == 800e6


# -- short sentences, device time named by the accelerator, sums over several models --------------------

@pytest.mark.parametrize("sentence", [
    "Training Grebe-70B consumed 1.7 × 10^24 FLOP.",  # a name's size and a power of ten are not a list
    "Training consumed 1.7e24 FLOP.",
    # a unit with its prefix is a word: "ZFLOPs", "zettaFLOPs"
    "Training used 1,700 ZFLOPs.",
    "Training used 1,700 zettaFLOPs.",
    # a short word that opens the sentence is a word too
    "It used 1.7e24 FLOPs.",
])
def test_a_short_sentence_with_a_power_of_ten_is_prose(sentence):
    primary = extract(sentence, 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(1.7e24)


@pytest.mark.parametrize(("sentence", "chip_seconds", "accelerator"), [
    ("Training used 1.2M A100-hours.", 1.2e6 * HOUR, "A100 SXM"),
    ("The run took 1,500 V100-days.", 1500 * DAY, "V100"),
    ("We trained the model for 2.3 TPUv4 chip-years.", 2.3 * 365.25 * DAY, "TPU v4"),
])
def test_device_time_in_accelerator_hours_and_chip_years(sentence, chip_seconds, accelerator):
    estimate = only(find_hardware(sentence, 2023))
    assert estimate.assumptions["chip_seconds"] == pytest.approx(chip_seconds)
    assert estimate.assumptions["accelerator"] == accelerator


def test_device_time_summed_over_the_papers_models_gives_way_to_a_single_run():
    text = ("We train Heron-2B on 300B tokens. The total compute required for training the models for "
            "this paper was 90,000 A100-hours.")
    primary = extract(text, 2023).primary
    assert primary is not None and primary.method == "operation_counting"
    assert primary.value_flop == pytest.approx(6 * 2e9 * 300e9)


# -- operation counting: active sizes in names, steps in papers, epochs over a dataset ------------------

@pytest.mark.parametrize(("text", "flop"), [
    # a mixture of experts named with its active size after its total
    ("We present Qux-30B-A3B, a mixture-of-experts model. We pretrain Qux-30B-A3B on 20T tokens of text.",
     6 * 3e9 * 20e12),
    # a short first-person sentence is prose
    ("We introduce Zeta-MoE. Zeta-MoE has 16B total parameters with 2.8B active parameters per token. "
     "We trained it on 4T tokens.", 6 * 2.8e9 * 4e12),
    # steps x batch in tokens, in a paper
    ("We present Foo-7B, a language model. We train Foo-7B for 250,000 steps with a global batch size of "
     "4M tokens.", 6 * 7e9 * 250_000 * 4e6),
    # steps x batch x sequence length, the length ending the sentence
    ("We present Bar-340M, an encoder. We train Bar-340M for 1M steps with a batch size of 256 sequences "
     "and a sequence length of 512.", 6 * 340e6 * 1e6 * 256 * 512),
    # epochs over a dataset sized in tokens
    ("We present Baz-13B, a language model. We trained Baz-13B for 2 epochs over a 150B token dataset.",
     6 * 13e9 * 150e9 * 2),
])
def test_flagship_counting_ways_of_writing(text, flop):
    primary = extract(text, 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(flop)


def test_a_number_that_starts_with_its_decimal_point_is_read_whole():
    estimate = only(find_reported("The total compute used was .96 pfs-days."))
    assert estimate.value_flop == pytest.approx(0.96 * 1e15 * 86400)


@pytest.mark.parametrize(("sentence", "chips", "accelerator"), [
    ("We trained for 4 days on a v3-256 TPU pod.", 128, "TPU v3"),  # v3 slices count cores, two a chip
    ("Training took 3 days on a TPU v4-512 slice.", 256, "TPU v4"),
    ("Training took 10 days on a TPU v5e-256 slice.", 256, "TPU v5e"),  # one core a chip
    # slices counted: the chips of one times their count (a year before one is no count)
    ("We pre-train on 2 TPU v5p-128 slices for 10 days.", 128, "TPU v5p"),
    ("Training took 3 weeks on four TPU v4-512 pods.", 1024, "TPU v4"),
    ("In 2023 TPU v4-512 slices trained the model for 9 days.", 256, "TPU v4"),
    # nodes before a count whose device name carries a memory size
    ("We trained the model on 128 nodes, each with 8 A100 80GB GPUs, for 21 days.", 1024, "A100 SXM"),
    # replicas or nodes "each using" their devices
    ("The model was trained with 50 replicas, each using a single K40 GPU, for about two weeks.", 50, "K40"),
    ("We train on 64 nodes, each using 8 A100 GPUs, for 10 days.", 512, "A100 SXM"),
])
def test_slices_and_nodes_as_device_counts(sentence, chips, accelerator):
    estimate = only(find_device_counts(sentence, 2021))
    assert estimate.assumptions["chips"] == chips
    assert estimate.assumptions["accelerator"] == accelerator


@pytest.mark.parametrize(("sentence", "accelerator", "precision"), [
    ("Self-play ran on 5,000 TPUv1 chips for 9 hours of training.", "TPU v1", "fp8"),  # 8-bit integer
    ("We trained it on 4 Titan Xp GPUs for 5 days.", "Titan Xp", "fp32"),  # no tensor cores
    ("Training took 2 weeks on 8 RTX 2080 Ti GPUs.", "RTX 2080 Ti", "fp16"),
    ("Training took 20 days on 1,024 Trillium chips.", "TPU v6e", "fp16"),
])
def test_accelerators_added_from_datasheets(sentence, accelerator, precision):
    estimate = only(find_device_counts(sentence, 2018))
    assert estimate.assumptions["accelerator"] == accelerator
    assert estimate.assumptions["precision"].startswith(precision)


def test_a_cards_key_value_row_of_training_tokens():
    card = ("---\nlicense: apache-2.0\n---\n# Finch-7B\n\n| Hyperparameter | Value |\n|---|---|\n"
            "| Parameters | 7.2B |\n| Training tokens | 3.5T |\n| Context tokens | 4096 |\n")
    estimate = only(find_card_operation_counting(card))
    assert estimate.value_flop == pytest.approx(6 * 7.2e9 * 3.5e12)


@pytest.mark.parametrize("size_line", [
    "- Number of Parameters: 30.5B in total and 3.3B activated",  # "in total ... activated"
    "- Number of Parameters: 30.5B",  # the name carries both sizes: "-30B-A3B"
])
def test_a_cards_mixture_of_experts_counts_its_active_parameters(size_line):
    card = ("---\nlicense: apache-2.0\n---\n# Qux-30B-A3B\n\n## Model Overview\n\n"
            f"{size_line}\n\nQux-30B-A3B was pretrained on 36 trillion tokens covering many languages.\n")
    primary = extract(card, 2025).primary
    assert primary is not None and primary.assumptions["active_parameters"]
    assert primary.value_flop == pytest.approx(6 * primary.assumptions["parameters"] * 36e12)
    assert primary.assumptions["parameters"] in (3.3e9, 3e9)


@pytest.mark.parametrize(("sentence", "kept"), [
    ("We used 512 MI250X GPUs for 14 days.", True),  # "used" says the devices ran the job
    ("We used 8 A100 GPUs for 2 hours to evaluate every checkpoint.", False),  # not training
])
def test_devices_used_for_a_time(sentence, kept):
    primary = extract(sentence, 2024).primary
    assert (primary is not None) == kept


@pytest.mark.parametrize(("fields", "chip_seconds"), [
    ("- **GPU hours:** 1.46M H100", 1.46e6 * HOUR),  # a field keyed by device time
    ("* **Compute:** 64 A100 GPUs for 2 weeks", 64 * 2 * WEEK),  # the duration in the field's own value
    ("| Training time | 30 days |\n| GPUs | 1024 A100 |", 1024 * 30 * DAY),  # two-cell table rows
])
def test_card_fields_written_other_ways(fields, chip_seconds):
    card = f"---\nlicense: mit\n---\n# Robin-7B\n\nRobin-7B is a language model.\n\n## Training\n\n{fields}\n"
    estimate = only(find_hardware_fields(plain_text(card), 2024))  # bold markers dropped, as extract does
    assert estimate.assumptions["chip_seconds"] == pytest.approx(chip_seconds)


def test_a_table_column_headed_training_flops():
    text = ("We present Heron, a family of language models.\n\n| Model | Training FLOPs |\n|---|---|\n"
            "| Heron-1B | 6.6e21 |\n| Heron-13B | 1.56e23 |\n| GPT-3 (Brown et al., 2020) | 3.14e23 |\n")
    primary = extract(text, 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(1.56e23)  # the cited row is not ours


@pytest.mark.parametrize(("sentence", "chips"), [
    ("The network was trained on a single GTX Titan Black for 3 weeks.", 1),  # a single device, no noun
    ("We trained the model on one A100 for 3 days.", 1),
    ("In 2017 V100 GPUs were trained on for 3 days by many groups.", None),  # a year, not 2017 devices
])
def test_a_single_device_and_a_year_before_a_name(sentence, chips):
    estimates = find_device_counts(sentence, 2018)
    assert [e.assumptions["chips"] for e in estimates] == ([] if chips is None else [chips])


def test_a_comparison_table_of_training_flops_keeps_only_the_titled_models_row():
    card = ("---\nlicense: apache-2.0\n---\n# Heron 6B\n\n| Model | Public | Training FLOPs | Loss |\n"
            "|---|---|---|---|\n| Other 175B* | ✗ | 3.1e23 | 3.00 |\n| Heron 6B‡ | ✓ | 1.5e22 | 3.99 |\n")
    primary = extract(card, 2021).primary
    assert primary is not None and primary.value_flop == pytest.approx(1.5e22)


@pytest.mark.parametrize(("sentence", "chips", "accelerator"), [
    ("We trained the model on 4 DGX A100 nodes for 10 days.", 32, "A100 SXM"),  # 8 GPUs a system
    ("Training took 2 weeks on 16 DGX-2 systems.", 256, "V100"),  # 16 V100s a DGX-2
    ("The model was trained for 5 days on 32 DGX-1 servers with P100 GPUs.", 256, "P100"),
])
def test_dgx_systems_as_gpu_counts(sentence, chips, accelerator):
    estimate = only(find_device_counts(sentence, 2022))
    assert estimate.assumptions["chips"] == chips
    assert estimate.assumptions["accelerator"] == accelerator
