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

A table of two columns, a label and a count of tokens, is written so too ("Subset Tokens (Billion)" /
"Arxiv 30.00" / "C4 197.67" / "Total 1259.13", or "Stage Tokens" / "Pre-training 10T"): a short line
that names tokens, none of its words before them a number, is a header whose words before the tokens
name the first column; the lines right after it that are a label and one count ("30.00", "10T",
"1.2 trillion"), two or more, are its rows (:func:`two_column_line_tables`, read by the data-mixture and
stage finders as pipe tables).

Device time is tabulated so too, one model a line:

    Time (GPU hours) Power Consumption (W) Carbon Emitted (tCO2eq)
    Heron 7B 184320 400 31.22
    Heron 70B 1720320 400 291.42

A short line that names device time ("GPU hours", "A100 days") as its first column of numbers (at most
three words before it, none naming another column of numbers: parameters, size, tokens, layers) is a
header; the rows are the lines after it (a header broken over a few short lines may come between) that
end in the same number of plain numbers (thousands and millions may carry a suffix, "160K", "1.3M"; an
accelerator may close the row: "Heron-13B 135,000 A100-80GB"), two or more such lines in a row; a
row's device time is the first of those numbers, the words before them its label. A header whose device
time comes last, after other columns of numbers ("Method Type #Params #Images A100 GPU days"), takes each
row's last plain number as its time, its label the words before the other columns' cells ("Heron Diff
0.6B 0.025B 675": "Heron Diff", 675).

Training compute is tabulated so too, its column last ("Model Params Compute (PF-days)" / "Heron-S 150M
3.1" / "Heron-L 2.4B 50.2"): a short line that ends in a column of training compute ("Compute (PF-days)",
"Training FLOPs (1e21)") is a header, its rows read as those of a device-time header whose time comes last
(:func:`compute_line_tables`; the unit is the header's, read as a pipe table's compute column is).

A table with a model a column is written so too, one row a line ("Heron-S Heron-L" / "Parameters 1.3B
6.7B" / "Training tokens 300B 1T"): a line whose every word (two to six) is a model's name or a size
("7B") is a header when, within the lines after it, a row of tokens follows; its rows are the lines right
after it that end in as many values as it has names ("1.3B", "300B", "2,000", "24K"), the words before
them the row's label (:func:`column_line_tables`, read as a pipe table with a model a column).

A key-value table (a model's facts) is written so too, a key and its value a line ("Total Parameters 6.7B" /
"Training Tokens 1.4T" / "Context Length 4096"): a line that is a short key (at most five words, no digit)
and one count, with or without a size suffix, is a row when the line above or below it is a short line
too (a key and its value, not prose: at most eight words, no full stop); :func:`key_value_lines` gives
the rows whose key holds a word ("param", "token"), read as a pipe table's key-value rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache, partial

from curation.extract.anchors import lowered, positions
from curation.extract.evidence import Span
from curation.extract.hardware import resolve_accelerator
from curation.extract.model_names import looks_like_a_model
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
MAX_LABEL = 40  # characters of a two-column row's label: a longer line is prose


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


DEVICE_TIME = re.compile(r"(?:gpu|chip|tpu|accelerator|(?<![\w])[a-z]{1,2}\d{2,4}[a-z]?)[\s-]?"
                         r"(?:hours?|days?)\b")
OTHER_NUMBER_COLUMN = re.compile(r"param|size|token|layer|\d")
PLAIN_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
# a row's cell of device time may be written in thousands ("160K", "12k") or, with a decimal point, in
# millions ("1.3M"): no model's size is written so (a size in millions is "350M"; "B" and "T" are sizes)
ROW_NUMBER = re.compile(rf"(?:{PLAIN_NUMBER.pattern})|\d+(?:\.\d+)?[Kk]|\d+\.\d+M")
MAX_HEADER_BREAK = 8  # short lines a broken header may take before the first row


def _trailing_accelerator(words: list[tuple[str, int]]) -> str | None:
    """The accelerator a row's last one or two words name ("A100-80GB", "TPU v4"), taken off the words."""
    for size in (2, 1):
        if len(words) > size and resolve_accelerator(" ".join(word for word, _ in words[-size:])):
            named = " ".join(word for word, _ in words[-size:])
            del words[-size:]
            return named
    return None


def _trailing_numbers(line: str) -> tuple[str, list[tuple[str, int]], str | None]:
    """A line's label, the plain numbers it ends in (each with its offset in the line; thousands and
    millions written "160K", "1.3M" too, :data:`ROW_NUMBER`) and the accelerator a last column names, if
    any ("Heron-13B 135,000 A100-80GB")."""
    words = [(m.group(), m.start()) for m in re.finditer(r"\S+", line)]
    accelerator = _trailing_accelerator(words) if words and not ROW_NUMBER.fullmatch(words[-1][0]) else None
    numbers: list[tuple[str, int]] = []
    while words and ROW_NUMBER.fullmatch(words[-1][0]):
        numbers.insert(0, words.pop())
    label = line[: numbers[0][1]].strip() if numbers else line.strip()
    return label, numbers, accelerator


@lru_cache(maxsize=8)
def device_time_line_tables(text: str) -> list[Table]:
    """The device-time tables written as lines of words (see the module's rules), as tables with the
    columns model, the header's device time ("gpu hours") and the accelerator a row's last words name
    (empty when none does)."""
    tables: list[Table] = []
    low = lowered(text)
    seen: set[int] = set()
    for word in ("hour", "day"):
        for at in positions(low, word):
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end == -1 else end
            if start in seen or end - start > MAX_HEADER or "|" in low[start:end]:
                continue
            seen.add(start)
            unit = DEVICE_TIME.search(low, start, end)
            if unit is None or low[start:end].rstrip().endswith("."):
                continue
            before = low[start:unit.start()].replace("(", " ")
            # (device time as the last column after other columns of numbers: "Method Type #Params #Images
            # A100 GPU days"; its rows' last number is the time, the other columns' sizes before it)
            others_first = len(before.split()) > 3 or OTHER_NUMBER_COLUMN.search(before) is not None
            if others_first and low[unit.end():end].strip(" )"):
                continue
            rows = _device_time_rows(text, end + 1, last=others_first)
            if len(rows) >= 2:
                header = Span(text[start:end], start, end)
                tables.append(Table(["model", unit.group(), "accelerator"], header, rows))
    return tables


# a header's last column of training compute: "Compute (PF-days)", "Training FLOPs (1e21)", "Train compute"
LAST_COMPUTE_COLUMN = re.compile(r"(?:\b(?:total\s+)?(?:train(?:ing)?\s+)?(?:compute|flops?))"
                                 r"(?:\s*\([^()\n]{1,24}\))?\s*$", re.IGNORECASE)


COMPUTE_UNIT_HINTS = ("flop", "pf", "day", "1e", "10^", "zetta", "exa", "peta")  # of a unit in parentheses


@lru_cache(maxsize=8)
def compute_line_tables(text: str) -> list[Table]:
    """The training-compute tables written as lines of words, their compute column last (see the module's
    rules), as tables with the columns model and the header's compute column as written."""
    tables: list[Table] = []
    for word in ("compute", "flop"):
        for _, start, end, line in _short_lines_with(text, word):
            tail = line.rstrip()
            unit = tail[tail.rfind("("):] if tail.endswith(")") else ""
            if "|" in line or not (tail.endswith(("compute", "flop", "flops"))
                                   or any(word in unit for word in COMPUTE_UNIT_HINTS)):
                continue  # (cheap first: a header ends in its compute column, or in that column's unit)
            column = LAST_COMPUTE_COLUMN.search(text, start, end)
            if column is None or column.start() == start:
                continue
            rows = _device_time_rows(text, end + 1, last=True)
            if len(rows) >= 2:
                tables.append(Table(["model", column.group().lower()], Span(text[start:end], start, end),
                                    [Row(row.cells[:2], row.line) for row in rows]))
    return tables


VALUE_CELL = re.compile(r"\s+(?:\d[\d,.]*\s?[KMBT%]?|[-–—])$")  # a cell of another column: "0.6B", "12", "-"


def _device_time_rows(text: str, line_start: int, last: bool = False) -> list[Row]:
    """The rows after a device-time header: lines with a label that end in the same number of plain
    numbers, the first row within a few short lines of the header; the time is the first of those numbers,
    or with ``last`` (the header's last column is the time) the last, the label without the other
    columns' cells before it."""
    rows: list[Row] = []
    width, skipped = 0, 0
    while line_start < len(text) and len(rows) < MAX_ROWS:
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end == -1 else line_end
        line = text[line_start:line_end]
        label, numbers, accelerator = _trailing_numbers(line)
        row = bool(numbers) and LABEL.search(label) is not None
        if row and rows and len(numbers) != width:
            if len(rows) >= 2:
                break
            rows, row = [], True  # a line that only looked like a row ("Heron 2" above "7B 184320 400")
        if not row:
            if rows or skipped >= MAX_HEADER_BREAK or len(line) > MAX_HEADER:
                break
            skipped += 1
        else:
            width = len(numbers)
            time = numbers[-1][0] if last else numbers[0][0]
            if last:
                label = line[: numbers[-1][1]].rstrip()
                while VALUE_CELL.search(label):
                    label = VALUE_CELL.sub("", label)
            rows.append(Row([label.strip(), time, accelerator or ""], Span(line, line_start, line_end)))
        line_start = line_end + 1
    return rows


def _short_lines_with(text: str, word: str) -> Iterator[tuple[int, int, int, str]]:
    """(where ``word`` is, the line's start and end, the line in lower case) for each line of at most
    :data:`MAX_HEADER` characters that holds ``word`` (its first occurrence on the line)."""
    low = lowered(text)
    seen: set[int] = set()
    for at in positions(low, word):
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        if start in seen or end - start > MAX_HEADER:
            continue
        seen.add(start)
        yield at, start, end, low[start:end]


@lru_cache(maxsize=8)
def line_tables(text: str) -> list[Table]:
    """The parameter-and-token tables written as lines of words (see the module's rules), as tables with
    the columns model, parameters and tokens."""
    tables: list[Table] = []
    for _, start, end, line in _short_lines_with(text, "token"):
        if "|" in line or ("param" not in line and "size" not in line) or line.rstrip().endswith("."):
            continue  # cheap tests before the header pattern
        header = Span(text[start:end], start, end)
        if not HEADER.search(header.text):
            continue
        rows = _rows_after(text, end + 1, _cells)
        if rows:
            tables.append(Table(["model", "parameters", "tokens"], header, rows))
    return tables


def _rows_after(text: str, line_start: int, cells_of: Callable[[str], list[str] | None]) -> list[Row]:
    """The lines from ``line_start`` on that ``cells_of`` reads as a row's cells, up to the first it does
    not (at most :data:`MAX_ROWS`)."""
    rows: list[Row] = []
    while line_start < len(text) and len(rows) < MAX_ROWS:
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end == -1 else line_end
        cells = cells_of(text[line_start:line_end])
        if cells is None:
            break
        rows.append(Row(cells, Span(text[line_start:line_end], line_start, line_end)))
        line_start = line_end + 1
    return rows


# a row of a two-column table: a label with a letter, then one count ("30.00", "10T", "1.2 trillion")
TWO_COLUMN_ROW = re.compile(r"(?P<label>[^\n|]*?[A-Za-z][^\n|]*?)\s+(?P<value>~?\s?\d[\d,]*(?:\.\d+)?"
                            r"(?:\s?(?:[KMBT]|thousand|million|billion|trillion))?)\s*$")


@lru_cache(maxsize=8)
def two_column_line_tables(text: str) -> list[Table]:
    """The tables of a label and a count of tokens written as lines of words (see the module's rules), as
    tables with the header's two columns."""
    tables: list[Table] = []
    for at, start, end, line in _short_lines_with(text, "token"):
        if "|" in line or line.rstrip().endswith("."):
            continue
        first = line[: at - start].strip()
        if not first or re.search(r"\d", first) or len(first.split()) > 3:
            continue
        rows = _rows_after(text, end + 1, _two_cells)
        if len(rows) >= 2:
            tables.append(Table([first, line[at - start:].strip()], Span(text[start:end], start, end), rows))
    return tables


def _two_cells(line: str) -> list[str] | None:
    """[label, count] of a two-column table's row (:data:`TWO_COLUMN_ROW`), or None for no such row."""
    row = TWO_COLUMN_ROW.fullmatch(line)
    if row is None or len(row.group("label")) > MAX_LABEL:
        return None
    return [row.group("label").strip(), row.group("value").strip()]


# a key and one count: "Total Parameters 6.7B", "Training Tokens 1.4T", "# Params 7B"; a list item's field
# with a colon too ("- Parameters: 7B", "Training tokens: 2T"), and a row whose two cells a bar parts, with
# no bar at its ends ("Model size | 13B")
KEY_VALUE_LINE = re.compile(r"[ \t]*(?:[-*+][ \t]+)?(?P<key>[A-Za-z#(][A-Za-z#()/. \t-]{0,50}?)"
                            r"(?:[ \t]*[:=|][ \t]*|[ \t]+)"
                            r"(?P<value>~?\d[\d,]*(?:\.\d+)?"
                            r"(?:[ \t]?(?:[KMBT]|thousand|million|billion|trillion))?\+?)"
                            r"[ \t]*", re.IGNORECASE)
MAX_KEY_WORDS = 5
MAX_NEIGHBOUR_WORDS = 8


@lru_cache(maxsize=16)
def key_value_lines(text: str, word: str) -> list[Row]:
    """The rows, [key, value], of the key-value tables written a row a line whose key holds ``word``
    (lower case; see the module's rules)."""
    rows: list[Row] = []
    for at, start, end, _ in _short_lines_with(text, word):
        row = KEY_VALUE_LINE.fullmatch(text, start, end)
        if row is None or at >= row.end("key") or len(row.group("key").split()) > MAX_KEY_WORDS:
            continue
        above_end = start - 1
        above = text[text.rfind("\n", 0, max(above_end, 0)) + 1: above_end] if start > 0 else ""
        below_end = text.find("\n", end + 1)
        below = text[end + 1: len(text) if below_end == -1 else below_end] if end < len(text) else ""
        if not any(_short_field(line) for line in (above, below)):
            continue
        cells = [row.group("key").strip(), row.group("value").strip()]
        rows.append(Row(cells, Span(text[start:end], start, end)))
    return rows


def _short_field(line: str) -> bool:
    """Whether a line may be a key-value table's row: two to eight words, not a sentence's end."""
    words = line.split()
    return 2 <= len(words) <= MAX_NEIGHBOUR_WORDS and not line.rstrip().endswith((".", ",", ";"))


# a column's value in a row of a table with a model a column: "1.3B", "300B", "2,000", "24K", "~1T"
COLUMN_VALUE = re.compile(r"~?\d{1,3}(?:,\d{3})+(?:\.\d+)?[KMBT]?|~?\d+(?:\.\d+)?[KkMBT]?")
BARE_SIZE_WORD = re.compile(r"\d+(?:\.\d+)?[MBT]")  # a header's size for a name: "7B"
MIN_COLUMNS, MAX_COLUMNS = 2, 6
HEADER_REACH = 8  # lines between a header and the row of tokens below it
MAX_HEADER_LINE = 80  # characters of a header of names


def _header_names(line: str) -> list[str] | None:
    """The names of a header line whose every word is a model's name or a size, or None."""
    words = line.split()
    if not MIN_COLUMNS <= len(words) <= MAX_COLUMNS or len(set(words)) != len(words):
        return None
    if all(BARE_SIZE_WORD.fullmatch(word) or looks_like_a_model(word) for word in words):
        return words
    return None


def _column_row(line: str, columns: int) -> list[str] | None:
    """[label, value …] of a row that ends in ``columns`` values, its label a word or more; else None."""
    words = line.split()
    if len(words) <= columns or not all(COLUMN_VALUE.fullmatch(word) for word in words[-columns:]):
        return None
    label = " ".join(words[:-columns])
    return [label, *words[-columns:]] if LABEL.search(label) and not re.search(r"\d", label) else None


@lru_cache(maxsize=8)
def column_line_tables(text: str) -> list[Table]:
    """The tables with a model a column written as lines of words (see the module's rules), as tables
    whose header line's words are the columns' names after an empty first column."""
    tables: list[Table] = []
    seen: set[int] = set()
    # (the row of tokens, or of training steps where a hyperparameter table gives its steps, batch and
    # sequence length instead: "Training steps 250K 500K")
    rows_of_run = [*_short_lines_with(text, "token"),
                   *(_short_lines_with(text, "steps") if "batch size" in lowered(text) else ())]
    for _, start, _, line in rows_of_run:
        last = line.rsplit(None, 1)[-1] if line.strip() else ""
        if not (last[:1].isdigit() or last[:1] == "~") or not COLUMN_VALUE.fullmatch(last.upper()):
            continue  # cheap: the row of tokens ends in a value ("… 300B 1T")
        header_start = start
        for _ in range(HEADER_REACH):  # up from the row of tokens to the header
            if header_start == 0:
                break
            header_start = text.rfind("\n", 0, header_start - 1) + 1
            header_end = text.find("\n", header_start)
            if header_end - header_start > MAX_HEADER_LINE:
                continue  # a line of prose
            names = _header_names(text[header_start:header_end])
            if names is None:
                continue
            if header_start not in seen:
                seen.add(header_start)
                rows = _rows_after(text, header_end + 1, partial(_column_row, columns=len(names)))
                if rows and rows[-1].line.end >= start:  # the row of tokens is one of them
                    header = Span(text[header_start:header_end], header_start, header_end)
                    tables.append(Table(["", *(name.lower() for name in names)], header, rows))
            break
    return tables
