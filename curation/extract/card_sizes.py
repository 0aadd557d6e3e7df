"""Runs a model card tells of its family's other sizes.

A card is published under a repository whose name often carries its model's size ("acme/Heron-7B"). Its
text may tell a sibling's run in passing ("The 70B version was trained on 15T tokens", "Our 70B model …"):
that run is not the card's. The rule: on a card whose repository carries a size, a run whose sentence
writes, before its figure, a model's size (bare, "the 70B version", or in a name, "Heron-70B") that is
not the repository's (not in a phrase that opens the sentence with a comparison, "Like the 70B version,"),
and writes the repository's size nowhere (a list, "3B, 7B and 13B models trained on 1T tokens", includes
it), is that other size's run — unless the sentence speaks of a mixture of experts' total or active
parameters, whose sizes differ from a name's by design. A run told over two sentences ("The 175B model was
trained on 992 A100 GPUs. The training took 33 days.") is read in each.
"""

from __future__ import annotations

import re

from curation.extract.card_finders import NAME_ROUNDING as ROUNDING
from curation.extract.card_finders import repository_sizes
from curation.extract.context import eligible
from curation.extract.evidence import HARDWARE, OPERATION_COUNTING, Estimate, Span, sentence_around
from curation.extract.model_names import COMPARING_OPENER
from curation.extract.quantities import scaled_value

# a model's size as a card writes it: ending a name ("Heron-70B"), or before a word of a model ("the 70B
# version", "a 1.5B model", "70B parameters") — not a count of tokens or of device hours ("15T tokens",
# "1.5M GPU hours")
MODEL_SIZE = re.compile(r"(?:(?<=\w-)|(?<![\w.-]))(?P<n>\d+(?:\.\d+)?)\s?(?P<m>[BM])"
                        r"(?:(?<=-\d[BM])|(?<=-\d\d[BM])|(?<=-\d\d\d[BM])|(?<=-\d\.\d[BM])"
                        r"|(?=[\s-]+(?:parameters?|params|models?|versions?|variants?|checkpoints?)\b))(?![\w])")
# any size written in the sentence, listed ones too ("3B, 7B and 13B models"), for the repository's own
ANY_SIZE = re.compile(r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)\s?(?P<m>[BM])(?!\w)"
                      r"(?!\s*(?:tokens?|words?|GPU|hours?|images?|samples?|examples?|steps?)\b)")
# a phrase that opens the sentence by comparing with another model before its own subject: "Like the 70B
# version, it was trained on …", "In contrast to Heron-13B (1T tokens), this model …" (the sizes in it name
# no run of the sentence)
COMPARED_OPENING = re.compile(rf"\W*{COMPARING_OPENER}\s+(?:[^,;()]|\([^()]*\)){{1,60}},\s*", re.IGNORECASE)
EXPERT_WORDS = re.compile(r"\b(?:active|activated|total|experts?|moe|mixture)\b", re.IGNORECASE)
OTHER_SIZE_NOTE = "cited from other work: a run of another size than the card's"


def _figures(estimate: Estimate, text: str) -> list[tuple[Span, Span]]:
    """(figure, its sentence) for each sentence the estimate's figures stand in (a run told over two, its
    devices in one and its time in the next, is read in each): in each, its last figure; else the first
    span's."""
    first = estimate.evidence[0]
    inside = [span for span in estimate.evidence[1:] if first.start <= span.start and span.end <= first.end]
    by_sentence: dict[int, tuple[Span, Span]] = {}
    for span in sorted(inside, key=lambda span: span.start):
        sentence = sentence_around(text, span.start, span.end)
        by_sentence[sentence.start] = (span, sentence)
    return list(by_sentence.values()) or [(first, sentence_around(text, first.start, first.end))]


def _same(size: float, sizes: list[float]) -> bool:
    return any(abs(size - own) <= ROUNDING * own for own in sizes)


def mark_card_runs_of_other_sizes(estimates: list[Estimate], text: str, repository: str | None) -> None:
    """Mark the runs a card tells of its family's other sizes (see the module's rule)."""
    own = repository_sizes(repository)
    if not own:
        return
    for estimate in estimates:
        if estimate.method not in (OPERATION_COUNTING, HARDWARE) or estimate.assumptions.get("table_row") \
                or not eligible(estimate):
            continue
        # (a run told over two sentences, its devices in one and its time in the next, is read in each)
        sizes, before, experts = [], [], False
        for figure, sentence in _figures(estimate, text):
            experts = experts or EXPERT_WORDS.search(sentence.text) is not None
            sizes += [scaled_value(m.group("n"), m.group("m").lower())
                      for pattern in (MODEL_SIZE, ANY_SIZE) for m in pattern.finditer(sentence.text)]
            opening = COMPARED_OPENING.match(sentence.text)
            before += [scaled_value(m.group("n"), m.group("m").lower())
                       for m in MODEL_SIZE.finditer(sentence.text, opening.end() if opening else 0,
                                                    max(0, figure.start - sentence.start))]
        if before and not experts and not any(_same(size, own) for size in sizes):
            estimate.notes.append(OTHER_SIZE_NOTE)
