"""The text's own model set against another in a contrast said of it.

"Kite-65B was trained on 1.4T tokens with 1M GPU hours. Osprey-7B, in contrast, needs 82,432 GPU hours."
The words "in contrast" mark a figure as the other side of a comparison, and most often it is: "Kite-65B,
in contrast, needs 1M GPU hours" after the own run. The rule: when the model a sentence opens with, set
off by ", in contrast," or ", by contrast," ("Osprey-7B, in contrast, …") or named right after a contrast
that opens the sentence ("In contrast, Osprey-7B was trained with …"), is the one the figure is told of
and the text's title carries its name ("Osprey: …" for "Osprey-7B"), the contrast is the own run's, and the
figure is no cited run, unless another of the sentence's words still says it is. So is the own model's
device time in a clause that leaves its unit to the other's ("Kite-70B (Smith et al., 2024) required 6.4M
GPU hours, while Osprey-7B required 100K"): the citation is the first clause's. And a sentence whose
subject is the own model, told in the passive, citing only by a mark after its figure ("Osprey-7B was
trained on 2T tokens [12].") credits a source of the run: it is the own run.
"""

from __future__ import annotations

import re

from curation.extract.context import CITED, has_cue
from curation.extract.device_time import ELIDED_UNIT_NOTE
from curation.extract.evidence import Estimate
from curation.extract.flagship_counting import in_title

CITED_NOTE = "cited from other work"
# the sentence's opening name, a contrast set off by commas after it
NAME_IN_CONTRAST = re.compile(r"\W{0,3}(?:the\s+|our\s+)?(?P<name>[A-Za-z][\w.-]*\w),\s+(?:in|by)\s+contrast,"
                              r"\s+", re.IGNORECASE)
# or the contrast opening the sentence, the name right after it: "In contrast, Osprey-7B was trained with …"
CONTRAST_THEN_NAME = re.compile(r"\W{0,3}(?:in|by)\s+contrast,\s+(?:the\s+|our\s+)?"
                                r"(?P<name>[A-Za-z][\w.-]*\w)(?=\s)", re.IGNORECASE)


def restore_own_contrasts(estimates: list[Estimate], text: str) -> None:
    """Take the plain "cited" note off each estimate whose sentence sets the text's own model against
    another with a contrast said of it (see the module's rule)."""
    for estimate in estimates:
        sentence = estimate.evidence[0].text
        if CITED_NOTE in estimate.notes and estimate.model and \
                (_own_elided_clause(estimate, text) or _own_run_crediting_a_source(estimate, text)):
            estimate.notes.remove(CITED_NOTE)
            continue
        if CITED_NOTE not in estimate.notes or not estimate.model or "contrast" not in sentence:
            continue
        opening = NAME_IN_CONTRAST.match(sentence) or CONTRAST_THEN_NAME.match(sentence)
        if opening is None or opening.group("name") != estimate.model or not in_title(text, estimate.model):
            continue
        # (the words outside the contrast and its name)
        start, end = opening.span()
        if not has_cue((sentence[:start] + sentence[end:]).lower(), CITED):
            estimate.notes.remove(CITED_NOTE)


# a sentence that opens with a model's name as its subject, told in the passive: "Osprey-7B was trained on"
OPENING_SUBJECT = re.compile(r"\W{0,3}(?:the\s+|our\s+)?(?P<name>[A-Za-z][\w.-]*\w)\s+"
                             r"(?:is|was|has\s+been)\s+(?:pre-?)?trained\b")
# a citation mark: "[12]", "[3, 4]", "[[12](#bib.bib12)]" as converted web pages write one
CITATION_MARK = re.compile(r"\[\[?\d+(?:[,–-]\s?\d+)*\]?(?:\(#[^)\s]*\))?\]")


def _own_run_crediting_a_source(estimate: Estimate, text: str) -> bool:
    """Whether a sentence that opens with the own model (its name in the title) as the subject of its
    training cites a source only by a citation mark after the figure ("Osprey-7B was trained on 2T tokens
    [12]."): the mark credits the data or the set-up, not another work's run."""
    sentence = estimate.evidence[0]
    ends = [span.end for span in estimate.evidence[1:]]
    figure_end = max(ends) - sentence.start if ends else 0
    # (the sentence's start, or a line's under a heading the sentence runs on from: "2 Training\nOsprey …")
    starts = (0, *(i + 1 for i, c in enumerate(sentence.text[:max(0, figure_end)]) if c == "\n"))
    opening = next((m for start in starts if (m := OPENING_SUBJECT.match(sentence.text, start))), None)
    if opening is None or opening.group("name") != estimate.model or not in_title(text, estimate.model):
        return False
    marks = list(CITATION_MARK.finditer(sentence.text))
    if not marks or any(mark.start() < figure_end for mark in marks):
        return False
    rest = CITATION_MARK.sub(" ", sentence.text)
    return not has_cue(rest.lower(), CITED) and "(" not in rest


def _own_elided_clause(estimate: Estimate, text: str) -> bool:
    """Whether the estimate is the own model's device time told in a clause of its own that leaves out the
    unit the clause before gave ("Kite-70B (Smith et al., 2024) required 6.4M GPU hours, while Osprey-7B
    required 100K"), the title carrying the model's name and the clause itself citing nothing: the cited
    work is the first clause's."""
    elided = ELIDED_UNIT_NOTE in str(estimate.assumptions.get("chip_time", "")) and len(estimate.evidence) > 1
    return elided and in_title(text, estimate.model or "") and \
        not has_cue(estimate.evidence[1].text.lower(), CITED)
