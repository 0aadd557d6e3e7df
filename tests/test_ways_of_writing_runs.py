"""Short texts of our own for the ways of writing a training run that a fourth battery of sentences
found: a sequence length with a thousands separator, a cluster sized in GPUs, a labelled compute line
in a paper, and more."""

from __future__ import annotations

import pytest

from curation.extract.context import is_prose
from curation.extract.derived import derived_from
from curation.extract.device_sentences import device_counts
from curation.extract.documents import extract_document
from curation.extract.engine import extract
from curation.extract.evidence import FINETUNING, Span, sentence_around
from curation.extract.line_tables import device_time_line_tables, line_tables
from curation.extract.markup import plain_text
from curation.extract.step_counting import step_tokens
from schemas.handover import CARD, Document

TITLE = "Osprey: Open and Efficient Language Models\n\n1 Introduction\nWe introduce Osprey.\n\n2 Training\n"


def _primary(text: str, year: int = 2023):
    return extract(text, year).primary


def _span(text: str) -> Span:
    return Span(text, 0, len(text))


# -- set-ups, steps × batch × length -----------------------------------------------------------------

def test_a_sequence_length_with_a_thousands_separator():
    text = ("We train Osprey-1.3B for 143,000 steps with a batch size of 1,024 and a context length of "
            "2,048 tokens.")
    (tokens, _), = step_tokens(text)
    assert tokens == pytest.approx(143_000 * 1024 * 2048)


# -- devices ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "count", "name"), [
    ("The model trained for 11 days on a 2,048-GPU H100 cluster.", 2048, "H100"),
    ("Each run used one 8-GPU server for 3 days.", 8, ""),
])
def test_a_machine_or_cluster_sized_in_gpus(sentence, count, name):
    (found, accelerator, noun, _), = device_counts(_span(sentence))
    assert (found, accelerator, noun) == (count, name, "gpu")


def test_a_cluster_sized_in_gpus_gives_the_run():
    primary = _primary(TITLE + "The model trained for 11 days on a 2,048-GPU H100 cluster.", 2024)
    assert primary is not None and primary.method == "hardware"
    assert primary.assumptions["accelerator"].startswith("H100")


# -- what reads as prose -----------------------------------------------------------------------------

def test_punctuation_is_no_number_when_telling_prose_from_labels():
    assert is_prose(_span("Training compute: ~4.2e22 FLOPs (6ND)."))
    assert not is_prose(_span("1e21 1e22 1e23 FLOPs"))


def test_a_labelled_compute_line_in_a_paper_is_its_figure():
    primary = _primary(TITLE + "Training compute: ~4.2e22 FLOPs (6ND).")
    assert primary is not None and primary.value_flop == pytest.approx(4.2e22)


# -- whose run ----------------------------------------------------------------------------------------

NEUTRAL = ("On the Efficiency of Language Models\n\nAbstract\nWe study how models are used.\n\n"
           "1 Introduction\n")


def test_a_model_with_a_size_in_general_is_no_run():
    text = NEUTRAL + ("Training a model with 175 billion parameters on 300 billion tokens requires "
                      "3.14 × 10^23 FLOPs.")
    assert _primary(text, 2024) is None


def test_a_cited_run_closed_by_a_semicolon_is_not_the_texts_own():
    text = NEUTRAL + ("The original Kite-13B was trained for 2 weeks on 512 V100 GPUs (Smith et al., "
                      "2021); we instead train a 125M version for 1 day on 8 GPUs.")
    primary = _primary(text, 2022)
    assert primary is None or primary.value_flop < 1e21  # the 8 GPUs for a day, or nothing


def test_pairs_run_into_one_sentence_keep_their_own_labels():
    # a table flattened into a sentence: only the first row's label cites
    text = NEUTRAL + ("Training took: Kite (Wu et al., 2016) 6 days/96 K80s, Osprey 3 days/64 K40s.")
    primary = _primary(text, 2016)
    assert primary is not None and primary.assumptions["accelerator"] == "K40"


def test_a_public_estimate_of_another_run_is_hearsay():
    text = NEUTRAL + "Public estimates put Kite-4's training at 2.1e25 FLOP, far beyond any open model."
    assert _primary(text, 2024) is None


def test_npus_are_hardware_not_a_model():
    text = TITLE + "Our largest run used 4,096 Ascend 910 NPUs over 40 days."
    primary = _primary(text)
    assert primary is not None and primary.model is None
    assert primary.assumptions["accelerator"] == "Ascend 910"


def test_a_run_that_converges_after_a_time_lasted_it():
    text = TITLE + "The model converges after 3.5 days of training on eight P100 GPUs."
    primary = _primary(text, 2017)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(8 * 3.5 * 86400)


# -- derived cards -----------------------------------------------------------------------------------

def test_an_instruct_fine_tuned_version_is_derived():
    text = ("---\nlicense: apache-2.0\n---\n\n# Kite-7B-Instruct-v0.2\n\nThe Kite-7B-Instruct-v0.2 Large "
            "Language Model (LLM) is an instruct fine-tuned version of the Kite-7B-v0.2.\n\n"
            "Kite-7B-v0.2 was trained on 8T tokens.")
    assert derived_from(text, "acme/Kite-7B-Instruct-v0.2") == "Kite-7B-v0.2"
    card = extract_document(Document(CARD, text, 2024), name="acme/Kite-7B-Instruct-v0.2")
    assert card.primary is None


# -- LaTeX left in converted papers -----------------------------------------------------------------

@pytest.mark.parametrize(("written", "read"), [
    ("trained on $2\\mathrm{T}$ tokens", "trained on 2T tokens"),
    ("Osprey ($7$B parameters)", "Osprey (7B parameters)"),
    ("took $6.3\\times10^{24}$ FLOPs", "took 6.3×10^24 FLOPs"),
    ("took $\\sim$21 days", "took ~21 days"),
    ("3.8 × 10 24 3.8\\times 10^{24} FLOPs", "3.8 × 10 24 3.8× 10^24 FLOPs"),  # as ar5iv writes math
    ("at $2 per hour and $3 per GB", "at $2 per hour and $3 per GB"),  # money stays
])
def test_latex_numbers_read_as_a_reader_sees_them(written, read):
    assert plain_text(written) == read


def test_a_token_count_in_scientific_notation():
    primary = _primary(TITLE + "We pre-train Osprey-7B on 2 × 10^12 tokens.", 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_sizes_in_inline_math_give_the_run():
    primary = _primary(TITLE + "Osprey ($7$B parameters) was pretrained on $3$T tokens.", 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 3e12)


# -- passes over the data, and table cells ----------------------------------------------------------

def test_a_table_cell_may_capitalize_its_size_word():
    text = ("---\nlicense: apache-2.0\n---\n\n# Osprey-7B\n\n"
            "| Size | Training Tokens | Layers |\n|---|---|---|\n"
            "| [Osprey 1B](https://huggingface.co/acme/Osprey-1B) | 3 Trillion | 16 |\n"
            "| [Osprey 7B](https://huggingface.co/acme/Osprey-7B) | 2.5 Trillion | 32 |\n")
    card = extract_document(Document(CARD, text, 2024), name="acme/Osprey-7B")
    assert card.primary is not None and card.primary.value_flop == pytest.approx(6 * 7e9 * 2.5e12)


def test_a_figure_per_item_is_still_no_run():
    text = TITLE + "We train Osprey-1.5B on a mix of three corpora, each of 300B tokens."
    assert _primary(text, 2024) is None  # one corpus's size, not the run's tokens


# -- tables written as lines of words ---------------------------------------------------------------

LINE_TABLE = ("Table 1: Our models and two we compare with.\n"
              "Model Size (# Parameters) Training Tokens\n"
              "Kite (Wu et al., 2022) 137 Billion 168 Billion\n"
              "Heron-2 280 Billion 300 Billion\n"
              "Osprey 70 Billion 1.4 Trillion\n"
              "2 Related Work\n")


def test_a_table_written_as_lines_of_words():
    (table,) = line_tables(LINE_TABLE)
    assert [row.cells for row in table.rows] == [
        ["Kite (Wu et al., 2022)", "137 Billion", "168 Billion"],
        ["Heron-2", "280 Billion", "300 Billion"],
        ["Osprey", "70 Billion", "1.4 Trillion"]]


def test_a_line_table_row_with_more_columns_takes_the_two_sizes():
    text = "Model Params Layers d_model Tokens\nOsprey-1B 1.1B 24 2048 1T\nOsprey-7B 6.9B 32 4096 2T\n\n"
    (table,) = line_tables(text)
    assert [row.cells for row in table.rows] == [["Osprey-1B", "1.1B", "1T"], ["Osprey-7B", "6.9B", "2T"]]


def test_the_own_row_of_a_line_table_is_the_run():
    primary = _primary(TITLE + "We train Osprey on 1.4 trillion tokens.\n" + LINE_TABLE, 2022)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 70e9 * 1.4e12)
    assert primary.model == "Osprey" and primary.assumptions["table_row"]


DEVICE_TIME_LINES = ("Time (GPU hours) Power Consumption (W) Carbon Emitted (tCO2eq)\n"
                     "Osprey 2 7B 184320 400 31.22\n"
                     "Osprey 2 70B 1,720,320 400 291.42\n"
                     "Total 1904640 322.64\n"
                     "Table 2: Emissions of pre-training on A100-80GB GPUs.\n")


def test_a_device_time_table_written_as_lines_of_words():
    """Rows end in the same number of plain numbers; the first is the device time, the words before it
    the label (a version number in the name stays in it); a total with fewer columns ends the rows."""
    (table,) = device_time_line_tables(DEVICE_TIME_LINES)
    assert [row.cells for row in table.rows] == [["Osprey 2 7B", "184320", ""],
                                                 ["Osprey 2 70B", "1,720,320", ""]]


def test_a_device_time_table_with_its_header_broken_over_lines():
    text = ("Time\n(GPU hours)\nPower\nConsumption (W)\nOsprey 2\n7B 184320 400 31.22\n"
            "70B 1720320 400 291.42\n")
    (table,) = device_time_line_tables(text)
    assert [row.cells for row in table.rows] == [["7B", "184320", ""], ["70B", "1720320", ""]]


def test_the_largest_row_of_a_device_time_line_table_is_the_run():
    primary = _primary("Osprey 2: Open Models\n\nAbstract\nWe release Osprey 2.\n\n" + DEVICE_TIME_LINES)
    assert primary is not None and primary.model == "Osprey 2 70B"
    assert primary.assumptions["chip_seconds"] == pytest.approx(1720320 * 3600)
    assert primary.assumptions["accelerator"].startswith("A100")


def test_a_device_time_line_table_row_may_name_its_accelerator():
    text = ("Osprey: Open Models\n\nAbstract\nWe present Osprey-13B.\n\nTable 5: Training cost.\n"
            "Model GPU hours GPU type\nOsprey-1B 11,000 A100-80GB\nOsprey-13B 135,000 H100 SXM\n")
    primary = _primary(text)
    assert primary is not None and primary.model == "Osprey-13B"
    assert primary.assumptions["chip_seconds"] == pytest.approx(135e3 * 3600)
    assert primary.assumptions["accelerator"].startswith("H100")


def test_device_time_rows_may_write_thousands_and_millions_with_a_suffix():
    """'160K' and '1.3M' are the row's time, not part of its label; a size in millions ('350M') is no time."""
    (table,) = device_time_line_tables("Model   GPU hours   GPUs\nOsprey-1B   12K   64\n"
                                       "Osprey-13B   160k   1024\nOsprey-70B   1.3M   2048\n")
    assert [row.cells[:2] for row in table.rows] == [["Osprey-1B", "12K"], ["Osprey-13B", "160k"],
                                                     ["Osprey-70B", "1.3M"]]
    (sized,) = device_time_line_tables("Model GPU hours\nOsprey 350M 1200\nOsprey 1B 4800\n")
    assert [row.cells[:2] for row in sized.rows] == [["Osprey 350M", "1200"], ["Osprey 1B", "4800"]]


def test_device_time_after_another_column_of_numbers_is_the_rows_last_number():
    tables = device_time_line_tables("Model Params GPU hours\nOsprey-7B 7 184320\nOsprey-70B 70 1720320\n")
    assert [[row.cells[:2] for row in table.rows] for table in tables] == \
        [[["Osprey-7B", "184320"], ["Osprey-70B", "1720320"]]]


@pytest.mark.parametrize("text", [
    # a single row
    "Model GPU hours\nOsprey-7B 184320\n\nWe then evaluate.\n",
    # a sentence, not a header
    "We report the GPU hours of each model below.\nOsprey-7B 184320\nOsprey-70B 1720320\n",
])
def test_what_is_no_device_time_line_table(text):
    assert device_time_line_tables(text) == []


def test_a_sentence_naming_both_columns_is_no_header():
    text = "We report model size in parameters and training tokens.\nOsprey 70 Billion 1.4 Trillion\n"
    assert line_tables(text) == []


def test_a_comparison_is_about_the_model_right_after_it():
    text = TITLE + ("Compared to Kite-70B, which was trained on 15T tokens using 6.4M GPU hours on A100s, "
                    "Osprey-7B needs far less compute: it was trained on 2T tokens.")
    primary = _primary(text, 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)
    assert primary.model == "Osprey-7B"


def test_the_compared_models_figure_stays_cited():
    text = NEUTRAL + ("Compared to Kite-70B, which was trained on 15T tokens using 6.4M GPU hours, ours is "
                      "small.")
    assert _primary(text, 2024) is None


# -- older hardware shapes --------------------------------------------------------------------------

def test_hours_of_speech_are_data_not_time():
    text = TITLE + ("The acoustic model was trained on 16 GPUs for about 3 weeks, using 12,000 hours of "
                    "speech.")
    primary = _primary(text, 2017)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(16 * 21 * 86400)


def test_cpu_cores_are_no_accelerators():
    text = TITLE + "Training the agent took 5 days on a single machine with 8 P100 GPUs and 64 CPU cores."
    primary = _primary(text, 2017)
    assert primary is not None and primary.assumptions["chips"] == 8


def test_an_architecture_name_stands_for_its_gpu():
    text = TITLE + "Osprey is trained for 1.5M updates, taking about 6 days with 32 Volta GPUs."
    primary = _primary(text, 2019)
    assert primary is not None and primary.assumptions["accelerator"] == "V100"


def test_the_number_of_training_tokens_is_a_figure():
    primary = _primary(TITLE + "The total number of training tokens is about 2.6T for Osprey-13B.", 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 13e9 * 2.6e12)


def test_a_statistic_over_a_sample_is_no_run():
    text = TITLE + ("The runs we surveyed took a median of 72 hours. While the maximum of 400,000 A100 GPU "
                    "hours (equivalent to about 170 days with 100 GPUs) seems very large, it is rare.")
    assert _primary(text, 2023) is None


def test_a_citation_ending_the_sentence_cites_its_last_pair():
    text = NEUTRAL + ("Our model trained for 3 days on 8 GPUs, while Kite's training took over 14.8 days "
                      "with 10,000 GPUs [38].")
    primary = _primary(text, 2023)
    assert primary is not None and primary.assumptions["chips"] == 8


@pytest.mark.parametrize("sentence", [
    # a conversion between time and compute, about someone's run
    "It takes ~14.8 days for 10,000 GPUs at 24.6 TeraFLOPS/sec to compute 3.14E+23 FLOPS.",
    # alternatives weighed
    "For the estimate, it does not matter whether it takes 2 weeks on 10,000 V100 GPUs or 20 weeks on 1,000.",
])
def test_conversions_and_alternatives_are_no_run(sentence):
    assert _primary(NEUTRAL + sentence, 2021) is None


def test_it_takes_days_to_train_the_own_model_stays():
    primary = _primary(TITLE + "It takes 27 days to train Osprey on 512 H800 GPUs.", 2024)
    assert primary is not None and primary.assumptions["chips"] == 512


def test_a_tpu_generation_in_the_plural_names_no_model():
    primary = _primary(TITLE + "TPU v2s are much faster, so training takes 32,633 TPU v2 hours.", 2021)
    assert primary is not None and primary.model is None


def test_device_time_with_a_tpu_generation_between():
    primary = _primary(TITLE + "Training Osprey took 32,633 TPU v3 hours.", 2021)
    assert primary is not None and primary.assumptions["accelerator"] == "TPU v3"


def test_bare_gpu_hours_take_the_gpu_of_the_year():
    primary = _primary(TITLE + "Training Osprey took 32,633 GPU-hours.", 2021)
    assert primary is not None and primary.confidence == "Speculative"
    assert primary.assumptions["accelerator_from"] == "the data-centre GPU common that year"


TEMPLATE_CARD = ("---\nlicense: apache-2.0\n---\n\n# {name}\n\n## Model Details\n\n"
                 "- **Developed by:** Acme\n- **Finetuned from model [optional]:** {base}\n\n"
                 "## Training Details\n\n{training}")


@pytest.mark.parametrize("placeholder", ["[More Information Needed]", "None"])
def test_a_template_placeholder_names_no_base(placeholder):
    text = TEMPLATE_CARD.format(name="Osprey-7B", base=placeholder,
                                training="Osprey-7B was trained from scratch on 2T tokens.")
    assert derived_from(text, "acme/Osprey-7B") is None
    card = extract_document(Document(CARD, text, 2024), name="acme/Osprey-7B")
    assert card.primary is not None and card.primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_a_template_field_names_the_base():
    text = TEMPLATE_CARD.format(name="Osprey-7B-chat", base="acme/Osprey-7B",
                                training="The base model was trained on 2T tokens.")
    assert derived_from(text, "acme/Osprey-7B-chat") == "acme/Osprey-7B"


def test_a_parent_model_field_written_as_a_sentence():
    text = ("---\nlicense: mit\n---\n\n# kite-large-nli\n\n- **Parent Model:** This model is a fine-tuned "
            "version of the Kite large model.\n")
    assert derived_from(text, "acme/kite-large-nli") == "Kite"


# -- sentences ---------------------------------------------------------------------------------------

def test_a_sentence_that_opens_with_a_name_is_its_own():
    text = "We train Osprey-34B on 2T tokens. Heron-540B used 6144 TPU v4 chips for 50 days [12].\n"
    at = text.find("Heron")
    assert sentence_around(text, at, at + 5).text.startswith("Heron-540B used")


def test_small_runs_for_a_scaling_study_are_no_run():
    text = TITLE + "To fit scaling laws, we train 20 models from 100M to 3B parameters on up to 300B tokens."
    assert _primary(text, 2024) is None


# -- cards that mention other models ----------------------------------------------------------------

OWN_CARD = "---\nlicense: apache-2.0\n---\n\n# Plover-13B\n\nPlover-13B is an open language model.\n\n"


def test_a_cards_comparison_table_of_other_models_is_theirs():
    text = OWN_CARD + ("## Training\n\nPlover-13B was trained on 4T tokens.\n\n## Comparison\n\n"
                       "| Model | Params | Tokens |\n|---|---|---|\n| Kite-70B | 70B | 15T |\n"
                       "| Heron-180B | 180B | 3.5T |\n")
    card = extract_document(Document(CARD, text, 2024), name="acme/Plover-13B")
    assert card.primary is not None and card.primary.value_flop == pytest.approx(6 * 13e9 * 4e12)


def test_a_cards_token_figure_of_another_model_is_not_its_own():
    text = OWN_CARD + ("- **Parameters:** 13B\n- **Training tokens:** 4T\n\n## Limitations\n\n"
                       "Like Kite-70B, trained on 15T tokens, the model may hallucinate.\n")
    card = extract_document(Document(CARD, text, 2024), name="acme/Plover-13B")
    assert card.primary is not None and card.primary.value_flop == pytest.approx(6 * 13e9 * 4e12)


# -- which token figure --------------------------------------------------------------------------------

def test_a_mixture_of_experts_total_is_never_n():
    text = ("Kestrel: Scaling Giant Models\n\nAbstract\nWe build a 600 billion parameters Transformer model "
            "with Mixture-of-Experts layers. We trained the model until it has seen 1 trillion tokens.")
    primary = _primary(text, 2020)
    assert primary is None or primary.value_flop < 1e24


@pytest.mark.parametrize("sentence", [
    "This work was supported by a grant of 10M GPU hours on the Frontier supercomputer.",
    "We thank the Kestrel consortium for an allocation of 5 million A100 GPU hours.",
])
def test_compute_granted_is_not_compute_spent(sentence):
    text = TITLE + "We train Osprey-7B on 2T tokens.\n\nAcknowledgements\n" + sentence
    primary = _primary(text, 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_hours_used_in_gpu_hours_are_not_multiplied_by_the_count():
    text = OWN_CARD + ("## Environmental Impact\n\n- **Hardware Type:** 8x NVIDIA A100 80GB\n"
                       "- **Hours used:** 2,000 (GPU hours)\n- **Cloud Provider:** GCP\n")
    card = extract_document(Document(CARD, text, 2023), name="acme/Plover-13B")
    assert card.primary is not None and card.primary.assumptions["chip_seconds"] == pytest.approx(2000 * 3600)


def test_a_batch_written_as_a_power_of_two():
    text = ("We pre-train each model for 2^19 = 524,288 steps with a batch size of 2^11 = 2,048 sequences "
            "of length 512.")
    (tokens, _), = step_tokens(text)
    assert tokens == pytest.approx(524_288 * 2048 * 512)


def test_digits_grouped_by_a_thin_space_are_one_number():
    # (a no-break space between words is then a space)
    assert plain_text("Training took 21\u00a0days on 2\u2009048 A100 GPUs.") == \
        "Training took 21 days on 2048 A100 GPUs."
    primary = _primary(TITLE + "Training took 21 days on 2\u2009048 A100 GPUs.", 2023)
    assert primary is not None and primary.assumptions["chips"] == 2048


def test_a_batch_size_elsewhere_in_the_sentence_does_not_void_the_run():
    text = TITLE + ("Specifically, we train Osprey-Large on 512 TPU v3 chips for 500K steps with a batch "
                    "size of 8192, which takes about 5.5 days.")
    primary = _primary(text, 2019)
    assert primary is not None and primary.assumptions["chips"] == 512


def test_a_token_figure_of_a_batch_is_still_no_run():
    text = TITLE + "Osprey-7B uses a batch size of 4M tokens and a learning rate of 3e-4."
    assert _primary(text, 2024) is None


def test_a_fine_tuning_stage_the_sentence_goes_on_to_is_not_the_runs():
    text = TITLE + ("The model is trained on 128 TPUv3 cores for about one week, followed by fine-tuning "
                    "for 4 additional days.")
    primary = _primary(text, 2021)
    assert primary is not None and primary.stage == "pretraining"


def test_pflop_per_second_days():
    primary = _primary(TITLE + "Training Osprey used 1,000 PFLOP/s-days.", 2021)
    assert primary is not None and primary.value_flop == pytest.approx(1000 * 8.64e19)


def test_hours_used_beyond_a_year_are_device_time():
    text = OWN_CARD + "- **Hardware Type:** 256 A100\n- **Hours used:** 150000\n"
    card = extract_document(Document(CARD, text, 2022), name="acme/Plover-13B")
    assert card.primary is not None
    assert card.primary.assumptions["chip_seconds"] == pytest.approx(150000 * 3600)


@pytest.mark.parametrize(("sentence", "count"), [
    ("We used 64 8-GPU A100 servers for 2 weeks.", 512),
    ("In 2021 8-GPU servers were common; we used one for 2 weeks.", 8),
])
def test_machines_counted_before_their_gpus(sentence, count):
    (found, *_), = device_counts(_span(sentence))
    assert found == count


@pytest.mark.parametrize("sentence", [
    "In total, all\nexperiments in this paper used about 5e25 FLOPs.",
    "Distilling a 405B teacher into Osprey would\ncost 4e24 FLOPs, which we leave to future work.",
])
def test_a_cue_broken_over_a_line_still_reads(sentence):
    text = TITLE + "Pre-training Osprey-3B took 11 days on 256 H100 GPUs. " + sentence
    primary = _primary(text, 2024)
    assert primary is not None and primary.method == "hardware"


@pytest.mark.parametrize(("sentence", "flop"), [
    # a section heading that PDF text runs into the sentence after it
    ("4 Training Osprey has 7B parameters. Osprey was trained for 2 epochs over 1.4T tokens.",
     6 * 7e9 * 2.8e12),
    ("3 Models Osprey comes in three sizes: 1B, 3B and 8B, all trained on 9T tokens.", 6 * 8e9 * 9e12),
])
def test_a_heading_run_into_the_sentence_leaves_its_subject(sentence, flop):
    text = "Osprey: Open Language Models\n\nAbstract We present Osprey, a family of models.\n\n" + sentence
    primary = _primary(text, 2024)
    assert primary is not None and primary.value_flop == pytest.approx(flop)


def test_a_compound_broken_after_a_capital_stays_whole():
    assert plain_text("Training took 2.6M GPU-\nhours.") == "Training took 2.6M GPU-hours."
    assert plain_text("trained on 2T to-\nkens") == "trained on 2T tokens"
    # a name's size
    assert plain_text("We train Osprey-\n7B on 2T tokens.") == "We train Osprey-7B on 2T tokens."


@pytest.mark.parametrize(("text", "plain"), [
    ("Osprey-7B was trained on 2T∗ tokens using 512† A100 GPUs.",
     "Osprey-7B was trained on 2T tokens using 512 A100 GPUs."),
    ("GPT-J-6B‡ used 1.5e22 FLOPs.", "GPT-J-6B used 1.5e22 FLOPs."),
    ("See § 3 and ¶ 2.", "See § 3 and ¶ 2."),  # a section's sign before its number stays
])
def test_a_footnotes_symbol_after_a_number_or_a_size_goes(text, plain):
    assert plain_text(text) == plain


@pytest.mark.parametrize("tokens", ["2T subword tokens", "2 trillion BPE tokens", "2T high quality tokens",
                                    "2T deduplicated tokens"])
def test_words_between_a_token_count_and_tokens(tokens):
    primary = _primary(TITLE + f"We pre-train Osprey-7B on {tokens}.", 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_held_out_tokens_are_no_training_tokens():
    text = TITLE + "We train Osprey-7B on 200B tokens, and 1T held-out tokens are kept aside."
    primary = _primary(text, 2024)
    assert primary is not None and primary.assumptions["training_tokens"] == pytest.approx(200e9)


@pytest.mark.parametrize("sentence", [
    "Osprey has 7B dense parameters.",
    "Osprey, with 7B params, is our model.",
    "Osprey has a total of 7B parameters.",
    "The Osprey model has 7B parameters.",
])
def test_more_ways_a_subject_has_its_size(sentence):
    text = "Osprey: Open Models\n\nAbstract\nWe introduce Osprey.\n\n3 Training\n" + sentence + \
        " It is trained on 2T tokens."
    primary = _primary(text, 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_the_abstract_is_no_part_of_the_title():
    text = ("Osprey: Efficient Open Models\n\nAbstract Unlike Kite-70B, which required 1.7M GPU hours on "
            "A100s,\nOsprey-7B needs only 82K GPU hours.\n")
    primary = _primary(text, 2024)
    assert primary is not None and primary.model == "Osprey-7B"


def test_a_time_column_whose_header_names_the_unit():
    text = OWN_CARD + "### Compute\n\n| GPUs | Days |\n|---|---|\n| 512 A100 | 20 |\n"
    card = extract_document(Document(CARD, text, 2023), name="acme/Plover-13B")
    assert card.primary is not None and card.primary.assumptions["chips"] == 512
    assert card.primary.assumptions["duration"] == "20 days"


# -- a model a column ------------------------------------------------------------------------------------

def test_a_table_with_a_model_a_column():
    text = ("---\nlicense: apache-2.0\n---\n# Osprey v2\n\n| | Osprey v1 | Osprey v2 |\n|---|---|---|\n"
            "| Parameters | 7B | 7B |\n| Training tokens | 1T | 2T |\n")
    card = extract_document(Document(CARD, text, 2024), name="acme/Osprey-v2")
    assert card.primary is not None and card.primary.value_flop == pytest.approx(6 * 7e9 * 2e12)
    assert card.primary.model == "Osprey v2"


def test_a_mixture_of_experts_column_uses_its_activated_row():
    text = ("OspreyMoE: Sparse Experts at Scale\n\n"
            "| Metric | Osprey 7B (Dense) | OspreyMoE 16B |\n|---|---|---|\n"
            "| # Total Params | 6.9B | 16.4B |\n| # Activated Params | 6.9B | 2.8B |\n"
            "| # Training Tokens | 2T | 2T |\n")
    rows = [e for e in extract(text, 2024).estimates
            if e.assumptions.get("pairing", "").startswith("a table column")]
    moe = next(e for e in rows if e.model == "OspreyMoE 16B")
    assert moe.value_flop == pytest.approx(6 * 2.8e9 * 2e12) and moe.assumptions["active_parameters"]
    dense = next(e for e in rows if e.model == "Osprey 7B (Dense)")
    assert any(note.startswith("cited") for note in dense.notes)  # the title names OspreyMoE more fully


# -- whose run, in short texts: each case its own way of writing (the id says which) ------------------

@pytest.mark.parametrize(("body", "year", "flop"), [
    pytest.param("We pre-train Osprey-3B on 4 trillion tokens (4 epochs of a 1T-token dataset).",
                 2024, 6 * 3e9 * 4e12, id="epochs_do_not_multiply_a_figure_that_already_counts_them"),
    pytest.param("We pre-train Osprey-3B on a 1T-token dataset for 4 epochs.",
                 2024, 6 * 3e9 * 4e12, id="epochs_still_multiply_a_dataset_size"),
    pytest.param("Osprey-1.5B is distilled from a 70B teacher on 50B tokens.",
                 2024, 6 * 1.5e9 * 50e9, id="each_is_a_word_not_part_of_teacher"),
    pytest.param("We train Osprey-34B on 2T tokens. Heron-540B used 6144 TPU v4 chips for 50 days "
                 "[12].\n\nTable 3: Comparison with open models.\n"
                 "| Model | Params | Tokens |\n|---|---|---|\n"
                 "| Kite-65B | 65B | 1.4T |\n| Heron-180B | 180B | 3.5T |\n",
                 2024, 6 * 34e9 * 2e12, id="another_models_row_stays_cited_beside_an_own_claim"),
    pytest.param("We train Osprey-13B on 2T tokens. Our previous model needed 1.7M GPU hours on A100s.",
                 2024, 6 * 13e9 * 2e12, id="the_authors_earlier_model_is_not_this_run"),
    pytest.param("Table 2: Training compute (FLOPs) of the models we compare.\nKite-70B 6.3e24\n\n"
                 "We train Osprey-7B on 1T tokens.\n\nAppendix A\n"
                 "We estimate that Kite-4 was trained with 2e25 FLOPs.",
                 2024, 6 * 7e9 * 1e12, id="a_sentence_under_a_compute_table_is_no_row"),
    pytest.param("To fit scaling laws, we train 20 models from 100M to 3B parameters on up to 300B "
                 "tokens. Osprey-1B was pre-trained on 3 trillion tokens of web text and code.",
                 2024, 6 * 1e9 * 3e12, id="a_range_of_models_for_scaling_laws_does_not_size_the_flagship"),
    pytest.param("Distilling a 405B teacher into Osprey would cost 4e24 FLOPs, which we leave to future "
                 "work.\n\n3 Pre-training\nOsprey-3B was pre-trained on 8 trillion tokens of web text.",
                 2024, 6 * 3e9 * 8e12, id="a_plan_in_the_paragraph_before_does_not_unname_the_model"),
    pytest.param("We train Osprey-1B on 1T tokens. Data filtering with a 7B classifier consumed "
                 "2,000,000 A100 GPU hours.",
                 2024, 6 * 1e9 * 1e12, id="data_filtering_is_no_training_use"),
    pytest.param("We release Osprey in 0.5B, 0.9B and 7B sizes, all trained on 3T tokens.",
                 2024, 6 * 7e9 * 3e12, id="sizes_listed_before_the_word_sizes"),
    pytest.param("We release Osprey in 0.5B, 0.9B and 7B sizes, all trained on 3T tokens.\n\nAppendix A\n"
                 "Training a model with 1 trillion parameters on 20 trillion tokens requires 1.2 × 10^26 "
                 "FLOPs.",
                 2024, 6 * 7e9 * 3e12, id="a_general_statements_larger_token_figure_gives_way_to_the_runs"),
])
def test_the_primary_is_the_texts_own_run(body, year, flop):
    primary = _primary(TITLE + body, year)
    assert primary is not None and primary.value_flop == pytest.approx(flop)


# -- a subject that points back ----------------------------------------------------------------------

PRONOUN_TITLE = "Heron: An Open Language Model\n\nAbstract\n"


@pytest.mark.parametrize("body", [
    "We introduce Heron, a decoder-only language model. It has 13B parameters and was trained on 2T tokens.",
    "We introduce Heron. The model has 13B parameters. We train it on 2T tokens.",
    "We present Heron, our new language model. Our model has 13B parameters and is trained on 2T tokens.",
])
def test_it_after_the_own_introduction_is_the_own_model(body):
    primary = _primary(PRONOUN_TITLE + body + "\n", 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 13e9 * 2e12)


@pytest.mark.parametrize("body", [
    "We compare with Kite, a strong baseline. It has 70B parameters and was trained on 15T tokens. "
    "We train Heron-7B on 2T tokens.",
    "We compare with Kite (Smith et al., 2023). It was trained on 512 A100 GPUs for 30 days. We train "
    "Heron-7B on 2T tokens.",
])
def test_it_after_a_baseline_is_the_baseline(body):
    primary = _primary(PRONOUN_TITLE + body + "\n", 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_it_in_a_new_paragraph_reaches_back_to_nothing():
    # the paragraph before introduces the model, but "The model" opens a paragraph about something else
    text = PRONOUN_TITLE + "We introduce Heron.\n\nThe model has 13B parameters. We train it on 2T tokens.\n"
    assert _primary(text, 2024) is None


# -- derived cards: more ways of naming the base -------------------------------------------------------

BASE_RUN = "Kite-7B was pretrained on 2T tokens using 512 A100 GPUs for 21 days."


@pytest.mark.parametrize(("repository", "opening"), [
    ("acme/Heron-7B", "We instruction-tune Kite-7B on 100k examples."),
    ("acme/Heron-7B", "Heron is trained on top of Kite-7B with supervised fine-tuning."),
    ("acme/Heron-7B", "Base model: [Kite-7B](https://huggingface.co/kite/Kite-7B)"),
    ("acme/Heron-7B", "Heron-7B is derived from Kite-7B by pruning and retraining."),
    ("acme/Heron-7B", "This is a merged model combining Kite-7B and Wren-7B using SLERP."),
    ("acme/Heron-7B", "Heron-7B starts from the Kite-7B checkpoint and is fine-tuned on code."),
    ("acme/Heron-7B", "Heron-7B is Kite-7B further trained with RLHF."),
    ("acme/Heron-Med-7B", "Heron-Med-7B is a medical model obtained by fine-tuning Kite-7B on PubMed."),
    ("acme/HeronChat", "HeronChat is built by supervised fine-tuning Kite-7B on 1M conversations."),
    ("acme/Heron-7B", "The chat model was produced from the base Kite-7B via supervised fine-tuning."),
    ("acme/Heron-7B", "Heron-7B-Math: Kite-7B + 10B tokens of math continued pretraining + SFT."),
    ("acme/Heron-7B", "Trained from Kite-7B using GRPO on 50K math problems."),
    ("acme/Heron-7B-GRPO", "Heron-7B-GRPO is tuned for math."),
    ("acme/Kite-7B-UltraChat", "Kite-7B fine-tuned on UltraChat for 3 epochs."),
    ("acme/Heron-7B", "Fine-tuned version of Kite-7B for customer support."),
    ("acme/Heron-7B", "A DPO-tuned Kite-7B for helpful answers."),
    ("acme/Heron-7B", "Heron-7B is a Kite-7B finetune for roleplay."),
    ("acme/Heron-7B", "Heron-7B uses Kite-7B weights, further trained on 1M chat turns."),
    ("someone/Heron-7B", "Heron-7B is a finetuned Kite-7B model for roleplay."),
    ("someone/Heron-7B", "We took Kite-7B and trained it on 50k conversations."),
    ("acme/Heron-7B", "Heron-7B is Kite-7B with continued instruction tuning on 1M examples."),
    ("acme/Heron-7B", "Heron-7B was trained from Kite-7B, a strong base model, using SFT and DPO."),
    ("acme/Heron-7B", "Heron-7B is post-trained from Kite-7B-Base (6T tokens of pretraining)."),
    ("acme/Heron-Math-7B", "Heron-Math-7B specializes Kite-7B for mathematics via SFT on 1M problems."),
    # the base's field as a list item, after a sentence, or as a key-value table's row
    ("acme/Heron-7B", "## Model details\n- **Base model:** Kite-7B\n- Context: 4k"),
    ("acme/Heron-7B", "Heron-7B is a chat model. Base model: Kite-7B, 7B parameters, 2T tokens."),
    ("acme/Heron-7B", "| Attribute | Value |\n|---|---|\n| Base model | Kite-7B |\n| Parameters | 7B |"),
])
def test_a_derived_card_named_another_way_takes_no_base_compute(repository, opening):
    text = f"---\nlicense: apache-2.0\n---\n# Heron-7B\n\n{opening}\n\n## Training\n{BASE_RUN}\n"
    assert derived_from(text, repository) is not None
    primary = extract_document(Document(CARD, text, 2024), name=repository).primary
    assert primary is None or primary.value_flop < 1e21


@pytest.mark.parametrize("line", ["We compare with a DPO-tuned Kite-7B on chat.",
                                  "Kite-7B fine-tuned on our data underperforms Heron-7B.",
                                  "Unlike a Kite-7B finetune, Heron-7B was trained from scratch.",
                                  "The model is mostly intended to\nbe fine-tuned on a downstream task."])
def test_another_models_tuning_on_a_base_card_is_no_derivation(line):
    text = (f"---\nlicense: apache-2.0\n---\n# Heron-7B\n\n{line}\n\nHeron-7B was pretrained on 2T tokens "
            "using 512 A100 GPUs for 20 days.\n")
    assert derived_from(text, "acme/Heron-7B") is None


def test_a_chat_name_over_the_bases_run_is_derived():
    text = ("---\nlicense: apache-2.0\n---\n# Heron-7B-Chat\n\nHeron-7B-Chat answers questions. The base was "
            "pretrained on 2T tokens using 512 A100 GPUs for 20 days.\n")
    assert derived_from(text, "acme/Heron-7B-Chat") is not None
    assert extract_document(Document(CARD, text, 2024), name="acme/Heron-7B-Chat").primary is None


def test_a_tuned_name_over_the_pretrained_versions_run_is_derived():
    text = ("---\nlicense: apache-2.0\n---\n# Heron-7B-it\n\nHeron-7B-it is the instruction-tuned variant. "
            "The pretrained version, Heron-7B, was trained on 6T tokens on 4096 TPU v5e chips.\n")
    assert derived_from(text, "acme/Heron-7B-it") is not None
    assert extract_document(Document(CARD, text, 2024), name="acme/Heron-7B-it").primary is None


@pytest.mark.parametrize("body", [
    "Heron-7B was trained from scratch on 2T tokens and then instruction-tuned.",
    # "| Base Model | Python | Instruct" heads a table of a family's variants: no key and its value
    "| Base Model | Python | Instruct\n--- | --- | ---\nacme/Heron-7B | acme/Heron-7B-Python | "
    "acme/Heron-7B-Instruct\n\nHeron-7B was trained on 2T tokens.",
])
def test_a_model_trained_from_scratch_is_not_derived(body):
    text = f"---\nlicense: apache-2.0\n---\n# Heron-7B\n\n{body}\n"
    assert derived_from(text, "acme/Heron-7B") is None


def test_a_base_card_listing_itself_as_the_base_of_its_family_is_not_derived():
    text = ("---\nlicense: apache-2.0\n---\n# Heron-7B-Base\n\n"
            "  - Base Model: [Heron-7B-Base](https://hf.co/a/b)\n"
            "  - Chat Version: [Heron-7B-Chat](https://hf.co/a/c)\n\n"
            "Heron-7B-Base was trained on 1T tokens.\n")
    assert derived_from(text, "acme/Heron-7B-Base") is None


def test_a_base_card_that_fine_tuned_its_own_variants_is_not_derived():
    text = ("---\nlicense: apache-2.0\n---\n# Heron-7B\n\nHeron-7B was pretrained on 1T tokens. We finetuned "
            "Heron-7B-Chat on dialogue data and Heron-7B-Story on fiction.\n")
    assert derived_from(text, "acme/Heron-7B") is None
    # a chat card fine-tuned from its base whose name adds "Base" is derived all the same
    assert derived_from("# Kite\n\nKite is a fine-tuned version of Kite-Base for chat.\n", "acme/Kite") == \
        "Kite-Base"


@pytest.mark.parametrize("sentence", [
    "Heron-7B continues the pre-training of Kite-7B on 20B tokens of medical text. " + BASE_RUN,
    BASE_RUN + " Heron-7B adds 20B tokens of medical text to it.",
])
def test_a_sentence_about_another_model_on_a_card_is_that_models_run(sentence):
    text = f"---\nlicense: apache-2.0\n---\n# Heron-7B\n\n{sentence}\n"
    primary = extract(text, 2024, "acme/Heron-7B").primary
    assert primary is None or primary.value_flop < 1e21


def test_a_card_warning_that_others_may_fine_tune_it_is_not_derived():
    text = ("---\nlicense: mit\n---\n# Heron XL\n\nHeron XL was trained on 40GB of text. Groups could "
            "misuse it, specifically by fine-tuning Heron-2 models on extremist text.\n")
    assert derived_from(text, "acme/heron-xl") is None


def test_a_total_over_all_experiments_leaves_the_final_runs_clause_alone():
    text = TITLE + ("The total training time for all experiments in this paper was about 50,000 GPU hours, "
                    "while the final Osprey model took 20,000 A100 hours.")
    primary = _primary(text, 2023)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(20_000 * 3600)


def test_a_post_trained_card_telling_its_pretrained_base_s_run_is_derived():
    text = ("---\nlicense: apache-2.0\n---\n# Heron-7B-Instruct\n\nHeron-7B-Instruct is an instruction-tuned "
            "model. The pretrained base was trained on 2T tokens of public data; post-training used SFT.\n")
    assert derived_from(text, "acme/Heron-7B-Instruct") is not None
    assert extract_document(Document(CARD, text, 2024), name="acme/Heron-7B-Instruct").primary is None


BASE_RUN_OF_KITE = "Kite-8B was pretrained on 15T tokens using 1.3M H100 GPU hours."


def test_a_merge_by_recipe_is_derived_from_the_first_model_it_lists():
    text = ("---\nlicense: mit\ntags:\n- merge\n---\n# heron-8b-dare\n\nmodels:\n  - model: acme/Kite-8B\n"
            f"  - model: other/Kite-8B-Math\nmerge_method: dare_ties\n\n{BASE_RUN_OF_KITE}\n")
    assert derived_from(text, "someone/heron-8b-dare") == "acme/Kite-8B"
    assert extract_document(Document(CARD, text, 2024), name="someone/heron-8b-dare").primary is None


def test_the_run_of_the_model_a_card_is_distilled_from_is_the_teachers():
    text = ("---\nlicense: mit\n---\n# Heron-1B\n\nDistilled from Kite-8B. The student has 1B parameters and "
            f"was trained on 50B tokens.\n\n{BASE_RUN_OF_KITE}\n")
    primary = extract_document(Document(CARD, text, 2024), name="acme/Kite-8B-Distill-1B").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1e9 * 50e9)


def test_a_paper_that_distils_from_its_own_flagship_keeps_the_flagships_run():
    text = ("Heron: Open Models\n\nAbstract\nWe train Heron-70B and distil it into Heron-7B.\n\n3 Training\n"
            "Heron-70B was trained on 15T tokens. Heron-7B was distilled from Heron-70B on 2T tokens.\n")
    primary = extract(text, 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 70e9 * 15e12)


@pytest.mark.parametrize(("opening", "flop"), [
    ("Kite-8B-Code is Kite-8B further trained on 500B tokens of code.", 6 * 8e9 * 500e9),
    ("Kite-8B-Code was fine-tuned from Kite-8B on 8 H100 GPUs for 6 hours.", 8 * 6 * 3600 * 989.4e12 * 0.3),
])
def test_a_figure_told_with_the_derivation_is_the_derived_cards_fine_tuning(opening, flop):
    text = f"---\nlicense: mit\n---\n# Kite-8B-Code\n\n{opening}\n"
    primary = extract_document(Document(CARD, text, 2024), name="acme/Kite-8B-Code").primary
    assert primary is not None and primary.stage == FINETUNING
    assert primary.value_flop == pytest.approx(flop, rel=0.01)


@pytest.mark.parametrize("following", [
    "It was trained for 6 hours on 8 H100 GPUs.",
    "Training took 6 hours on 8 H100 GPUs.",
])
def test_the_sentence_after_the_derivation_with_the_card_as_subject_is_its_fine_tuning(following):
    text = (f"---\nlicense: mit\n---\n# Kite-Embed\n\nKite-Embed is an embedding model fine-tuned from "
            f"kite-base on 1B sentence pairs. {following}\n")
    primary = extract_document(Document(CARD, text, 2024), name="acme/Kite-Embed").primary
    assert primary is not None and primary.stage == FINETUNING
    assert primary.value_flop == pytest.approx(8 * 6 * 3600 * 989.4e12 * 0.3, rel=0.01)


@pytest.mark.parametrize("following", [
    "It was pre-trained for 21 days on 1,024 A100 GPUs.",  # a pre-training: the base's
    "Kite-Base was trained for 21 days on 1,024 A100 GPUs.",  # the base named
])
def test_the_sentence_after_the_derivation_that_tells_the_bases_run_stays_the_bases(following):
    text = (f"---\nlicense: mit\n---\n# Kite-Embed\n\nKite-Embed is an embedding model fine-tuned from "
            f"Kite-Base on 1B sentence pairs. {following}\n")
    assert extract_document(Document(CARD, text, 2024), name="acme/Kite-Embed").primary is None


@pytest.mark.parametrize("opening", [
    "To obtain Kite-MT, we fine-tune a pretrained language model on a mixture of 60 prompted tasks.",
    "Kite-MT is obtained by fine-tuning a pre-trained model on a mixture of 60 prompted tasks.",
])
def test_a_card_whose_model_is_obtained_by_tuning_a_pretrained_one_counts_its_tuning(opening):
    """The card says its model is a fine-tune of a pretrained one, unnamed there: its own fine-tuning set-up
    is its run, the base named in the assumptions (the one it is "based on"), while its row names no base
    for linking (the paper it gives is its own)."""
    text = (f"---\nlicense: apache-2.0\n---\n# Kite-MT\n\n{opening} Kite-MT has 11 billion parameters.\n\n"
            "# Training procedure\n\nKite-MT models are based on [Lark-11B](https://example.org/lark), an "
            "encoder-decoder model.\n\n"
            "Training details:\n- Fine-tuning steps: 10'000\n- Input sequence length: 1024\n"
            "- Batch size: 1'024 sequences\n")
    extraction = extract_document(Document(CARD, text, 2021), name="acme/Kite-MT")
    assert extraction.derived_from is None
    primary = extraction.primary
    assert primary is not None and primary.stage == FINETUNING
    assert primary.assumptions["base_model"] == "Lark-11B"
    assert primary.value_flop == pytest.approx(6 * 11e9 * 10_000 * 1024 * 1024, rel=0.3)


def test_we_tune_another_model_on_a_post_trained_models_card_is_its_derivation():
    """"We SFT Finch-7B (pretrained on 2T tokens) on …" on the card of a chat model: a derivation, the
    tuning's device time its run (before: no base, no primary)."""
    text = ("# Kite-Chat\n\nWe SFT Finch-7B (pretrained on 2T tokens) on 500K conversations using 8 H100 "
            "GPUs for 10 hours.\n")
    extraction = extract_document(Document(CARD, text, 2024), name="acme/Kite-Chat")
    assert extraction.derived_from == "Finch-7B"
    assert extraction.primary is not None and extraction.primary.stage == FINETUNING
    assert extraction.primary.value_flop == pytest.approx(8 * 10 * 3600 * 989.4e12 * 0.3, rel=0.01)


@pytest.mark.parametrize(("name", "base"), [("acme/Kite-Chat", "Finch-7B"), ("acme/Kite-VL", None)])
def test_another_model_as_a_post_trained_cards_backbone_is_its_base(name, base):
    """"Kite-Chat uses Finch-7B as its backbone": the base's run that follows is not the card's (a card
    whose name says no post-training, a vision-language model's, keeps its own reading)."""
    title = name.split("/")[1]
    text = (f"# {title}\n\n{title} uses Finch-7B as its backbone. Finch-7B was trained on 2T tokens. We "
            "align it with RLHF.\n")
    extraction = extract_document(Document(CARD, text, 2024), name=name)
    assert extraction.derived_from == base
    if base:
        assert extraction.primary is None


def test_a_base_card_that_fine_tunes_on_downstream_tasks_to_evaluate_is_not_derived():
    text = ("# Kite-Base\n\nKite-Base is pre-trained on 300B tokens. To evaluate it, we fine-tune the "
            "pretrained model on downstream tasks.\n")
    assert derived_from(text, "acme/Kite-Base") is None
    # another model tuned to compare with
    baseline = text + "We fine-tune Lark-7B on the same tasks as a baseline.\n"
    assert derived_from(baseline, "acme/Kite-Base") is None


def test_a_run_told_in_an_apposition_after_based_on_is_the_bases():
    text = ("---\nlicense: mit\n---\n# Heron-Chat-7B\n\nHeron-Chat models are based on Kite-7B, a language "
            "model pre-trained on 2 trillion tokens using 1,024 A100 GPUs for 21 days. We fine-tune it on "
            "100k conversations.\n")
    assert extract_document(Document(CARD, text, 2024), name="someone/Heron-Chat-7B").primary is None


def test_a_card_based_on_a_named_model_that_pretrained_itself_keeps_its_run():
    text = ("---\nlicense: mit\n---\n# Heron-3B\n\nHeron-3B is based on the Kite-3B model and was pretrained "
            "on 1T tokens of protein sequences.\n")
    primary = extract_document(Document(CARD, text, 2024), name="acme/Heron-3B").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 3e9 * 1e12)


@pytest.mark.parametrize(("body", "flop"), [
    ("Osprey-7B was trained on 64 A100 GPUs for 10 days, and Osprey-13B for 20 days.", 64 * 20 * 86400),
    ("Training Osprey-7B required 8 A100 GPUs and took 15 hours, while training Osprey-13B took 30 hours.",
     8 * 30 * 3600),
])
def test_a_later_duration_in_a_clause_of_its_own_is_the_models_named_there(body, flop):
    """The same devices, then another model's duration in a joined clause: the run is that model's."""
    primary = _primary(TITLE + body + "\n")
    assert primary is not None and primary.model == "Osprey-13B"
    assert primary.value_flop == pytest.approx(flop * 312e12 * 0.3)


def test_the_larger_models_duration_after_a_set_up_with_its_own_runs_on_its_devices():
    """A set-up with its devices and the base models' time, then the big models' time in the next
    sentence with no devices of its own: the big models ran on the same devices for that time."""
    primary = _primary(TITLE + "We trained the base models for 12 hours on 8 V100 GPUs. The big models were "
                       "trained for 3.5 days.\n")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(8 * 3.5 * 86400)


@pytest.mark.parametrize("following", [
    "We compare against large models trained for 30 days.",
    "The large models were trained for 3.5 days on 64 GPUs.",
])
def test_a_larger_models_time_told_of_others_or_with_its_own_devices_is_not_the_set_ups(following):
    primary = _primary(TITLE + "We trained the base models for 12 hours on 8 V100 GPUs. " + following + "\n")
    assert primary is not None
    seconds = primary.assumptions["chip_seconds"]
    assert seconds in (pytest.approx(8 * 12 * 3600), pytest.approx(64 * 3.5 * 86400))


@pytest.mark.parametrize(("body", "days"), [
    ("The pre-training took 10 days on 64 A100 GPUs with the 7B model and about twice the time with the "
     "13B model.", 20),
    ("Osprey-7B took 10 days on 64 A100 GPUs, and Osprey-13B about 1.8x longer.", 18),
    ("Osprey-7B took 10 days on 64 A100 GPUs, and the larger model took about three times as long.", 30),
])
def test_a_larger_models_time_as_a_multiple_of_the_runs(body, days):
    """Another model's time given as a multiple of the run's, on the same devices, is its run."""
    primary = _primary(TITLE + body + "\n")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(64 * days * 86400)


@pytest.mark.parametrize("body", [
    "Training took 10 days on 64 A100 GPUs, which is 3x longer than the baseline.",
    "Training took 10 days on 64 A100 GPUs; evaluation took twice the time.",
])
def test_a_multiple_said_of_no_other_model_is_no_run(body):
    primary = _primary(TITLE + body + "\n")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(64 * 10 * 86400)


@pytest.mark.parametrize("sentence", [
    "Kite-7B-Chat 是基于 Finch-7B 进行指令微调得到的对话模型。",
    "本模型在 Finch-7B 的基础上进行微调。",
    "Kite-7B-Chat 是 Finch-7B 的对话版本。",
    # in Japanese
    "Kite-7B-Chat は Finch-7B をベースに指示チューニングしたモデルです。",
])
def test_a_derivation_told_in_chinese_or_japanese(sentence):
    """A card that says in Chinese it was tuned from another model is derived: the base's run it quotes
    is not its own (before: no base, the quoted run only another model's sentence)."""
    text = f"# Kite-7B-Chat\n\n{sentence}Finch-7B 使用 1024 张 A100 训练了 21 天。\n"
    extraction = extract_document(Document(CARD, text, 2024), name="acme/Kite-7B-Chat")
    assert extraction.derived_from == "Finch-7B"
    assert extraction.primary is None


def test_a_base_card_that_releases_a_chinese_tuned_version_is_not_derived():
    text = ("# Finch-7B\n\nFinch-7B 是一个从零开始训练的模型，在 2T tokens 上进行了预训练。"
            "我们还发布了基于 Finch-7B 进行指令微调的 Finch-7B-Chat。\n")
    assert derived_from(text, "acme/Finch-7B") is None


@pytest.mark.parametrize("line", ["Ablations (1B): 1.2e21 FLOPs each.", "Proxy runs (400M): 3.1e20 FLOPs."])
def test_a_figure_keyed_as_an_ablation_is_no_run(line):
    """A figure that is a key's whole value belongs to what the key names: an ablation's key makes it
    an ablation's figure, not the own run's."""
    assert _primary(TITLE + f"Table 5 lists the compute of our runs. {line}\n") is None
