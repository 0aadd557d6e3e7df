"""Training tokens told stage by stage, with no training verb: the stages' sum.

Cards and reports of 2024–2025 list a pre-training in stages, as a table ("| Stage | Tokens |" …
"| Pretraining | 12T |", "| Annealing | 500B |") or as lines or list items that each name a stage and
its tokens ("Stage 1: 10T tokens", "- Phase 2 (long context): 100B tokens"). The rules:

- a table counts when its first column is headed stage or phase, or when every row it reads is labelled
  as a stage of pre-training (stage or phase with a number, pre-training, mid-training, annealing,
  long-context extension, cool-down, decay); its tokens are in a column headed with tokens (a unit in
  the header, "Tokens (B)", scales bare numbers);
- a table headed with stages counts with one stage of pre-training left (its others post-training's);
  one without such a header needs two;
- lines count when two or more of them in a row (list items or plain lines, blank lines between
  allowed) begin with "Stage N" or "Phase N" and give a count of tokens; so do two or more sentences
  one after another in a paragraph ("Stage 1 uses 10T tokens of web data. Stage 2 uses 1.5T tokens.");
- a stage of post-training (supervised fine-tuning, instruction tuning, RLHF, DPO, alignment, chat) is
  no pre-training and is left out of the sum, and so is a total row, which is read instead when given;
- the stages must be told under training: the table or the lines, or the 300 characters before them,
  speak of training (a data pipeline's stages, "Stage 2 (deduplication): 10T tokens", are no run);
- the sum is the tokens of the run the text describes; its caller reads it only where no other
  training-token figure is written, or as one figure among the card's.
"""

from __future__ import annotations

import re

from curation.extract.anchors import lowered, positions
from curation.extract.cell_tables import cell_tables
from curation.extract.data_mixtures import token_rows
from curation.extract.evidence import Span
from curation.extract.line_tables import two_column_line_tables
from curation.extract.quantities import FREE_NUMBER, scaled_value
from curation.extract.tables import Table, find_tables

STAGE_HEADERS = ("stage", "phase")
STAGE_LABEL = re.compile(r"^(?:(?:training\s+|pre-?training\s+)?(?:stage|phase)\s*"
                         r"(?:\d+|[ivx]+\b|one|two|three)|pre-?training|mid-?training|anneal|long[\s-]*context|context\s+extension"
                         r"|cool-?down|decay)", re.IGNORECASE)
POST_TRAINING = re.compile(r"\bsft\b|fine-?tun|finetun|instruct|\brl(?:hf|aif)?\b|\bdpo\b|\bppo\b|\bgrpo\b"
                           r"|align|\bchat\b|reward|preference", re.IGNORECASE)
STAGE_LINE = re.compile(rf"^[ \t]*(?:[-*+][ \t]+)?(?:\*\*)?(?:stage|phase)[ \t]*(?:\d+|[IVX]+\b)"
                        rf"[^\n]{{0,80}}?(?P<n>{FREE_NUMBER})[ \t]?"
                        r"(?P<m>[KMBT]|thousand|million|billion|trillion)\b[^\n]{0,20}?\btokens\b[^\n]*$",
                        re.IGNORECASE | re.MULTILINE)
# a sentence that opens with a stage and gives its tokens: "Stage 2 uses 1.5T tokens of curated data."
STAGE_SENTENCE = re.compile(rf"(?:(?:in|during)[ \t]+)?(?:stage|phase)[ \t]*(?:\d+|[IVX]+\b)"
                            rf"[^.\n]{{0,80}}?(?P<n>{FREE_NUMBER})[ \t]?"
                            r"(?P<m>[KMBT]|thousand|million|billion|trillion)\b[^.\n]{0,20}?\btokens\b",
                            re.IGNORECASE)
SENTENCE_OPENING = re.compile(r"(?:^|[.!?][\"')\]]?[ \t]+)(?:(?:in|during)[ \t]+)?$", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
MIN_TOKENS = 1e8


def _table_stages(text: str, table: Table) -> tuple[float, Span] | None:
    column = table.column("token")
    if column in (None, 0):
        return None
    headed = bool(table.headers) and table.headers[0].strip().startswith(STAGE_HEADERS)
    summed, rows, total = 0.0, 0, None
    for row, tokens, is_total in token_rows(table, column):
        if is_total:
            total = (tokens, row.line)
            continue
        if POST_TRAINING.search(row.label):
            continue
        if not headed and not STAGE_LABEL.match(row.label.strip()):
            return None  # a row that is no stage: not a table of stages
        summed += tokens
        rows += 1
    enough = 1 if headed else 2  # a table headed with stages may keep one after post-training's are left out
    if total is not None and total[0] >= MIN_TOKENS and rows >= enough:
        return total
    if rows >= enough and summed >= MIN_TOKENS:
        first, last = table.header_line.start, table.end
        return summed, Span(text[first:last], first, last)
    return None


def _stage_lines(text: str, low: str) -> list[re.Match[str]]:
    """:data:`STAGE_LINE` matches, tried only on the lines that hold "stage" or "phase" (a multi-line
    pattern over a whole text is slow)."""
    starts = sorted({low.rfind("\n", 0, at) + 1
                     for word in ("stage", "phase") for at in positions(low, word)})
    matches = []
    for start in starts:
        end = low.find("\n", start)
        match = STAGE_LINE.match(text, start, len(text) if end == -1 else end)
        if match:
            matches.append(match)
    return matches


def _line_stages(text: str, low: str) -> list[tuple[float, Span]]:
    found, run = [], []
    for match in _stage_lines(text, low):
        if run and text[run[-1].end(): match.start()].strip():
            found.append(run)  # another line between: a new run of stages
            run = []
        run.append(match)
    if run:
        found.append(run)
    sums = []
    for lines in found:
        kept = [m for m in lines if not POST_TRAINING.search(m.group(0))]
        if len(kept) < 2:
            continue
        tokens = sum(scaled_value(m.group("n"), m.group("m")) for m in kept)
        first, last = lines[0].start(), lines[-1].end()
        sums.append((tokens, Span(text[first:last], first, last)))
    return sums


def _sentence_stages(text: str, low: str) -> list[tuple[float, Span]]:
    """Runs of two or more sentences in one paragraph, one after another, that each open with a stage and
    give its tokens ("Stage 1 uses 10T tokens of web data. Stage 2 uses 1.5T tokens of curated data."),
    where not every one opens a line (lines are :func:`_line_stages`')."""
    matches = []
    for at in sorted({at for word in ("stage", "phase") for at in positions(low, word)}):
        line = low.rfind("\n", 0, at) + 1
        opening = SENTENCE_OPENING.search(text, max(line, at - 12), at)
        if opening is None or (matches and at < matches[-1].end()):
            continue
        match = STAGE_SENTENCE.match(text, opening.end())
        if match is not None:
            matches.append(match)
    runs: list[list[re.Match[str]]] = []
    for match in matches:
        gap = text[runs[-1][-1].end(): match.start()] if runs else ""
        if runs and "\n\n" not in gap and len(SENTENCE_END.findall(gap)) <= 1:
            runs[-1].append(match)
        else:
            runs.append([match])
    sums = []
    for run in runs:
        kept = [m for m in run if not POST_TRAINING.search(m.group(0))]
        inline = any(text[low.rfind("\n", 0, m.start()) + 1: m.start()].strip() for m in run)
        if len(kept) < 2 or not inline:
            continue
        tokens = sum(scaled_value(m.group("n"), m.group("m")) for m in kept)
        first, last = run[0].start(), run[-1].end()
        sums.append((tokens, Span(text[first:last], first, last)))
    return sums


def _about_training(text: str, span: Span) -> bool:
    return "train" in text[max(0, span.start - 300): span.end].lower()


def stage_tokens(text: str) -> list[tuple[float, Span]]:
    """(tokens, where written) for every table or run of lines that gives a pre-training stage by stage
    (see the module's rules)."""
    low = lowered(text)
    if "stage" not in low and "phase" not in low and "anneal" not in low:
        return []
    # (pipe tables, and tables PDF text extraction wrote one cell a line or one row a line)
    found = [stages for table in [*find_tables(text), *cell_tables(text), *two_column_line_tables(text)]
             if (stages := _table_stages(text, table)) is not None]
    found += _line_stages(text, low)
    found += _sentence_stages(text, low)
    return [(tokens, span) for tokens, span in found if tokens >= MIN_TOKENS and _about_training(text, span)]
