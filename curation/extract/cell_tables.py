"""Tables that PDF text extraction wrote one cell a line, with no pipes and no spacing.

Row after row:

    Model
    Params
    Tokens
    Heron-1B
    1.1B
    1T
    Heron-13B
    13B
    2T

The rule: a run of short lines that are no numbers (at most :data:`MAX_CELL` characters and
:data:`MAX_WORDS` words, none ending a sentence) followed by number cells ("1.1B", "172,032", "2T",
"3.1e22") is a header and a first row: the number cells after the run's last line (the first row's
label) give the table's width K less one, and the K lines before that label are the headers. Each
following row is one label line (with a letter, no number cell) and exactly K - 1 number cells; the
table ends at the first line that breaks the pattern and needs two rows. A header of a value column must
name what the finders read (parameters or size, tokens, device time, FLOPs, steps), so axis ticks and
lists of numbers are no table. The rows read as pipe-table rows (:class:`~curation.extract.tables.Table`),
each row's span running from its label to its last cell.

Column after column, each column a block between blank lines, as ``pdftotext`` writes most tables:

    Model

    Params

    Tokens

    Heron-1B
    Heron-13B

    1.1B
    13B

    1T
    2T

The rule: after a block that names what the finders read, the first run of blocks of the same N lines
(N at least two) whose every line opens with a digit ("17.1 Hours", "32xH100" too) are value columns,
read one of three ways: the block right before them has N lines and is the label column, a header block
(one to three short lines) for each column before it; or a header block for each value column stands
right before them, and before those a block of N + 1 lines, the label column with its header on its
first line (a paragraph's last short lines make such a block); or the run's first block is the labels
when each is a size ("7B" / "13B" / "70B", not a count: "32"), a header block for each column before it.
A value column's header must name what the finders read. A row's line is its label's (the lines between
its cells are other rows'), and each cell is its own span.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

from curation.extract.anchors import lowered, positions
from curation.extract.evidence import Span
from curation.extract.tables import Row, Table

MAX_CELL = 40  # characters of a header or a row's label
MAX_WORDS = 5
MAX_WIDTH = 8  # columns
MAX_ROWS = 40
# a cell that is a number: "1.1B", "172,032", "2 T", "~300B", "3.1e22", "3.1 × 10^22", "56.5%"; a dash for
# an empty cell
NUMBER_CELL = re.compile(r"[~≈<>]?\s?\d[\d,.]*(?:\s?(?:[×x]\s?10\^?-?\d{1,2}|[eE][+-]?\d{1,2}))?"
                         r"(?:\s?(?:[KMBTkmbt]|thousand|million|billion|trillion|%))?|[-–—]|n/?a|N/?A")
# what a value column's header names for the finders to read
VALUE_HEADER = re.compile(r"param|\bsize\b|token|hours?\b|days?\b|flop|\bsteps?\b|compute|pf-?days",
                          re.IGNORECASE)
# header words the anchors are sought by (a literal search each, cheap before reading lines)
ANCHORS = ("param", "token", "hour", "day", "flop")


def _is_number(line: str) -> bool:
    return NUMBER_CELL.fullmatch(line.strip()) is not None


def _is_label(line: str) -> bool:
    """A header's or a row label's line: short, with a letter, no number cell, not a sentence's end."""
    cell = line.strip()
    return 0 < len(cell) <= MAX_CELL and len(cell.split()) <= MAX_WORDS and any(c.isalpha() for c in cell) \
        and not _is_number(cell) and cell[-1] not in ".,;:" and "|" not in cell


def _lines_from(text: str, start: int) -> Iterator[Span]:
    """The lines from the one that starts at ``start``, read as they are asked for."""
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        yield Span(text[start:end], start, end)
        start = end + 1


@lru_cache(maxsize=8)
def cell_tables(text: str) -> list[Table]:
    """The tables written one cell a line (see the module's rules), headers lower-cased. A header is
    sought on a short line that names what the finders read, under a blank or short line (a paragraph's
    last line is none)."""
    low = lowered(text)
    starts = set()
    for word in ANCHORS:
        for at in positions(low, word):
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            # a short line under a blank or short one (a header; not a paragraph's last line)
            if (len(text) if end == -1 else end) - start <= MAX_CELL and \
                    start - (text.rfind("\n", 0, max(0, start - 1)) + 1) <= MAX_CELL + 1:
                starts.add(start)
    tables, covered = [], -1
    for start in sorted(starts):
        if start <= covered:
            continue
        table = _table_from(text, start) or _column_blocks_from(text, start)
        if table is not None:
            tables.append(table)
            covered = max(row.line.end for row in table.rows)
    return tables


MAX_BLOCK_HEADER = 3  # lines of one column's header
LOOK_AHEAD_BLOCKS = 3 * MAX_WIDTH  # blocks after a header's block within which the values must start


def _blocks(text: str, start: int, count: int) -> list[list[Span]]:
    """Up to ``count`` blocks of lines (each ended by a blank line) from the line at ``start``."""
    blocks: list[list[Span]] = [[]]
    for line in _lines_from(text, start):
        if len(blocks[-1]) > MAX_ROWS:  # no table's column
            break
        if line.text.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            if len(blocks) == count:
                break
            blocks.append([])
    return [block for block in blocks if block]


def _numbers_block(block: list[Span]) -> bool:
    """Whether every line of a block is a value: it opens with a digit (after a sign of about)."""
    return all(line.text.strip().lstrip("~≈<>").lstrip()[:1].isdigit() for line in block)


def _header_block(block: list[Span]) -> bool:
    """Whether a block may be a column's header: one to three short lines, not all numbers."""
    return len(block) <= MAX_BLOCK_HEADER and all(len(line.text.strip()) <= MAX_CELL for line in block) \
        and not _numbers_block(block)


def _column_blocks_from(text: str, header_start: int) -> Table | None:
    """The table written column after column whose headers hold the line at ``header_start``."""
    line_start = text.rfind("\n", 0, header_start) + 1
    block_start = text.rfind("\n\n", 0, line_start) + 2  # (the header's block may open a line or two above)
    if block_start < 2 or text.count("\n", block_start, line_start) >= MAX_BLOCK_HEADER:
        return None
    opening = _blocks(text, block_start, 1)  # (the header's block alone first: most are prose)
    if not opening or not _header_block(opening[0]):
        return None
    after = _blocks(text, block_start, LOOK_AHEAD_BLOCKS + MAX_WIDTH + 1)
    before = _blocks_before(text, after[0][0].start)
    blocks = [*before, *after]
    for first in range(len(before) + 1, min(len(blocks), len(before) + LOOK_AHEAD_BLOCKS)):
        size = len(blocks[first])
        if size < 2 or not _numbers_block(blocks[first]):
            continue
        run = first
        while run + 1 < len(blocks) and len(blocks[run + 1]) == size and _numbers_block(blocks[run + 1]):
            run += 1
        for reading in (_labels_then_values, _headed_labels_then_values, _sizes_as_labels):
            columns = reading(blocks, first, run)
            table = _block_table(text, *columns, line_start) if columns else None
            if table is not None:
                return table
        return None
    return None


Columns = tuple[list[str], list[Span], list[Span], list[list[Span]]]  # headers, their lines, labels, values


def _header_lines(headers: list[list[Span]]) -> tuple[list[str], list[Span]]:
    """Each header block's words as one name, and all their lines."""
    names = [" ".join(" ".join(line.text for line in h).split()) for h in headers]
    return names, [line for h in headers for line in h]


def _labels_then_values(blocks: list[list[Span]], first: int, run: int) -> Columns | None:
    """A block of labels as long as the values right before them, a header block for each column before
    it ("Model" / "Params" / "Tokens" / "Heron-1B, Heron-13B" / "1.1B, 13B" / "1T, 2T")."""
    label, values = first - 1, blocks[first: run + 1]
    headers = blocks[max(0, label - len(values) - 1): label]
    if len(blocks[label]) != len(blocks[first]) or len(headers) != len(values) + 1 or \
            not all(_header_block(h) for h in headers):
        return None
    return *_header_lines(headers), blocks[label], values


def _headed_labels_then_values(blocks: list[list[Span]], first: int, run: int) -> Columns | None:
    """The label column written with its header as one block ("Model Size" / "70 M" / … / "12 B"), then
    a header block for each value column, then the values."""
    values = blocks[first: run + 1]
    headed = first - len(values) - 1
    headers = blocks[headed + 1: first]
    if headed < 0 or len(blocks[headed]) != len(blocks[first]) + 1 or \
            not _header_block(blocks[headed][:1]) or not all(_header_block(h) for h in headers):
        return None
    names, lines = _header_lines([blocks[headed][:1], *headers])
    return names, lines, blocks[headed][1:], values


# a label that is a model's size: "7B", "70 M", "1.3B" (a plain number, "32", is a count, no label)
SIZE_LABEL = re.compile(r"\d+(?:\.\d+)?\s?[MBT]", re.IGNORECASE)


def _sizes_as_labels(blocks: list[list[Span]], first: int, run: int) -> Columns | None:
    """The first block of numbers is the labels when each is a size ("2B" / "9B" / "27B"), a header
    block for each column right before it."""
    values = blocks[first + 1: run + 1]
    headers = blocks[max(0, first - len(values) - 1): first]
    if not values or len(headers) != len(values) + 1 or not all(_header_block(h) for h in headers) or \
            not all(SIZE_LABEL.fullmatch(line.text.strip()) for line in blocks[first]):
        return None
    return *_header_lines(headers), blocks[first], values


def _block_table(text: str, names: list[str], header_lines: list[Span], labels: list[Span],
                 values: list[list[Span]], sought: int) -> Table | None:
    """A table from its columns, if its headers hold the line sought and a value column's header names
    what the finders read."""
    if len(values) + 1 > MAX_WIDTH or not any(line.start == sought for line in header_lines) or \
            not any(VALUE_HEADER.search(name) for name in names[1:]):
        return None
    rows = []
    for index, cell in enumerate(labels):
        lines = [cell, *(column[index] for column in values)]
        # (the row's line is its label's: the cells between it and its values are other rows')
        rows.append(Row([line.text.strip() for line in lines], cell, [_stripped(line) for line in lines]))
    first, final = min(s.start for s in header_lines), max(s.end for s in header_lines)
    return Table([name.lower() for name in names], Span(text[first:final], first, final), rows)


def _blocks_before(text: str, start: int) -> list[list[Span]]:
    """The blocks of short lines right above the block at ``start`` (nearest last), at most a table's
    width and one more."""
    found: list[list[Span]] = []
    end = start - 1
    while end > 0 and len(found) <= MAX_WIDTH:
        while end > 0 and text[end - 1] == "\n":  # the blank lines between blocks
            end -= 1
        block: list[Span] = []
        while end > 0 and len(block) <= MAX_ROWS:
            line_start = text.rfind("\n", 0, end) + 1
            line = Span(text[line_start:end], line_start, end)
            if not line.text.strip():
                break
            block.insert(0, line)
            end = line_start - 1
        short = len(block)
        while short and len(block[short - 1].text.strip()) <= MAX_CELL:
            short -= 1
        if short < len(block):  # (a paragraph's last short lines are a column that runs into it)
            found.insert(0, block[short:])
        if short or not block:
            break
    return found


def _table_from(text: str, header_start: int) -> Table | None:
    """The table written row after row whose headers hold the line at ``header_start``, if the lines
    around it make one."""
    before = _labels_before(text, header_start)
    lines = _lines_from(text, header_start)
    after: list[Span] = []  # the headers and a first row, read a line at a time while they may be
    for line in lines:
        after.append(line)
        if not _is_label(line.text) or len(after) > MAX_WIDTH + 1:
            break
    index = len(after) - 1 if not _is_label(after[-1].text) else len(after)
    run = [*before, *after[:index]]
    while _is_number(after[-1].text) and len(after) - index < MAX_WIDTH:  # the first row's cells
        line = next(lines, None)
        if line is None:
            break
        after.append(line)
    numbers = 0
    while index + numbers < len(after) and _is_number(after[index + numbers].text):
        numbers += 1
    width = numbers + 1
    if numbers == 0 or width > MAX_WIDTH or len(run) < width + 1 or len(run) - len(before) < 2:
        return None
    headers, first_label = run[-width - 1:-1], run[-1]
    if not any(h.start == header_start for h in headers) or \
            not any(VALUE_HEADER.search(h.text) for h in headers[1:]):
        return None
    rows = [_row(text, [first_label, *after[index: index + numbers]])]
    at = index + numbers
    while len(rows) < MAX_ROWS:
        after += islice(lines, max(0, at + width + 1 - len(after)))  # (a row and the line after it)
        if at + width > len(after):
            break
        group = after[at: at + width]
        if not _is_label(group[0].text) or not all(_is_number(cell.text) for cell in group[1:]) or \
                (at + width < len(after) and _is_number(after[at + width].text)):
            break
        rows.append(_row(text, group))
        at += width
    if len(rows) < 2:
        return None
    header_line = Span(text[headers[0].start: headers[-1].end], headers[0].start, headers[-1].end)
    return Table([" ".join(h.text.split()).lower() for h in headers], header_line, rows)


def _labels_before(text: str, start: int) -> list[Span]:
    """The header-like lines right above the line at ``start`` (nearest last), at most a table's width."""
    found: list[Span] = []
    end = start - 1
    while end > 0 and len(found) < MAX_WIDTH:
        line_start = text.rfind("\n", 0, end) + 1
        line = Span(text[line_start:end], line_start, end)
        if not _is_label(line.text):
            break
        found.insert(0, line)
        end = line_start - 1
    return found


def _row(text: str, cells: list[Span]) -> Row:
    """A row from its cells' lines: the cells' text, the span from the first line to the last, each cell's."""
    return Row([cell.text.strip() for cell in cells], Span(text[cells[0].start: cells[-1].end],
                                                            cells[0].start, cells[-1].end),
               [_stripped(cell) for cell in cells])


def _stripped(line: Span) -> Span:
    """A cell's line without the spaces around its text."""
    lead = len(line.text) - len(line.text.lstrip())
    cell = line.text.strip()
    return Span(cell, line.start + lead, line.start + lead + len(cell))
