"""Estimates from table rows: a GPU-hours or GPU-days column (hardware), or parameter and token
columns (6·N·D).

Model cards and papers tabulate per-model figures ("| Llama 2 70B | 1720320 | …"); each row becomes an
estimate for the model its first cell names. Rows labelled "Total" are sums over several models.
"""

from __future__ import annotations

import re

from curation.extract.column_tables import find_column_runs
from curation.extract.context import AGGREGATE_NOTE, classify
from curation.extract.device_time import SECONDS, document_accelerator, hardware_estimate
from curation.extract.evidence import OPERATION_COUNTING, Estimate, Span
from curation.extract.hardware import accelerator_pattern
from curation.extract.model_names import document_title, squash_name
from curation.extract.quantities import NUMBER, SIZE, scaled_value
from curation.extract.tables import Row, Table, find_tables

SIZE_CELL = re.compile(rf"(?P<n>{NUMBER})\s?(?P<m>k|{SIZE})?\b")
AGGREGATE_LABELS = ("total", "sum", "overall", "all models")


def _cell_span(row: Row, index: int) -> Span:
    cell = row.cells[index]
    offset = row.line.text.find(cell) if cell else -1
    if offset < 0:
        return row.line
    return Span(cell, row.line.start + offset, row.line.start + offset + len(cell))


def _cell_value(cell: str) -> float | None:
    match = SIZE_CELL.search(cell.replace("\\", ""))
    if not match:
        return None
    return scaled_value(match.group("n"), match.group("m"))


DEVICE_TIME_HEADER = re.compile(r"(?:gpu|chip|tpu|accelerator)[\s-]?(?P<unit>hours?|days?)")


def _device_time_column(table: Table) -> tuple[int, float] | None:
    """The column of device time ("GPU hours", "A100 GPU days") and the seconds of its unit."""
    for index, header in enumerate(table.headers):
        unit = DEVICE_TIME_HEADER.search(header)
        if unit and not re.search(r"logit|inference|generation|evaluat", header):
            return index, SECONDS["day" if unit.group("unit").startswith("day") else "hour"]
    return None


def mark_other_models(text: str, estimates: list[Estimate]) -> None:
    """In a table comparing models, a row is the text's own only if its label is in the text's title
    ("# Heron-α Model Card": the "Heron-α" row); once one row is, the others are other models' runs."""
    title = squash_name(document_title(text) or "")
    labels = {e.model: squash_name(e.model) for e in estimates if e.model}
    own = {model for model, label in labels.items() if title and label and label in title}
    if not own:
        return
    for estimate in estimates:
        if estimate.model not in own:
            estimate.notes.append("cited from other work: another model's row in a comparison table")


def _table_accelerator(text: str, table: Table) -> tuple[str | None, str]:
    before = text[max(0, table.header_line.start - 1500): table.header_line.end]
    nearby = list(accelerator_pattern().finditer(before))
    if nearby:
        return nearby[-1].group("accelerator"), "named above the table"
    return document_accelerator(text), "the accelerator the text names most"


def find_table_rows(text: str, publication_year: int | None = None) -> list[Estimate]:
    """Per-row estimates from GPU-hours columns and from parameter × token columns."""
    estimates: list[Estimate] = []
    for table in find_tables(text):
        found: list[Estimate] = []
        column = _device_time_column(table)
        if column is not None:
            index, unit_seconds = column
            accelerator, where = _table_accelerator(text, table)
            unit = "GPU-days" if unit_seconds == SECONDS["day"] else "GPU-hours"
            for row in table.rows:
                value = _cell_value(row.cells[index]) if index < len(row.cells) else None
                if not value:
                    continue
                estimate = hardware_estimate(
                    text, _cell_span(row, index), value * unit_seconds, accelerator, "gpu",
                    publication_year, {"chip_time": f"{value:g} {unit}", "accelerator_from": where,
                                       "table_row": True, "table_header": table.header_line.text},
                    sentence=row.line,
                )
                if estimate:
                    estimate.model = row.label or None
                    estimate.evidence.insert(1, table.header_line)
                    _mark_aggregate(estimate, row)
                    found.append(estimate)
        found += _parameter_token_rows(table)
        mark_other_models(text, found)
        estimates += found
    return estimates + find_column_runs(text, publication_year)


def _mark_aggregate(estimate: Estimate, row: Row) -> None:
    if row.label.lower().startswith(AGGREGATE_LABELS):
        estimate.notes.append(AGGREGATE_NOTE)


def _parameter_token_rows(table: Table) -> list[Estimate]:
    params = next((i for i, h in enumerate(table.headers) if re.search(r"\bparam", h)
                   and "non-embedding" not in h), None)
    tokens = next((i for i, h in enumerate(table.headers) if re.search(r"\btokens?\b|token count", h)
                   and "batch" not in h and "context" not in h), None)
    if params is None or tokens is None or params == tokens:
        return []
    estimates = []
    carried_tokens: tuple[float, Span] | None = None
    for row in table.rows:
        if max(params, tokens) >= len(row.cells):
            continue
        n = _cell_value(row.cells[params])
        d = _cell_value(row.cells[tokens])
        if d:
            carried_tokens = (d, _cell_span(row, tokens))
        elif carried_tokens and not row.cells[0]:  # a blank first cell continues the row above
            d = carried_tokens[0]
        if not n or not d or not (1e6 <= n <= 1e14 and 1e8 <= d <= 1e15):
            continue
        token_span = _cell_span(row, tokens) if row.cells[tokens] else carried_tokens[1]
        estimate = Estimate(
            6 * n * d, OPERATION_COUNTING,
            [row.line, table.header_line, _cell_span(row, params), token_span],
            {"parameters": n, "training_tokens": d, "formula": "6 * N * D", "table_row": True,
             "table_header": table.header_line.text},
            model=row.label or None, confidence="Likely",
        )
        _mark_aggregate(estimate, row)
        estimates.append(classify(estimate, row.line.text.lower()))
    return estimates
