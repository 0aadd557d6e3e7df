"""Short texts of our own for a model's facts tabulated without names or pipes: a key-value table written a
row a line, as PDF text gives it ("Total Parameters 7B" / "Training Tokens 1.4T"), is read as its pipe
form is, and a count ending one of its lines never counts the next line's key ("7B" / "Training Tokens
1.4T" is no 7B tokens); a table of numbers alone whose first column is the parameters sizes the text's
own models; a corpus sized in tokens may be written "a 1T token corpus"."""

from __future__ import annotations

import pytest

from curation.extract.documents import extract_document
from curation.extract.line_tables import key_value_lines
from schemas.handover import CARD, PAPER, Document

FACTS = "Total Parameters 7B\nTraining Tokens 1.4T\nContext Length 4096\n"


def _primary(text: str, kind: str = PAPER):
    return extract_document(Document(kind, text, 2024)).primary


@pytest.mark.parametrize("kind", [PAPER, CARD])
def test_a_key_value_table_a_row_a_line(kind):
    head = "Lark-7B\n\n" if kind == PAPER else "# Lark-7B\n\n## Model Details\n\n"
    primary = _primary(head + FACTS, kind)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 1.4e12)
    assert any("Training Tokens 1.4T" in span.text for span in primary.evidence)


def test_a_count_ending_a_line_counts_no_key_on_the_next():
    """Before, "7B\nTraining Tokens 1.4T" read as 7B tokens: 6 × 7B × 7B, the card's one figure."""
    extraction = extract_document(Document(CARD, "# Lark-7B\n\n## Model Details\n\n" + FACTS, 2024))
    assert extraction.estimates
    assert all(estimate.value_flop > 1e22 for estimate in extraction.estimates)


def test_a_table_written_one_cell_a_line_counts_no_key_with_the_cell_above():
    """PDF text may write a table one cell a line, its models as columns: "Lark-7B" / "Parameters" / "13B"
    / "7B" / "Training tokens" / "2T" holds no 7B tokens (before: 6 × 13B × 7B)."""
    text = ("Lark: Open Models\n\nAbstract\nWe introduce Lark, a family of models.\n\nTable 2: Sizes.\n"
            "Lark-13B\nLark-7B\nParameters\n13B\n7B\nTraining tokens\n2T\n1.5T\n")
    extraction = extract_document(Document(PAPER, text, 2024))
    assert all(estimate.value_flop > 1e23 for estimate in extraction.estimates)


def test_a_count_wrapped_before_its_noun_above_a_page_number_is_still_read():
    text = "Lark: Open Models\n\nWe pre-train Lark-7B on 2T\ntokens\n12\nof web text.\n"
    primary = _primary(text)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_a_lone_line_of_prose_ending_in_a_count_is_no_key_value_row():
    text = ("Lark is a model we trained with great care over many months of work.\n"
            "Its parameters 7\nnumber among the smallest we have ever released to the public, "
            "as the following sections explain in detail.\n")
    assert key_value_lines(text, "param") == []


def test_a_titles_size_and_the_next_paragraph_are_no_statement():
    """A size that ends a title and a noun that opens the next paragraph are two things ("# Lark-7B" /
    "Tokens …")."""
    text = ("---\nlicense: mit\n---\n# Lark-7B\n\nLark-7B has 7 billion parameters. "
            "Its teacher is Kite-13B\n\nTokens are split by a byte-level tokenizer.\n")
    assert _primary(text, CARD) is None


def test_a_nameless_table_of_sizes_sizes_the_own_models():
    table = ("| Params | Layers | Heads | d_model |\n|---|---|---|---|\n| 125M | 12 | 12 | 768 |\n"
             "| 350M | 24 | 16 | 1024 |\n| 1.3B | 24 | 32 | 2048 |\n")
    text = f"Wren: small models\n\nTable 1: Model sizes.\n{table}\nWe train all models on 300B tokens.\n"
    primary = _primary(text)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.3e9 * 300e9)


def test_a_table_with_names_is_no_nameless_table():
    """A size column first but a column of names after it: the sizes are the named models', read (or not)
    as any named table's."""
    text = ("Wren: small models\n\n| Params | Model | Score |\n|---|---|---|\n| 175B | Kite | 71.2 |\n"
            "| 1.3B | Wren | 60.1 |\n\nWe train all models on 300B tokens.\n")
    primary = _primary(text)
    assert primary is None or primary.value_flop < 6 * 175e9 * 300e9 / 2


def test_epochs_over_a_corpus_written_with_a_spaced_token():
    primary = _primary("Finch\n\nOur largest model (7.5B parameters) was trained for 2 epochs over a "
                       "1T token corpus.\n")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7.5e9 * 2e12)


def test_a_headerless_key_value_tables_value_is_no_models_name():
    """"| Total Parameters | 7B |" heads no column of a model called "7B"."""
    extraction = extract_document(Document(PAPER, "Lark-7B\n\n| Total Parameters | 7B |\n"
                                                   "| Training Tokens | 1.4T |\n", 2024))
    assert extraction.primary is not None and extraction.primary.model != "7B"


def test_a_cards_tables_a_row_a_line_give_its_size_and_its_mixs_total():
    """A card whose tables came flattened: the mix's "Total" row under a header of tokens in billions, the
    rows above it naming data sets, not models, and the size from a key-value row."""
    text = ("---\nlicense: apache-2.0\n---\n# Lark-7B\n\n## Training Data\nSubset Tokens (Billion)\n"
            "Web 900.00\nCode 250.50\nBooks 49.50\nTotal 1200.00\n\n## Model Details\nHyperparameter Value\n"
            "Total Parameters 6.7B\nHidden Size 4096\nMax Seq Length 2048\n")
    primary = extract_document(Document(CARD, text, 2024), name="acme/Lark-7B").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 6.7e9 * 1.2e12, rel=0.1)


@pytest.mark.parametrize("fields", [
    "Parameters: 7B\nTraining tokens: 2T",  # a field a line: the first count ends its line
    "Params: 7.24 B\n\nTraining tokens: 2T",  # a blank line between the fields
    "Parameters (non-embedding): 6.9B\nTraining tokens: 2T",  # a note on which parameters in the key
    "Number of parameters: 6,738,415,616\n\nTraining tokens: 2T",
])
def test_a_cards_fields_on_their_own_lines_pair_the_parameters_with_the_tokens(fields):
    text = "---\nlicense: apache-2.0\n---\n# Lark\n\n" + fields + "\n"
    primary = extract_document(Document(CARD, text, 2024), name="acme/lark").primary
    assert primary is not None
    assert primary.assumptions["training_tokens"] == pytest.approx(2e12)
    assert 6.5e9 <= primary.assumptions["parameters"] <= 7.3e9


@pytest.mark.parametrize("fields", [
    "Parameters: 7B\nTraining tokens: 2T\nContext length: 4096",
    "- Training tokens: 2T\n- Parameters: 7B\n- Layers: 32",
])
def test_a_papers_fields_with_colons_a_row_a_line(fields):
    primary = _primary("Lark: An Open Model\n\n2 Model\n" + fields + "\n")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


@pytest.mark.parametrize("field", ["Training FLOPs: 2.3E+23.", "Training compute: ~2.3 × 10^23 FLOPs."])
def test_a_field_of_training_compute_in_running_text_is_read(field):
    """A paragraph may carry a keyed field, "Training FLOPs: 2.3E+23." — a training figure, not an axis's
    labels (before: "not prose", no primary)."""
    primary = _primary("# Lark-13B\n\nLark-13B is a language model for code. " + field + "\n", CARD)
    assert primary is not None and primary.value_flop == pytest.approx(2.3e23)


def test_a_field_of_compute_holding_several_numbers_stays_labels():
    extraction = extract_document(Document(CARD, "# Lark-13B\n\nTraining FLOPs: 1e21 1e22 1e23\n", 2024))
    assert extraction.primary is None


def test_a_count_ending_a_row_is_no_device_time_of_the_next_rows_key():
    """A table PDF text wrote a row a line, models as columns: "Training tokens 300B 1T" / "GPU hours 2,000
    24,000" holds no 1T GPU hours (before: 3.4e29 FLOP); a count wrapped before its unit still counts."""
    text = ("Lark: Open Models\n\nAbstract\nWe introduce Lark.\n\nTable 1: Training details.\n"
            "Lark-S Lark-L\nParameters 1.3B 6.7B\nTraining tokens 300B 1T\nGPU hours 2,000 24,000\n\n"
            "All runs used A100 GPUs.\n")
    assert not any(e.value_flop > 1e25 for e in extract_document(Document(PAPER, text, 2024)).estimates)
    wrapped = "Lark: Open Models\n\nWe trained Lark-7B for 1.2M\nGPU hours on A100s.\n"
    primary = _primary(wrapped)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(1.2e6 * 3600)


@pytest.mark.parametrize("body", ["GPU hours: 150,000 (A100 80GB)", "GPU hours (A100): 150,000"])
def test_a_headings_size_is_no_device_time_of_the_field_below(body):
    """"# Lark-13B" / "" / "GPU hours: 150,000 (A100 80GB)" holds 150,000 A100 hours, not 13 billion
    (before: 4.4e27 FLOP, the primary): a blank line parts a count from a unit, and a unit a colon follows
    is a field's key."""
    extraction = extract_document(Document(CARD, f"# Lark-13B\n\n{body}\n", 2024), name="acme/Lark-13B")
    assert extraction.primary is not None
    assert extraction.primary.assumptions["chip_seconds"] == pytest.approx(150_000 * 3600)
    assert not any(e.value_flop > 1e25 for e in extraction.estimates)


def test_a_headings_size_is_no_count_of_the_tokens_on_the_line_below():
    """"# Lark-13B" / "tokens seen: 1.4T" holds 1.4T tokens, not 13 billion (before: a second estimate,
    6 · 13B · 13B)."""
    text = "# Lark-13B\ntokens seen: 1.4T\n"
    extraction = extract_document(Document(CARD, text, 2024), name="acme/Lark-13B")
    assert [e.value_flop for e in extraction.estimates] == [pytest.approx(6 * 13e9 * 1.4e12)]


@pytest.mark.parametrize("header", ["Lark-S Lark-L", "1.3B 6.7B"])
def test_a_table_with_a_model_a_column_written_a_row_a_line(header):
    """PDF text may write a table with a model a column one row a line: "Lark-S Lark-L" / "Parameters 1.3B
    6.7B" / "Training tokens 300B 1T" gives each column's 6 · N · D, the larger the primary (before: none)."""
    text = ("Lark: Open Models\n\nAbstract\nWe introduce Lark, a family of models.\n\nTable 1: Training "
            f"details.\n{header}\nParameters 1.3B 6.7B\nLayers 24 32\nTraining tokens 300B 1T\n\n"
            "3 Training\nAll models are trained with AdamW.\n")
    extraction = extract_document(Document(PAPER, text, 2024))
    assert extraction.primary is not None and extraction.primary.value_flop == pytest.approx(6 * 6.7e9 * 1e12)
    assert any(e.value_flop == pytest.approx(6 * 1.3e9 * 300e9) for e in extraction.estimates)


@pytest.mark.parametrize(("field", "peak"), [
    ("A100 hours: 20,000", 312e12),
    ("H100 GPU hours: 20,000", 989.4e12),
    ("GPU hours (H100): 20,000", 989.4e12),
])
def test_a_device_time_field_whose_key_names_the_accelerator(field, peak):
    extraction = extract_document(Document(CARD, f"# Lark-13B\n\n- {field}\n", 2024), name="acme/Lark-13B")
    assert extraction.primary is not None
    assert extraction.primary.value_flop == pytest.approx(20_000 * 3600 * peak * 0.3)


@pytest.mark.parametrize("line", [
    "Params: 13B | Tokens: 3.5T | GPUs: 1024 A100 | Days: 24",
    "**Params:** 13B · **Tokens:** 3.5T · **GPUs:** 1024 A100 · **Days:** 24",
    "Params: 13B. Tokens: 3.5T. GPUs: 1024 A100. Days: 24.",
])
def test_fields_run_together_on_one_line_are_read_each(line):
    """A line of fields set apart by " | ", " · " or as sentences gives the devices and the days as their
    own lines would (before: 6 · N · D alone, no hardware estimate)."""
    extraction = extract_document(Document(CARD, f"# Lark-13B\n\n{line}\n", 2024), name="acme/Lark-13B")
    hardware = [e for e in extraction.estimates if e.method == "hardware"]
    assert [e.value_flop for e in hardware] == [pytest.approx(1024 * 24 * 86400 * 312e12 * 0.3)]


@pytest.mark.parametrize("facts", [
    "Model size | 13B\nTraining tokens | 1.5T\nHardware | 256 H100\n",
    "Model size 13B\nTraining tokens 1.5T\nContext length 4096\n",
    "Parameters | 13B\nTraining tokens | 1.5T\nContext length | 4096\n",
])
def test_a_key_value_table_parted_by_bars_or_keyed_model_size(facts):
    """A row a line whose two cells a bar parts, with no bar at its ends ("Model size | 13B"), and a
    parameter row keyed "Model size" are read as "Parameters 13B" is; the count ending a row is no count of
    the next row's key (before: "13B\\nTraining tokens" was 13B tokens, a run 100× too small)."""
    extraction = extract_document(Document(CARD, "# Lark-13B\n\n" + facts, 2024))
    counted = [e for e in extraction.estimates if e.method == "operation_counting"]
    assert [e.value_flop for e in counted] == [pytest.approx(6 * 13e9 * 1.5e12)]
