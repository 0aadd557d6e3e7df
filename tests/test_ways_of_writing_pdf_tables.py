"""Short texts of our own for tables as PDF text extraction writes them, one cell a line (column after
column, or row after row), read as their pipe-table forms are: a family's sizes given only in a table of
the own models ("We train all Heron models on 300B tokens" under a table whose largest Heron is 1.3B is
the flagship's 6 · 1.3e9 · 300e9), a pre-training told stage by stage, a data mixture's total, and a vision
table's cost per image, each cell shown in the evidence; and a table of training cost flattened to a line a
row, its power of ten written out or with the exponent run onto the ten ("Heron (big) 28.4 2.3 · 1019")."""

from __future__ import annotations

import pytest

from curation.extract.documents import extract_document
from schemas.handover import CARD as CARD_KIND
from schemas.handover import PAPER, Document

OPENING = "Heron: small open language models\n\nTable 1: Heron model sizes.\n"
PROSE = "\nWe train all Heron models on 300B tokens of a filtered crawl.\n"
PIPES = ("| Model | Params | Layers |\n|---|---|---|\n| Heron-S | 125M | 12 |\n"
         "| Heron-M | 350M | 24 |\n"
         "| Heron-L | 1.3B | 24 |\n")
COLUMN_AFTER_COLUMN = ("\nModel\n\nParams\n\nLayers\n\nHeron-S\nHeron-M\nHeron-L\n\n125M\n350M\n1.3B\n\n"
                       "12\n24\n24\n")
ROW_AFTER_ROW = "Model\nParams\nLayers\nHeron-S\n125M\n12\nHeron-M\n350M\n24\nHeron-L\n1.3B\n24\n"


@pytest.mark.parametrize("table", [PIPES, COLUMN_AFTER_COLUMN, ROW_AFTER_ROW],
                         ids=["pipes", "column after column", "row after row"])
def test_the_own_tables_largest_size_is_the_flagship(table):
    text = OPENING + table + PROSE
    primary = extract_document(Document(PAPER, text, 2024)).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.3e9 * 300e9)
    assert any("Heron-L" in span.text and "1.3B" in span.text for span in primary.evidence)


def test_a_table_of_anothers_models_gives_no_size():
    text = (OPENING.replace("Heron model sizes", "Models we compare with") +
            COLUMN_AFTER_COLUMN.replace("Heron", "Kite") + PROSE)
    assert extract_document(Document(PAPER, text, 2024)).primary is None


STAGES_OPENING = "Heron: open language models\n\nHeron-7B is pre-trained in stages.\n\n"
CAPTION = "\nTable 3: Heron-7B training stages.\n"
STAGES_COLUMNS = "Stage\n\nTokens\n\nPre-training\nAnnealing\nSFT\n\n10T\n2T\n5B\n" + CAPTION
STAGES_ROWS = "Stage\nTokens\nPre-training\n10T\nAnnealing\n2T\nSFT\n5B\n" + CAPTION


@pytest.mark.parametrize("table", [STAGES_COLUMNS, STAGES_ROWS], ids=["column after column", "row after row"])
def test_a_table_of_stages_one_cell_a_line_sums_its_pre_training(table):
    primary = extract_document(Document(PAPER, STAGES_OPENING + table, 2024)).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 12e12)
    text = STAGES_OPENING + table
    assert all(span.text == text[span.start:span.end] for span in primary.evidence)
    assert any("10T" in span.text and "2T" in span.text for span in primary.evidence)


def test_a_data_mixture_one_cell_a_line_gives_its_total():
    text = ("Heron: open language models\n\nWe pre-train Heron-7B on a mixture of public data.\n\n"
            "Table 2: Pre-training data.\nSource\nTokens\nWeb\n3.2T\nCode\n600B\nBooks\n200B\n")
    primary = extract_document(Document(PAPER, text, 2024)).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 4e12)


def test_a_vision_table_of_costs_one_cell_a_line_shows_each_cost():
    text = ("Heron: efficient vision transformers\n\nTable 1: Heron variants.\n\nModel\n\nParams\n\n"
            "GFLOPs\n\nHeron-S\nHeron-B\n\n22M\n86M\n\n4.6\n17.6\n\n"
            "All models are trained for 300 epochs on ImageNet-1k.\n")
    primary = extract_document(Document(PAPER, text, 2024)).primary
    assert primary is not None and primary.model == "Heron-B"
    assert primary.value_flop == pytest.approx(3 * 17.6e9 * 1_281_167 * 300)
    assert [span.text for span in primary.evidence][:2] == ["Heron-B", "17.6"]


COST_TABLE = ("Heron: attention for translation\n\nWe propose a new architecture, Heron.\n\n"
              "Table 2: Heron achieves better BLEU scores at a fraction of the training cost.\nModel\n"
              "BLEU Training Cost (FLOPs)\n{rows}\n")
COST_ROWS = ["Kite [18] 23.75 1.0 · 1020", "Osprey [9] 25.16 9.6 · 1018",
             "Heron (base model) 27.3 3.3 · 1018", "Heron (big) 28.4 2.3 · 1019"]


@pytest.mark.parametrize(("rows", "figure"), [
    (COST_ROWS, "2.3 · 1019"),
    ([row.replace(" · 10", " × 10^") for row in COST_ROWS], "2.3 × 10^19"),
], ids=["exponent run onto the ten", "power of ten written out"])
def test_a_flattened_table_of_training_cost_gives_the_own_rows_figure(rows, figure):
    text = COST_TABLE.format(rows="\n".join(rows))
    primary = extract_document(Document(PAPER, text, 2017)).primary
    assert primary is not None and primary.value_flop == pytest.approx(2.3e19)
    assert primary.model == "Heron (big)"  # the row's label, not the scores written after it
    assert [span.text for span in primary.evidence] == [rows[-1], figure]


@pytest.mark.parametrize(("header", "rows", "model"), [
    ("Model Params Tokens Training compute (FLOPs)", ["Heron-S 125M 20B 1.5e19", "Heron-L 2.4B 350B 5.0e21"],
     "Heron-L"),
    ("Model Tokens Training compute (FLOPs)", ["Heron 1B 20B 1.2e20", "Heron 7B 350B 1.5e22"], "Heron 7B"),
    ("Model Params Tokens FLOPs", ["Heron-S 125M 20B 1.5e19", "Heron-L 2.4B 350B 5.0e21"], "Heron-L"),
], ids=["a column of sizes", "the size part of the name", "the caption naming compute"])
def test_a_flattened_rows_label_leaves_the_other_columns_sizes(header, rows, model):
    text = (f"Heron: open models\n\nTable 3: Training compute of our models.\n{header}\n"
            + "\n".join(rows) + "\n")
    primary = extract_document(Document(PAPER, text, 2024)).primary
    assert primary is not None and primary.model == model


@pytest.mark.parametrize(("header", "rows", "flop"), [
    ("Model Params Compute (PF-days)", ["Heron-S 150M 3.1", "Heron-L 2.4B 50.2"], 50.2 * 8.64e19),
    ("Model Layers Training FLOPs (1e21)", ["Heron-S 12 0.3", "Heron-L 32 5.0"], 5.0e21),
], ids=["PF-days", "a scale in the header"])
def test_a_compute_column_of_plain_numbers_a_row_a_line(header, rows, flop):
    text = f"Heron: speech models\n\nTable 3: Our models.\n{header}\n" + "\n".join(rows) + "\n"
    primary = extract_document(Document(PAPER, text, 2024)).primary
    assert primary is not None and primary.value_flop == pytest.approx(flop) and primary.model == "Heron-L"
    assert primary.evidence[0].text == rows[-1]


def test_a_flattened_table_of_cited_costs_gives_no_primary():
    text = COST_TABLE.format(rows="\n".join(COST_ROWS[:2])).replace("Heron achieves", "Models compare")
    assert extract_document(Document(PAPER, text, 2017)).primary is None


# tables as a PDF's text layer gives them (pypdf, the arXiv source's reader of PDFs): a row a line
STAGES_LINES = (STAGES_OPENING + "Table 3: Heron-7B training stages.\nStage Tokens\nPre-training 10T\n"
                "Annealing 2T\nSFT 5B\n")
MIXTURE_LINES = ("Heron: open language models\n\nWe pre-train Heron-7B on a mixture of public data."
                 "\n\nTable 2: Pre-training data.\nSource Tokens (B)\nWeb 3200\nCode 600\nBooks 200\n"
                 "Total 4000\n")


@pytest.mark.parametrize(("text", "tokens"), [(STAGES_LINES, 12e12), (MIXTURE_LINES, 4e12)],
                         ids=["stages", "data mixture"])
def test_a_table_of_tokens_a_row_a_line(text, tokens):
    primary = extract_document(Document(PAPER, text, 2024)).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * tokens)
    assert primary.model == "Heron-7B"  # "Annealing 2T" is a row, no model of two trillion parameters


def test_a_row_a_line_table_of_another_texts_corpora_gives_none():
    text = MIXTURE_LINES.replace("We pre-train Heron-7B on a mixture of public data.",
                                 "We benchmark corpora.")
    assert extract_document(Document(PAPER, text, 2024)).primary is None


def test_device_time_as_the_last_column_a_row_a_line():
    text = ("Heron: fast diffusion\n\nWe train Heron, a diffusion model, on 25M images.\n\n"
            "Method Type #Params #Images A100 GPU days\nKite Diff 0.9B 3.16B 6,250\n"
            "Osprey GAN 0.9B 0.98B 4,783\nHeron Diff 0.6B 0.025B 675\n")
    primary = extract_document(Document(PAPER, text, 2024)).primary
    assert primary is not None and primary.value_flop == pytest.approx(675 * 86400 * 312e12 * 0.3)
    assert primary.model == "Heron Diff" and primary.evidence[0].text == "Heron Diff 0.6B 0.025B 675"


def test_a_row_that_opens_with_a_hash_is_no_title():
    """A table's row as a PDF's text layer writes it may open with "#" ("# Activated Params" is a column of
    counts): it is no Markdown title, and its sizes are no card's own."""
    text = ("Heron-V3 is a mixture of experts with 671B total parameters, 37B activated for each token.\n\n"
            "Benchmark # Shots Kite-V2 Osprey 72B Lark 405B Heron-V3\n"
            "# Activated Params - 21B 72B 405B 37B\n# Total Params - 236B 72B 405B 671B\n\n"
            "We pre-train Heron-V3 on 14.8T tokens.\n")
    primary = extract_document(Document(CARD_KIND, text, 2024), name="acme/Heron-V3").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 37e9 * 14.8e12)


def test_a_product_of_counts_in_a_compute_tables_row_is_no_power_of_ten():
    text = ("Heron: open models\n\nTable 2: Training compute (FLOPs).\nModel Devices Compute\n"
            "Heron-7B 4 × 1024 GPUs 2.1e23\n")
    primary = extract_document(Document(PAPER, text, 2024)).primary
    assert primary is not None and primary.value_flop == pytest.approx(2.1e23)


DEVICE_ROWS_HEADER = ("Table 4: Training details.\nModel Release Size (B) Tokens Hardware Training Time\n"
                      "Kite 2022 175 300B 1024 A100 34 days\nLark 2023 65 1.4T 2048 A100 21 days\n")


def test_a_surveys_run_in_rows_of_devices_and_days_are_the_rows_models():
    """A row a line with its devices beside its days ("Kite 2022 175 300B 1024 A100 34 days") is the run
    of the model its label names: in a survey, each another's."""
    text = "Heron: A Survey of Language Models\n\n" + DEVICE_ROWS_HEADER
    extraction = extract_document(Document(PAPER, text, 2024))
    assert extraction.primary is None
    assert {estimate.model for estimate in extraction.estimates} == {"Kite", "Lark"}


def test_the_own_run_in_rows_of_devices_and_days_beside_anothers():
    text = "Heron: Open Language Models\n\n" + DEVICE_ROWS_HEADER + "Heron 2024 7 2T 512 A100 12 days\n"
    primary = extract_document(Document(PAPER, text, 2024)).primary
    assert primary is not None and primary.model == "Heron"
    assert primary.value_flop == pytest.approx(512 * 12 * 86400 * 312e12 * 0.3)


HYPERPARAMETERS = "Heron: small open language models\n\nAbstract\nWe introduce Heron-7B.\n\n"


@pytest.mark.parametrize("table", [
    # a key-value table of hyperparameters written a row a line, its batch in tokens
    "Table 2: Pre-training hyperparameters of Heron-7B.\nHyperparameter Value\nLayers 32\nHidden size 4096\n"
    "Batch size (tokens) 4M\nTraining steps 500K\nSequence length 4096\nPeak learning rate 3e-4\n",
    # a model a column, with and without pipes, no parameter row: each name's size, its steps × batch × length
    "Table 2: Pre-training hyperparameters.\nHeron-1B Heron-7B\nLayers 24 32\nBatch size 1024 2048\n"
    "Sequence length 2048 2048\nTraining steps 250K 488K\n",
    "Table 2: Pre-training hyperparameters.\n| | Heron-1B | Heron-7B |\n|---|---|---|\n"
    "| Batch size (sequences) | 1024 | 2048 |\n| Sequence length | 2048 | 2048 |\n"
    "| Training steps | 250K | 488K |\n",
])
def test_a_hyperparameter_table_gives_the_runs_steps_batch_and_length(table):
    primary = extract_document(Document(PAPER, HYPERPARAMETERS + table, 2024)).primary
    assert primary is not None and primary.model in (None, "Heron-7B")
    assert primary.value_flop == pytest.approx(6 * 7e9 * 2e12, rel=0.03)


def test_a_count_ending_the_row_above_is_no_count_of_the_row_below():
    """"Hidden size 4096" / "Batch size (tokens) 4M": the 4096 is no batch of 4096 sequences."""
    text = (HYPERPARAMETERS + "Hidden size 4096\nBatch size (tokens) 4M\nTraining steps 500K\n"
            "Sequence length 4096\n")
    estimates = extract_document(Document(PAPER, text, 2024)).estimates
    assert {round(e.assumptions["training_tokens"]) for e in estimates} == {2_000_000_000_000}


def test_a_flattened_table_of_gpu_days_with_no_gpu_named_takes_the_gpu_of_its_year():
    text = ("Osprey-Diffusion: Efficient Text-to-Image Models\n\nTable 5: Training cost.\n"
            "Method Params Training cost (GPU days)\nKite-Diffusion 0.9B 6,250\n"
            "Osprey-Diffusion (ours) 0.6B 753\n")
    primary = extract_document(Document(PAPER, text, 2024)).primary
    assert primary is not None
    assert primary.assumptions["accelerator_from"] == "the data-centre GPU common that year"
    assert primary.assumptions["chip_seconds"] == pytest.approx(753 * 86400)


def test_a_column_of_flops_its_header_naming_no_use_gives_runs_of_a_runs_size():
    """ "Model FLOPs" over "Osprey-7B 8.4e22": a flattened table whose last column is FLOPs, with no word of
    what for, holds runs where its figures reach a run's size (1e18); a row that cites its source stays
    another's."""
    text = ("Osprey: Open Models\n\nModel        FLOPs\nOsprey-7B     8.4e22\nOsprey-30B    5.4e23\n"
            "Kite-70B†    6.3e24\n† numbers from the Kite report.\n")
    primary = extract_document(Document(PAPER, text, 2024)).primary
    assert primary is not None and primary.value_flop == pytest.approx(5.4e23)


def test_a_column_of_flops_per_image_gives_no_run():
    text = "Osprey: Vision Models\n\nModel Params FLOPs\nOsprey-ViT 86M 1.7e10\nOsprey-ViT-L 307M 6.1e10\n"
    assert extract_document(Document(PAPER, text, 2024)).primary is None
