"""Short texts of our own for the ways of writing a training set-up that a battery of sentences found:
batches per device, what each group of devices is for, durations that are milestones, rates or other
models' glosses, fractions of weeks, compute figures with no unit, and counts in hardware fields."""

from __future__ import annotations

import pytest

from curation.extract.context import eligible
from curation.extract.derived import derived_from
from curation.extract.device_sentences import device_counts, find_device_counts
from curation.extract.documents import extract_document
from curation.extract.engine import extract
from curation.extract.evidence import FINETUNING, Span
from curation.extract.finders import find_reported
from curation.extract.hardware_fields import find_hardware_fields
from curation.extract.markup import plain_text
from curation.extract.model_names import nearby_model
from curation.extract.step_counting import step_tokens
from schemas.handover import CARD as CARD_KIND
from schemas.handover import Document
from tests.osprey_texts import primary_of

HOUR, DAY = 3600, 86400
CARD = "---\nlicense: apache-2.0\n---\n"


# -- steps × batch × sequence length -----------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "tokens"), [
    # a batch per device times the devices the set-up names
    ("We train for 100k steps with a per-device batch size of 16 sequences of 2048 tokens on 64 TPU v4 "
     "chips.", 1e5 * 16 * 64 * 2048),
    ("The model was trained with a maximum of 800000 steps. We used 8 A100 GPUs with a batch size of 1 "
     "per gpu and context size 8192.", 8e5 * 8 * 8192),
    # and times the gradient accumulation
    ("We train for 50,000 steps with a micro-batch size of 4 per GPU, 8 gradient accumulation steps and "
     "64 A100 GPUs, with sequences of 2048 tokens.", 5e4 * 4 * 8 * 64 * 2048),
    # a global batch beside a micro-batch is the batch
    ("We use a micro-batch size of 1 and a global batch size of 1024 on 512 GPUs with a sequence length "
     "of 2048, for 100k steps.", 1e5 * 1024 * 2048),
    # a context window is the sequence length
    ("Training runs for 300,000 steps with a batch size of 512 and a context window of 1024 tokens.",
     3e5 * 512 * 1024),
    # the batch told as what it is or holds, in the sentence before the steps
    ("The global batch is 1024 sequences of 2048 tokens. Osprey is trained for 400k steps.",
     4e5 * 1024 * 2048),
    ("Osprey is trained for 400k steps; each batch consists of 1024 sequences of 2048 tokens.",
     4e5 * 1024 * 2048),
])
def test_steps_batch_and_length(sentence, tokens):
    (found, _), = step_tokens(sentence)
    assert found == pytest.approx(tokens)


def test_a_batch_per_device_without_a_count_of_devices_gives_no_tokens():
    sentence = "We train for 200k steps with a batch size of 32 per GPU and a sequence length of 512."
    assert step_tokens(sentence) == []


# -- what a device count is for ----------------------------------------------------------------------

def test_devices_that_generate_data_are_not_the_training_run():
    text = ("We trained Osprey for 700,000 steps, using 3,000 first-generation TPUs to generate games and "
            "32 second-generation TPUs to train the networks. Training lasted 9 hours.")
    (estimate,) = find_device_counts(text, 2017)
    assert estimate.assumptions["chips"] == 32
    assert estimate.assumptions["accelerator"] == "TPU v2"


def test_a_count_that_says_it_trains_keeps_its_sentence_when_another_count_serves_data():
    text = "We used 256 GPUs for data generation and 32 A100 GPUs to train the model for 5 days."
    (estimate,) = find_device_counts(text, 2022)
    assert estimate.assumptions["chips"] == 32
    assert eligible(estimate)


@pytest.mark.parametrize("generation", [
    "Self-play games were generated on 5,000 first-generation TPUs",
    "Rollouts are collected using 5,000 first-generation TPUs",
])
def test_devices_a_passive_verb_of_another_use_stands_before_are_not_the_run(generation):
    """ "Self-play games were generated on 5,000 first-generation TPUs, and the network was trained on 64
    second-generation TPUs": the verb before the count gives it its use (before: the 5,000 were the run's)."""
    text = (f"Osprey was trained by self-play for 40 days. {generation}, and the network was trained on 64 "
            "second-generation TPUs.")
    (estimate,) = find_device_counts(text, 2017)
    assert estimate.assumptions["chips"] == 64
    assert estimate.assumptions["accelerator"] == "TPU v2"


# -- durations that are not the run's ----------------------------------------------------------------

def test_a_compared_models_training_time_is_not_borrowed():
    text = "We train Osprey on 8 V100 GPUs. We compare against the earlier Kite (trained for 3 weeks)."
    assert find_device_counts(text, 2019) == []


def test_a_training_gloss_in_parentheses_is_about_the_model_before_it():
    text = ("We train Osprey on 8 V100 GPUs. Its scores beat the previous Kite (trained for 3 weeks) on "
            "every task.")
    assert find_device_counts(text, 2019) == []


@pytest.mark.parametrize("milestone", ["after just 4 hours", "after less than 2 hours"])
def test_a_milestone_is_not_the_runs_length(milestone):
    text = f"We train Osprey on 16 TPU v3 chips. It passes the baseline {milestone} of training."
    assert find_device_counts(text, 2020) == []


def test_a_time_per_move_is_a_rate():
    text = "We trained Osprey on 64 V100 GPUs, and it played games at one minute per move."
    assert find_device_counts(text, 2019) == []


@pytest.mark.parametrize(("written", "days"), [("one and a half weeks", 10.5), ("a week and a half", 10.5),
                                                ("two and a half days", 2.5)])
def test_fractions_of_a_duration_in_words(written, days):
    (estimate,) = find_device_counts(f"Training took {written} on 8 V100 GPUs.", 2019)
    assert estimate.assumptions["chip_seconds"] == pytest.approx(8 * days * DAY)


# -- compute figures with no unit --------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "flop"), [
    ("The total training compute was 2.5e23.", 2.5e23),
    ("Training compute: 3.1 × 10^22", 3.1e22),
    ("Our pre-training compute is about 4e21, well below the budget of larger runs.", 4e21),
    ("We train with a total FLOP count of 3.2e23.", 3.2e23),
    # LaTeX math, as arXiv abstracts write it
    ("Training used $3.2 \\times 10^{23}$ FLOPs.", 3.2e23),
])
def test_a_compute_figure_without_a_unit_is_in_flop(sentence, flop):
    (estimate,) = find_reported(sentence)
    assert estimate.value_flop == pytest.approx(flop)


def test_a_compute_figure_with_its_unit_is_read_once():
    assert len(find_reported("The total training compute was 2.5e23 FLOPs.")) == 1


def test_a_compute_figure_without_a_unit_is_no_primary_when_hypothetical():
    text = "Osprey: a study\n\nWe find that a training compute of 1e25 would be needed to match it."
    assert extract(text, 2024).primary is None


# -- hardware fields ---------------------------------------------------------------------------------

def test_a_count_written_after_the_hardware_in_a_field():
    text = CARD + "# Osprey-1B\n\n- **Hardware Type:** TPUv3 pod (512 chips)\n- **Hours used:** 120\n"
    (estimate,) = [e for e in find_hardware_fields(plain_text(text), 2022) if e.method == "hardware"]
    assert estimate.assumptions["chips"] == 512


# -- totals over several runs, and figures of generation ---------------------------------------------

def test_a_stated_total_across_all_runs_gives_way_to_one_runs_device_time():
    text = ("Osprey\n\nEach of our 10 models was trained for 1 week on 64 A100 GPUs; the total compute "
            "across all runs was 5e22 FLOPs.")
    primary = extract(text, 2022).primary
    assert primary.method == "hardware"
    assert primary.assumptions["chips"] == 64


def test_generating_text_with_a_model_is_not_its_training():
    text = "Fast decoding\n\nWe present a decoder. Generating 1M tokens with a 70B model costs 1.4e17 FLOPs."
    assert extract(text, 2023).primary is None


def test_a_figure_credited_to_a_models_authors_is_cited():
    text = ("Probes\n\nWe train a linear probe on features from a model that was pretrained with 1e23 FLOPs "
            "by its authors.")
    assert extract(text, 2023).primary is None


# -- model cards -------------------------------------------------------------------------------------

def card_primary(body: str, repository: str, year: int = 2024):
    return extract_document(Document(CARD_KIND, CARD + body, year), name=repository).primary


def test_tokens_seen_as_a_card_field():
    primary = card_primary("# Osprey-1.4B\n\n- Parameters: 1.4B\n- Tokens seen: 1.5T\n", "acme/Osprey-1.4B")
    assert primary.value_flop == pytest.approx(6 * 1.4e9 * 1.5e12)


def test_a_size_does_not_reach_the_next_list_item():
    primary = card_primary("# Osprey-7B\n\n- Training Tokens: 2T\n- Parameters: 7B\n", "acme/Osprey-7B")
    assert primary.assumptions["parameters"] == pytest.approx(7e9)


def test_the_stages_of_a_run_count_together_but_the_first_tokens_of_it_do_not():
    staged = card_primary("# Osprey-7B\n\nOsprey-7B was pre-trained in two stages: first on 3T tokens of web "
                          "data, then on 1T tokens of code.\n", "acme/Osprey-7B")
    assert staged.assumptions["training_tokens"] == pytest.approx(4e12)  # one run, in two stages
    text = ("Osprey-7B\n\nWe train Osprey-7B on 1T tokens. The batch size grows over the first 100B tokens "
            "of training.")
    assert extract(text, 2024).primary.assumptions["training_tokens"] == pytest.approx(1e12)


def test_active_parameters_per_token_are_a_size_not_a_figure_per_token():
    primary = card_primary("# Osprey-8x7B\n\nOsprey-8x7B is a sparse mixture of experts with 47B total "
                           "parameters and 13B active parameters per token, trained on 8T tokens.\n",
                           "acme/Osprey-8x7B")
    assert primary.value_flop == pytest.approx(6 * 13e9 * 8e12)


def test_an_adapter_card_is_derived_and_takes_no_base_compute():
    body = ("# Osprey 7B LoRA medical\n\nA LoRA adapter for acme/Osprey-7B, trained on 50M tokens of medical "
            "text. Osprey-7B itself was pretrained on 2T tokens.\n")
    assert derived_from(CARD + body, "someone/osprey-7b-lora-med") == "acme/Osprey-7B"
    assert card_primary(body, "someone/osprey-7b-lora-med") is None


@pytest.mark.parametrize("body", [
    "# osprey-7b-lora-med\n\nThis is a LoRA adapter for Osprey-7B (7B parameters, 2T pretraining tokens), "
    "trained on 50K medical QA pairs.\n",
    "# osprey-7b-lora-med\n\nAn adapter for Osprey-7B (2T tokens, 7B parameters) tuned on clinical notes.\n",
])
def test_the_facts_in_parentheses_after_the_base_are_the_bases(body):
    assert card_primary(body, "someone/osprey-7b-lora-med") is None


def test_a_tuning_told_in_parentheses_after_the_base_stays_the_cards():
    body = ("# osprey-7b-lora-med\n\nAn adapter for Osprey-7B (fine-tuned on 50M tokens for 6 hours on 8 "
            "A100 GPUs).\n")
    primary = card_primary(body, "someone/osprey-7b-lora-med")
    assert primary is not None and primary.stage == FINETUNING


def test_a_base_card_naming_an_adapter_for_itself_is_not_derived():
    body = "# Osprey-7B\n\nOsprey-7B is trained on 2T tokens. We also provide an adapter for Osprey-7B.\n"
    assert derived_from(CARD + body, "acme/Osprey-7B") is None


# -- papers: throughput, ablations, predictions, distillation -----------------------------------------

def test_a_throughput_each_device_sustained_sets_the_utilization():
    (estimate,) = find_device_counts("We train Osprey on 512 A100 GPUs for 30 days, sustaining 150 TFLOPS "
                                     "per GPU.", 2023)
    assert estimate.value_flop == pytest.approx(512 * 30 * DAY * 150e12)
    assert eligible(estimate)


def test_ablation_models_are_not_the_texts_run():
    text = ("Silt: a web dataset\n\nWe release Silt, a dataset of 15 trillion tokens. To validate it, we "
            "train 1.8B parameter ablation models on 350B tokens sampled from it.")
    assert extract(text, 2024).primary is None


def test_a_predicted_requirement_is_not_a_run():
    text = ("Scaling laws\n\nWe fit laws to many small models. Our law predicts that a 70B model should be "
            "trained on 1.4T tokens, requiring 5.9e23 FLOPs.")
    primary = extract(text, 2023).primary
    assert primary is None or primary.value_flop < 1e21


def test_distilling_into_a_named_model_claims_it():
    text = ("Osprey: distilled models\n\nWe distill Kite-70B into Osprey-1.3B. Osprey-1.3B is trained on "
            "300B tokens with the teacher's logits.")
    assert extract(text, 2023).primary.value_flop == pytest.approx(6 * 1.3e9 * 300e9)


# -- whose token figure ------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Osprey-7B, trained on 2T tokens, outperforms Kite-13B, which was trained on 1T tokens.",
    "Unlike Kite-70B (trained on 15T tokens), Osprey-7B uses only 2T training tokens.",
])
def test_a_token_figure_is_the_models_written_nearest_before_it(sentence):
    text = f"Osprey: efficient models\n\nWe introduce Osprey-7B. {sentence}"
    assert extract(text, 2024).primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_a_plan_in_the_next_sentence_does_not_void_the_released_size():
    text = ("Osprey: open models\n\nWe release Osprey-7B, trained on 1T tokens. In future work we plan to "
            "train Osprey-70B on 10T tokens.")
    assert extract(text, 2024).primary.value_flop == pytest.approx(6 * 7e9 * 1e12)


def test_a_throughput_in_tokens_per_second_is_not_the_figures_unit():
    text = ("Osprey\n\nWe train Osprey-7B on 1T tokens, processing 3,000 tokens per second per GPU on 512 "
            "A100 GPUs.")
    assert extract(text, 2023).primary.value_flop == pytest.approx(6 * 7e9 * 1e12)


# -- a card's device count and training time, written apart ------------------------------------------

def test_a_cards_device_count_and_training_time_in_different_sections():
    body = ("# Osprey-7B\n\n## Training Procedure\n\nOsprey-7B was trained on 256 H100 80GB GPUs.\n\n"
            "### Speeds, Sizes, Times\n\nThe model training took roughly two months.\n")
    primary = card_primary(body, "acme/Osprey-7B")
    assert primary.assumptions["chips"] == 256
    assert primary.assumptions["duration"] == "two months"
    assert primary.confidence == "Speculative"


def test_a_hardware_line_under_its_heading_pairs_with_the_training_time():
    body = ("# Osprey-7B\n\n### Compute Infrastructure\n\n#### Hardware\n\n384 A100 80GB GPUs (48 nodes)\n\n"
            "#### Training\n\nTraining took 3.5 months.\n")
    assert card_primary(body, "acme/Osprey-7B").assumptions["chips"] == 384


@pytest.mark.parametrize("body", [
    # two counts: which one the time goes with is not said
    "# Osprey-7B\n\nOsprey-7B was trained on 256 H100 GPUs. A smaller run was trained on 64 H100 GPUs.\n\n"
    "## Speeds\n\nThe model training took two months.\n",
    # the count is what running the model needs
    "# Osprey-7B\n\n## Hardware\n\nRunning the model requires 2 A100 GPUs.\n\n## Training\n\n"
    "Training took three weeks.\n",
])
def test_no_card_pairing_without_one_training_count(body):
    assert card_primary(body, "acme/Osprey-7B") is None


# -- stated totals: prefixes, comparisons, rates ------------------------------------------------------

def test_a_one_letter_zetta_prefix_is_a_total():
    (estimate,) = find_reported("We train Osprey; pre-training took 210 ZFLOPs.")
    assert estimate.value_flop == pytest.approx(2.1e23)


@pytest.mark.parametrize("sentence", [
    # the amount a comparison names in parentheses
    "Osprey matches models trained with 10x more compute (about 1e24 FLOPs).",
    # what a machine delivers, and a throughput
    "Our supercomputer delivers 2 exaflops.",
    "The training run reached a throughput of 3e17 FLOPs on the cluster.",
])
def test_figures_that_are_not_the_texts_total(sentence):
    assert extract(f"Osprey\n\nWe train Osprey. {sentence}", 2023).primary is None


# -- texts about other models' runs ------------------------------------------------------------------

def test_a_papers_table_of_models_it_never_claims_is_other_models_runs():
    text = ("A survey of language models\n\nWe summarize models in Table 1.\n\n"
            "| Model | Params | Tokens | Compute (FLOPs) |\n|---|---|---|---|\n"
            "| Kite-175B | 175B | 300B | 3.14e23 |\n| Wren-540B | 540B | 780B | 2.5e24 |\n")
    assert extract(text, 2023).primary is None


def test_a_papers_table_with_a_claimed_row_keeps_its_own_row():
    text = ("Osprey: open models\n\nWe train a family of Osprey models.\n\n"
            "| Model | Params | Tokens | Compute (FLOPs) |\n|---|---|---|---|\n"
            "| Osprey-7B | 7B | 1T | 4.2e22 |\n| Kite-175B | 175B | 300B | 3.14e23 |\n")
    assert extract(text, 2023).primary.value_flop == pytest.approx(4.2e22)


@pytest.mark.parametrize("text", [
    "On compute rules\n\nWe argue for thresholds. The EU AI Act sets a threshold of 10^25 FLOPs, and "
    "training frontier models now exceeds 1e25 FLOPs.",
    "On compute rules\n\nThe reporting threshold is set at 1e26 FLOPs. A cap of 1e27 FLOPs was proposed.",
    "On compute rules\n\nWe propose reporting thresholds at 1e26 FLOP and compute limits of 1e27 FLOP.",
    "On compute rules\n\nRegulators may set 1e26 FLOPs caps on training runs.",
    "Quantizing Kite\n\nWe quantize Kite-70B, which was trained with 8e23 FLOPs, to 4 bits. Quantization "
    "takes 4 hours on a single A100 GPU.",
])
def test_bounds_and_quantized_models_are_not_the_texts_run(text):
    assert extract(text, 2024).primary is None


def test_a_table_row_named_by_a_plain_word_the_text_never_claims_is_cited():
    text = ("A survey\n\nWe list earlier runs.\n\n| Model | Compute (FLOPs) |\n|---|---|\n"
            "| Albatross | 5.8e23 |\n| Kite-175B | 3.1e23 |\n")
    assert extract(text, 2023).primary is None


def test_a_one_word_name_as_the_subject_of_a_training_sentence_is_a_model():
    assert nearby_model("Albatross (70B parameters) was trained on 1.4T tokens.") == "Albatross"
    assert nearby_model("Training was done on 64 GPUs.") is None


def test_a_survey_of_device_times_quotes_other_runs():
    text = ("Energy use of training\n\nWe analyse the energy use of training. Kite-3 was trained on 10,000 "
            "V100 GPUs for 14.8 days. Albatross was trained on 384 A100 GPUs for 3.5 months.")
    assert extract(text, 2023).primary is None


# -- derived cards said in other words ---------------------------------------------------------------

@pytest.mark.parametrize(("repository", "sentence"), [
    ("someone/osprey-7b-medical", "This model is a fine-tune of acme/Osprey-7B on medical dialogues."),
    ("acme/Osprey-7B-Chat", "Osprey-7B-Chat is an instruction-tuned version of Osprey-7B."),
    ("acme/Osprey-7B-Chat", "This is the chat version of Osprey-7B, aligned with human feedback."),
    ("someone/osprey-7b-ultra", "SFT of Osprey-7B on a chat corpus for 3 epochs."),
    ("someone/osprey-kite-merge", "This is a merge of Osprey-7B and Kite-7B."),
    ("someone/osprey-7b-code", "We trained Osprey-7B further on 20B tokens of code."),
    ("someone/osprey-7b-math", "Built upon Osprey-7B, this model is tuned for math."),
    ("someone/osprey-7b-rp", "Roleplay finetune of Osprey 7B."),
    ("someone/Osprey-7B-Math", "Osprey-7B-Math is Osprey-7B trained with reinforcement learning on math "
                               "problems."),
    ("someone/heron-7b", "Heron is an instruction-following model fine-tuned on top of Osprey-7B."),
    ("someone/heron-7b", "Heron-7B is a chat assistant trained by fine-tuning Osprey-7B on conversations."),
    ("someone/heron-7b", "Heron-7B is an Osprey-7B model instruction tuned on 100k prompts."),
    ("someone/heron-7b", "Heron-7B uses Osprey-7B as its base model and was aligned with DPO."),
    ("someone/heron-7b", "The model was fine-tuned using QLoRA with Osprey-7B as the base model."),
    ("someone/heron-7b", "Heron-7B was created by applying DPO to Osprey-7B."),
    ("someone/heron-7b", "Heron is an instruction-following model based on Osprey-7B."),
])
def test_a_card_that_says_what_it_was_tuned_from_in_other_words_is_derived(repository, sentence):
    body = f"# {repository.split('/')[1]}\n\n{sentence} Osprey-7B was pretrained on 2T tokens.\n"
    assert derived_from(CARD + body, repository) is not None
    assert card_primary(body, repository) is None


@pytest.mark.parametrize("sentence", [
    "The chat version of Osprey-7B is Osprey-7B-Chat.",
    "What is the GPU memory requirement for fine-tuning Osprey-7B?",
    "Osprey-7B is a pre-trained model trained with a standard recipe.",
    "We also construct a chat model based on Osprey-7B.",
    "Unlike a chat model based on Kite-7B, Osprey-7B is trained from scratch.",
    "Applying additional finetuning to the 7B model reduces this bias.",
])
def test_a_base_card_naming_its_derivatives_or_how_to_tune_it_is_not_derived(sentence):
    body = f"# Osprey-7B\n\nOsprey-7B is a 7B model pretrained on 2T tokens. {sentence}\n"
    assert derived_from(CARD + body, "acme/Osprey-7B") is None


# -- long device names, a run's length per run, sizes of one family -----------------------------------

def test_a_device_name_of_five_words():
    (estimate,) = find_device_counts("We trained the model for 6 days on a machine with four NVIDIA GeForce "
                                     "GTX Titan X GPUs.", 2016)
    assert estimate.assumptions["chips"] == 4
    assert estimate.assumptions["accelerator"] == "GTX Titan X"


def test_a_device_name_does_not_reach_back_over_a_sentence_end():
    text = "We train for a maximum of 800000 steps. We used 8 A100 GPUs with a batch size of 1 per gpu."
    assert [count for count, *_ in device_counts(Span(text, 0, len(text)))] == [8]


@pytest.mark.parametrize("written", ["12 hours per run", "12 hours per model"])
def test_a_time_per_run_is_the_runs_length(written):
    (estimate,) = find_device_counts(f"We train Osprey using 8 V100 GPUs for roughly {written}.", 2019)
    assert estimate.assumptions["chip_seconds"] == pytest.approx(8 * 12 * HOUR)


def test_a_token_figure_written_after_another_size_of_the_family_is_that_sizes():
    body = ("# Osprey-1B\n\nOsprey is a family of models in 1B and 7B sizes. Osprey-1B was trained on 2T "
            "tokens and Osprey-7B on 4T tokens.\n")
    assert card_primary(body, "acme/Osprey-1B").assumptions["training_tokens"] == pytest.approx(2e12)


def test_a_size_in_a_name_is_not_a_count_of_devices():
    text = "Osprey-7B-Chat\nFine-tuning took 8 A100 GPUs"
    assert [count for count, *_ in device_counts(Span(text, 0, len(text)))] == [8]


# -- cues count where they govern the figure ---------------------------------------------------------

@pytest.mark.parametrize(("sentence", "flop"), [
    ("Unlike our ablation models, Osprey-7B was trained on 2T tokens.", 6 * 7e9 * 2e12),
    ("Osprey-7B was trained on 2T tokens, as predicted by our scaling law.", 6 * 7e9 * 2e12),
    ("It should be noted that Osprey-7B was trained with 3e23 FLOPs.", 3e23),
    ("Osprey-7B was trained with 4e24 FLOPs, below the 1e25 FLOPs threshold of the law.", 4e24),
    ("Osprey-7B is a decoder trained on 2T tokens with speculative decoding support.", 6 * 7e9 * 2e12),
    ("We train Osprey-7B with 1e23 FLOPs on a cluster that delivers 2 exaflops.", 1e23),
])
def test_a_cue_elsewhere_in_the_sentence_leaves_the_own_figure(sentence, flop):
    text = f"Osprey: open models\n\nWe present Osprey-7B. {sentence}"
    assert extract(text, 2024).primary.value_flop == pytest.approx(flop)


@pytest.mark.parametrize(("sentence", "tokens"), [
    # a batch written as a rate of tokens per step or per batch
    ("We trained for 250,000 steps at 4 million tokens per batch.", 250e3 * 4e6),
    ("Heron was trained for 250,000 iterations with 4M tokens per step.", 250e3 * 4e6),
    ("Heron: 250k steps × 4M tokens/step.", 250e3 * 4e6),
    # a batch with no word between it and a count that carries its unit
    ("Training: 250k steps, global batch 4M tokens.", 250e3 * 4e6),
    # batches counted in sequences of a length
    ("Heron was trained for 250k steps using batches of 1024 sequences of 4096 tokens.", 250e3 * 1024 * 4096),
])
def test_a_batch_written_as_a_rate_or_without_its_size_word(sentence, tokens):
    (found, _), = step_tokens(sentence)
    assert found == pytest.approx(tokens)


@pytest.mark.parametrize("sentence", [
    "We trained for 250k steps at a throughput of 4M tokens per second.",  # a speed, not a batch
    "We trained for 250k steps; each GPU processed 16K tokens per GPU per step.",  # per device, no count
])
def test_a_rate_that_is_no_global_batch_gives_no_set_up(sentence):
    assert step_tokens(sentence) == []


@pytest.mark.parametrize(("sentence", "tokens"), [
    ("We train for 1 million steps over batches of 2^20 tokens.", 1e6 * 2**20),
    ("We pre-train each model for 2^19 steps with a batch size of 128 sequences of length 512.",
     2**19 * 128 * 512),
])
def test_steps_and_batches_written_as_powers_of_two(sentence, tokens):
    (found, _), = step_tokens(sentence)
    assert found == pytest.approx(tokens)


@pytest.mark.parametrize(("sentence", "tokens"), [
    # a curriculum's phases, one of them sharing its noun with the next
    ("Osprey-7B was trained with a three-stage curriculum: generic skills in the first phase (1T tokens), "
     "and enterprise skills in the latter two phases (1.5T and 1T tokens).", 3.5e12),
    ("Pre-training has two stages: stage 1 uses 4T tokens and stage 2 uses 1T tokens of curated data.", 5e12),
    # a part of a stage's figure is no further stage
    ("Osprey-7B is pre-trained on 4T tokens in two stages, of which 1T tokens are code.", 4e12),
])
def test_a_run_told_in_stages_sums_their_tokens(sentence, tokens):
    primary = extract("Osprey-7B\n\nAbstract\nWe introduce Osprey-7B.\n\n2 Training\n" + sentence + "\n",
                      2024).primary
    assert primary is not None and primary.assumptions["training_tokens"] == pytest.approx(tokens)


@pytest.mark.parametrize("set_up, tokens", [
    # the sequence length's clause ends where another setting is named, and a count of steps is no length
    ("We use sequences of length 2048, a batch size of 512 and 143,000 steps.", 2048 * 512 * 143_000),
    ("We use a global batch of 1,024 × 2,048 tokens and train for 150k steps.", 1024 * 2048 * 150_000),
    ("Hyperparameters: batch size 2M tokens, training steps 250k.", 2e6 * 250_000),
    ("Training uses 2,000 warmup steps, a batch size of 512 sequences, a sequence length of 4096 and 50,000 "
     "total steps.", 512 * 4096 * 50_000),
])
def test_a_set_up_written_as_a_list_of_settings(set_up, tokens):
    primary = primary_of("Osprey has 1.3B parameters. " + set_up)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.3e9 * tokens)


def test_lengths_for_parts_of_the_steps_still_give_the_longest():
    set_up = ("Osprey has 1.3B parameters. We train for 1M steps with a batch size of 256 and a sequence "
              "length of 128 tokens for 90% of the steps and 512 for the rest.")
    primary = primary_of(set_up)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.3e9 * 1e6 * 256 * 512)


def test_a_batch_the_run_processes_per_step_leaves_its_device_time_a_total():
    primary = primary_of("We train Osprey on 256 H100 GPUs for 30 days, processing 1,024 sequences of 8,192 "
                         "tokens per step.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(256 * 30 * 86400)


@pytest.mark.parametrize("sentence", [
    "Heron-7B is a DPO-aligned version of Osprey-7B.",
    "Heron-7B is an SFT-tuned version of Osprey-7B.",
])
def test_a_method_joined_to_the_word_of_tuning_still_names_the_base(sentence):
    body = f"# heron-7b\n\n{sentence} Osprey-7B was pretrained on 2T tokens.\n"
    assert derived_from(CARD + body, "someone/heron-7b") == "Osprey-7B"
