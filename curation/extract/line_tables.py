"""Tables that PDF text extraction writes as lines of words, one row a line, with no pipes:

    Model Size (# Parameters) Training Tokens
    Kite (Wu et al., 2022) 137 Billion 168 Billion
    Heron 70 Billion 1.4 Trillion

The rule: a short line that names a parameter (or size) column and then a token column is a header; the
lines right after it that end in sizes ("6.9B", "70 Billion", "2T", or plain numbers) are its rows, the
words before the sizes each row's label. A row's parameter and token counts are its two sizes when it
ends in exactly two; when it ends in more (other columns between: "Heron-7B 6.9B 32 4096 2T"), they are
the two that carry a size suffix, when exactly two do; a last column in scientific notation (the run's
compute: "Heron-7B 6.9B 1T 4.1e22") is left aside. The rows read as pipe-table rows
(:class:`~curation.extract.tables.Table`), so a row that cites a work or names a model the text never
claims is another model's, as in any table.
"""

from __future__ import annotations

import re
from functools import lru_cache

from curation.extract.anchors import lowered, positions
from curation.extract.evidence import Span
from curation.extract.quantities import NUMBER
from curation.extract.tables import Row, Table

HEADER = re.compile(r"\b(?:param\w*|(?:model\s+)?size)\b.*\btokens?\b", re.IGNORECASE)
MAX_HEADER = 100  # characters: a header is a short line, not a sentence that names both
# a size at the end of what is left of a row: "70 Billion", "6.9B", "2T", "4096"
TRAILING_SIZE = re.compile(rf"(?:^|\s)(?P<n>{NUMBER})"
                           r"(?:\s?(?P<m>[KMBT]|(?i:thousand|million|billion|trillion)))?\s*$")
# a last cell in scientific notation: a compute column ("4.1e22", "4.1 × 10^22")
TRAILING_SCIENTIFIC = re.compile(r"\s\d+(?:\.\d+)?\s*(?:[eE]\+?\d{1,2}|[×x]\s*10\^?\d{1,2})\s*$")
LABEL = re.compile(r"[A-Za-z]")
MAX_ROWS = 40


def _row_sizes(line: str) -> tuple[str, list[re.Match[str]]]:
    """A row's label and the sizes it ends in, left to right."""
    sizes, rest = [], line.rstrip()
    compute = TRAILING_SCIENTIFIC.search(rest)
    if compute:
        rest = rest[: compute.start()].rstrip()
    while True:
        match = TRAILING_SIZE.search(rest)
        if not match:
            break
        sizes.insert(0, match)
        rest = rest[: match.start()].rstrip()
    return rest, sizes


def _cells(line: str) -> list[str] | None:
    """[label, parameters, tokens] of a row (see the module's rules), or None for no such row."""
    label, sizes = _row_sizes(line)
    if not LABEL.search(label):
        return None
    if len(sizes) > 2:
        sizes = [size for size in sizes if size.group("m")]
    if len(sizes) != 2:
        return None
    return [label.strip(), *(size.group(0).strip() for size in sizes)]


@lru_cache(maxsize=8)
def line_tables(text: str) -> list[Table]:
    """The parameter-and-token tables written as lines of words (see the module's rules), as tables with
    the columns model, parameters and tokens."""
    tables: list[Table] = []
    low = lowered(text)
    seen: set[int] = set()
    for at in positions(low, "token"):
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        if start in seen or end - start > MAX_HEADER:
            continue
        seen.add(start)
        line = low[start:end]
        if "|" in line or ("param" not in line and "size" not in line) or line.rstrip().endswith("."):
            continue  # cheap tests before the header pattern
        header = Span(text[start:end], start, end)
        if not HEADER.search(header.text):
            continue
        rows: list[Row] = []
        line_start = end + 1
        while line_start < len(text) and len(rows) < MAX_ROWS:
            line_end = text.find("\n", line_start)
            line_end = len(text) if line_end == -1 else line_end
            cells = _cells(text[line_start:line_end])
            if cells is None:
                break
            rows.append(Row(cells, Span(text[line_start:line_end], line_start, line_end)))
            line_start = line_end + 1
        if rows:
            tables.append(Table(["model", "parameters", "tokens"], header, rows))
    return tables
