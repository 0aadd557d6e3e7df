"""Tables that PDF text extraction writes one cell a line: column after column, each column a block
between blank lines (as ``pdftotext`` writes most tables), or row after row. Short tables of our own,
read as pipe tables are: a row per model, its size, tokens or device time. And a sentence PDF text
wraps over lines is no row of a table above it."""

from __future__ import annotations

import pytest

from curation.extract.cell_tables import cell_tables
from curation.extract.documents import extract_document
from schemas.handover import PAPER, Document

A100_HOUR = 3600 * 312e12
HEAD = ("Heron: Open Efficient Language Models\n\nAbstract\nWe introduce Heron, a family of language models "
        "trained on public data.\n\n3 Training\nWe train three sizes of Heron on A100-80GB GPUs; Table 2 "
        "gives the details.\n\n")


def _primary(text: str):
    return extract_document(Document(PAPER, text, 2024)).primary


def _blocks(*columns: list[str]) -> str:
    return "\n\n".join("\n".join(column) for column in columns) + "\n\n"


def test_columns_written_as_blocks_read_as_rows():
    table = _blocks(["Model"], ["Params"], ["Tokens"], ["Heron-1B", "Heron-3B", "Heron-13B"],
                    ["1.1B", "2.8B", "13B"], ["1T", "1T", "2T"])
    [read] = cell_tables(HEAD + table)
    assert read.headers == ["model", "params", "tokens"]
    assert [row.cells for row in read.rows][-1] == ["Heron-13B", "13B", "2T"]
    primary = _primary(HEAD + table + "Table 2: The Heron models.\n")
    assert primary is not None and primary.model == "Heron-13B"
    assert primary.value_flop == pytest.approx(6 * 13e9 * 2e12)


def test_a_header_broken_over_lines_and_sizes_as_labels():
    table = _blocks(["Size"], ["Time", "(GPU hours)"], ["Power", "Consumption (W)"], ["7B", "13B", "70B"],
                    ["184320", "368640", "1720320"], ["400", "400", "400"])
    [read] = cell_tables(HEAD + table)
    assert read.headers == ["size", "time (gpu hours)", "power consumption (w)"]
    primary = _primary(HEAD + table)
    assert primary is not None and primary.model == "70B"
    assert primary.value_flop == pytest.approx(1720320 * A100_HOUR * primary.assumptions["utilization"])
    assert all((HEAD + table)[span.start: span.end] == span.text for span in primary.evidence)


def test_a_label_column_whose_header_opens_its_block():
    table = ("Model Size\n1B\n3B\n13B\n\nGPU Count\n\nTotal GPU hours required\n\n32\n64\n256\n\n"
             "12,288\n30,720\n172,032\n\n")
    [read] = cell_tables(HEAD + table)
    assert read.headers == ["model size", "gpu count", "total gpu hours required"]
    assert [row.cells for row in read.rows][-1] == ["13B", "256", "172,032"]


def test_plain_counts_are_no_labels():
    table = _blocks(["GPU Count"], ["Total GPU hours required"], ["32", "64", "256"],
                    ["12,288", "30,720", "172,032"])
    assert cell_tables(HEAD + table) == []


def test_cells_written_row_after_row():
    table = "Model\nA100 GPU hours\nHeron-1B\n12,288\nHeron-3B\n30,720\nHeron-13B\n172,032\n\n"
    [read] = cell_tables(HEAD + table)
    assert read.headers == ["model", "a100 gpu hours"] and len(read.rows) == 3
    primary = _primary(HEAD + table)
    assert primary is not None and primary.model == "Heron-13B"


def test_axis_ticks_and_numbered_lists_are_no_tables():
    figure = "Loss\n\n2.0\n2.5\n3.0\n\nTraining hours\n\n0\n100\n200\n\nFigure 3: Loss against time.\n"
    assert cell_tables(HEAD + figure) == []
    assert cell_tables(HEAD + "Model\nScore\nHeron-1B\n71.2\nHeron-13B\n78.9\n") == []  # nothing read


def test_a_benchmarks_table_of_other_models_gives_no_primary():
    text = ("Heron: A Benchmark for Reasoning\n\nAbstract\nWe introduce Heron, a benchmark of reasoning "
            "problems.\n\n3 Results\nTable 2 lists the models we evaluate.\n\n"
            + _blocks(["Model"], ["Params"], ["Tokens"], ["Kite-65B", "Lark-70B"], ["65B", "70B"],
                      ["1.4T", "2T"])
            + "All models fail on hard problems.\n")
    assert len(cell_tables(text)) == 1
    assert _primary(text) is None


def test_each_cell_of_a_column_block_is_its_own_evidence():
    text = ("Heron: Compute-Optimal Training\n\nAbstract\nWe introduce Heron, a compute-optimal model.\n\n"
            "3 Results\nTable 2 compares Heron with earlier models.\n\n"
            + _blocks(["Model"], ["Params"], ["Tokens"], ["Kite", "Lark", "Heron"], ["175B", "280B", "70B"],
                      ["300B", "300B", "1.4T"]))
    lark = next(e for e in extract_document(Document(PAPER, text, 2024)).estimates if e.model == "Lark")
    tokens = lark.evidence[-1]
    assert tokens.text == "300B" and text[tokens.start: tokens.end] == "300B"
    assert tokens.start == text.index("300B", text.index("300B") + 1)  # Lark's, not Kite's equal cell


def test_a_sentence_wrapped_over_lines_is_no_row_of_a_compute_table_above_it():
    text = ("Heron: Open Models\n\nAbstract\nWe introduce Heron.\n\nTable 1: Training compute (FLOPs).\n"
            "Heron-1B 1.2e21\nHeron-7B 8.4e22\n\n3 Training Pre-training Heron-7B took 20 days on 256 H100 "
            "GPUs.\n"
            "In total, all experiments in this paper used\nabout 5e25 FLOPs.\n")
    estimates = extract_document(Document(PAPER, text, 2024)).estimates
    assert not any(e.model == "about" for e in estimates)
    assert any(e.model == "Heron-7B" and e.value_flop == pytest.approx(8.4e22) for e in estimates)
