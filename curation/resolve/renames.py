"""Renames: a model of the previous version that no record of this run joined, and a record of this run
that joined no previous model, are one model under a new name when what identifies a model agrees.

Curated sources rename rows (a generation number added, "Wordfuse" → "Kestrel Fusion Model", "Quill"
→ "Quill (Mar 2023)") and correct their figures, but a renamed row keeps the paper it links, its date,
its organization and, mostly, its parameter count. Each kind of evidence adds or removes points (a
hand-calibrated log-odds score, weights in :data:`WEIGHTS`); a pair links when its score reaches
``min_score`` and beats every other candidate of both sides by ``margin`` — with two equally good
candidates (dated variants nothing tells apart) there is no link, because a wrong id moves one
model's history onto another.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from curation.resolve.identifiers import arxiv_id, url
from curation.resolve.names import SIZE_WORDS


@dataclass(frozen=True)
class RenameRules:
    """How much agreement makes a rename, and how clear it must be."""

    min_score: float = 5.0
    margin: float = 2.0


WEIGHTS = {
    "same link": 4.0,  # a URL or arXiv id both rows give
    "same date": 3.0, "date within a month": 1.0, "dates years apart": -3.0,
    "same organization": 1.0, "other organization": -4.0,
    "same parameters": 2.0, "other parameters": -2.0,  # within 5% / more than 1.5x apart
    "same compute": 2.0, "other compute": -3.0,  # within 5% / more than 5x apart (revisions stay closer)
    "same name": 3.0, "similar name": 1.0,  # equal name keys / one name's words inside the other's
    "other size": -3.0,  # both names give a size (175B, XXL) and they differ
}
_URL = re.compile(r"https?://\S+")


@lru_cache(maxsize=1 << 14)  # asked for every pair a model takes part in
def _identifiers(link: str, arxiv: str) -> frozenset[str]:
    """The URLs (canonical form) and arXiv ids a row's link cell gives."""
    found = {f"arxiv:{arxiv_id(arxiv)}"} if arxiv_id(arxiv) else set()
    for text in _URL.findall(link):
        text = text.rstrip(".,;)")
        found.add(f"arxiv:{arxiv_id(text)}" if arxiv_id(text) else (url(text) or text))
    return frozenset(found)


def size_ratio(a: float, b: float) -> float | None:
    """The larger of two positive figures over the smaller (None when either is unknown)."""
    if math.isnan(a) or math.isnan(b) or a <= 0 or b <= 0:
        return None
    return max(a, b) / min(a, b)


def _name_sizes(parts) -> set[str]:  # type: ignore[no-untyped-def]
    return set(parts.sizes) | (set(parts.variants) & SIZE_WORDS)


def score(linker, p: int, r: int) -> tuple[float, list[str]] | None:  # type: ignore[no-untyped-def]
    """The evidence that previous model ``p`` and record ``r`` are one model (None: ruled out, a dated
    variant of another month)."""
    if not linker.dated_variant_fits(p, r):
        return None
    found: list[str] = []
    shared = _identifiers(linker.link_texts[p], linker.arxiv[p]) \
        & _identifiers(linker.link_texts[r], linker.arxiv[r])
    if shared:
        found.append("same link")
    if linker.months[p] and linker.months[r]:
        years = abs(linker.years[p] - linker.years[r])
        found.append("same date" if years < 1 / 365 else "date within a month" if years < 1 / 12
                     else "dates years apart" if years > 2 else "")
    if linker.orgs[p] and linker.orgs[r]:
        found.append("same organization" if set(re.findall(r"\w+", linker.orgs[p]))
                     & set(re.findall(r"\w+", linker.orgs[r])) else "other organization")
    params = size_ratio(linker.params[p], linker.params[r])
    if params is not None:
        found.append("same parameters" if params <= 1.05 else "other parameters" if params > 1.5 else "")
    compute = size_ratio(linker.flops[p], linker.flops[r])
    if compute is not None:
        found.append("same compute" if compute <= 1.05 else "other compute" if compute > 5 else "")
    a, b = linker.parts[p], linker.parts[r]
    if a.squashed and a.squashed == b.squashed:
        found.append("same name")
    elif a.base and b.base and (set(a.base.split()) <= set(b.base.split())
                                or set(b.base.split()) <= set(a.base.split())
                                or fuzz.token_set_ratio(a.full, b.full) >= 90):
        found.append("similar name")
    if _name_sizes(a) and _name_sizes(b) and _name_sizes(a) != _name_sizes(b):
        found.append("other size")
    found = [f for f in found if f]
    return sum(WEIGHTS[f] for f in found), found


def renamed(linker, rules: RenameRules | None = None) -> None:  # type: ignore[no-untyped-def]
    """Link each previous model that no record joined to the record of one of its sources that joined
    no previous model, where the identity score is high and unambiguous (see the module docstring)."""
    rules = rules or RenameRules()
    find, n = linker.clusters.find, linker.n_rec
    with_previous = {find(j) for j in range(n, len(linker.names))}
    joined = {find(i) for i in range(n)}
    vanished = [j for j in range(n, len(linker.names)) if find(j) not in joined]
    fresh = [i for i in range(n) if find(i) not in with_previous
             and not linker.paper_only[i] and not linker.derived[i]]
    if not vanished or not fresh:
        return
    by_key: dict[str, list[int]] = defaultdict(list)  # blocking: a date, an identifier or a name key
    for i in fresh:
        for key in _block_keys(linker, i):
            by_key[key].append(i)
    scored: dict[tuple[int, int], tuple[float, list[str]]] = {}
    for j in vanished:
        for key in _block_keys(linker, j):
            for i in by_key.get(key, ()):
                if (j, i) in scored or linker.sources[i] not in linker.prev_sources[j]:
                    continue
                result = score(linker, j, i)
                if result is not None:
                    scored[(j, i)] = result
    best_of: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (j, i), (points, _) in scored.items():
        best_of[j].append((points, i))
        best_of[-1 - i].append((points, j))
    for (j, i), (points, evidence) in sorted(scored.items(), key=lambda item: -item[1][0]):
        if points < rules.min_score or not (_clear(best_of[j], i, points, rules.margin)
                                            and _clear(best_of[-1 - i], j, points, rules.margin)):
            continue
        if find(j) in joined or find(i) in with_previous:
            continue
        linker.link(i, j, "renamed", f"{linker.names[j]!r} → {linker.names[i]!r}: score {points:.0f} "
                                     f"({', '.join(evidence)})")
        joined.add(find(j))
        with_previous.add(find(i))


def _clear(candidates: list[tuple[float, int]], chosen: int, points: float, margin: float) -> bool:
    """Whether ``chosen`` beats every other candidate by ``margin``."""
    return all(points - other >= margin for other, k in candidates if k != chosen)


def _block_keys(linker, i: int) -> list[str]:  # type: ignore[no-untyped-def]
    keys = [f"id:{x}" for x in _identifiers(linker.link_texts[i], linker.arxiv[i])]
    if linker.months[i]:
        keys.append(f"date:{linker.years[i]:.4f}")
    parts = linker.parts[i]
    if parts.base:
        keys += [f"name:{parts.squashed}", f"lead:{parts.leading}"]
    return keys
