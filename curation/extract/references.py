"""Figures read from a text's list of references: a cited work's title, never the text's own run.

A reference's title may hold a run's figures ("Kite: a 70B parameter model trained on 2T tokens",
"Training on 4096 TPU v4 chips for 60 days"). The rule: a figure whose surrounding lines (its paragraph,
a couple of hundred characters either side) name a year and a place of publication (arXiv, a preprint,
proceedings, a conference, a journal, a volume or pages, a DOI, a venue's acronym) and speak in no first
person is a reference entry when it stands after the text's references heading ("References",
"Bibliography", "R EFERENCES" as PDF text writes small capitals) or on a line numbered as an entry
("[12] …"). Such a figure is cited. An appendix after the references speaks of the text's own run in
the first person ("We trained …"), so it is not taken for a reference.
"""

from __future__ import annotations

import re

from curation.extract.context import eligible
from curation.extract.evidence import Estimate

REFERENCES_HEADING = re.compile(r"[ \t]*(?:#+[ \t]*)?(?:\d+\.?[ \t]*)?(?:references|bibliography"
                                r"|r[ \t]?eferences|literature[ \t]+cited|references[ \t]+and[ \t]+notes)"
                                r"[ \t]*", re.IGNORECASE)
YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)[a-z]?\b")
VENUE = re.compile(r"\b(?:arXiv|preprint|Proceedings|Proc\.|Conference|Journal|Advances\s+in|Transactions"
                   r"|pp\.|vol\.|doi|Press|Workshop|NeurIPS|NIPS|ICML|ICLR|CVPR|ICCV|ECCV|ACL|EMNLP|NAACL|AAAI"
                   r"|IJCAI|Nature|Science|OpenReview|CoRR)\b")
ENTRY_NUMBER = re.compile(r"(?:^|\n)[ \t]*\[\d{1,3}\][ \t]")
FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
REACH_BEFORE, REACH_AFTER = 200, 150
NOTE = "cited from other work: a title in the text's list of references"
HEADING_WORDS = ("References", "REFERENCES", "R EFERENCES", "Bibliography", "BIBLIOGRAPHY",
                 "Literature Cited", "LITERATURE CITED")


def _references_start(text: str) -> int | None:
    """Where the text's references heading stands (the last one: a table of contents names it first),
    found from its words (a pattern anchored at every line's start is slow on long texts)."""
    starts = []
    for words in HEADING_WORDS:
        at = text.rfind(words)
        while at != -1:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            if REFERENCES_HEADING.fullmatch(text, start, len(text) if end == -1 else end):
                starts.append(start)
                break
            at = text.rfind(words, 0, at)
    return max(starts) if starts else None


def mark_reference_entries(estimates: list[Estimate], text: str) -> None:
    """Mark as cited every estimate read from a reference entry (see the module's rule)."""
    start: int | None = -1  # found only when a figure's lines read like a reference (most do not)
    for estimate in estimates:
        if not eligible(estimate):
            continue
        figure = estimate.evidence[1] if len(estimate.evidence) > 1 else estimate.evidence[0]
        low, high = max(0, figure.start - REACH_BEFORE), min(len(text), figure.end + REACH_AFTER)
        opened, closed = text.rfind("\n\n", low, figure.start), text.find("\n\n", figure.end, high)
        window = text[opened + 2 if opened != -1 else low: closed if closed != -1 else high]  # its paragraph
        if FIRST_PERSON.search(window) or not YEAR.search(window) or not VENUE.search(window):
            continue  # (the first person first: most figures are told so)
        if start == -1:
            start = _references_start(text)
        if (start is not None and figure.start > start) or ENTRY_NUMBER.search(window):
            estimate.notes.append(NOTE)
