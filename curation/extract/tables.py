"""Pipe tables (Markdown, or HTML tables rewritten as pipe rows by markup stripping) in plain text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from curation.extract.evidence import Span

_SEPARATOR_CELL = re.compile(r"^:?-{2,}:?$")
_DIGIT = re.compile(r"\d")


@dataclass
class Row:
    """A data row: its cells and the verbatim line (and each cell's own span where the cells do not stand
    on one line: a table PDF text extraction wrote one cell a line)."""

    cells: list[str]
    line: Span
    cell_spans: list[Span] | None = None

    @property
    def label(self) -> str:
        return self.cells[0] if self.cells else ""

    def evidence(self, index: int) -> list[Span]:
        """The spans that show a cell with its row: the row's line, and the cell's own span where the
        cells do not stand on one line."""
        own = self.cell_spans[index] if self.cell_spans is not None and index < len(self.cell_spans) else None
        return [self.line] + ([own] if own is not None and own != self.line else [])


@dataclass
class Table:
    """Column headers (every header row above the data joined per column, lower-cased) and data rows."""

    headers: list[str]
    header_line: Span
    rows: list[Row]

    @property
    def end(self) -> int:
        """Where the table's last cell ends (in a table written one cell a line, a row's label line may come
        before its values)."""
        return max(max([row.line.end, *(span.end for span in row.cell_spans or ())]) for row in self.rows)

    def column(self, *needles: str) -> int | None:
        """The first column whose header holds every needle."""
        for index, header in enumerate(self.headers):
            if all(needle in header for needle in needles):
                return index
        return None


# a Markdown link in a cell is its text: "[Heron 7B](https://…/Heron-7B)" is "Heron 7B"
_LINK = re.compile(r"\[([^\[\]]+)\]\([^()\s]*\)")


def _cells(line: str) -> list[str]:
    line = line.strip()
    line = line[1:] if line.startswith("|") else line
    line = line[:-1] if line.endswith("|") else line
    if "](" in line:
        line = _LINK.sub(r"\1", line)
    return [cell.strip().strip("*").strip() for cell in line.split("|")]


@lru_cache(maxsize=8)
def find_tables(text: str) -> list[Table]:
    """Blocks of consecutive lines with at least two ``|``; rows with a digit after the first cell are
    data, the ones above them are headers (a two-cell table may have none: its first row is data), and
    below a separator line ("|---|---|") every row is data.
    (Cached: several finders read the same text's tables.)"""
    if text.count("|") < 4:
        return []
    tables: list[Table] = []
    block: list[tuple[Span, list[str]]] = []
    block_end, headed = -1, 0
    for line in _pipe_lines(text):  # only the lines with two pipes: a table's lines
        if block and line.start != block_end + 1:  # a line without two pipes came between
            tables.extend(_tables_of(block, headed))
            block, headed = [], 0
        block_end = line.end
        cells = _cells(line.text)
        # (a first line of empty cells is a header left blank, "| | |" over "|---|---|", as cards write a
        # key-value table: every row below it is data)
        if not all(_SEPARATOR_CELL.match(cell) or not cell for cell in cells) or \
                (not block and not any(cells)):
            block.append((line, cells))
        elif not headed:
            headed = len(block)  # the lines above the first separator are the header's
    return tables + _tables_of(block, headed)


def _pipe_lines(text: str) -> Iterator[Span]:
    """Every line holding at least two ``|``, found from the pipes (most lines hold none)."""
    at = text.find("|")
    while at != -1:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        if text.count("|", at, end) >= 2:
            yield Span(text[start:end], start, end)
        at = text.find("|", end)


def _tables_of(block: list[tuple[Span, list[str]]], headed: int) -> list[Table]:
    table = _table(block, headed) if block else None
    return [table] if table else []


_VALUE = re.compile(r"^[~≈<>]?\s*\d")


def _table(block: list[tuple[Span, list[str]]], headed: int = 0) -> Table | None:
    """The table of a block of pipe rows; ``headed`` counts the rows above its separator line, which are
    headers even with a digit in them ("| Model | FLOPs (×10^21) |"), unless a two-cell row's value is a
    number ("| Parameters | 7B |" over "|---|---|" is a key-value table's first row)."""
    width = max(len(cells) for _, cells in block)
    headers = [""] * width
    header_line: Span | None = None
    rows: list[Row] = []
    for index, (span, cells) in enumerate(block):
        is_data = any(_DIGIT.search(cell) for cell in cells[1:])
        if is_data and index < headed and not (len(cells) == 2 and _VALUE.match(cells[1])):
            is_data = False
        if is_data and header_line is None and len(cells) == 2:
            header_line = span  # a key-value table with no header row: "| Parameters | 7B |" is data
        if (is_data or (headed and index >= headed)) and header_line is not None:
            rows.append(Row(cells, span))  # (below the separator, a row is data with no digit too)
        elif not rows:
            header_line = span
            for index, cell in enumerate(cells):
                headers[index] = (headers[index] + " " + cell.lower()).strip()
    if header_line is None or not rows:
        return None
    return Table(headers, header_line, rows)
