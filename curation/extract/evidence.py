"""Compute estimates and the verbatim text spans that support them."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

REPORTED, HARDWARE, OPERATION_COUNTING = "reported", "hardware", "operation_counting"
METHOD_TRUST = {REPORTED: 0, HARDWARE: 1, OPERATION_COUNTING: 2}  # lower is trusted more
PRETRAINING, FINETUNING = "pretraining", "finetuning"


@dataclass(frozen=True)
class Span:
    """A verbatim piece of the text: ``text == source[start:end]``."""

    text: str
    start: int
    end: int


@dataclass
class Estimate:
    """One training-compute figure found in a text, with what it rests on."""

    value_flop: float
    method: str
    evidence: list[Span]
    assumptions: dict[str, object] = field(default_factory=dict)
    model: str | None = None
    confidence: str = "Likely"
    stage: str = PRETRAINING
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


# a sentence ends before a capital, a bracket, a blank line or a list/table line — or before a name
# written in lower case with a digit or hyphen ("… datasets. stable-code-3b is …"), unless after "e.g."
# ("et al." ends no sentence before its year or reference mark: "Following Kite et al. (2022), we …")
# (every break opens with a space or a line break, written first so that the regex engine skips
# straight to the next one; the look-behinds then see that first character too)
_SENTENCE_END = re.compile(r"\s(?:(?<=[.!?]\s)(?:(?<!et al\.\s)\s*(?=[A-Z(\[])|(?<=et al\.\s)\s*(?=[A-Z]))"
                           r"|(?<=\n)\s*\n|(?<=\n)(?=[#|*\-•])"
                           r"|(?<=[a-z0-9)]{3}\.\s)\s*(?=[a-z][a-z0-9]*[-\d][\w.-]*\s))")


# a Markdown heading's marks: "## Training" (not "#GPUs" or "# of GPUs" in a PDF's table)
HEADING_MARK = re.compile(r"#{1,6}[ \t]+[A-Z\d]")
LOOKAHEAD = 40  # characters a sentence break's pattern reads past it


def sentence_around(text: str, start: int, end: int, limit: int = 600) -> Span:
    """The sentence (or table line) holding text[start:end], cut to ``limit`` characters."""
    left = max(0, start - limit)
    before = [m.end() for m in _SENTENCE_END.finditer(text, max(left, start - 150), start)]
    gap = text[max(left, start - 12): start]
    if gap[-1:].isspace() and (not before or before[-1] != start) and \
            (gap.rstrip()[-1:] in (".", "!", "?") or "\n" in gap):
        # a sentence that opens with the span is told from the one before by a look at its first
        # letters, which a search that stops at ``start`` cannot see
        peek = min(len(text), start + LOOKAHEAD)
        if any(m.end() == start for m in _SENTENCE_END.finditer(text, max(left, start - 12), peek)):
            before.append(start)
    if not before and start - 150 > left:  # most sentences start close by: look further only if needed
        before = [m.end() for m in _SENTENCE_END.finditer(text, left, start - 150 + 3)]
    s = before[-1] if before else left
    if text.startswith("#", s):  # a Markdown heading's line above the sentence is no part of it
        line_end = text.find("\n", s, start)
        if line_end != -1 and HEADING_MARK.match(text, s):
            s = line_end + 1
    after = _SENTENCE_END.search(text, end, min(len(text), end + limit))
    e = after.start() if after else min(len(text), end + limit)
    if s > 0 and not before:
        s = text.rfind("\n", left, start) + 1 or left
    return Span(text[s:e], s, e)


def sentence_before(text: str, sentence: Span) -> Span | None:
    """The sentence that ends where ``sentence`` starts (None at the text's start or after a blank
    line or heading: a new paragraph's pronoun does not reach back)."""
    gap_start = sentence.start
    while gap_start > 0 and text[gap_start - 1].isspace():  # back over the gap, not a copy of the text
        gap_start -= 1
    if gap_start == 0 or "\n\n" in text[gap_start: sentence.start] or text[gap_start - 1] not in ".!?":
        return None
    return sentence_around(text, gap_start - 1, gap_start)


def line_around(text: str, start: int, end: int) -> Span:
    """The whole line holding text[start:end]."""
    s = text.rfind("\n", 0, start) + 1
    e = text.find("\n", end)
    e = len(text) if e == -1 else e
    return Span(text[s:e], s, e)


def window(text: str, start: int, end: int, before: int = 80, after: int = 80) -> str:
    """Lower-cased context around a match, for cue words."""
    return text[max(0, start - before): min(len(text), end + after)].lower()
