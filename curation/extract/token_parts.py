"""A run's tokens told as the parts of its data: "Heron-7B was trained on 1.2T tokens of web text and 300B
tokens of code" trained on 1.5T tokens.

The rule: when every token count of a sentence is one part of a list — each count followed only by what
it is of ("of web text", "from books", "in English") and joined to the next by a comma, "and" or "plus" —
and each count gave the same size the same estimate, the run is the sum of the parts: one estimate over
the summed tokens, and the parts' own estimates are no totals. A sentence that gives a total before its
parts ("2T tokens, including 1.2T tokens of web text and …") lists no parts by this rule (a word other
than what a part is of stands between), nor one that counts epochs (which part they repeat is unsaid),
nor parts of different stages or sizes.
"""

from __future__ import annotations

import re
from itertools import pairwise

from curation.extract.evidence import Estimate, Span

# what lies between one part's token count and the next's: what the part is of, then the join
PART_GAP = re.compile(r"(?:\s+(?:of|from|in)\s+(?:[A-Za-z][\w-]*\s+){0,3}?[A-Za-z][\w-]*)?"
                      r"(?:\s*,\s*(?:and\s+|plus\s+)?|\s+(?:and|plus)\s+)")
# words that tell a stage, a comparison or another run, never what a part is of
NOT_A_PART = re.compile(r"\b(?:train\w*|tun\w*|then|followed|before|after|epochs?|compared|than|for|each"
                        r"|respectively|including|include[sd]?|which|whereas|while)\b", re.IGNORECASE)
# after the last part, words that give the counts to stages or to sides ("…, and 10B tokens are used for
# instruction tuning", "1T and 2T tokens respectively", "… than Kite's 300B tokens")
OTHER_ROLES = re.compile(r"\b(?:tun\w*|sft|instruction|alignment|respectively|than|compared|versus|vs"
                         r"|whereas|while)\b", re.IGNORECASE)
PART_NOTE = "not a training total: one part of the data the sentence sums"


def sum_listed_parts(text: str, estimates: list[Estimate]) -> list[Estimate]:
    """``estimates`` (operation counting's, one per token count) with one summed estimate added for each
    sentence whose token counts are the parts of one run's data (see the module's rules)."""
    by_sentence: dict[int, list[Estimate]] = {}
    for estimate in estimates:
        by_sentence.setdefault(estimate.evidence[0].start, []).append(estimate)
    summed = []
    for parts in by_sentence.values():
        if len(parts) < 2 or not _one_list(text, parts):
            continue
        parts.sort(key=lambda estimate: estimate.evidence[-1].start)
        first = parts[0]
        tokens = sum(float(part.assumptions["training_tokens"]) for part in parts)
        total = Estimate(6 * float(first.assumptions["parameters"]) * tokens, first.method,
                         [first.evidence[0], first.evidence[1], *(part.evidence[-1] for part in parts)],
                         {**first.assumptions, "training_tokens": tokens,
                          "formula": "6 * N * D (D = the sum of the parts' tokens)"},
                         model=first.model, confidence=first.confidence, stage=first.stage,
                         notes=[note for note in first.notes if note != PART_NOTE])
        for part in parts:
            part.notes.append(PART_NOTE)
        summed.append(total)
    return estimates + summed


def _one_list(text: str, parts: list[Estimate]) -> bool:
    """Whether the token counts of one sentence's estimates stand as one list of parts of the same run."""
    if any(len(part.evidence) != 3 or part.assumptions.get("epochs") != 1.0 for part in parts):
        return False  # (a count from steps × batch, or with epochs, is no part)
    sizes = {(part.assumptions["parameters"], part.stage, part.model) for part in parts}
    if len(sizes) != 1 or any(part.notes for part in parts):
        return False
    return parts_listed(text, [part.evidence[-1] for part in parts], parts[0].evidence[0])


def parts_listed(text: str, figures: list[Span], sentence: Span) -> bool:
    """Whether token figures of one sentence stand as one list of the parts of a run's data ("1.2T tokens
    of web text and 300B tokens of code"): between each and the next only what the part is of and a
    join, and after the last no word that gives them to stages or sides (:data:`OTHER_ROLES`)."""
    spans = sorted(figures, key=lambda span: span.start)
    if OTHER_ROLES.search(text, spans[0].end, sentence.end):
        return False
    for left, right in pairwise(spans):
        gap = text[left.end: right.start]
        if len(gap) > 60 or not PART_GAP.fullmatch(gap) or NOT_A_PART.search(gap):
            return False
    return len(spans) > 1

