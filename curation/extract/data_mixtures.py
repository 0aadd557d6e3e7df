"""Training tokens from a table of the data mixture: "| Source | Tokens |", its total row or its rows summed.

A paper or card that lists its pre-training data by source ("| Web | 1.2T |", "| Code | 300B |") gives
the tokens it trained on as the table's total row ("Total", "All", "Sum"), or, with none, as the sum of
its rows (each times its epochs when the table has an "Epochs" column). The table must label its rows by
source (a first column headed source, data, dataset, domain, language, subset, corpus, category or
component) and count them in tokens. A corpus listed is not always a corpus trained on in full, so such a
figure is read only when the text gives no training-token figure of its own (the caller's fallback).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from curation.extract.anchors import lowered
from curation.extract.cell_tables import cell_tables
from curation.extract.evidence import Span
from curation.extract.line_tables import two_column_line_tables
from curation.extract.quantities import MULTIPLIERS, NUMBER, parse_plain
from curation.extract.tables import Row, Table, find_tables

SOURCE_HEADERS = ("source", "data", "domain", "language", "subset", "corpus", "category", "component", "mix")
TOTAL_LABELS = ("total", "all", "sum", "overall")
TOKEN_CELL = re.compile(rf"^~?\s*(?P<n>{NUMBER})\s?(?P<m>[KMBT]|thousand|million|billion|trillion)?\b",
                        re.IGNORECASE)
MIN_TOKENS = 1e8
# a header's unit: "Tokens (B)", "Tokens [billions]", "Tokens (Billion)", "tokens in billions" (lower case)
HEADER_SCALE = re.compile(r"[(\[]\s*(?P<u>[kmbt])\s*[)\]]"
                          r"|[(\[]\s*(?P<w>thousand|million|billion|trillion)s?\s*[)\]]"
                          r"|\bin\s+(?P<w2>thousand|million|billion|trillion)s\b")


def token_cell(cell: str, header: str) -> float | None:
    """A cell's token count: "1.2T", "300B", "1,200" under a header in billions ("Tokens (B)")."""
    match = TOKEN_CELL.match(cell.replace("*", "").strip())
    if match is None:
        return None
    value = parse_plain(match.group("n"))
    unit = (match.group("m") or "").lower()
    if unit:
        return value * MULTIPLIERS[unit]
    return value * header_scale(header)


def header_scale(header: str) -> float:
    """What a header's unit multiplies a bare number by ("Tokens (B)": 1e9, "in trillions": 1e12), else 1."""
    scale = HEADER_SCALE.search(header)
    if scale is None:
        return 1.0
    return MULTIPLIERS[(scale.group("u") or (scale.group("w") or scale.group("w2"))[0]).lower()]


def token_rows(table: Table, column: int) -> Iterator[tuple[Row, float, bool]]:
    """Each row's token count in ``column`` (rows without one are skipped) and whether the row is the
    table's total ("Total", "All", "Sum", "Overall")."""
    for row in table.rows:
        if len(row.cells) <= column:
            continue
        tokens = token_cell(row.cells[column], table.headers[column])
        if tokens is not None:
            label = row.label.strip().lower()
            yield row, tokens, label in TOTAL_LABELS or label.startswith("total")


def _mixture(text: str, table: Table) -> tuple[float, Span] | None:
    column = table.column("token")
    if column in (None, 0) or not table.headers or \
            not any(word in table.headers[0] for word in SOURCE_HEADERS):
        return None
    epochs_column = table.column("epoch")
    total, summed, rows = None, 0.0, 0
    for row, tokens, is_total in token_rows(table, column):
        if is_total:
            total = (tokens, row.line)
            continue
        epochs = 1.0
        if epochs_column is not None and len(row.cells) > epochs_column:
            found = re.match(rf"\s*({NUMBER})", row.cells[epochs_column])
            epochs = parse_plain(found.group(1)) if found else 1.0
        summed += tokens * epochs
        rows += 1
    if total is not None and total[0] >= MIN_TOKENS:
        return total
    if rows >= 2 and summed >= MIN_TOKENS:
        first, last = table.header_line.start, table.end
        return summed, Span(text[first:last], first, last)
    return None


def mixture_tokens(text: str) -> tuple[float, Span] | None:
    """The tokens of the largest data-mixture table in ``text`` and where they are written (a total row,
    or the table), or None (see the module's rule)."""
    if "token" not in lowered(text):
        return None
    # (pipe tables, and tables PDF text extraction wrote one cell a line or one row a line)
    found = [mixture for table in [*find_tables(text), *cell_tables(text), *two_column_line_tables(text)]
             if (mixture := _mixture(text, table)) is not None]
    return max(found, key=lambda pair: pair[0]) if found else None
