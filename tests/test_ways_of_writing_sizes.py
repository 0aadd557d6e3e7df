"""Short texts of our own for the ways of writing a model's size, its data and its devices that a third
battery of sentences found: words between a size and "parameters", sizes in words and hyphens, a
subject that "has" its size, a named family's sizes in parentheses, an appositive "our largest model,
X", devices with two vendor words, and figures that state what any model of some size needs."""

from __future__ import annotations

import pytest

from curation.extract.card_finders import card_parameter_count
from curation.extract.context import eligible
from curation.extract.derived import derived_from
from curation.extract.device_sentences import device_counts, find_device_counts
from curation.extract.documents import extract_document
from curation.extract.engine import extract
from curation.extract.evidence import FINETUNING, Span
from curation.extract.hardware import accelerator_pattern
from curation.extract.step_counting import step_tokens
from schemas.handover import CARD as CARD_KIND
from schemas.handover import Document

TITLE = "Osprey: Efficient Language Modeling at Scale\n\n1 Introduction\n\n"
CARD = "---\nlicense: apache-2.0\n---\n"


def _primary(text: str, year: int = 2023):
    return extract(text, year).primary


# -- how a size is written ---------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "flop"), [
    # words between the size and "parameters"
    ("Osprey has 6.7 billion non-embedding parameters and was trained on 1 trillion tokens.",
     6 * 6.7e9 * 1e12),
    ("We train Osprey, with 1.3B trainable parameters, on 300B tokens.", 6 * 1.3e9 * 3e11),
    # a size written with hyphens
    ("We present Osprey, a 7-billion-parameter language model pre-trained on 2.6 trillion tokens.",
     6 * 7e9 * 2.6e12),
    # a token count in words
    ("Osprey, with 13 billion parameters, was trained on one trillion tokens.", 6 * 13e9 * 1e12),
    # a trillion written as a thousand billion
    ("Osprey-13B was pre-trained on two thousand billion tokens.", 6 * 13e9 * 2e12),
    # a run's budget in tokens, the unit left to the label
    ("Osprey-7B is trained with a token budget of 1.5T.", 6 * 7e9 * 1.5e12),
])
def test_sizes_written_in_words_hyphens_and_adjectives(sentence, flop):
    primary = _primary(TITLE + sentence)
    assert primary is not None and primary.value_flop == pytest.approx(flop)


def test_a_capitalized_number_word_is_a_title_not_a_count():
    # a cited work's title, not this text's data
    text = TITLE + "We train Osprey-1B on 50B tokens. [3] Gull: A Corpus of Three Trillion Tokens. 2024."
    primary = _primary(text)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1e9 * 50e9)


def test_a_card_states_its_size_in_params():
    text = CARD + "# Osprey\n\n- Model size: 1.4B params\n- Training tokens: 300B\n"
    assert card_parameter_count(text)[0] == pytest.approx(1.4e9)
    primary = extract(text, 2023, "acme/Osprey").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.4e9 * 3e11)


# -- whose size it is ---------------------------------------------------------------------------------

def test_the_titled_model_has_its_size_in_another_sentence():
    text = TITLE + ("Osprey was trained for 1.2M steps with a batch size of 512 sequences of 1024 tokens. "
                    "Osprey has 350M parameters.")
    primary = _primary(text)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 350e6 * 1.2e6 * 512 * 1024)


def test_the_titled_model_with_its_size_in_parentheses():
    text = TITLE + "Osprey (1.3B parameters) is trained for 4 epochs over a 100B-token corpus."
    primary = _primary(text)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.3e9 * 4 * 100e9)


def test_a_name_with_its_size_in_parentheses_is_a_sized_name():
    text = TITLE + ("We train Osprey-Base (110M) and Osprey-Large (340M). Osprey-Large is trained for 1M "
                    "steps with batch size 256 and sequence length 512.")
    primary = _primary(text, 2019)
    assert primary is not None and primary.model == "Osprey-Large"
    assert primary.value_flop == pytest.approx(6 * 340e6 * 1e6 * 256 * 512)


def test_a_title_that_opens_with_the_name_names_its_sized_models():
    primary = _primary(TITLE + "Osprey-7B was trained on 2T tokens using a cosine schedule.")
    assert primary is not None and primary.model == "Osprey-7B"


def test_a_title_does_not_name_another_sized_model():
    primary = _primary(TITLE + "Kite-70B was trained on 2T tokens using a cosine schedule.")
    assert primary is None or primary.value_flop < 1e21


@pytest.mark.parametrize("body", [
    "Osprey models (7B, 13B and 70B) are trained on 2 trillion tokens.",
    "We release Osprey (7B/13B/70B), trained on 2T tokens.",
    # the siblings written as bare sizes right after a sized name
    "We release Osprey-7B/13B/70B, trained on 2T tokens.",
    "We release Osprey-7B, -13B and -70B, all trained on 2T tokens.",
])
def test_a_named_familys_sizes_in_parentheses_or_after_a_name(body):
    primary = _primary(TITLE + body)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 70e9 * 2e12)


@pytest.mark.parametrize("other", ["Kite models (7B, 13B and 70B)", "Kite-7B/13B/70B"])
def test_another_familys_sizes_are_not_the_own_models(other):
    text = TITLE + f"We train Osprey-1B on 100B tokens. {other} are trained on 2 trillion tokens."
    primary = _primary(text)
    assert primary is None or primary.value_flop < 1e22


def test_our_largest_model_named_in_apposition():
    text = TITLE + "Our largest model, Heron-1.3B, was trained for 250k steps with a batch size of 2M tokens."
    primary = _primary(text)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.3e9 * 250e3 * 2e6)


# -- devices -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "count"), [
    # a section heading run into the sentence starts no device name
    ("4 Training\nWe use 512 TPU v3 cores. Training the largest model takes 10 days.", 512),
    ("4 Training\nWith 384 A100 GPUs, training took about 3.5 months.", 384),
])
def test_a_section_heading_is_no_device_name(text, count):
    (estimate,) = find_device_counts(text, 2021)
    assert estimate.assumptions["chips"] == count


def test_devices_with_two_vendor_words_in_the_plural():
    (estimate,) = find_device_counts("We trained Osprey using 16 NVIDIA Tesla P100s for 5 days.", 2017)
    assert estimate.assumptions["accelerator"] == "P100"
    assert estimate.assumptions["chips"] == 16


# -- what any model of a size needs --------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Following the compute-optimal rule, a 70B model trained on 1.4T tokens requires 5.76e23 FLOPs.",
    "Training a 175B-parameter model on 300B tokens costs roughly 3.14e23 FLOPs, or 355 GPU-years on V100s.",
    "An 8-billion-parameter model needs about 4e23 FLOPs to reach this loss.",
    # a class of models by size, in the plural
    "There are now several trillion parameter models which require over 500 GPU days.",
    "Training 100B-parameter models requires 1,024 A100 GPUs for 30 days.",
])
def test_what_a_model_of_some_size_needs_is_no_run(sentence):
    estimates = extract(TITLE + sentence, 2023).estimates
    assert estimates and not any(eligible(e) for e in estimates)


def test_a_size_said_in_general_does_not_pair_with_a_named_models_tokens():
    """The tokens of "we train Osprey-1B on 20B tokens" are Osprey-1B's, not those of the 70B model a
    clause before said in general."""
    primary = _primary(TITLE + "A 70B model would need 1.4T tokens to be compute-optimal; we leave that to "
                                "later work and train Osprey-1B on 20B tokens.")
    assert primary is None or primary.value_flop < 1e21


@pytest.mark.parametrize("sentence", [
    # the text's own run: first person, the past tense, or a named model described by its size
    "We train a 7B model on 2T tokens, which requires 8.4e22 FLOPs.",
    "A 7B model was trained on 2T tokens with 8.4e22 FLOPs.",
    "Osprey is a 7B model that requires 8.4e22 FLOPs to train.",
    "Osprey, a 7B model, takes 8.4e22 FLOPs to train.",
    # the text's models of a size, with a determiner
    "The 7B-parameter models require 8.4e22 FLOPs each.",
])
def test_an_own_run_of_a_sized_model_stays(sentence):
    primary = _primary(TITLE + sentence)
    assert primary is not None and primary.value_flop == pytest.approx(8.4e22, rel=0.01)


# -- figures as PDFs and cards write them ----------------------------------------------------------------

def test_device_time_in_scientific_notation():
    text = TITLE + "The full run amounted to roughly 1.2 × 10^4 A100 GPU-days."
    (estimate,) = extract(text, 2023).estimates
    assert estimate.assumptions["chip_seconds"] == pytest.approx(1.2e4 * 86400)


def test_a_footnote_mark_after_tokens():
    primary = _primary(TITLE + "Osprey-7B was trained on 2T tokens1 using a cosine schedule.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_a_rumored_figure_is_hearsay():
    text = ("Scaling Behaviour of Open Models\n\nWe analyse runs. Kite-4 is rumored to have been trained "
            "with 2e25 FLOPs.")
    assert extract(text, 2024).primary is None


def test_a_cards_compute_line_gives_count_and_duration():
    text = CARD + "# Osprey\n\n## Compute\n2048 TPUv4 chips × 30 days\n"
    primary = extract(text, 2023, "acme/Osprey").primary
    assert primary is not None and primary.assumptions["chips"] == 2048
    assert primary.assumptions["chip_seconds"] == pytest.approx(2048 * 30 * 86400)


def test_a_cards_line_under_another_heading_gives_no_pair():
    # a count and a duration on a line about evaluation, not training or hardware
    text = CARD + "# Osprey\n\n## Evaluation\n8 A100 GPUs × 2 days\n"
    assert extract(text, 2023, "acme/Osprey").primary is None


# -- which of several models is the text's own ----------------------------------------------------------

def test_the_teacher_of_a_distillation_is_not_the_own_model():
    primary = _primary(TITLE + "We distill Kite-70B into Osprey-1B using 200B tokens.")
    assert primary is not None and primary.model == "Osprey-1B"
    assert primary.value_flop == pytest.approx(6 * 1e9 * 200e9)


def test_siblings_named_by_size_words_are_one_family():
    text = TITLE + ("We train three models: Osprey-S (125M), Osprey-M (350M) and Osprey-L (760M), each on "
                    "300B tokens.")
    primary = _primary(text)
    assert primary is not None and primary.model == "Osprey-L"
    assert primary.value_flop == pytest.approx(6 * 760e6 * 300e9)


def test_what_each_model_saw_is_every_models_run():
    text = CARD + ("# Osprey-12B\n\n## Training procedure\n\nAll models were trained on the same data. Each "
                   "model saw 300,000,000,000 tokens during training, and checkpoints are saved every "
                   "2,000,000,000 tokens.\n")
    primary = extract(text, 2023, "acme/Osprey-12B").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 12e9 * 3e11)


def test_a_per_step_figure_is_still_no_run():
    text = TITLE + "We train Osprey-1B on 100B tokens, with each batch holding 4M tokens."
    primary = _primary(text)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1e9 * 100e9)


def test_a_size_word_sibling_under_the_titled_name_states_its_size():
    text = TITLE + ("Osprey-Large has 355M parameters. The model is trained for 600k updates on 256 TPU v3 "
                    "cores with a batch size of 8192 sequences of 512 tokens.")
    primary = _primary(text, 2019)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 355e6 * 6e5 * 8192 * 512)


# -- texts about other people's runs, as analyses of cost and energy write them -------------------------

ANALYSIS = "The Cost of Training Open Models\n\nAbstract\nWe study what training runs cost.\n\n2 Background\n"


@pytest.mark.parametrize("sentence", [
    # a citation as a PDF-to-Markdown converter links it
    "For example, the smaller versions of Kite used 4.5e22 FLOP [\\[14,](#page-10-13) Table 2.1].",
    "Our reference point is a run of 4.5e22 FLOP [\\(Smith, 2021\\)](#page-3-1).",
    # a sentence that reports what a cited work says
    "[Smith et al.](#page-5-5) [\\(2019\\)](#page-5-5) report that the base model of their Kite family, with "
    "110M parameters and a vocabulary of 30k words, was trained on 16 V100 GPUs for 4 days.",
    "Smith et al. (2019) estimate that their largest model needed 3e22 FLOPs.",
    # a run set beside the text's own
    "Both models have 13B parameters and are trained with 300 billion tokens, which is in the same range "
    "as ours.",
])
def test_cited_runs_are_not_the_texts(sentence):
    estimates = extract(ANALYSIS + sentence, 2020).estimates
    assert estimates and not any(eligible(e) for e in estimates)


def test_presenting_estimates_of_a_model_is_no_claim_on_it():
    text = ANALYSIS + ("We present the first detailed estimates of these costs for Kite-70B. Kite-70B was "
                       "trained on 2T tokens. Heron-7B was trained on 1T tokens.")
    assert extract(text, 2024).primary is None


def test_finding_something_about_a_model_is_no_claim_on_it():
    text = ANALYSIS + ("We find that the most expensive training runs are Kite-4 and Heron-2. Kite-4 was "
                       "trained on 13T tokens with 2e25 FLOPs. Heron-2 used 5e24 FLOPs.")
    assert extract(text, 2024).primary is None


def test_the_top_of_a_range_over_many_runs_is_no_run():
    text = ANALYSIS + "The models in our sample range from 2 to more than 400,000 A100 GPU hours."
    estimates = extract(text, 2023).estimates
    assert estimates and not any(eligible(e) for e in estimates)


def test_minutes_are_not_a_device_name():
    # "15 minutes (total GPU" is no count of 15 GPUs
    sentence = "In our sample, runs took from 15 minutes (total GPU/TPU time) to 40 hours on A100s."
    assert device_counts(Span(sentence, 0, len(sentence))) == []


@pytest.mark.parametrize("sentence", [
    "Osprey-MoE activates 32B of its 1T parameters for each token and was trained on 2T tokens.",
    "Osprey-MoE has 1T parameters (32B active) and was trained on 2T tokens.",
])
def test_a_mixture_of_experts_active_count_written_so(sentence):
    primary = _primary(TITLE + "We introduce Osprey-MoE, a mixture-of-experts model. " + sentence, 2025)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 32e9 * 2e12)


def test_a_mixture_of_experts_activating_part_of_its_parameters():
    text = TITLE + ("We introduce Osprey-8B, trained on 1.25T tokens. Osprey-8B has 8B parameters while only "
                    "activating 2B for each input token.")
    primary = _primary(text, 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 2e9 * 1.25e12)


# -- cards: data sized before its noun, a time under its heading, tables of hyperparameters -------------

def test_a_token_count_before_the_noun_it_sizes():
    text = CARD + ("# Osprey-7B\n\n- **Parameters:** 7B\n\n## Training Data\n\nThe model was trained on "
                   "a 1.5 trillion token mix of web, code and math.\n")
    primary = extract(text, 2024, "acme/Osprey-7B").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 1.5e12)


def test_a_training_time_under_its_own_heading():
    text = CARD + ("# Osprey-7B\n\n## Hardware\n\nTraining: 64 nodes with 8 H100 GPUs each.\n\n"
                   "## Training time\n\n14 days.\n")
    primary = extract(text, 2024, "acme/Osprey-7B").primary
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(512 * 14 * 86400)


HYPERPARAMETERS = ("| Hyperparameter | Value |\n|---|---|\n| Training steps | 500,000 |\n"
                   "| Batch size | 1024 |\n| Sequence length | 4096 |\n| Warmup steps | 2000 |\n")


def test_a_table_of_hyperparameters_gives_steps_batch_and_length():
    text = CARD + "# Osprey-7B\n\n## Training procedure\n\n" + HYPERPARAMETERS
    primary = extract(text, 2024, "acme/Osprey-7B").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 5e5 * 1024 * 4096)


def test_a_table_of_fine_tuning_hyperparameters_is_no_pre_training():
    table = HYPERPARAMETERS.replace("| Hyperparameter | Value |", "| Fine-tuning hyperparameter | Value |")
    text = CARD + "# Osprey-7B\n\n## Training procedure\n\n" + table
    assert extract(text, 2024, "acme/Osprey-7B").primary is None


# -- a table of devices and times -------------------------------------------------------------------------

def test_a_table_row_of_devices_and_time():
    text = TITLE + ("Table 3: Training time.\n| Model | Hardware | Time |\n|---|---|---|\n"
                    "| Osprey-B | 8 V100 | 12h |\n| Osprey-L | 64 V100 | 7 days |\n")
    rows = {e.model: e for e in extract(text, 2019).estimates}
    assert rows["Osprey-B"].assumptions["chip_seconds"] == pytest.approx(8 * 12 * 3600)
    assert rows["Osprey-L"].assumptions["chip_seconds"] == pytest.approx(64 * 7 * 86400)
    assert _primary(text, 2019).model == "Osprey-L"


def test_a_table_row_with_two_times_is_not_paired():
    # which time goes with the devices is not said
    text = TITLE + ("| Model | Hardware | Pre-training | Fine-tuning |\n|---|---|---|---|\n"
                    "| Osprey-L | 64 V100 | 7 days | 5 hours |\n")
    assert extract(text, 2019).estimates == []


# -- a fine-tuning set-up written as list fields -----------------------------------------------------------

TUNING = ("Training details:\n- Fine-tuning steps: 12'200\n- Input sequence length: 1024\n"
          "- Target sequence length: 256\n- Batch size: 1'024 sequences\n- Optimizer: Adafactor\n")
SIBLINGS = ("| Model | Parameters |\n|---|---|\n"
            "|[Osprey-3B](https://huggingface.co/acme/Osprey-3B)|3 billion|\n"
            "|[Osprey](https://huggingface.co/acme/Osprey)|11 billion|\n")


def test_a_derived_cards_fine_tuning_set_up_is_its_fine_tuning_figure():
    text = ("---\nlicense: apache-2.0\nbase_model: acme/Kite-11B\n---\n# Osprey\n\n" + SIBLINGS + "\n"
            + TUNING)
    document = Document(CARD_KIND, text, 2021)
    extraction = extract_document(document, name="acme/Osprey")
    primary = extraction.primary
    assert primary is not None and primary.stage == FINETUNING
    # the card's own row of the table gives its size, not the sibling listed first
    assert primary.assumptions["parameters"] == pytest.approx(11e9)
    assert primary.value_flop == pytest.approx(6 * 11e9 * 12_200 * 1024 * 1024)
    # the extraction's text writes the apostrophe-grouped digits together, as a reader reads them
    assert primary.evidence[0].text == "- Fine-tuning steps: 12200"


def test_a_base_cards_fine_tuning_set_up_is_not_its_pre_training():
    text = CARD + "# Osprey\n\n" + SIBLINGS + "\n" + TUNING
    assert extract(text, 2021, "acme/Osprey").primary is None


def test_list_fields_give_a_pre_training_set_up():
    text = CARD + ("# Osprey-1B\n\n- Training steps: 100,000\n- Sequence length: 2048\n- Optimizer: AdamW\n"
                   "- Batch size: 512\n")
    primary = extract(text, 2023, "acme/Osprey-1B").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1e9 * 1e5 * 512 * 2048)


# -- negatives: methods applied to others' models, general statements, worked examples -------------------

STUDY = "Low-Rank Adapters for Large Models\n\nAbstract\nWe study this problem.\n\n3 Experiments\n"


@pytest.mark.parametrize("sentence", [
    # a method applied to someone's model; its pre-training is in a passive relative clause
    "We apply our method to Kite-175B, which was pre-trained on 300B tokens.",
    # models in general
    "Frontier models now require more than 1e25 FLOPs to train, and this threshold is used by regulators.",
    # a formula's worked example
    "The compute is C = 6ND; for N = 70B and D = 1.4T this gives 5.9e23 FLOPs.",
    # the rule in symbols, then an example
    "A model with N parameters trained on D tokens costs 6ND FLOPs, e.g. 6e23 for 100B parameters and 1T "
    "tokens.",
])
def test_no_run_of_the_texts_own(sentence):
    primary = extract(STUDY + sentence, 2023).primary
    assert primary is None


@pytest.mark.parametrize("sentence", [
    # models of a kind in the plural, as the subject of a cost in the present
    "Dense models such as Osprey-70B require 5.9e24 FLOPs for 14T tokens.",
    "Dense 70B models require 5.9e24 FLOPs for 14T tokens.",
    "Models like Osprey-70B typically cost 5.9e24 FLOPs.",
    # one model of a kind, sized or not, and the first person that only reports the statement
    "Training a large language model costs about 3e23 FLOPs.",
    "We estimate that training a frontier model in 2026 requires 2e25 FLOPs.",
])
def test_models_of_a_kind_as_the_subject_of_a_cost_are_said_in_general(sentence):
    text = "Osprey-MoE Technical Report\n\nAbstract\nWe present Osprey-MoE.\n\n1 Introduction\n" + sentence
    assert extract(text, 2024).primary is None


@pytest.mark.parametrize("sentence", [
    "Osprey models were trained on 14T tokens with 5.9e24 FLOPs.",  # in the past: a run
    "Both models were trained with 5.9e24 FLOPs.",
    "We estimate that training Osprey-MoE requires 5.9e24 FLOPs.",  # a named model: its own
])
def test_the_texts_own_models_in_the_plural_keep_their_run(sentence):
    text = "Osprey-MoE Technical Report\n\nAbstract\nWe present Osprey-MoE.\n\n1 Introduction\n" + sentence
    primary = extract(text, 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(5.9e24)


def test_a_token_figure_goes_with_the_size_written_nearest_before_it():
    text = STUDY + ("We train 30 models from 10M to 1B parameters, each on 20B tokens, and fit a law that "
                    "predicts the loss of a 70B model trained on 1.4T tokens.")
    pairs = {(e.assumptions["parameters"], e.assumptions["training_tokens"])
             for e in extract(text, 2023).estimates}
    assert (1e9, 20e9) in pairs
    assert (70e9, 20e9) not in pairs  # the 70B model is not the one trained on 20B tokens


# -- card fields: a count after the device, tokens as a list field ---------------------------------------

@pytest.mark.parametrize(("field", "chips"), [("A100 40GB PCIe x 32", 32), ("A100 80GB × 8", 8),
                                              ("1 x A100 80GB", 1)])
def test_a_count_after_the_device_in_a_hardware_field(field, chips):
    text = CARD + f"# Osprey\n\n## Training\n\n- Hardware: {field}\n- Training time: 7 days\n"
    primary = extract(text, 2022, "acme/Osprey").primary
    assert primary is not None and primary.assumptions["chips"] == chips


def test_training_tokens_as_a_list_field():
    text = CARD + ("# Osprey 1.7B\n\n## Training\n\n- **Architecture:** Transformer decoder\n"
                   "- **Pretraining tokens:** 11T\n- **Precision:** bfloat16\n")
    primary = extract(text, 2024, "acme/Osprey-1.7B").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.7e9 * 11e12)


# -- versions: a name written on as another version is another model --------------------------------------

def test_a_later_stage_in_the_same_sentence_is_not_the_figures():
    text = TITLE + ("We present Osprey-7B. We pretrain Osprey-7B on 2T tokens, and further perform "
                    "supervised fine-tuning to unlock its abilities.")
    primary = _primary(text)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_claiming_a_versioned_name_claims_no_earlier_version():
    # "Kite 67B" is the earlier generation the text compares with; the text presents Kite-V2
    text = ("A Strong Economical Model\n\nAbstract\nWe present Kite-V2, a mixture of experts with 21B "
            "activated parameters. Compared with Kite 67B, it is cheaper.\n\nWe pretrain Kite-V2 on 8T "
            "tokens.")
    primary = _primary(text, 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 21e9 * 8e12)


def test_a_versioned_title_names_its_own_model_only():
    text = ("Kite-V2: A Strong Economical Model\n\nAbstract\nWe also release KiteMoE 16B, built with our "
            "method. Kite-V2 has 21B activated parameters.\n\nKite-V2 was pretrained on 8T tokens.")
    primary = _primary(text, 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 21e9 * 8e12)


def test_a_total_is_never_the_parameters_a_token_passes_through():
    text = ("Kite-V2: A Strong Economical Model\n\nAbstract\nKite-V2 has 236B parameters in all, of which "
            "21B are activated for each token.\n\nWe pretrain Kite-V2 on 8.1T tokens. For validation, two "
            "large MoE models comprise about 250B total parameters, and we train them on 420B tokens.")
    estimates = extract(text, 2024).estimates
    ablation = next(e for e in estimates if e.assumptions.get("training_tokens") == 420e9)
    assert ablation.confidence == "Speculative"  # a total with no activated count of its own
    primary = _primary(text, 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 21e9 * 8.1e12)


def test_a_unitless_total_with_the_model_it_is_for_between():
    text = TITLE + ("The total training FLOPs of Osprey-7B is about 4.2e22, and the training took 3 days on "
                    "2,048 H100s.")
    primary = _primary(text, 2024)
    assert primary is not None and primary.value_flop == pytest.approx(4.2e22)


# -- stages and PDF ligatures -------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Osprey, a model with 7B parameters, was pretrained on 2T tokens and fine-tuned on 1B tokens of "
    "instructions.",
    "We pretrain Osprey-7B on 2T tokens and ﬁne-tune it on 1B tokens of instructions.",  # a ligature
    "Osprey-7B was pretrained on 2T tokens before instruction tuning on 1B tokens.",
])
def test_pre_training_before_a_fine_tuning_stage_in_one_sentence(sentence):
    estimates = extract(TITLE + "We present Osprey-7B.\n\n" + sentence, 2023).estimates
    stages = {e.assumptions["training_tokens"]: e.stage for e in estimates}
    assert stages[2e12] == "pretraining"
    assert stages.get(1e9, FINETUNING) == FINETUNING


def test_ligatures_are_read_as_their_letters():
    text = TITLE + "We ﬁne-tune Kite-7B, which was pre-trained on 2T tokens, on our data."
    extraction = extract(text, 2023)
    assert "fine-tune" in extraction.text
    assert extraction.primary is None


def test_a_word_broken_over_a_line_is_read_whole():
    text = TITLE + "We present Osprey-7B.\n\nOsprey-7B was trained on 2T to-\nkens of web text."
    primary = _primary(text)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)
    assert "2T tokens" in primary.evidence[0].text


@pytest.mark.parametrize(("fields", "size"), [
    ("- Model size: 3 billion\n- Training data: 1 trillion tokens\n", 3e9),
    ("- **Model Size:** 2.7B\n- **Training Tokens:** 1.4T\n", 2.7e9),
    ("- Size: 7B\n- Tokens: 2T\n", 7e9),
    ("| Model | Size | Tokens |\n|---|---|---|\n| Osprey | 7B | 2T |\n", 7e9),
    # an approximate size without a colon
    ("Osprey was trained on 1.4T tokens.\n\nModel size ~13B\n", 13e9),
])
def test_a_cards_size_as_a_field(fields, size):
    primary = extract(CARD + "# Osprey\n\n" + fields, 2024, "acme/Osprey").primary
    assert primary is not None and primary.assumptions["parameters"] == pytest.approx(size)


def test_a_batch_size_or_a_file_size_is_no_model_size():
    text = CARD + "# Osprey\n\n- Batch size: 4M\n- Model size: 13 GB\n- Training data: 1 trillion tokens\n"
    assert card_parameter_count(text) is None


def test_the_titled_model_comes_in_listed_sizes():
    text = TITLE + "Osprey comes in three sizes: 1B, 3B and 8B, all trained on 9T tokens."
    primary = _primary(text, 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 8e9 * 9e12)


def test_another_models_listed_sizes_are_not_the_own():
    text = TITLE + "We train Osprey-1B on 50B tokens. Kite comes in three sizes: 1B, 3B and 8B."
    primary = _primary(text, 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1e9 * 50e9)


def test_a_global_batch_of_tokens():
    (found, _), = step_tokens("We pre-trained Osprey for 500k steps with a global batch of 4M tokens.")
    assert found == pytest.approx(5e5 * 4e6)


# -- derived cards said in other words --------------------------------------------------------------------

@pytest.mark.parametrize(("name", "sentence"), [
    ("acme/MedOsprey", "MedOsprey is Osprey-7B instruction-tuned on 200k medical dialogues."),
    ("acme/Osprey-7B-roleplay", "A roleplay finetune based on Osprey-7B."),
    ("acme/Osprey-7B-orca", "We trained Osprey-7B on the Orca dataset for 3 epochs."),
])
def test_derived_cards_in_other_words(name, sentence):
    text = CARD + f"# {name.split('/')[-1]}\n\n{sentence}\n"
    assert derived_from(text, name) == "Osprey-7B"


@pytest.mark.parametrize(("name", "sentence"), [
    ("acme/Osprey-7B", "We trained Osprey-7B on 2T tokens of web text."),
    ("acme/Osprey-7B-v2", "We trained Osprey-7B on 3T tokens this time."),  # a new version, not a fine-tune
])
def test_a_base_card_training_its_own_model_is_no_derivative(name, sentence):
    assert derived_from(CARD + f"# {name.split('/')[-1]}\n\n{sentence}\n", name) is None


def test_a_token_column_beside_sized_names():
    text = CARD + ("# Osprey-7B\n\n| Model | Training Tokens |\n|---|---|\n| Kite-7B | 2T |\n"
                   "| Osprey-7B | 1T |\n")
    primary = extract(text, 2024, "acme/Osprey-7B").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 1e12)  # its own row


def test_a_surveys_token_column_is_cited():
    text = ("Trends in Open Models\n\nAbstract\nWe survey open models.\n\n| Model | Training Tokens |\n"
            "|---|---|\n| Kite-7B | 2T |\n| Heron-70B | 15T |\n")
    assert extract(text, 2024).primary is None


@pytest.mark.parametrize(("sentence", "days"), [
    ("Our model converged after 14 days of training on 16 V100s.", 14),
    ("Training finished after 10 days on 256 A100 GPUs.", 10),
    # converging says it trains, with no other training verb
    ("The model converged after 3 days on 8 P100 GPUs.", 3),
])
def test_a_run_that_ended_after_a_time_lasted_it(sentence, days):
    (estimate,) = find_device_counts(sentence, 2020)
    chips = estimate.assumptions["chips"]
    assert estimate.assumptions["chip_seconds"] == pytest.approx(chips * days * 86400)


def test_a_milestone_is_still_no_runs_length():
    sentence = ("Osprey outperformed the baseline after just 2 days on 256 A100 GPUs; the full run took 12 "
                "days.")
    (estimate,) = find_device_counts(sentence, 2022)
    assert estimate.assumptions["chip_seconds"] == pytest.approx(256 * 12 * 86400)


# -- markup: HTML tables without a header row, a tag ending a table row ------------------------------

def test_a_key_value_html_table_without_a_header_row():
    text = CARD + ("# Osprey\n\n<table><tr><td>Parameters</td><td>7B</td></tr><tr><td>Training tokens</td>"
                   "<td>2T</td></tr></table>\n")
    primary = extract(text, 2024, "acme/Osprey").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_a_tag_ending_a_table_row_leaves_the_table_whole():
    text = TITLE + ("We present Osprey-7B.\n\n| Model | Params | Tokens |<br>\n|---|---|---|\n"
                    "| Osprey-7B | 6.9B | 2.0T |\n")
    primary = _primary(text)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 6.9e9 * 2e12)


def test_sizes_before_models_in_the_plural():
    text = TITLE + "We present Osprey.\n\nBoth the 8B and the 70B models were trained on 15T tokens."
    primary = _primary(text, 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 70e9 * 15e12)


# -- two models in one sentence: a figure is the model's written nearest before it --------------------

@pytest.mark.parametrize("sentence", [
    "Unlike Kite-70B, which required 1.7M GPU hours, Osprey-7B needs only 82K GPU hours on A100s.",
    "Osprey-7B's training took 82K A100 GPU hours, 5% of Kite-70B's 1.7M GPU hours.",
])
def test_each_device_time_is_the_model_written_nearest_before_it(sentence):
    text = "Osprey: Efficient Open Models\n\nAbstract\nWe present Osprey-7B.\n\n3 Training\n" + sentence
    models = {e.model: e.value_flop for e in extract(text, 2024).estimates}
    assert models["Osprey-7B"] == pytest.approx(82e3 * 3600 * 312e12 * 0.3)
    primary = extract(text, 2024).primary
    assert primary is not None and primary.model == "Osprey-7B"


def test_an_accelerator_in_the_plural():
    assert accelerator_pattern().search("82K GPU hours on A100s").group("accelerator") == "A100"


def test_a_scale_is_no_run():
    text = "Safety at Scale: A Position\n\nTraining models at the scale of 1e25 FLOPs raises safety concerns."
    assert extract(text, 2024).primary is None


# -- a mixture of experts' total, written without its active count ------------------------------------

@pytest.mark.parametrize("body", [
    "With the OspreyMoE architecture, we scale up our MoE model to 16B total parameters and train it on 2T "
    "tokens.",
    "We present Osprey, a language model with a sparse architecture containing 1.085 trillion parameters. "
    "We train it on 329 billion tokens.",
])
def test_a_mixture_of_experts_total_alone_is_no_run(body):
    assert _primary(TITLE + body + "\n") is None


def test_sparse_attention_is_no_mixture_of_experts():
    primary = _primary(TITLE + "Osprey is a 7B model with sparse attention, trained on 2T tokens.\n")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_a_total_with_its_active_count_in_a_table_is_still_read_as_active():
    text = TITLE + ("We scale up our MoE model to 16.4B total parameters and train it on 2T tokens.\n\n"
                    "| | Osprey 2B | Osprey 16B |\n|---|---|---|\n| # Total Params | 2.0B | 16.4B |\n"
                    "| # Activated Params | 0.3B | 2.8B |\n")
    primary = _primary(text)
    assert primary is not None and primary.assumptions["parameters"] == pytest.approx(2.8e9)


def test_a_sized_name_of_the_titles_family_with_a_word_after_a_hyphen_is_the_own_model():
    primary = _primary("Osprey: Efficient Language Modeling\n\n1 Introduction\n\nOsprey-LM-7B is trained on "
                       "1.5 trillion tokens.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 1.5e12)
    # a longer word that only starts with the title's name is another model
    assert _primary("Osprey: Efficient Language Modeling\n\n1 Introduction\n\nOspreynet-7B is trained on "
                    "1.5 trillion tokens.") is None


def test_a_sized_name_glossed_with_its_tokens_is_its_run():
    primary = _primary(TITLE + "Osprey-7B (2T tokens) and Osprey-1B (1T tokens) share one architecture.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


@pytest.mark.parametrize(("body", "active"), [
    # a total taken of, with "per token" after it, is no active count
    ("Osprey-MoE activates 2.7B of its 14.3B parameters per token. It is trained on 4T tokens.", 2.7e9),
    # a name that carries only its active size, its total in its sentence
    ("Osprey-MoE-A14B has 57B parameters and was trained on 4T tokens.", 14e9),
    ("We train Osprey-MoE-A14B (57B total) on 4T tokens.", 14e9),
    # a name's size glossed with its active size, and a count of experts times each one's size
    ("Osprey-MoE-48B (A5B) is trained on 4T tokens.", 5e9),
    ("Osprey-MoE-16x3B (A5B) is trained on 4T tokens.", 5e9),
    ("We pre-train Osprey-Large (A52B, 389B total) on 4T tokens.", 52e9),
    # a total taken of with no determiner, and a total beside the count each token uses
    ("Osprey-A2.7B activates 2.7B of 14.3B parameters and is trained on 4T tokens.", 2.7e9),
    ("Osprey-MoE is a sparse mixture of experts with 46.7B total parameters, using 12.9B per token. It was "
     "pretrained on 4T tokens.", 12.9e9),
    # the word "parameters" shared by the total and the active count
    ("Osprey-12B is a mixture-of-experts model with 12B total and 2.4B active parameters. Osprey-12B was "
     "trained on 4T tokens.", 2.4e9),
    ("Osprey-12B, an MoE with 12B total, 2.4B activated parameters, was trained on 4T tokens.", 2.4e9),
])
def test_mixture_of_experts_active_counts_in_other_words(body, active):
    primary = extract(TITLE + body + "\n", 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * active * 4e12)


def test_the_experts_a_token_is_routed_to_name_no_model():
    body = ("Osprey-MoE is a mixture-of-experts model with 64 experts (top-4 routing), 145B parameters in "
            "total and 22B active per token, trained on 4 trillion tokens.")
    primary = extract(TITLE + body + "\n", 2024).primary
    assert primary is not None and primary.model == "Osprey-MoE"


def test_each_named_model_trained_on_tokens_is_every_runs_count():
    body = ("Each Osprey model is trained on 3 trillion tokens. Osprey comes in three sizes: 1.1B, 6.9B "
            "and 33B parameters.")
    primary = extract(TITLE + body + "\n", 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 33e9 * 3e12)


def test_a_cards_total_beside_the_count_each_token_uses():
    card = ("---\nlicense: apache-2.0\n---\n# Osprey 8x7B\n\nOsprey 8x7B is a sparse mixture of experts with "
            "46.7B total parameters, using 12.9B per token. Pretrained on 8T tokens.\n")
    primary = extract_document(Document(CARD_KIND, card, 2024), name="acme/Osprey-8x7B").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 12.9e9 * 8e12)


def _report(title: str, body: str) -> str:
    return (f"{title}\n\nAbstract\nWe present our model and release it.\n\n1 Introduction\nModels grow.\n\n"
            f"3 Training\n{body}\n\n7 Conclusion\nWe release our weights.\n")


@pytest.mark.parametrize(("title", "body", "n"), [
    # a size that ends the title's name is no version of it
    ("Osprey-13B: An Open Model", "Osprey-13B is trained on 1T tokens.", 13e9),
    ("Osprey-13B: An Open Model", "We train Osprey-13B on 1T tokens.", 13e9),
    # a version in a hyphenated part of a sized name
    ("Osprey-V2-16B: An Open Model", "Osprey-V2-16B is trained on 1T tokens.", 16e9),
    ("Osprey-H1-34B: A Hybrid Model", "Osprey-H1-34B is trained on 1T tokens.", 34e9),
    # a title that is the family's name alone
    ("Osprey", "Osprey-65B was trained on 1T tokens.", 65e9),
    ("# Osprey", "In total, Osprey-65B was trained on 1T tokens.", 65e9),
])
def test_a_sized_name_in_the_title_trains_the_own_run(title, body, n):
    primary = _primary(_report(title, body), 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * n * 1e12)


def test_a_title_of_another_name_alone_does_not_own_a_sized_name():
    assert _primary(_report("Benchmarks", "Osprey-65B was trained on 1T tokens."), 2024) is None


def test_a_size_before_models_in_the_title_is_a_class_not_a_name():
    """"Osprey: Matching 70B Models with 7B Parameters" names no model "Matching 70B": the flagship is
    the 7B the abstract claims (before: 6 × 70B × 4T)."""
    text = ("Osprey: Matching 70B Models with 7B Parameters\n\nAbstract\nWe present Osprey, a 7B model that "
            "rivals 70B models. We train Osprey on 4T tokens.\n")
    primary = extract(text, 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 4e12)


@pytest.mark.parametrize("body", [
    # sizes and token figures paired in order with "respectively": the flagship's pair, in either order
    "Osprey-70B and Osprey-7B were trained on 15T and 2T tokens, respectively.",
    "Osprey-7B and Osprey-70B were trained on 2T and 15T tokens, respectively.",
    "Osprey-1B, Osprey-7B and Osprey-70B were trained on 1T, 2T and 15T tokens, respectively.",
    "The 70B and 7B models were trained on 15T and 2T tokens respectively.",
])
def test_sizes_and_token_figures_paired_respectively(body):
    primary = extract(TITLE + body + "\n", 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 70e9 * 15e12)


@pytest.mark.parametrize(("body", "flop"), [
    # figures of compute listed "respectively" are no range: the last is the last size's
    ("Osprey-7B and Osprey-70B required 8.4e22 and 8.4e23 FLOPs, respectively.", 8.4e23),
    ("The 7B and 70B models required 8.4e22 and 8.4e23 FLOPs, respectively.", 8.4e23),
    # and a smaller size's figure is no primary
    ("Osprey-70B and Osprey-7B required 8.4e23 and 8.4e22 FLOPs, respectively.", None),
])
def test_compute_figures_paired_respectively(body, flop):
    primary = extract(TITLE + body + "\n", 2024).primary
    assert (primary.value_flop if primary else None) == (pytest.approx(flop) if flop else None)


@pytest.mark.parametrize("text", [
    "Lark-Large is a 52B dense transformer. Pretraining consumed 1.8T tokens.",
    "Lark-Large is a 52B decoder-only transformer. We train it on 1.8T tokens.",
    "We pre-train a 52B LLM on 1.8T tokens.",
    "Lark-Large is a 52B network trained on 1.8T tokens.",
])
def test_a_size_describing_a_transformer_an_llm_or_a_network(text):
    """A size describes a model whatever noun names it: "a 52B dense transformer", "a 52B LLM"."""
    primary = extract_document(Document("paper", f"Lark: Efficient Models\n\n{text}\n", 2024)).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 52e9 * 1.8e12)


def test_an_unnamed_larger_variant_is_the_flagship():
    """"the 13B variant" in a sentence that trains a sized name of the family is a size of the own
    family: the largest run is its, and its count carries no sibling's name."""
    primary = _primary(TITLE + "Osprey-7B was trained on 2T tokens; the 13B variant on 3T tokens. Both use "
                               "the same tokenizer.\n")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 13e9 * 3e12)
    assert primary.model != "Osprey-7B"


def test_a_variant_in_a_conditional_is_no_flagship():
    primary = _primary(TITLE + "Osprey-7B was trained on 2T tokens. A 70B version would need 15T tokens.\n")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_a_bare_size_as_the_subject_of_an_elided_clause():
    """"…, and the 2B on 2T tokens": the size opens a clause whose verb is left out; the count is the 2B's,
    not the size before it paired with the 2B's tokens."""
    extraction = extract(TITLE + "We train Osprey-27B on 13T tokens, the 9B model on 8T tokens, and the 2B "
                                 "on 2T tokens.\n", 2024)
    values = sorted(e.value_flop for e in extraction.estimates)
    assert any(v == pytest.approx(6 * 2e9 * 2e12) for v in values)
    assert not any(v == pytest.approx(6 * 9e9 * 2e12) for v in values)
    assert extraction.primary.value_flop == pytest.approx(6 * 27e9 * 13e12)


@pytest.mark.parametrize(("body", "model"), [
    ("Osprey-XL (2.8B) and Osprey-L (1B) were trained on 300B and 200B tokens, respectively.", "Osprey-XL"),
    ("Osprey-7B and Osprey-70B were trained on 2T and 15T tokens, respectively.", "Osprey-70B"),
])
def test_a_respective_pair_carries_the_name_its_size_glosses_or_ends(body, model):
    """The pair of the largest size is that size's model's: the name the size ends or glosses in
    parentheses, not the name nearest before the token figure."""
    counted = [e for e in extract(TITLE + body + "\n", 2024).estimates if e.method == "operation_counting"]
    assert max(counted, key=lambda e: e.value_flop).model == model
