"""Runs of a card's sibling models: a card tells the run of a model of its family and another size.

A model card often speaks of its family: the card of Heron-20B says "The training run for Heron-120B
required 2.1 million H100-hours", or "Heron-70B was trained on 15T tokens". The rule: on a card whose
repository's name carries a size, a figure whose clause names, nearest before it, a model of the same
family (its first word is one of the words of the repository's name before the size) with another
size (apart by more than a name's rounding) is that model's run, not the card's own. A figure's
position is its last part in the sentence (a count's tokens, a device time's duration), so the card's
own name before it ("Like Heron-70B, Heron-20B was trained on 2T tokens") keeps it the card's, and so
do a sibling the run starts from ("distilled from Heron-70B on 100B tokens") and one listed right after the
card's own size ("Heron-20B and Heron-120B were trained on 2T tokens": both sizes' figure), or before it as
a bare size ("Heron-20B/120B were trained on 2T tokens" on Heron-120B's card).
"""

from __future__ import annotations

import re

from curation.extract.context import STARTS_FROM
from curation.extract.evidence import Estimate
from curation.extract.flagship_counting import (
    BASE_RELATIVE,
    OTHER_SIZE_NOTE,
    ROUNDING,
    listed_with,
    sibling_sizes,
)
from curation.extract.quantities import scaled_value

# a name with a size: "Heron-120B", "heron-2-70b", "Heron 2 70B", "Heron-3.1-8B-Instruct" (at most three
# parts between its first word and the size, joined by hyphens, or a version number after a space; a
# repository's "1_6B" is 1.6B)
NAMED_SIZE = re.compile(r"(?<![\w.-])(?P<family>[A-Za-z]+)"
                        r"(?:[-_.][A-Za-z0-9.]+|\s\d+(?:\.\d+)?(?![\d.]*[MmBbTt]\b)){0,3}?[-_ ]"
                        r"(?P<n>\d+(?:[._]\d+)?)(?P<m>[MmBbTt])(?![\w])")
# a size at the end of a repository's name, or before a suffix: "acme/heron-20b", "acme/Heron-7B-v0.1"
REPOSITORY_SIZE = re.compile(r"[-_](?P<n>\d+(?:[._]\d+)?)(?P<m>[MmBbTt])(?![A-Za-z0-9])")
CLAUSE_BREAK = re.compile(r"[;:]")


def mark_runs_of_named_siblings(estimates: list[Estimate], repository: str | None) -> None:
    """Mark the figures of a card that its clause gives to a sibling model of another size (see the
    module's rule): the card's own figures stay."""
    if not repository:
        return
    name = repository.split("/")[-1]
    own = REPOSITORY_SIZE.search(name)
    if own is None:
        return
    size = scaled_value(own.group("n").replace("_", "."), own.group("m").lower())
    family = {word.lower() for word in re.findall(r"[A-Za-z]+", name[:own.start()])}
    for estimate in estimates:
        if estimate.assumptions.get("table_row") or len(estimate.evidence) < 2:
            continue
        sentence = estimate.evidence[0]
        # the figure's last part in the sentence: a count's tokens after its size ("Heron-20B was trained
        # on 2T tokens"), a device time's duration
        inside = [span.start for span in estimate.evidence[1:]
                  if sentence.start <= span.start <= sentence.end]
        last = max(inside, default=None)
        if last is None:
            continue
        before = sentence.text[:last - sentence.start]
        clause = before[max((m.end() for m in CLAUSE_BREAK.finditer(before)), default=0):]
        # (a model the run starts from is no owner: "A 1B student distilled from Heron-70B on 100B tokens",
        # unless a relative clause tells its own training: "…, which was pre-trained on 15T tokens")
        named = [m for m in NAMED_SIZE.finditer(clause)
                 if not STARTS_FROM.search(clause, max(0, m.start() - 40), m.start())
                 or BASE_RELATIVE.match(clause, m.end())]
        if not named or named[-1].group("family").lower() not in family:
            continue
        other = scaled_value(named[-1].group("n").replace("_", "."), named[-1].group("m").lower())
        # (the card's size listed right before the sibling's shares the figure: "Heron-7B and Heron-70B
        # were trained on 15T tokens", and so does one written as a bare size after it: "Heron-7B/70B")
        if abs(other - size) > ROUNDING * size and not listed_with(clause, named[-1].start(), size) and \
                not _listed_after(clause, named[-1].end(), size):
            estimate.notes.append(f"{OTHER_SIZE_NOTE} ({named[-1].group(0)}, not {name})")


def _listed_after(clause: str, at: int, size: float) -> bool:
    """Whether the card's ``size`` is one of the bare sizes written right after a sized name at ``at``
    (:func:`~curation.extract.flagship_counting.sibling_sizes`: "Heron-7B/13B/70B")."""
    return any(abs(value - size) <= ROUNDING * size for value, _ in sibling_sizes(clause, at))
