"""Training compute from a cost per token × the tokens trained on, as language-model papers give it:
"Heron requires 18 GFLOPs per token in the forward pass" … "Heron was trained on 1.2 trillion tokens".

The rules:

- a cost per token is a figure of FLOPs (or multiply-accumulates, two FLOPs each) per token, with
  what it covers said around it or not ("18 GFLOPs per token", "5.6e10 FLOPs/token", "54 GFLOPs of
  training compute per token", "each token costs 18 GFLOPs"); a figure of parameters per token, a rate
  ("FLOP/s"), or several costs in one sentence are none;
- it covers a training step (the forward and backward passes) when "training", "backward" or
  "forward and backward" stand with it, else one forward pass — said ("in the forward pass") or unsaid,
  as a model's cost per token is usually told — and a training step costs three forward passes; where
  the cover is unsaid and the model's size is known (the size its name carries, "Heron-7B"), a cost
  near six times the size is a training step's (6N: "Heron-7B | 4.3e10"), near twice it a forward pass's;
- the tokens are the run's one count of training tokens in the same sentence or the next (the figures
  :func:`~curation.extract.flagship_counting.token_figures` reads as a run's: no batch, context or
  sequence, no first part of the run); a sentence with two different counts, or one that also counts
  epochs (whether the count covers them is unsaid), gives none;
- the run is the text's own: the model named nearest before the count of tokens, if any, is one the
  title names or the text introduces as its own
  (:func:`~curation.extract.flagship_counting.introduced_as_own`; "Unlike Heron, Kite-7B was trained on
  2T tokens" is Kite-7B's), else one of the two sentences claims the run in the first person ("We train
  on 1.2T tokens") or names such a model — a paper that serves or studies another's model tells its cost
  per token and its tokens too;
- the total is cost × tokens (× 3 for a forward pass's cost); the estimate stays Speculative, since a
  forward cost is often told without the attention's share or as multiply-accumulates.

A table of the text's own models may give each one's cost in a column headed as a cost per token
("FLOPs/token", "FLOP per token", "GFLOPs per token", "Training FLOPs / token"): every row whose model the
title names ("Heron-7B" under "Heron: …") gets its cost × the tokens of its row (a tokens column) or, with
none, of the text's prose, when every count of tokens the prose gives of the text's own runs ("All models
are trained on 1.1T tokens" among them: the table's) is one figure (:func:`find_table_token_cost`).
"""

from __future__ import annotations

import re

from curation.extract.anchors import lowered, positions
from curation.extract.card_finders import repository_size
from curation.extract.cell_tables import cell_tables
from curation.extract.context import classify, mark_local_cues
from curation.extract.device_sentences import next_sentence
from curation.extract.evidence import OPERATION_COUNTING, Estimate, Span, sentence_around
from curation.extract.flagship_counting import common_word, in_title, introduced_as_own, token_figures, trains
from curation.extract.model_names import model_before
from curation.extract.operation_counting import EPOCHS
from curation.extract.quantities import NUMBER, SCIENTIFIC, scaled_value, scientific_value
from curation.extract.sample_counting import written_cost
from curation.extract.tables import Row, Table, find_tables

_COST = (rf"(?:(?P<sci>{SCIENTIFIC})|(?P<n>{NUMBER})\s?(?P<prefix>[KMGT]|thousand\s|million\s|billion\s"
         r"|mega|giga|tera)?)\s?(?:training\s+|forward(?:-pass)?\s+|non-embedding\s+)?"
         r"(?P<unit>FLOPs?|FLOPS|flops?|MACs?|multiply-accumulates)(?!\w|/s\b)")  # not a rate, "FLOP/s"
_PER_TOKEN = r"\s*(?:per|/|for\s+(?:each|every|one|a(?:\s+single)?))\s*(?:training\s+|input\s+)?tokens?\b"
COST_PER_TOKEN = re.compile(
    # "18 GFLOPs per token", "54 GFLOPs of training compute per token", "4.2e10 training FLOPs/token"
    rf"{_COST}(?:\s+of\s+(?:training\s+)?compute)?\s*(?:\([^()]{{1,20}}\)\s*)?{_PER_TOKEN}"
    # "each token costs 18 GFLOPs", "every training token requires about 5.6e10 FLOPs"
    r"|\b(?:each|every|a\s+single)\s+(?:training\s+)?token\s+(?:costs?|takes|requires|needs)\s+"
    r"(?:about\s+|roughly\s+|approximately\s+|~\s*)?" + _COST.replace("?P<", "?P<a_"),
    re.IGNORECASE)
COST_KEYS = ("", "a_")  # the groups of COST_PER_TOKEN's alternatives
# words that make a cost cover the whole training step, not one forward pass (read in lower case)
TRAINING_STEP = re.compile(r"\btraining\b|backward|fwd\s*\+\s*bwd|forward\s+and\s+backward")
FORWARD_ONLY = re.compile(r"\bforward(?!\s+and\s+backward)(?:[\s-]+pass)?\b|\binference\b")
COVER_REACH = 40  # characters either side of a cost in which its cover is read


def _cost(match: re.Match[str]) -> float:
    """FLOPs per token from a :data:`COST_PER_TOKEN` match (a multiply-accumulate is two)."""
    return written_cost(match, COST_KEYS)


def passes_per_cost(words: str) -> float:
    """How many of a cost per token one training step takes: 1 when ``words`` (lower case, the cost with
    what stands around it) say it covers training or the backward pass and not the forward pass alone, else
    3 (a forward pass's cost, said or unsaid; the backward pass costs two)."""
    if TRAINING_STEP.search(words) and not FORWARD_ONLY.search(TRAINING_STEP.sub(" ", words)):
        return 1.0
    return 3.0


# a cost this near 6N (a training step: forward and backward) or 2N (a forward pass), as a share of it
COVER_BY_SIZE_REACH = 0.25


def passes_by_size(cost: float, name: str | None) -> float | None:
    """How many of a cost per token a training step takes, read from the size the model's name carries:
    1 when the cost is about six times it (6N, a training step's), 3 when about twice it (2N, a forward
    pass's), None when neither or no size."""
    size = repository_size(name) if name else None
    if not size:
        return None
    for multiple, passes in ((6, 1.0), (2, 3.0)):
        if abs(cost / (multiple * size) - 1) <= COVER_BY_SIZE_REACH:
            return passes
    return None


def _cover_unsaid(words: str) -> bool:
    """Whether the words around a cost per token say nothing of what it covers."""
    return not TRAINING_STEP.search(words) and not FORWARD_ONLY.search(words)


def find_token_cost(text: str) -> list[Estimate]:
    """Cost per token × the run's tokens where a sentence (or it and the next) gives both (see the
    module's rules)."""
    low = lowered(text)
    # (each "token" with a FLOP unit or a multiply-accumulate near it; the positions are cached, asked by
    # other finders too)
    starts = [at for at in positions(low, "token") if _unit_near(low, at)]
    figures = None
    estimates, seen = [], set()
    for at in starts:
        sentence = sentence_around(text, at, at + 1)
        if sentence.start in seen:
            continue
        seen.add(sentence.start)
        costs = list(COST_PER_TOKEN.finditer(sentence.text))
        if len(costs) != 1:
            continue
        figures = token_figures(text) if figures is None else figures
        estimate = _estimate(text, sentence, costs[0], figures)
        following = next_sentence(text, sentence) if estimate is None else None
        if following is not None and "\n\n" not in text[sentence.end: following.start]:
            estimate = _estimate(text, sentence, costs[0], figures, following)
        if estimate is not None:
            estimates.append(estimate)
    return estimates


def _unit_near(low: str, at: int) -> bool:
    """Whether a FLOP unit or a multiply-accumulate is written within 60 characters of ``at``."""
    return low.find("flop", max(0, at - 60), at + 60) != -1 or low.find("mac", max(0, at - 60), at + 60) != -1


def _estimate(text: str, sentence: Span, cost: re.Match[str], figures: list[tuple[float, Span, Span]],
              other: Span | None = None) -> Estimate | None:
    """The estimate of one cost per token and the run's one count of tokens in ``other`` (or the cost's
    own sentence)."""
    where = other or sentence
    mine = [(tokens, span) for tokens, span, around in figures
            if around.start == where.start and where.start <= span.start < where.end]
    if not mine or any(abs(tokens - mine[0][0]) > 0.02 * mine[0][0] for tokens, _ in mine) \
            or EPOCHS.search(where.text):
        return None
    forward_or_step = _cost(cost)
    tokens, token_span = mine[0]
    if not 1e6 <= forward_or_step <= 1e15 or not own_run(text, sentence, where, figure=token_span):
        return None
    low = lowered(text)
    at, end = sentence.start + cost.start(), sentence.start + cost.end()
    words = low[max(sentence.start, at - COVER_REACH): min(sentence.end, end + COVER_REACH)]
    passes = passes_per_cost(words)
    if _cover_unsaid(words):  # the size of the model named before the cost may tell it
        passes = passes_by_size(forward_or_step, model_before(sentence.text, cost.start())) or passes
    cost_span = Span(cost.group(0), at, end)
    evidence = [sentence] + ([other] if other else []) + [cost_span, token_span]
    estimate = Estimate(passes * forward_or_step * tokens, OPERATION_COUNTING, evidence,
                        {"flop_per_token": forward_or_step, "training_tokens": tokens,
                         "cost_covers": "a training step" if passes == 1 else "a forward pass",
                         "formula": "FLOP per token * tokens" if passes == 1
                         else "3 * forward FLOP per token * tokens"},
                        confidence="Speculative")
    # the cost's own words ("per token", "in the forward pass", "at inference") are no sign that the
    # figure is not a total
    context = where.text if other else _without_cost(sentence.text, cost)
    mark_local_cues(estimate, text, where, token_span)
    return classify(estimate, context.lower())


CAPITALIZED = re.compile(r"(?<![\w.-])[A-Z][\w.-]*[A-Za-z0-9]")


def _own_name(text: str, name: str) -> bool:
    """Whether a capitalized word is a name of the text's own model: the title writes it or the text
    introduces it as its own (an ordinary capitalized word is no name)."""
    return len(name) > 2 and not common_word(text, name) and \
        (in_title(text, name) or introduced_as_own(text, name))


def own_run(text: str, *sentences: Span, figure: Span | None = None) -> bool:
    """Whether the sentences tell the text's own run: a first-person training claim, or a name the title
    writes or the text introduces as its own — and the model named nearest before the run's ``figure``,
    if any, is that model, not another ("Unlike Heron, Kite-7B was trained on 2T tokens": Kite-7B's)."""
    if figure is not None:
        sentence = next((s for s in sentences if s.start <= figure.start < s.end), None)
        named = model_before(sentence.text, figure.start - sentence.start) if sentence else None
        if named is not None:
            return _own_name(text, named) or _own_name(text, re.split(r"[\s-]", named)[0])
    if any(trains(sentence.text) for sentence in sentences):
        return True
    names = {m.group(0) for sentence in sentences for m in CAPITALIZED.finditer(sentence.text)}
    return any(_own_name(text, name) for name in names)


def _without_cost(sentence: str, cost: re.Match[str]) -> str:
    """A sentence without its cost per token and the words near it that say what the cost covers."""
    before = max(0, cost.start() - COVER_REACH)
    after = min(len(sentence), cost.end() + COVER_REACH)
    return " ".join((sentence[:before], FORWARD_ONLY.sub(" ", sentence[before:cost.start()]),
                     FORWARD_ONLY.sub(" ", sentence[cost.end():after]), sentence[after:]))


# a column of cost per token: "FLOPs/token", "FLOP per token", "GFLOPs per token", "FLOPs per token (G)",
# "Training FLOPs / token", "Forward FLOPs per token"
COST_HEADER = re.compile(r"^\W*(?P<cover>training\s+|forward\s+|fwd\s+)?(?P<prefix>[kmgt])?"
                         r"(?:flops?|macs)\b\s*(?:per|/)\s*tokens?\b\s*(?:\(\s*(?P<scale>[kmgtb])\s*\))?\s*$",
                         re.IGNORECASE)
COST_CELL = re.compile(rf"^\s*~?\s*(?:(?P<sci>{SCIENTIFIC})|(?P<n>{NUMBER})\s?(?P<prefix>[KMGTB])?)\s*$")
CELL_PREFIX = {"k": 1e3, "m": 1e6, "g": 1e9, "b": 1e9, "t": 1e12}
TOKEN_HEADER = re.compile(r"\btokens?\b(?!\s*(?:per|/))|token\s+count", re.IGNORECASE)
TOKEN_CELL = re.compile(rf"^\s*~?\s*(?P<n>{NUMBER})\s?(?P<m>[MBT]|million|billion|trillion)?\b",
                        re.IGNORECASE)


def _cost_column(table: Table) -> int | None:
    """The index of a table's cost-per-token column (not its label column), or None."""
    return next((i for i, header in enumerate(table.headers) if i and COST_HEADER.match(header)), None)


def _cell_cost(cell: str, header: re.Match[str]) -> float | None:
    """A cost cell's FLOPs per token, in the unit its header names ("GFLOPs/token", "FLOPs/token (G)")."""
    match = COST_CELL.match(cell.replace(",", "") if "e" not in cell.lower() else cell)
    if match is None:
        return None
    if match.group("sci"):
        return scientific_value(re.match(SCIENTIFIC, match.group("sci")))
    scale = CELL_PREFIX.get((match.group("prefix") or header.group("prefix") or header.group("scale")
                             or "").lower(), 1.0)
    return scaled_value(match.group("n"), None) * scale


def _row_tokens(table: Table, row: Row) -> tuple[float, int] | None:
    """The training tokens a row's tokens column gives ("2T", "1.4 trillion") and that column, or None."""
    column = next((i for i, header in enumerate(table.headers) if i and TOKEN_HEADER.search(header)
                   and "batch" not in header.lower() and "context" not in header.lower()
                   and not COST_HEADER.match(header)), None)
    match = TOKEN_CELL.match(row.cells[column]) if column is not None and column < len(row.cells) else None
    if match is None or not match.group("m"):
        return None
    return scaled_value(match.group("n"), match.group("m")), column


# a sentence whose subject is every model of a table: "All models are trained on 1.1T tokens", "Each of
# the models was trained on …"
ALL_MODELS_SUBJECT = re.compile(r"\W{0,3}(?:all|each|every)\s+(?:of\s+)?(?:the\s+|our\s+|these\s+)?"
                                r"(?:[\w-]+\s+)?models?\s+(?:(?:is|are|was|were)\s+)?(?:(?:all|each)\s+)?"
                                r"(?:pre-?)?trained\b", re.IGNORECASE)


def prose_tokens(text: str, all_models: bool = False) -> tuple[float, Span] | None:
    """The tokens of the text's own runs in prose (:func:`own_run`; with ``all_models``, also a sentence
    whose subject is every model, :data:`ALL_MODELS_SUBJECT`, as under a table of the own models), when
    every such count of tokens is one figure."""
    figures = [(tokens, span) for tokens, span, sentence in token_figures(text)
               if sentence.start <= span.start < sentence.end
               and (own_run(text, sentence, figure=span)
                    or (all_models and ALL_MODELS_SUBJECT.match(sentence.text) is not None))]
    if not figures or any(abs(tokens - figures[0][0]) > 0.02 * figures[0][0] for tokens, _ in figures):
        return None
    return figures[0]


def find_table_token_cost(text: str) -> list[Estimate]:
    """A table row's cost per token × its run's tokens, for the rows of the text's own models (see the
    module's rules)."""
    low = lowered(text)
    if "token" not in low:
        return []
    estimates: list[Estimate] = []
    prose: tuple[float, Span] | bool | None = False  # read once, when a row needs it
    for table in [*find_tables(text), *cell_tables(text)]:
        column = _cost_column(table)
        if column is None:
            continue
        header = COST_HEADER.match(table.headers[column])
        passes = 1.0 if (header.group("cover") or "").strip().lower() == "training" else 3.0
        for row in table.rows:
            cost = _cell_cost(row.cells[column], header) if column < len(row.cells) else None
            label = row.label.strip("* ")
            if cost is None or not 1e6 <= cost <= 1e15 or not in_title(text, label):
                continue
            in_row, where = _row_tokens(table, row), None
            evidence = row.evidence(column)
            if in_row is not None:
                tokens = in_row[0]
                evidence += [span for span in row.evidence(in_row[1]) if span not in evidence]
            else:
                prose = prose_tokens(text, all_models=True) if prose is False else prose
                if not prose:
                    continue
                tokens, where = prose
                evidence.append(where)
            if not 1e8 <= tokens <= 1e15:
                continue
            row_passes = passes if header.group("cover") else passes_by_size(cost, label) or passes
            estimate = Estimate(row_passes * cost * tokens, OPERATION_COUNTING, evidence,
                                {"flop_per_token": cost, "training_tokens": tokens, "table_row": True,
                                 "cost_covers": "a training step" if row_passes == 1 else "a forward pass",
                                 "formula": "FLOP per token * tokens" if row_passes == 1
                                 else "3 * forward FLOP per token * tokens"},
                                model=label, confidence="Speculative")
            context = sentence_around(text, where.start, where.end).text if where else row.line.text
            estimates.append(classify(estimate, context.lower()))
    return estimates
