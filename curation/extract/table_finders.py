"""Estimates from table rows: a GPU-hours or GPU-days column or row (hardware), a cell of devices beside
a cell of time ("| Heron-L | 64 V100 | 7 days |", or numbers under "| GPUs |" and "| Days |": hardware),
parameter and token columns, a token column beside sized names ("| Heron-7B | 2T |"), or a model a column
with a parameter row and a token row (6·N·D), or a training-compute column in the unit its header names
(reported); and parameter and token columns, and device-time columns, that PDF text writes without
pipes (see :mod:`curation.extract.line_tables`).

Model cards and papers tabulate per-model figures ("| Heron 2 70B | 1720320 | …"); each row becomes an
estimate for the model its first cell names. Rows labelled "Total" are sums over several models.
"""

from __future__ import annotations

import re
from functools import lru_cache

from curation.extract.card_finders import repository_sizes
from curation.extract.cell_tables import cell_tables
from curation.extract.column_tables import find_column_runs
from curation.extract.context import AGGREGATE_NOTE, STAGE_TIME, classify
from curation.extract.data_mixtures import header_scale
from curation.extract.device_sentences import device_counts, durations
from curation.extract.device_time import (
    SECONDS,
    _unit_key,
    count_accelerator,
    document_accelerator,
    hardware_estimate,
)
from curation.extract.evidence import FINETUNING, OPERATION_COUNTING, PRETRAINING, REPORTED, Estimate, Span
from curation.extract.flagship_counting import title_part
from curation.extract.hardware import accelerator_pattern
from curation.extract.line_tables import (
    column_line_tables,
    compute_line_tables,
    device_time_line_tables,
    key_value_lines,
    line_tables,
)
from curation.extract.model_names import SIZED_NAME, document_title, squash_name
from curation.extract.parameter_labels import PARAMETER_LABEL, names_experts, parameter_label
from curation.extract.quantities import (
    BLANK_LINE,
    NUMBER,
    SCIENTIFIC,
    SIZE,
    parse_plain,
    scaled_value,
    scientific_value,
)
from curation.extract.step_counting import column_step_tokens
from curation.extract.tables import Row, Table, find_tables
from curation.units import FLOP_PER_PFS_DAY

# "7B", "1.4T", "2.5 Trillion" (a size word capitalized as a heading or cell may write it)
SIZE_CELL = re.compile(rf"(?P<n>{NUMBER})\s?(?P<m>k|{SIZE}|(?i:thousand|million|billion|trillion))?\b")
AGGREGATE_LABELS = ("total", "sum", "overall", "all models")


def _cell_span(row: Row, index: int) -> Span:
    if row.cell_spans is not None:
        return row.cell_spans[index]
    cell = row.cells[index]
    offset = row.line.text.find(cell) if cell else -1
    if offset < 0:
        return row.line
    return Span(cell, row.line.start + offset, row.line.start + offset + len(cell))


def _cell_value(cell: str, header: str = "") -> float | None:
    """A cell's size ("7B", "1.4 trillion"); a bare number in the unit its header names ("Params (B)",
    "Tokens (T)", "Training Tokens (billions)")."""
    match = SIZE_CELL.search(cell.replace("\\", ""))
    if not match:
        return None
    value = scaled_value(match.group("n"), match.group("m"))
    return value if match.group("m") or not header else value * header_scale(header)


TOKEN_WORD = re.compile(r"token", re.IGNORECASE)
TOKENS_IN_CELL = re.compile(r"\d\s?(?:[MBT]|million|billion|trillion)?\s*tokens\b", re.IGNORECASE)


# a figure per token, not a count of tokens: "FLOPs/token", "FLOPs per token (G)", "Params per token"
PER_TOKEN_HEADER = re.compile(r"flop|/\s*tokens?\b|\bper\s+tokens?\b")


def _token_column(table: Table) -> int | None:
    """The column of training tokens: headed with tokens ("Tokens", "#tokens", "Token count"; not a batch's
    or a context's, nor a figure per token, "FLOPs/token"), else one whose cells say tokens ("| Data | 2T
    tokens |")."""
    headed = next((i for i, h in enumerate(table.headers) if re.search(r"\btokens?\b|token count", h)
                   and "batch" not in h and "context" not in h and not PER_TOKEN_HEADER.search(h)), None)
    if headed is not None or not TOKEN_WORD.search("\n".join(row.line.text for row in table.rows)):
        return headed  # (cheap first: most tables never say tokens)
    for index in range(1, len(table.headers)):
        if NOT_RUN_TOKENS_LABEL.search(table.headers[index]):
            continue  # a batch's or a context's tokens: "| Batch size | 2M tokens |"
        said = sum(1 for row in table.rows if index < len(row.cells) and "token" in row.cells[index].lower()
                   and TOKENS_IN_CELL.search(row.cells[index]))
        if said * 2 >= len(table.rows):
            return index
    return None


POST_TRAINING_STAGE = re.compile(r"\b(?:sft|rlhf|dpo|rl|fine-?tun\w*|instruction|alignment|post-?train\w*|"
                                 r"preference|reward)\b", re.IGNORECASE)
LEADING_NUMBER = re.compile(rf"^\s*(?:~|≈|about\s+|approx(?:\.|imately)?\s+|circa\s+|ca\.\s+)?{NUMBER}")


def _device_time_cell(cell: str) -> float | None:
    """A device-time cell's value: the number it opens with ("1.2M", "~370k"), or, in a cell that breaks
    the time down by stage, the sum of the stages before post-training (pre-training and annealing, not
    SFT or RLHF); a cell that opens with words and no stages ("Stage 1 …" alone) gives none."""
    stages = list(STAGE_TIME.finditer(cell))
    if len(stages) > 1:
        own = [m for m in stages if not POST_TRAINING_STAGE.search(m.group("label"))]
        return sum(scaled_value(m.group("n"), m.group("m")) for m in own) or None
    if not LEADING_NUMBER.match(cell.replace("\\", "")):
        return None
    return _cell_value(cell)


# "GPU hours", "chip-days", and time of a named device: "A100-hours", "H100 hours", "V100 days"; a TPU's
# generation and its cores or chips between: "TPUv3-core-days", "TPU v4 chip-hours", "TPUv3 days"
DEVICE_TIME_HEADER = re.compile(r"(?:gpu|chip|tpu|npu|accelerator|(?<![\w])[a-z]{1,2}\d{2,4}[a-z]?)"
                                r"(?:[\s-]?v\d[a-z]?)?(?:[\s-]?(?P<core>cores?|chips?))?[\s-]?"
                                r"(?P<unit>hours?|days?)")


def _device_time_unit(unit: re.Match[str]) -> tuple[float, str]:
    """The seconds of a :data:`DEVICE_TIME_HEADER` match's unit and the device it counts ("core" for a
    TPU's core time, which :func:`hardware_estimate` takes as half a chip's where a chip holds two)."""
    seconds = SECONDS["day" if unit.group("unit").startswith("day") else "hour"]
    return seconds, "core" if (unit.group("core") or "").startswith("core") else "gpu"


def _time_unit_name(seconds: float, device: str) -> str:
    """A device time's unit as the estimate notes it: "GPU-hours", "core-days"."""
    return ("core-" if device == "core" else "GPU-") + ("days" if seconds == SECONDS["day"] else "hours")


def _device_time_column(table: Table) -> tuple[int, float, str] | None:
    """The column of device time ("GPU hours", "A100 GPU days", "TPUv3-core-days"), the seconds of its
    unit and the device it counts."""
    for index, header in enumerate(table.headers):
        unit = DEVICE_TIME_HEADER.search(header)
        if unit and not re.search(r"logit|inference|generation|evaluat", header):
            return index, *_device_time_unit(unit)
    return None


def mark_other_models(text: str, estimates: list[Estimate]) -> None:
    """In a table comparing models, a row is the text's own only if its label is in the text's title
    ("# Heron-α Model Card": the "Heron-α" row); once one row is, the others are other models' runs.
    Without such a row, the rows whose name (without its size or a note in parentheses) the title
    names most fully are the own ("HeronMoE 16B" under "HeronMoE: …", not "Heron 67B (Dense)")."""
    labels = {e.model: squash_name(e.model) for e in estimates if e.model}
    if not labels:
        return
    title = _word_runs(document_title(text) or title_part(text))
    own = {model for model, label in labels.items() if title and label and label in title}
    if not own and title:
        bases = {model: squash_name(LABEL_NOTES.sub(" ", model)) for model in labels}
        longest = max((len(base) for base in bases.values() if len(base) > 2 and base in title), default=0)
        own = {model for model, base in bases.items() if longest and len(base) == longest and base in title}
        if own and all(model in own for model in labels):
            return  # every row is named alike: nothing tells them apart
    if not own:
        return
    for estimate in estimates:
        if estimate.model not in own:
            estimate.notes.append("cited from other work: another model's row in a comparison table")


@lru_cache(maxsize=8)
def _word_runs(title: str, longest: int = 4) -> frozenset[str]:
    """Every run of up to ``longest`` consecutive words of a title, squashed (see :func:`squash_name`): a
    label is in the title only as whole words ("Heron-S" is not in "Heron: Scaling …")."""
    words = [squash_name(word) for word in re.split(r"[\s:;,.!?()\[\]/|–—_]+|-", title)]
    words = [word for word in words if word]
    return frozenset("".join(words[start: start + size]) for start in range(len(words))
                     for size in range(1, longest + 1) if start + size <= len(words))


# what a row's label adds to a model's name: its size, a multiple, a note ("Heron 67B (Dense)", "×1.5")
LABEL_NOTES = re.compile(r"\([^)]*\)|(?<![A-Za-z])\d+(?:\.\d+)?\s?[BMKT]\b|[×x]\s?\d+(?:\.\d+)?")


SIZED_LABEL = re.compile(r"\d(?:\.\d+)?\s?[BbMm]\b")


def mark_rows_of_other_sizes(estimates: list[Estimate], repository: str | None) -> None:
    """A card's repository names one size of a family ("org/Heron-2-13b"): in a table of the family's
    sizes, the row whose sized label is written within the repository's name ("Heron 2 13B") is the
    card's own, and the table's other rows are other models' runs."""
    if not repository:
        return
    repo = squash_name(repository.split("/")[-1])
    tables: dict[object, list[Estimate]] = {}
    for estimate in estimates:
        if estimate.assumptions.get("table_row"):  # (a row with a blank label continues the one above)
            tables.setdefault(estimate.assumptions.get("table_header"), []).append(estimate)
    for every_row in tables.values():
        rows = [e for e in every_row if e.model]
        own = {e.model for e in rows
               if e.model and SIZED_LABEL.search(e.model) and squash_name(e.model) in repo
               and _sizes_agree(e.model, repository)}
        if not own:  # "Heron 2-7B" on "org/Heron-2-1124-7B": the same name's first word and the same size
            own = {e.model for e in rows if e.model and _same_sized_name(e.model, repository)}
        if not own:
            _mark_rows_of_other_parameters(every_row, repository)
            continue
        for estimate in rows:
            if estimate.model not in own:
                estimate.notes.append(f"cited from other work: another size's row (the repository is "
                                      f"{', '.join(sorted(own))})")


def _sizes_agree(label: str, repository: str) -> bool:
    """Whether a sized row label's last size is the last size the repository's name carries (within
    10%), when both can be read: squashed names lose the decimal point ("Heron 1.3B" and "heron-13b"
    squash alike)."""
    label_sizes, wanted = repository_sizes(label), repository_sizes(repository)
    return not (label_sizes and wanted) or _about(label_sizes[-1], wanted[-1])


def _mark_rows_of_other_parameters(rows: list[Estimate], repository: str) -> None:
    """In a table whose rows all bear the family's one name, or leave it blank below it, and tell their
    sizes in a column ("| Heron 2 | … | 13B | 2.0T |" on "org/heron-2-13b", "org/Meta-Heron-2-13B"), the
    rows whose parameters are not the size the repository's name ends in are other models' runs (when
    one row's are)."""
    repo = repository.split("/")[-1]
    wanted = (repository_sizes(repository) or [None])[-1]  # the last it carries ("heron-2-1_6b": 1.6B)
    # (a blank label continues the row above; a note in parentheses is no part of the name: "Heron 3
    # (text only)")
    labels = {squash_name(LABEL_NOTES.sub(" ", e.model)) for e in rows if e.model}
    if not wanted or len(labels) != 1 or len(rows) < 2 or not next(iter(labels)) or \
            next(iter(labels)) not in squash_name(repo):
        return
    own = [e for e in rows if _about(e.assumptions.get("parameters"), wanted)]
    if not own:
        return
    for estimate in rows:
        if estimate not in own:
            estimate.notes.append(f"cited from other work: another size's row (the repository is {repo})")


def _about(parameters: object, wanted: float) -> bool:
    """Whether a row's parameter count is the size a name gives, as names round it (within 10%)."""
    return isinstance(parameters, float) and abs(parameters - wanted) <= 0.1 * wanted


WHOLE_SIZE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s?[BbMm]\b")


def _same_sized_name(label: str, repository: str) -> bool:
    """Whether a row's sized label and a repository's name share their first word and their size
    ("Heron 2-7B" and "org/Heron-2-1124-7b"; not "Heron 2-13B")."""
    repo = repository.split("/")[-1]
    label_size, repo_size = WHOLE_SIZE.findall(label), WHOLE_SIZE.findall(repo.replace("-", " "))
    stem = squash_name(re.split(r"[\s_-]", label.strip())[0])
    return bool(label_size and repo_size) and len(stem) > 2 and squash_name(repo).startswith(stem) and \
        squash_name(label_size[-1]) == squash_name(repo_size[-1])


def _table_accelerator(text: str, table: Table) -> tuple[str | None, str]:
    before = text[max(0, table.header_line.start - 1500): table.header_line.end]
    nearby = list(accelerator_pattern().finditer(before))
    if nearby:
        return nearby[-1].group("accelerator"), "named above the table"
    return document_accelerator(text), "the accelerator the text names most"


def find_table_rows(text: str, publication_year: int | None = None) -> list[Estimate]:
    """Per-row estimates from GPU-hours columns and from parameter × token columns."""
    estimates: list[Estimate] = []
    # (pipe tables, and tables PDF text extraction wrote one cell a line)
    for table in [*find_tables(text), *cell_tables(text)]:
        found: list[Estimate] = []
        column = _device_time_column(table)
        if column is not None:
            found += _device_time_rows(text, table, *column, publication_year)
        else:
            found += _device_count_rows(text, table, publication_year)
            found += _device_time_by_column(text, table, publication_year)
        found += _parameter_token_rows(table)
        found += _step_token_rows(table)
        found += _parameter_token_columns(text, table)
        found += _compute_rows(table, text)
        found += _compute_by_column(table)
        mark_other_models(text, found)
        estimates += found
    for table in line_tables(text):  # "Model Params Tokens" / "Heron-7B 6.9B 2T", without pipes
        found = _parameter_token_rows(table)
        mark_other_models(text, found)
        estimates += found
    for table in column_line_tables(text):  # "Heron-S Heron-L" / "Parameters 1.3B 6.7B" / "Tokens 300B 1T"
        found = _parameter_token_columns(text, table) + _device_time_by_column(text, table, publication_year)
        mark_other_models(text, found)
        estimates += found
    for table in device_time_line_tables(text):  # "Time (GPU hours) …" / "Heron 7B 184320 400 31.22"
        found = _device_time_rows(text, table, *_device_time_column(table) or (1, SECONDS["hour"], "gpu"),
                                  publication_year, accelerator_column=2)
        mark_other_models(text, found)
        estimates += found
    for table in compute_line_tables(text):  # "Model Params Compute (PF-days)" / "Heron-L 2.4B 50.2"
        found = _compute_rows(table, text)
        mark_other_models(text, found)
        estimates += found
    estimates += _key_value_line_run(text)  # "Total Parameters 6.7B" / "Training Tokens 1.4T", no pipes
    return estimates + find_column_runs(text, publication_year)


MAX_KEY_VALUE_GAP = 400  # characters between a flattened key-value table's parameter row and token row


def _key_value_line_run(text: str) -> list[Estimate]:
    """6 · N · D from a key-value table written a row a line (:func:`key_value_lines`: "Total Parameters
    6.7B" / "Training Tokens 1.4T", "Model size | 13B" / "Training tokens | 1.5T"): its first parameter
    row (see :func:`parameter_label`) and the first token row of the run's tokens (not a context's or a
    batch's) after or before it in the same table, for the model the text is about (no name of its own)."""
    # (the parameters' key may say "size": "Model size | 13B")
    param_rows = sorted([*key_value_lines(text, "param"), *key_value_lines(text, "size")],
                        key=lambda row: row.line.start)
    token_rows = [row for row in key_value_lines(text, "token") if TOKEN_LABEL.search(row.label.lower())
                  and not NOT_RUN_TOKENS_LABEL.search(row.label.lower())]
    if not param_rows or not token_rows:
        return []
    index = parameter_label([row.label.lower() for row in param_rows])
    if index is None:
        return []
    param_row = param_rows[index]
    token_row = min(token_rows, key=lambda row: abs(row.line.start - param_row.line.start))
    first, last = sorted((param_row.line, token_row.line), key=lambda span: span.start)
    if last.start - first.end > MAX_KEY_VALUE_GAP or BLANK_LINE.search(text, first.end, last.start):
        return []
    n, d = _cell_value(param_row.cells[1]), _cell_value(token_row.cells[1])
    if not n or not d or not (1e6 <= n <= 1e14 and 1e8 <= d <= 1e15):
        return []
    estimate = Estimate(
        6 * n * d, OPERATION_COUNTING, [Span(text[first.start:last.end], first.start, last.end)],
        {"parameters": n, "training_tokens": d, "formula": "6 * N * D", "table_row": True,
         "pairing": "a key-value table's parameter and token rows"},
        model=document_title(text), confidence="Likely",
    )
    if "activ" in param_row.label.lower():
        estimate.assumptions["active_parameters"] = True
    return [classify(estimate, f"{param_row.line.text} {token_row.line.text}".lower())]


def _device_time_rows(text: str, table: Table, index: int, unit_seconds: float, device: str,
                      publication_year: int | None, accelerator_column: int | None = None) -> list[Estimate]:
    """One hardware estimate per row of a device-time column ("| Heron 7B | 184320 |") of ``device``
    time ("gpu", or "core" for a TPU's cores), on the accelerator the row names in
    ``accelerator_column`` (or as its label, "| H100-80GB | 460,000 |": then no model's row), else the one
    named above the table or the text's."""
    found: list[Estimate] = []
    accelerator, where = _table_accelerator(text, table)
    if accelerator is None and "gpu" in table.header_line.text.lower():  # "GPU days", no GPU named anywhere
        accelerator, where = count_accelerator(text, "", "gpus", table.header_line, publication_year)
    unit = _time_unit_name(unit_seconds, device)
    for row in table.rows:
        value = _device_time_cell(row.cells[index]) if index < len(row.cells) else None
        if not value:
            continue
        named = row.cells[accelerator_column] if accelerator_column is not None and \
            accelerator_column < len(row.cells) else ""
        # a row labelled by its hardware, "| H100-80GB | 460,000 |": the run's device, not a model
        device_label = accelerator_pattern().fullmatch(row.label.strip(" *")) if row.label else None
        named = named or (device_label.group(0) if device_label else "")
        estimate = hardware_estimate(
            text, _cell_span(row, index), value * unit_seconds, named or accelerator, device,
            publication_year, {"chip_time": f"{value:g} {unit}",
                               "accelerator_from": "named in the row" if named else where,
                               "table_row": True, "table_header": table.header_line.text},
            sentence=row.line,
        )
        if estimate:
            stage = STAGE_LABEL.fullmatch(row.label.strip(" *"))
            estimate.model = None if stage or device_label else (row.label or None)
            if stage and stage.group("post"):  # "| SFT | H100 | 2K |": a stage of post-training
                estimate.stage = FINETUNING
            estimate.evidence.insert(1, table.header_line)
            if len(STAGE_TIME.findall(row.cells[index])) > 1:  # its pre-training stages, summed
                estimate.stage = PRETRAINING
                estimate.assumptions["stages"] = "the cell's stages before post-training, summed"
            _mark_aggregate(estimate, row)
            found.append(estimate)
    return found


# a row labelled by a stage of training, not by a model: "| Pre-training | 180K |", "| SFT | 2K |"
STAGE_LABEL = re.compile(r"(?i:pre-?training|(?P<post>post-?training|fine-?tuning|finetuning|sft|rlhf|dpo|rl"
                         r"|alignment|instruction[\s-]tuning))")


ROW_TIME = re.compile(r"\d\s*(?:h\b|hours?|hrs?|days?|weeks?|months?|minutes?|mins?)", re.IGNORECASE)


# a column of training time whose header names the unit: "Days", "Training time (hours)", "Time (h)"
TIME_COLUMN = re.compile(r"^(?:training\s+|wall[\s-]?clock\s+)?(?:time\s*)?"
                         r"\(?(?P<unit>days?|hours?|hrs?|h|weeks?)\)?$")
PLAIN_CELL = re.compile(rf"^\s*~?\s*(?P<n>{NUMBER})\s*$")


# a column of device counts whose header names the devices: "GPUs", "# GPUs", "TPU v4 chips", "GPUs (A100)"
COUNT_COLUMN = re.compile(r"^(?:#|no\.|num(?:ber)?(?:\s+of)?)?\s*(?P<acc>[^()]*?)\s*"
                          r"(?P<noun>gpus|chips|tpus|accelerators|devices|npus)(?:\s*\((?P<acc2>[^)]*)\))?$")


COUNT_NOUNS = re.compile(r"gpu|chip|tpu|accelerator|device|npu")


def _count_column(table: Table) -> tuple[int, str, str] | None:
    """The column of device counts, the accelerator its header names ("" when none) and its noun."""
    if not COUNT_NOUNS.search(" ".join(table.headers)):  # cheap first: most tables count no devices
        return None
    for index, header in enumerate(table.headers):
        match = COUNT_COLUMN.match(header.strip()) if index else None
        if match:
            name = f"{match.group('acc')} {match.group('acc2') or ''}".strip()
            return index, name, match.group("noun")
    return None


def _device_count_rows(text: str, table: Table, publication_year: int | None) -> list[Estimate]:
    """A row with one cell naming a device count ("64 V100", "8x A100", "TPU v3-256", or a number under a
    header that names the devices, "| TPU v4 chips |") and another giving a duration ("7 days", "12h",
    or a number under a header that names the unit, "| Days |"): that row's model trained on those
    devices for that long."""
    estimates = []
    named = ((index, TIME_COLUMN.match(header.strip())) for index, header in enumerate(table.headers))
    time_column = next(((index, unit.group("unit")) for index, unit in named if unit), None)
    count_column = _count_column(table)
    for row in table.rows:
        if time_column is None and not ROW_TIME.search(row.line.text):
            continue  # cheap: most rows give no duration
        counts, times = [], []
        for index in range(len(row.cells)):  # the first cell too: a table of runs may have no model column
            cell = _cell_span(row, index)
            counted = device_counts(cell)
            counts += [(found, cell) for found in counted]
            times += durations(cell)
            plain_count = PLAIN_CELL.match(row.cells[index]) if count_column and index == count_column[0] \
                else None
            if plain_count and not counted:
                _, name, noun = count_column
                counts.append(((parse_plain(plain_count.group("n")), name, noun, cell), cell))
            plain = PLAIN_CELL.match(row.cells[index]) if time_column and index == time_column[0] else None
            if plain and not times:
                unit = time_column[1]
                seconds = SECONDS[_unit_key(unit)]  # "h", "hrs", "days" alike
                times.append((parse_plain(plain.group("n")) * seconds, f"{plain.group('n')} {unit}", cell))
        if len(counts) != 1 or len(times) != 1:
            continue
        ((count, name, noun, count_span), cell), (seconds, written, time_span) = counts[0], times[0]
        accelerator, where = count_accelerator(text, name, noun, cell, publication_year)
        estimate = hardware_estimate(
            text, count_span, count * seconds, accelerator, noun, publication_year,
            {"chips": count, "duration": written, "accelerator_from": where, "table_row": True,
             "table_header": table.header_line.text,
             "pairing": "a table row's device count and its training time"},
            sentence=row.line,
        )
        if estimate:
            estimate.model = row.label or None
            estimate.evidence += [table.header_line, time_span]
            _mark_aggregate(estimate, row)
            estimates.append(estimate)
    return estimates


def _device_time_by_column(text: str, table: Table, publication_year: int | None) -> list[Estimate]:
    """A table with a model a column ("| | Heron-7B | Heron-70B |") and a row of device time ("| GPU hours
    (H100) | 80K | 1.7M |"): each column's device time, for the model its header names."""
    names = _column_names(table)
    estimates = []
    for row in table.rows:
        label = row.label.lower()
        unit = DEVICE_TIME_HEADER.search(label) if "hour" in label or "day" in label else None  # cheap first
        if unit is None or re.search(r"logit|inference|generation|evaluat", label):
            continue
        seconds, device = _device_time_unit(unit)
        named = accelerator_pattern().search(row.label)
        accelerator, where = (named.group("accelerator"), "named in the row's label") if named else \
            _table_accelerator(text, table)
        for column in range(1, min(len(names), len(row.cells))):
            value = _device_time_cell(row.cells[column])
            if not value or not re.search(r"[A-Za-z]", names[column]):
                continue
            kind = _time_unit_name(seconds, device)
            estimate = hardware_estimate(
                text, _cell_span(row, column), value * seconds, accelerator, device, publication_year,
                {"chip_time": f"{value:g} {kind}", "accelerator_from": where, "table_row": True,
                 "table_header": table.header_line.text},
                sentence=row.line,
            )
            if estimate:
                estimate.model = names[column]
                estimate.evidence.insert(1, table.header_line)
                estimates.append(estimate)
        break
    return estimates


def _column_names(table: Table) -> list[str]:
    """The header line's cells as written (a model a column: "| | Heron-7B | Heron-70B |"; written as a line
    of words, "Heron-7B Heron-70B", its words after an empty first column)."""
    if "|" not in table.header_line.text:
        return ["", *table.header_line.text.split()]
    return [cell.strip().strip("*").strip() for cell in table.header_line.text.strip().strip("|").split("|")]


def _mark_aggregate(estimate: Estimate, row: Row) -> None:
    if row.label.lower().startswith(AGGREGATE_LABELS):
        estimate.notes.append(AGGREGATE_NOTE)


LABEL_SIZE = re.compile(r"[\w.-][-\s](?P<n>\d+(?:\.\d+)?)(?P<m>[BM])\b")


def _parameter_token_rows(table: Table) -> list[Estimate]:
    params = parameter_label(table.headers)
    tokens = _token_column(table)
    if tokens is None or params == tokens or (params is None and names_experts(table.headers)):
        return []
    estimates = []
    carried_tokens: tuple[float, Span] | None = None
    for row in table.rows:
        if max(params or 0, tokens) >= len(row.cells):
            continue
        n = _row_parameters(table, row, params)
        d = _cell_value(row.cells[tokens], table.headers[tokens])
        if d:
            carried_tokens = (d, _cell_span(row, tokens))
        elif carried_tokens and not row.cells[0]:  # a blank first cell continues the row above
            d = carried_tokens[0]
        if not n or not d or not (1e6 <= n <= 1e14 and 1e8 <= d <= 1e15):
            continue
        token_span = _cell_span(row, tokens) if row.cells[tokens] else carried_tokens[1]
        param_span = _cell_span(row, params) if params is not None else _cell_span(row, 0)
        estimate = Estimate(
            6 * n * d, OPERATION_COUNTING,
            [row.line, table.header_line, param_span, token_span],
            {"parameters": n, "training_tokens": d, "formula": "6 * N * D", "table_row": True,
             "table_header": table.header_line.text},
            model=row.label or None, confidence="Likely",
        )
        if params is not None and "activ" in table.headers[params]:
            estimate.assumptions["active_parameters"] = True
        _mark_aggregate(estimate, row)
        estimates.append(classify(estimate, row.line.text.lower()))
    return estimates


def _row_parameters(table: Table, row: Row, params: int | None) -> float | None:
    """A row's parameter count: its cell in the parameter column, or — without one, or with one of names
    ("| Size |" over "| Heron 2-7B |") — the size the row's label carries ("| Heron-7B | 2T |")."""
    named = params is None or not LEADING_NUMBER.match(row.cells[params].replace("\\", ""))
    label_size = LABEL_SIZE.search(row.label if params is None else row.cells[params]) if named else None
    if not named:
        return _cell_value(row.cells[params], table.headers[params])
    return scaled_value(label_size.group("n"), label_size.group("m")) if label_size else None


STEPS_HEADER = re.compile(r"\b(?:steps|iterations|updates)\b(?!\s*(?:/|per\b))")
NOT_RUN_STEPS = re.compile(r"warm|checkpoint|decay|time|per\b|/|\blr\b|learning", re.IGNORECASE)
SEQUENCE_HEADER = re.compile(r"\bseq|\bcontext|\blength\b")
MIN_BATCH_TOKENS = 1e5  # a batch this large counts tokens: no run batches 100,000 sequences


def _step_token_rows(table: Table) -> list[Estimate]:
    """A table without a token column that gives each model's steps and batch ("| Heron-6.9B | 6.9B |
    143,000 | 2M |"): its tokens are the steps times the batch in tokens — a batch cell or header that says
    tokens, or one of at least :data:`MIN_BATCH_TOKENS` — or times the batch's sequences and a sequence
    length column."""
    headers = table.headers
    steps = next((i for i, h in enumerate(headers) if STEPS_HEADER.search(h) and not NOT_RUN_STEPS.search(h)),
                 None)
    batch = next((i for i, h in enumerate(headers) if "batch" in h and "per" not in h), None)
    if steps is None or batch is None or _token_column(table) is not None:
        return []
    params = parameter_label(headers)
    if params is not None and params in (steps, batch):
        return []
    sequence = next((i for i, h in enumerate(headers)
                     if SEQUENCE_HEADER.search(h) and i not in (steps, batch)), None)
    estimates = []
    for row in table.rows:
        if max(params or 0, steps, batch, sequence or 0) >= len(row.cells):
            continue
        n = _row_parameters(table, row, params)
        count = _cell_value(row.cells[steps], headers[steps])
        size = _cell_value(row.cells[batch], headers[batch])
        if not n or not count or not size:
            continue
        spans = [_cell_span(row, steps), _cell_span(row, batch)]
        if "token" not in headers[batch] + row.cells[batch].lower() and size < MIN_BATCH_TOKENS:
            length = _cell_value(row.cells[sequence], headers[sequence]) if sequence is not None else None
            if not length:
                continue
            size *= length
            spans.append(_cell_span(row, sequence))
        d = count * size
        if not (1e6 <= n <= 1e14 and 1e8 <= d <= 1e15):
            continue
        param_span = _cell_span(row, params) if params is not None else _cell_span(row, 0)
        estimate = Estimate(
            6 * n * d, OPERATION_COUNTING, [row.line, table.header_line, param_span, *spans],
            {"parameters": n, "training_tokens": d, "training_steps": count,
             "formula": "6 * N * D (D = steps × batch tokens)", "table_row": True,
             "table_header": table.header_line.text},
            model=row.label or None, confidence="Likely",
        )
        _mark_aggregate(estimate, row)
        estimates.append(classify(estimate, row.line.text.lower()))
    return estimates


TOKEN_LABEL = re.compile(r"\btokens?\b")
NOT_RUN_TOKENS_LABEL = re.compile(r"batch|context|vocab|length|window|per\b")


def _parameter_token_columns(text: str, table: Table) -> list[Estimate]:
    """A table with a model a column ("| | Heron-7B | Heron-13B |") and a parameter row and a token row
    ("| Parameters | 7B | 13B |", "| Training tokens | 2T | 2T |"): each column's 6 · N · D, for the
    model its header names; in a table of mixtures of experts, N is the activated parameters' row, and
    a table that gives only their total gives none."""
    labels = [row.label.lower() for row in table.rows]
    params = parameter_label(labels)
    tokens = next((i for i, label in enumerate(labels)
                   if TOKEN_LABEL.search(label) and not NOT_RUN_TOKENS_LABEL.search(label)), None)
    if params is None or tokens is None:
        return _name_size_step_columns(text, table)
    names = _column_names(table)
    param_row, token_row = table.rows[params], table.rows[tokens]
    active = "activ" in labels[params]
    total_row = next((table.rows[i] for i, label in enumerate(labels)
                      if "total" in label and PARAMETER_LABEL.search(label)), None) if active else None
    first, last = table.header_line.start, max(param_row.line.end, token_row.line.end)
    block = Span(text[first:last], first, last)
    estimates = []
    for column in range(1, min(len(names), len(param_row.cells), len(token_row.cells))):
        n = _cell_value(param_row.cells[column], param_row.label.lower())  # "| Params (B) | 7 | 13 |"
        d = _cell_value(token_row.cells[column], token_row.label.lower())
        if not re.search(r"[A-Za-z]", names[column]) or not n or not d or \
                not (1e6 <= n <= 1e14 and 1e8 <= d <= 1e15):
            continue
        estimate = Estimate(
            6 * n * d, OPERATION_COUNTING,
            [block, table.header_line, _cell_span(param_row, column), _cell_span(token_row, column)],
            {"parameters": n, "training_tokens": d, "formula": "6 * N * D", "table_row": True,
             "table_header": table.header_line.text, "pairing": "a table column's parameter and token rows"},
            # (a key-value table's value column names no model: "| Attribute | Value |"; nor does a
            # headerless one's first value: "| Parameters | 7B |")
            model=None if names[column].lower() in GENERIC_COLUMNS or SIZE_CELL.fullmatch(names[column])
            else names[column], confidence="Likely",
        )
        if active:  # a mixture of experts: N is the activated count, its total named beside it
            estimate.assumptions["active_parameters"] = True
            cells = total_row.cells if total_row else []
            total = _cell_value(cells[column]) if column < len(cells) else None
            if total:
                estimate.assumptions["total_parameters"] = total
        estimates.append(classify(estimate, f"{param_row.line.text} {token_row.line.text}".lower()))
    return estimates


NAME_SIZE_HINT = re.compile(r"\d[MBT](?![\w.])")


def _name_size_step_columns(text: str, table: Table) -> list[Estimate]:
    """A table with a sized model a column and no parameter row ("| | Heron-1B | Heron-7B |"): each
    column's 6 · N · D, N the size its name carries, D its token row's or the steps, batch and sequence
    length its rows give (:func:`~curation.extract.step_counting.column_step_tokens`)."""
    if not NAME_SIZE_HINT.search(table.header_line.text):  # cheap: most tables' columns are no sized names
        return []
    names = _column_names(table)
    sized = [SIZED_NAME.fullmatch(name.strip()) for name in names]
    if not any(sized[1:]):
        return []
    labels = [row.label.lower() for row in table.rows]
    if parameter_label(labels) is not None:
        return []
    token_row = next((row for row, label in zip(table.rows, labels, strict=True)
                      if TOKEN_LABEL.search(label) and not NOT_RUN_TOKENS_LABEL.search(label)), None)
    estimates = []
    for column in range(1, len(names)):
        if sized[column] is None:
            continue
        n = scaled_value(sized[column].group("n"), sized[column].group("m").lower())
        d = _cell_value(token_row.cells[column], token_row.label.lower()) \
            if token_row is not None and column < len(token_row.cells) else None
        rows = [token_row.line] if d and token_row is not None else []
        stepped = column_step_tokens(table, column) if not d and any("step" in label for label in labels) \
            else None
        if stepped:
            d, rows = stepped
        if not d or not (1e6 <= n <= 1e14 and 1e8 <= d <= 1e15):
            continue
        first, last = table.header_line.start, max(row.end for row in rows)
        written = table.header_line.text.find(names[column].strip())
        at = table.header_line.start + written
        name = Span(names[column].strip(), at, at + len(names[column].strip())) if written != -1 \
            else table.header_line  # where N is written
        estimate = Estimate(
            6 * n * d, OPERATION_COUNTING, [Span(text[first:last], first, last), *rows, name],
            {"parameters": n, "training_tokens": d, "formula": "6 * N * D", "table_row": True,
             "table_header": table.header_line.text,
             "pairing": "a table column's model size, from its name, and its tokens"},
            # (steps × batch is an upper bound on the tokens seen)
            model=names[column].strip(), confidence="Speculative" if stepped else "Likely")
        estimates.append(classify(estimate, " ".join(row.text for row in rows).lower()))
    return estimates


# a column of training compute: "Training compute (PF-days)", "Train FLOPs (1e21)", "Compute (zettaFLOPs)";
# not a rate, a per-token or an inference figure
# a header of training compute: "Compute", "Training FLOPs", and a unit of petaflop/s-days alone ("PF-days")
COMPUTE_HEADER = re.compile(r"\bcompute\b|flop|\bpfs?-?days?\b|\bpf/s-days?\b")
NOT_COMPUTE_TOTAL = re.compile(r"per\b|/\s*(?:token|step|s\b|sec)|flop/s|flops/s|[tgm]flops?\b|inference|"
                               r"utili[sz]ation|mfu|throughput|optimal|budget|ratio|%")
# (and the one-letter prefixes no rate is written with: "ZFLOPs", "YFLOPs"; a "PFLOPS" may be a rate)
FLOP_SCALE = re.compile(r"(?:\b1e|10\^?)(?P<e>\d{1,2})\b"
                        r"|\b(?P<prefix>peta|exa|zetta|yotta|z(?=flop)|y(?=flop))")
PREFIX_SCALE = {"peta": 1e15, "exa": 1e18, "zetta": 1e21, "yotta": 1e24, "z": 1e21, "y": 1e24}
CELL_NUMBER = re.compile(rf"^\s*(?:~\s*)?(?:{SCIENTIFIC}|(?P<plain>{NUMBER}))")
MIN_TRAINING_FLOP = 1e15


def _compute_unit(header: str) -> tuple[float, str] | None:
    """What a header (or a row's label) of training compute says a figure is worth in FLOP, and its unit
    as written: PF-days (petaflop/s-days), or FLOP with the scale it gives ("(1e21)", "zettaFLOPs");
    None for any other header."""
    if not COMPUTE_HEADER.search(header) or NOT_COMPUTE_TOTAL.search(header):
        return None
    if re.search(r"pf-?s?-?days?|petaflop/s-days?|pfs-days?", header):
        return FLOP_PER_PFS_DAY, "PF-days"
    if "flop" not in header:
        return None
    scale = FLOP_SCALE.search(header)
    if scale is None:
        return 1.0, "FLOP"
    exponent, prefix = scale.group("e"), scale.group("prefix")
    factor = 10.0 ** int(exponent) if exponent else PREFIX_SCALE[prefix]
    return factor, f"{factor:.0e} FLOP"


# a table's caption, in the lines right above it: "Table 4: Training compute (PF-days) of each model."
CAPTION = re.compile(r"(?:^|\n)[ \t]*(?:\*\*)?(?:table|tab\.)\s*\d+[.:]?(?:\*\*)?[ \t]*"
                     r"(?P<caption>[^\n]{0,200})\n(?:[ \t]*\n)?[ \t]*$", re.IGNORECASE)


def _compute_column(table: Table, text: str = "") -> tuple[int, float, str] | None:
    """The column of training compute, the FLOP its unit is worth and the unit as written (see
    :func:`_compute_unit`); a column headed "Compute" alone takes the unit its table's caption gives
    ("Table 4: Training compute (PF-days) of each model.")."""
    for index, header in enumerate(table.headers):
        unit = _compute_unit(header)
        if unit is not None:
            return index, *unit
    caption = CAPTION.search(text, max(0, table.header_line.start - 300), table.header_line.start) \
        if text and any("compute" in header for header in table.headers) else None
    if caption is None:
        return None
    for index, header in enumerate(table.headers):
        if "compute" in header and _compute_unit(header) is None:
            unit = _compute_unit(f"{header} {caption.group('caption').lower()}")
            if unit is not None:
                return index, *unit
    return None


# the headers of a key-value table's columns, which name no model: "| Property | Value |"
GENERIC_COLUMNS = {"value", "values", "details", "detail", "description", "setting", "settings",
                   "specification", "specifications", "configuration", "hyperparameter", "info",
                   "information"}


def _compute_by_column(table: Table) -> list[Estimate]:
    """A table with a model a column ("| | Heron-7B | Heron-70B |") and a row of training compute ("|
    Training FLOPs | 8.4e22 | 8.4e23 |"): each column's figure in the unit the row's label gives, for the
    model its header names."""
    names = _column_names(table)
    estimates = []
    for row in table.rows:
        unit = _compute_unit(row.label.lower())
        if unit is None:
            continue
        factor, written = unit
        for column in range(1, min(len(names), len(row.cells))):
            match = CELL_NUMBER.match(row.cells[column].replace("\\", ""))
            name = names[column]
            if not match or not re.search(r"[A-Za-z]", name) or name.lower() in GENERIC_COLUMNS:
                continue
            plain = match.group("plain")
            value = (float(plain.replace(",", "")) if plain else scientific_value(match)) * factor
            if value < MIN_TRAINING_FLOP:
                continue
            estimate = Estimate(
                value, REPORTED, [row.line, table.header_line, _cell_span(row, column)],
                {"unit": written, "table_row": True, "table_header": table.header_line.text},
                model=name, confidence="Likely",
            )
            estimates.append(classify(estimate, row.line.text.lower()))
        break
    return estimates


def _compute_rows(table: Table, text: str = "") -> list[Estimate]:
    """Reported estimates from a training-compute column: each row's figure in the header's unit, for
    the model its first cell names (a row under a header that projects budgets is not a run)."""
    column = _compute_column(table, text)
    if column is None:
        return []
    index, factor, unit = column
    estimates = []
    for row in table.rows:
        cell = row.cells[index] if index < len(row.cells) else ""
        match = CELL_NUMBER.match(cell.replace("\\", ""))
        if not match or not re.search(r"[A-Za-z]", row.label):
            continue
        plain = match.group("plain")
        number = float(plain.replace(",", "")) if plain else scientific_value(match)
        value = number * factor
        if value < MIN_TRAINING_FLOP:
            continue
        estimate = Estimate(
            value, REPORTED, [row.line, table.header_line, _cell_span(row, index)],
            {"unit": unit, "table_row": True, "table_header": table.header_line.text},
            model=row.label, confidence="Likely",
        )
        _mark_aggregate(estimate, row)
        estimates.append(classify(estimate, row.line.text.lower()))
    return estimates
