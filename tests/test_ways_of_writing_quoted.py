"""Short texts of our own, in the shapes of sentences that Epoch AI's notes quote from real papers and
cards (see ``bench/epoch_quotes.py``), and in shapes cards use: a learned tokenizer's training, a pod of
unstated size, device time listed by stage, a mixture's total named again, a GPU guessed from the year,
a corpus built, citations of software, other sizes' runs, counts and durations written other ways,
accelerators by their full names, a card that tells its base model's run."""

from __future__ import annotations

import pytest

from curation.extract.context import eligible
from curation.extract.device_sentences import device_counts
from curation.extract.documents import extract_document
from curation.extract.engine import extract
from curation.extract.evidence import Span
from curation.extract.hardware import accelerator_pattern
from curation.extract.markup import plain_text
from schemas.handover import CARD as CARD_KIND
from schemas.handover import Document

TITLE = "Osprey: Open and Efficient Models\n\n1 Introduction\nWe introduce Osprey.\n\n2 Training\n"
A100_HOUR = 3600 * 312e12 * 0.3


def _primary(body: str, year: int = 2024):
    return extract(TITLE + body + "\n", year).primary


def _span(text: str) -> Span:
    return Span(text, 0, len(text))


# -- what device time is for ---------------------------------------------------------------------------

def test_training_a_learned_tokenizer_is_training():
    primary = _primary("The visual tokenizer training takes 64 A100 GPUs for 80 hours. The generator "
                       "training takes 16 A100 GPUs for 10 hours.")
    assert primary is not None
    assert primary.value_flop == pytest.approx(64 * 80 * A100_HOUR, rel=0.01)


def test_tokenizing_a_corpus_is_still_no_training():
    primary = _primary("Tokenizing the corpus takes 64 A100 GPUs for 80 hours. Training Osprey takes 16 "
                       "A100 GPUs for 10 hours.")
    assert primary is not None
    assert primary.value_flop == pytest.approx(16 * 10 * A100_HOUR, rel=0.01)


def test_a_training_after_a_semicolon_is_read_apart_from_the_data_work_before_it():
    primary = _primary("Synthetic data generation consumed 50,000 H100 hours; training Osprey-7B took 10,000 "
                       "H100 hours.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(10_000 * 3600)


def test_cpu_cores_that_tokenize_do_no_training():
    text = ("Osprey: Open Models\n\nTokenizing the corpus took 2 days on 1,000 CPU cores. The model was "
            "trained afterwards.\n")
    estimates = extract(text, 2012).estimates
    assert estimates and not any(eligible(e) for e in estimates)


@pytest.mark.parametrize("sentence", [
    "Filtering the web crawl with a quality classifier used 40,000 GPU hours.",
    "Captioning the 300M images took 5 days on 256 A100 GPUs.",
    "Scoring every document with the judge model required 12,000 A100 hours; Osprey was trained on 16 "
    "A100 GPUs for 10 hours.",
])
def test_device_time_spent_on_an_operation_over_the_data_is_no_training(sentence):
    primary = _primary(sentence)
    if "Osprey was trained" in sentence:  # the clause after the semicolon is the run
        assert primary is not None and primary.value_flop == pytest.approx(16 * 10 * A100_HOUR, rel=0.01)
    else:
        assert primary is None


@pytest.mark.parametrize("sentence", [
    "Pre-training Osprey used about 9% of the 3.5M GPU hours our lab has each year.",
    # a fraction, in digits or in words
    "Osprey reaches Finch-70B's quality at 1/20th of its 6.3e24 training FLOPs.",
    "Osprey was trained with a tenth of the 3.5M GPU hours our lab has each year.",
])
def test_a_whole_the_run_is_a_share_of_is_no_run(sentence):
    assert _primary(sentence) is None


def test_a_gerund_that_names_a_thing_is_no_operation_on_the_data():
    primary = _primary("Embedding tables of Osprey were trained on 128 A100 GPUs for 14 days.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(128 * 14 * 86400)


def test_processing_the_tokens_is_the_training_run():
    primary = _primary("Processing 1.4T tokens took 21 days on 2,048 A100 GPUs.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(2048 * 21 * 86400)


# -- machines of unstated size -------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "We train Osprey on a TPU v3 Pod for two days.",
    "We train Osprey on a Cloud TPU pod for two days.",
    "Osprey is trained on a GPU cluster for two days.",
    "We train on 4 GPU nodes for two days.",
])
def test_a_pod_or_cluster_of_unstated_size_is_no_count_of_one(sentence):
    assert device_counts(_span(sentence)) == []
    assert _primary(sentence) is None


@pytest.mark.parametrize(("sentence", "count"), [
    ("We train Osprey on a TPU v3-256 pod for two days.", 128),
    ("We train on 16 GPU nodes, each with 8 A100 GPUs, for two days.", 128),
    ("We train on a single V100 for two days.", 1),
])
def test_a_machine_sized_in_devices_still_counts(sentence, count):
    assert max(c for c, *_ in device_counts(_span(sentence))) == count


# -- device time listed by stage -----------------------------------------------------------------------

def test_each_item_of_a_stage_list_has_its_own_stage():
    text = ("Training time: Pretraining: 120K A100 hours Annealing: 30K A100 hours SFT: 900 A100 hours "
            "DPO: 200 A100 hours")
    estimates = [e for e in extract(TITLE + text + "\n", 2024).estimates if e.method == "hardware"]
    stages = {round(e.value_flop / A100_HOUR): e.stage for e in estimates}
    assert stages == {120_000: "pretraining", 30_000: "pretraining", 900: "finetuning", 200: "finetuning"}
    assert _primary(text).value_flop == pytest.approx(120_000 * A100_HOUR, rel=0.01)


# -- a mixture of experts' total, named again ------------------------------------------------------------

def test_a_mixtures_total_stays_a_total_where_a_name_repeats_it():
    primary = _primary("We scale our MoE model up to 30B total parameters and train it on 3T tokens. We "
                       "then train Osprey 30B on a corpus of 3T tokens.")
    assert primary is None or primary.value_flop < 0.5 * 6 * 30e9 * 3e12


def test_a_dense_size_the_text_never_calls_a_total_still_counts():
    primary = _primary("We train Osprey 30B on a corpus of 3T tokens.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 30e9 * 3e12)


# -- a GPU guessed from the year -------------------------------------------------------------------------

def test_a_gpu_guessed_from_the_year_does_not_outrank_a_stated_count():
    primary = _primary("Training the largest model required a total of 256 GPUs for 30 days. The largest "
                       "model has 2B parameters and processed a total of 400B tokens during training.")
    assert primary is not None and primary.method == "operation_counting"
    assert primary.value_flop == pytest.approx(6 * 2e9 * 400e9)
    assert any("conflict" in note for note in primary.notes)


def test_a_gpu_guessed_from_the_year_still_gives_a_figure_alone():
    primary = _primary("Training the largest model required a total of 256 GPUs for 30 days.", 2023)
    assert primary is not None and primary.assumptions["accelerator"] == "A100 SXM"
    assert primary.confidence == "Speculative"


# -- a corpus built, not said to be trained on -------------------------------------------------------------

def test_a_corpus_built_is_not_the_tokens_a_size_trained_on():
    primary = _primary("We introduce Osprey, a language model with about 90B parameters, by compiling a "
                       "multilingual corpus of 700B tokens. The 80B model was trained with 250B tokens.")
    assert primary is not None
    assert primary.assumptions["training_tokens"] == pytest.approx(250e9)


def test_a_size_and_a_token_count_alone_are_still_a_run():
    primary = _primary("Scaling up (up to 9B params, ~1 trillion tokens) gives the best results. Ablations "
                       "use 30B tokens.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 9e9 * 1e12)


# -- citations that credit a tool, budgets spent -----------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "We train our models with JAX [51] using 64 A100 GPUs for 10 days.",
    "Osprey was trained with GPipe [15] on 64 A100 GPUs for 10 days.",
    "Osprey was implemented using JAX (Smith et al., 2018) and trained on 64 A100 GPUs for 10 days.",
])
def test_a_citation_of_the_software_a_run_used_keeps_the_run_its_own(sentence):
    primary = _primary(sentence)
    assert primary is not None
    assert primary.value_flop == pytest.approx(64 * 10 * 24 * A100_HOUR, rel=0.01)


def test_a_citation_after_the_devices_a_run_used_cites_that_run():
    assert _primary("Training a large transformer with architecture search took 274,120 GPU hours on P100s "
                    "(Smith et al., 2019).") is None


def test_a_run_compared_with_a_cited_model_stays_cited():
    assert _primary("Compared with Kite [12], which was trained on 64 A100 GPUs for 10 days, we need "
                    "far less.") is None


def test_a_budget_spent_is_the_runs():
    primary = _primary("Nearly all of the training budget was spent on the base Osprey-7B model, which took "
                       "~9 days to train on 256 A100 GPUs.")
    assert primary is not None
    assert primary.value_flop == pytest.approx(256 * 9 * 24 * A100_HOUR, rel=0.01)


def test_a_budget_planned_is_still_no_run():
    assert _primary("With a budget of 9 days on 256 A100 GPUs, one could train a 7B model.") is None


# -- names with a base suffix, or a letter and a digit ---------------------------------------------------

@pytest.mark.parametrize(("name", "size"), [
    ("Osprey-7B-Base", 7e9), ("Osprey-7B-v0.1", 7e9), ("K9-11B", 11e9),
])
def test_a_name_with_a_base_suffix_or_a_short_name_carries_its_size(name, size):
    text = (f"{name}\n\nAbstract\nWe introduce {name}.\n\n2 Training\n{name} is pre-trained on 2 trillion "
            "tokens.\n")
    primary = extract(text, 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * size * 2e12)


def test_a_chat_suffix_is_not_a_base_name():
    text = ("Osprey-7B-Chat\n\nAbstract\nWe introduce Osprey-7B-Chat.\n\n2 Training\nOsprey-7B-Chat is "
            "fine-tuned on 2B tokens.\n")
    assert extract(text, 2024).primary is None


# -- another size's run ----------------------------------------------------------------------------------

def test_a_smaller_models_run_is_not_the_flagships():
    primary = _primary("We train Osprey, a mixture of experts with 600B parameters, on 512 A100 GPUs for 4 "
                       "days. Our best dense model (2.3B parameters) was trained on 512 A100 GPUs for 6 "
                       "weeks.")
    assert primary is not None
    assert primary.value_flop == pytest.approx(512 * 4 * 24 * A100_HOUR, rel=0.01)


def test_a_run_that_also_covers_the_other_sizes_may_be_the_flagships():
    primary = _primary("We train Osprey models from 1.4B up to 3.8B parameters. We use eight A100 GPUs to "
                       "train the model of 1.4B parameters and of other sizes for 9 days.")
    assert primary is not None
    assert primary.value_flop == pytest.approx(8 * 9 * 24 * A100_HOUR, rel=0.01)


# -- durations and counts written other ways ---------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "chips", "hours"), [
    # a run that completes within a time lasted it
    ("All models are trained on 16 A100 (40G) GPUs and are completed within 1.5 days.", 16, 36),
    # a total after a time per epoch
    ("Pretraining used eight V100 GPUs. We trained for three epochs. Every epoch took about 4 days, "
     "resulting in a total pretraining time of 12 days.", 8, 288),
    # a machine with its memory in parentheses
    ("Using a single 16-A100(40G) machine, the model requires about 6 days of training.", 16, 144),
    # a count after the accelerator with a times sign
    ("We train Osprey on NVIDIA A100 80GB x 64 for 10 days.", 64, 240),
    ("Osprey 32B: NVIDIA A100 GPUs x 512 EA for 3 weeks.", 512, 504),
    # the duration in the sentence before a device count that trains
    ("We train the model for 1 million steps, which takes about 11 days. Our training runs on a cluster "
     "of 128 A100 GPUs.", 128, 264),
])
def test_durations_and_counts_written_other_ways(sentence, chips, hours):
    primary = _primary(sentence)
    assert primary is not None
    peak = 125e12 if "V100" in sentence else 312e12
    assert primary.value_flop == pytest.approx(chips * hours * 3600 * peak * 0.3, rel=0.01)


@pytest.mark.parametrize("sentence", [
    "We evaluate on 16 A100 GPUs; each evaluation completes within 2 hours.",
    "Our training runs on a cluster of 128 A100 GPUs. We evaluate the checkpoints for 2 days.",
    "We compare against Kite, which trains for 11 days. Our training runs on 128 A100 GPUs.",
])
def test_durations_that_are_no_run_of_the_count(sentence):
    primary = _primary(sentence)
    assert primary is None or primary.value_flop < 128 * 48 * A100_HOUR


def test_hours_of_computation_on_named_hardware_are_device_time():
    primary = _primary("A cumulative of 145,152 hours of computation was performed on hardware of type A100.")
    assert primary is not None
    assert primary.value_flop == pytest.approx(145_152 * A100_HOUR, rel=0.01)


def test_hours_of_computation_on_no_named_hardware_give_nothing():
    assert _primary("The project used 145,152 hours of computation on our cluster.") is None


# -- accelerators named by their vendor, and older or consumer GPUs ---------------------------------------

@pytest.mark.parametrize(("sentence", "accelerator"), [
    ("We trained Osprey on 512 Huawei Ascend 910 NPUs for 30 days.", "Ascend 910"),
    ("The network took about 2 days on an Nvidia GTX 285 GPU.", "GTX 285"),
    ("Training took six days on two GTX 480 GPUs.", "GTX 480"),
    ("We train Osprey on 4 RTX 3090 Ti GPUs for 10 days.", "RTX 3090 Ti"),
    ("We train Osprey on 4 RTX 3090 GPUs for 10 days.", "RTX 3090"),
    ("We train Osprey on 8 RTX 6000 Ada GPUs for 10 days.", "RTX 6000 Ada"),
    ("We train Osprey on 8 Quadro RTX 6000 GPUs for 10 days.", "Quadro RTX 6000"),
    ("Osprey was trained on 16 NVIDIA A800 PCIe GPUs for 10 days.", "A800"),
])
def test_an_accelerator_is_read_by_its_full_name(sentence, accelerator):
    primary = _primary(sentence, 2022)
    assert primary is not None and primary.assumptions["accelerator"] == accelerator


# -- a card that tells its base model's run ---------------------------------------------------------------

CARD = "---\nlicense: apache-2.0\n---\n# {title}\n\n{intro}\n\n## Training\n{training}\n"
BASE_RUN = "The base model was pretrained on 2T tokens using 512 A100 GPUs for 20 days."


def _card(title: str, intro: str, training: str):
    text = CARD.format(title=title, intro=intro, training=training)
    return extract_document(Document(CARD_KIND, text, 2024), name=f"acme/{title}")


def test_a_post_trained_name_over_the_base_models_run_is_derived():
    extraction = _card("Osprey-7B-Chat", "This is a chat model.", BASE_RUN + " We then tuned it on 100K "
                       "dialogues.")
    assert extraction.derived_from is not None
    assert extraction.primary is None


def test_a_base_name_over_the_base_models_run_keeps_it():
    extraction = _card("Osprey-7B", "We release the base model and a chat model.", BASE_RUN)
    assert extraction.derived_from is None
    assert extraction.primary is not None
    assert extraction.primary.value_flop == pytest.approx(6 * 7e9 * 2e12, rel=0.1)


def test_a_continued_training_card_does_not_take_its_base_models_run():
    extraction = _card("Osprey-Code-7B", "Osprey-Code-7B is initialized with Kite-7B weights and continually "
                       "pre-trained on 500B tokens of code.", BASE_RUN)
    assert extraction.derived_from is None
    assert extraction.primary is not None
    assert extraction.primary.value_flop == pytest.approx(6 * 7e9 * 500e9)


# -- set-ups and units written other ways ------------------------------------------------------------------

def test_sequences_of_tokens_per_batch_count_the_sequences():
    primary = _primary("We train Osprey (1.3B parameters) for 100k steps with 1,024 sequences of 2,048 "
                       "tokens per batch.")
    assert primary is not None
    assert primary.value_flop == pytest.approx(6 * 1.3e9 * 100_000 * 1024 * 2048)


def test_a_flop_day_unit_other_than_the_petaflop_day_is_no_flop_total():
    primary = _primary("The total training compute is 2.4 exaFLOP-days.")
    assert primary is None or primary.value_flop > 1e22


# -- runs that are not the text's own ------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    # a run told in a relative clause of another named model
    "Our model is 10x smaller than Kite-65B, which was trained on 1.4T tokens on 2048 A100s for 21 days.",
    # a reward model's training is post-training
    "The reward model was trained on 64 A100 GPUs for 2 days.",
    # what a model of some size needs, a device count and its duration either side of it
    "With 1,000 H100s, training a 70B model for 2T tokens takes roughly 30 days.",
])
def test_runs_that_are_not_the_texts_pre_training(sentence):
    assert _primary(sentence) is None


def test_the_own_model_told_in_a_relative_clause_keeps_its_run():
    primary = _primary("We release Osprey-7B, which was trained on 2T tokens on 512 A100s for 10 days.")
    assert primary is not None and primary.value_flop > 1e22


@pytest.mark.parametrize(("field", "tokens"), [
    ("Tokens seen: 15T", 15e12), ("- Total tokens seen: 1.2T", 1.2e12),
])
def test_tokens_seen_are_tokens_trained_on(field, tokens):
    text = CARD.format(title="Osprey-7B", intro="Osprey-7B is a language model.", training=field)
    primary = extract_document(Document(CARD_KIND, text, 2024), name="acme/Osprey-7B").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * tokens)


def test_a_set_up_written_as_rates():
    primary = _primary("We trained Osprey-7B using 4,096 tokens per sequence and 1,024 sequences per batch "
                       "for 250,000 steps.")
    assert primary is not None
    assert primary.value_flop == pytest.approx(6 * 7e9 * 4096 * 1024 * 250_000)


@pytest.mark.parametrize("sentence", [
    # an example's figures in parentheses after "such as"
    "Large language models such as Kite-3 (175B parameters, trained on 300B tokens) have shown remarkable "
    "abilities.",
    # a simulated run
    "We simulate training a 175B model on 10,000 V100 GPUs for 34 days.",
])
def test_examples_and_simulations_are_no_run(sentence):
    assert _primary(sentence) is None


def test_the_own_model_glossed_in_parentheses_keeps_its_run():
    primary = _primary("We release Osprey (7B parameters, trained on 2T tokens).")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_a_time_changed_into_another_is_the_second():
    primary = _primary("Our method reduces the training time of Osprey from 21 days to 14 days on 512 A100 "
                       "GPUs.")
    assert primary is not None
    assert primary.value_flop == pytest.approx(512 * 14 * 24 * A100_HOUR, rel=0.01)


def test_a_sentence_after_one_about_a_cited_work_is_that_works():
    primary = _primary("Smith et al. used TPU v2 accelerators for the search. TPU v2s are much faster, so "
                       "the search process takes 32,633 TPU v2 hours instead of 117,780 P100 hours.")
    assert primary is None


def test_a_first_person_sentence_after_a_cited_work_is_the_texts():
    primary = _primary("Smith et al. proposed the architecture. We train Osprey with it on 64 A100 GPUs for "
                       "10 days.")
    assert primary is not None
    assert primary.value_flop == pytest.approx(64 * 10 * 24 * A100_HOUR, rel=0.01)


def test_gcds_are_half_a_two_die_module():
    primary = _primary("Training ran for about 6 weeks using 512 MI250X GCDs.")
    assert primary is not None
    assert primary.assumptions["chip_seconds"] == pytest.approx(256 * 42 * 86400)


# -- derived and distilled cards said in other words -----------------------------------------------------

def test_a_version_of_a_model_trained_on_more_data_is_derived():
    extraction = _card("osprey-7b-math", "This model is a version of acme/Kite-7B trained on math problems "
                       "for 3 epochs.", "The base model was pretrained on 2T tokens using 512 A100 GPUs.")
    assert extraction.derived_from == "acme/Kite-7B" and extraction.primary is None


def test_a_copy_for_a_makers_model_names_the_model():
    extraction = _card("Kite-7B-GGUF", "This repo contains GGUF format model files for Acme's Kite 7B.", "")
    assert extraction.derived_from == "Kite 7B"


@pytest.mark.parametrize("intro", ["Quantized GGUF versions of Kite-7B.",
                                   "GGUF versions of Kite-7B, made with llama.cpp.",
                                   "4-bit AWQ weights of Kite-7B."])
def test_a_copy_with_its_format_between_names_the_model(intro):
    assert _card("Kite-7B-GGUF", intro, "").derived_from == "Kite-7B"


@pytest.mark.parametrize("intro", [
    # the card's own model copied, and a family's list of quantized siblings
    "We also release 4-bit versions of our model.",
    "We also provide quantized versions of this model.",
    "- Kite-7B-int4: 4-bit version of Kite-7B-sft.",
])
def test_copies_a_base_card_tells_of_make_it_no_copy(intro):
    assert _card("Kite-7B", intro, "").derived_from is None


def test_a_students_card_does_not_take_its_teachers_run():
    extraction = _card("Osprey-1B", "Osprey-1B is a 1B student distilled from Kite-7B on 50B tokens.",
                       "The teacher was pretrained on 2T tokens using 512 A100 GPUs for 20 days.")
    assert extraction.primary is not None
    assert extraction.primary.value_flop == pytest.approx(6 * 1e9 * 50e9)


def test_the_figure_of_the_model_a_comparison_names_is_that_models():
    primary = _primary("Osprey was trained with 3.2e22 FLOPs, roughly 10× less than Kite's 3.1e23 FLOPs.")
    assert primary is not None and primary.value_flop == pytest.approx(3.2e22)


@pytest.mark.parametrize("sentence", [
    "Osprey has 7 × 10^9 parameters and was trained on 2T tokens.",
    "We train Osprey, a seven-billion-parameter model, on 2T tokens.",
    "Osprey has seven billion parameters and was trained on 2T tokens.",
    # joined to its word by a hyphen
    "We train Osprey, a 7e9-parameter model, on 2T tokens.",
    "We train Osprey, a 7 × 10^9-parameter model, on 2T tokens.",
])
def test_parameter_counts_in_scientific_notation_or_words(sentence):
    primary = _primary(sentence)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


@pytest.mark.parametrize(("sentence", "flop"), [
    # compound words are one number: "twenty-one" is not "one"
    ("Osprey has twenty-one billion parameters and was trained on 2T tokens.", 6 * 21e9 * 2e12),
    ("Osprey has 7B parameters and was trained on twenty-five billion tokens.", 6 * 7e9 * 25e9),
    ("Osprey has 7B parameters and was trained on three hundred billion tokens.", 6 * 7e9 * 300e9),
    ("Osprey has 7B parameters and was trained on one and a half trillion tokens.", 6 * 7e9 * 1.5e12),
    ("Osprey has 7B parameters and was trained on two-and-a-half trillion tokens.", 6 * 7e9 * 2.5e12),
    ("Osprey has 7B parameters and was trained on half a trillion tokens.", 6 * 7e9 * 0.5e12),
])
def test_sizes_in_compound_words(sentence, flop):
    primary = _primary(sentence)
    assert primary is not None and primary.value_flop == pytest.approx(flop)


def test_a_title_in_words_is_no_count():
    assert plain_text("Seven Billion Parameters Are Enough") == "Seven Billion Parameters Are Enough"


# -- LaTeX sources, and citations in a sentence the authors train in -----------------------------------------

@pytest.mark.parametrize(("sentence", "flop"), [
    ("\\label{s} Osprey has 7B parameters and was trained on 1.4~trillion tokens.", 6 * 7e9 * 1.4e12),
    ("Osprey has 7B parameters and was trained on \\num{1.4e12} tokens.", 6 * 7e9 * 1.4e12),
    ("\\label{s} Training took 21~days on 2{,}048~A100 GPUs.", 2048 * 21 * 24 * A100_HOUR),
])
def test_numbers_in_a_latex_source(sentence, flop):
    primary = _primary(sentence)
    assert primary is not None and primary.value_flop == pytest.approx(flop, rel=0.01)


@pytest.mark.parametrize(("sentence", "own"), [
    ("We trained Osprey (7B parameters) on 1.4T tokens [12].", True),
    ("Our model is trained on 64 A100 GPUs for 10 days [3].", True),
    ("Kite-7B was trained on 1.4T tokens [12].", False),
    ("We compare with Kite, trained on 64 A100 GPUs for 10 days [3].", False),
    ("We note that Kite [3] was trained on 512 A100 GPUs for 30 days.", False),
])
def test_a_citation_mark_in_a_sentence_the_authors_train_in(sentence, own):
    assert (_primary(sentence) is not None) == own


@pytest.mark.parametrize(("written", "name"), [
    ("RTX 3090 Ti", "RTX 3090 Ti"), ("GeForce RTX 3090", "GeForce RTX 3090"), ("A100-80GB", "A100-80GB"),
    ("Titan Xp", "Titan Xp"), ("Titan X", "Titan X"), ("A10G", "A10G"), ("TPUv4", "TPUv4"),
    ("Cloud TPU v3", "Cloud TPU v3"), ("A100 PCIe", "A100 PCIe"),
])
def test_the_longest_accelerator_name_is_read(written, name):
    match = accelerator_pattern().search(f"We train on 8 {written} GPUs.")
    assert match is not None and match.group("accelerator") == name


def test_the_size_a_student_is_distilled_from_is_not_its_own():
    primary = _primary("Osprey-8B is distilled from a 70B model; the distillation uses 1T tokens.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 8e9 * 1e12)


@pytest.mark.parametrize(("title", "intro"), [
    ("Osprey-7B-32k", "Osprey-7B-32k extends the context of Kite-7B to 32k tokens with 1B tokens."),
    ("Osprey Medical", "Osprey Medical is Kite-7B adapted to the medical domain with 10B tokens."),
    # the context extended with the base as the object, and "the" before the pretraining continued (the
    # card named as its base with a word added)
    ("Kite-7B-LongCtx", "We extend Kite-7B to a 100k context with 2B tokens of long documents."),
    ("Kite-7B-Japanese", "Kite-7B-Japanese continues the pretraining of Kite-7B on 100B Japanese tokens."),
    ("Kite-7B-Code", "Starting from Kite-7B, we further pre-train on 500B tokens of code."),
    ("Kite-7B-v1.5", "Kite-7B-v1.5 is Kite-7B with an additional 1T tokens of pretraining."),
    ("Kite-7B-Med", "Kite-7B-Med is a domain-adapted version of Kite-7B, trained on 50B medical tokens."),
    ("Kite-7B-Math", "We take Kite-7B and continue training it on 200B math tokens."),
])
def test_a_card_continuing_another_models_training_does_not_take_its_run(title, intro):
    extraction = _card(title, intro, "Kite-7B was pretrained on 2T tokens using 512 A100 GPUs for 20 days.")
    assert extraction.primary is None or extraction.primary.value_flop < 1e21


def test_a_cards_own_name_is_no_base_it_continues():
    extraction = _card("Osprey-7B", "Osprey-7B is initialized from scratch.",
                       "Osprey-7B was pretrained on 2T tokens using 512 A100 GPUs for 20 days.")
    assert extraction.primary is not None and extraction.primary.value_flop > 1e22


@pytest.mark.parametrize("sentence", [
    "The model size of Osprey is 34B. Osprey is trained on 2T tokens.",
    "The number of parameters of Osprey is 34B. Osprey is trained on 2T tokens.",
    "Osprey's parameter count is 34 billion. It was trained on 2T tokens.",
])
def test_a_size_written_after_what_it_measures(sentence):
    primary = _primary(sentence)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 34e9 * 2e12)


def test_another_models_size_written_after_is_not_the_flagship():
    assert _primary("Kite's parameter count is 70 billion. The corpus has 2T tokens.") is None


@pytest.mark.parametrize(("field", "flop"), [
    ("Compute (PF-days): 3,640", 3640 * 8.64e19),
    ("Training compute (FLOPs): 2.1e23", 2.1e23),
    ("| Training compute (PF-days) | 310 |\n|---|---|", 310 * 8.64e19),
])
def test_a_compute_field_that_names_its_unit_in_parentheses(field, flop):
    primary = _primary(field)
    assert primary is not None and primary.value_flop == pytest.approx(flop)


# -- cards written in Chinese ----------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "flop"), [
    ("Osprey-13B 是包含 130 亿参数的语言模型，在语料上训练了 1.4 万亿 tokens。", 6 * 13e9 * 1.4e12),
    ("Osprey-13B 在1.4万亿tokens上训练。", 6 * 13e9 * 1.4e12),
    # a token in the singular, as Chinese writes it
    ("Osprey-13B 在 1.4 万亿 token 的高质量语料上训练。", 6 * 13e9 * 1.4e12),
    ("Osprey-13B 使用512张A100 GPU训练了30天。", 512 * 30 * 24 * A100_HOUR),
    # a count in ten-thousands (万) before device time or devices, a duration counted by a numeral character
    ("Osprey-13B 在 A100 上使用了约 40 万 GPU 小时进行预训练。", 400_000 * A100_HOUR),
    ("Osprey-13B 预训练消耗了 40 万卡时（A100）。", 400_000 * A100_HOUR),
    ("我们使用 1 万张 A100 训练了三周。", 10_000 * 21 * 24 * A100_HOUR),
    ("| 模型名称 | 总参数量 | 训练数据（tokens） |\n|---|---|---|\n| Osprey-13B | 13,000,000,000 | 1.4万亿 |",
     6 * 13e9 * 1.4e12),
    # the word of parameters before the count, or after a count in Latin sizes; a mixture's counts
    ("模型参数量为 130 亿，训练数据量为 1.4 万亿 tokens。", 6 * 13e9 * 1.4e12),
    ("Osprey-13B 是一个 13B 参数的模型，在 1.4T 高质量 token 上进行了预训练。", 6 * 13e9 * 1.4e12),
    ("Osprey-13B 是一个混合专家模型，总参数 130B，每个 token 激活 13B 参数，在 1.4T token 上进行预训练。",
     6 * 13e9 * 1.4e12),
    # Ascend in Chinese
    ("Osprey-13B 的训练在 512 张昇腾 910B 上完成，历时 30 天。", 512 * 30 * 86400 * 320e12 * 0.3),
    # Japanese with Latin sizes, a mixture's counts, devices before their count with a particle
    ("Osprey-13B は 13B パラメータのモデルで、1.4T トークンで事前学習しました。", 6 * 13e9 * 1.4e12),
    ("Osprey-13B は、総パラメータ数 47B、アクティブパラメータ数 13B の MoE モデルです。"
     "1.4T トークンで学習しました。", 6 * 13e9 * 1.4e12),
    ("Osprey-13B の学習には H100 GPU を 256 基使用し、約 30 日間かかりました。",
     256 * 30 * 86400 * 989.4e12 * 0.3),
    # the counter joined to the devices by the particle の
    ("Osprey-13Bは256基のH100 GPUを用いて30日間学習しました。", 256 * 30 * 86400 * 989.4e12 * 0.3),
    # a reported figure in a short sentence of Chinese (a word for two characters: prose, no list)
    ("训练总计算量约为 8.4×10^22 FLOPs。", 8.4e22),
])
def test_counts_and_durations_in_chinese_and_japanese(body, flop):
    extraction = _card("Osprey-13B", body, "")
    assert extraction.primary is not None
    assert extraction.primary.value_flop == pytest.approx(flop, rel=0.01)


def test_an_english_compound_of_a_token_count_in_a_text_with_chinese_keeps_its_word():
    """The singular "token" is Chinese's only before a Chinese character: "a 627B token corpus" (an English
    compound, cited in a paper that also writes a Chinese title) is no count of training tokens."""
    text = "我们的模型。We compare with the 1.6B token minipile and a 627B token corpus."
    assert plain_text(text) == text


def test_an_amount_of_money_in_chinese_units_is_no_count():
    assert plain_text("约 5 亿元人民币") == "约 5 亿元人民币"
    assert plain_text("价值 40 万美元") == "价值 40 万美元"  # ten-thousands of dollars, no devices
