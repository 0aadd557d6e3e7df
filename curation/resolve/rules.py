"""Entity resolution: which candidate records (and which models of the previous version) are one model.

Records are linked by rules, strongest first; each link is kept with the rule that made it, for
``flopwatch explain``. Every threshold is in :class:`Rules`.

0. **same record** — a source record that belonged to a model in the previous version stays with it.
1. **same name** — names equal after trimming and collapsing whitespace (Epoch's notable and
   all-models tables, "Granite 3.2 2B" and "Granite 3.2 2B "; a previous model of that name too).
2. **shared identifier** — a paper record (arXiv) joins the model that cites its arXiv id; with
   several (one paper, several sizes) the one whose compute is nearest within ``compute_factor``.
   (A paper record with a compute figure also takes part in the name rules below; one without links
   by its identifier only.) A model record citing the same paper as exactly one model of the same
   base name of another source joins it too ("wren-t5-xxl" and "Wren-T5 11B"); and (2c) records that
   give one paper as their own, with overlapping names and the same size (:func:`own_paper`).
3. **same name, written differently** — equal base, sizes, variants and versions, separators aside
   ("Zorvex-2-70b-hf", "Zorvex 2 70B"; "CodeZorvex-34b", "Code Zorvex-34B"; "Quill", "Quill (Mar
   2023)" when Quill was published in March 2023), organizations not contradicting each other and dates
   within ``max_years_apart``.
4. **similar name** — within a block (leading name token), a rapidfuzz ratio ≥ ``min_name_score``
   with sizes, variants, versions, organization and date agreeing.
5. **one match across sources** — a record of another source of the same family (a first
   generation may go unwritten), fitting sizes and versions, and the same variants or compute
   within ``compute_factor``, each the other's only match ("lab/heron" → "Heron-176B" by its
   compute; "Quillan-13B-Base" → "Quillan 1-13B").
6. **acronym** — "sam-vit-huge" and "Segmenting Any Mask", when that fits one model only.
7. **renamed** — a previous model no record joined and a record that joined no previous model, by
   a score over link, date, organization, parameters, compute and name
   (:mod:`curation.resolve.renames`).

Records of derived models (a ``base_model``: fine-tunes, quantized copies) take part in rules 0–1
only; :mod:`curation.resolve.derived` finds the model each derives from.
Two different names in one payload are never merged: a source that lists "CaLM" and "CALM", or
"PointNet" and "PointNet++", as two rows means two models. Rows whose link reads "Duplicate entry"
are exempt (their source says they repeat another row).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from curation.resolve.clusters import Clusters
from curation.resolve.derived import find_bases
from curation.resolve.identifiers import paper_key
from curation.resolve.names import SIZE_WORDS, NameParts, fold, month_year, name_parts, sizes_compatible
from curation.resolve.renames import renamed, size_ratio

PREVIOUS = "__previous__"
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Rules:
    """The thresholds of entity resolution, in one place."""

    compute_factor: float = 3.0  # two compute figures describe the same run within this factor
    max_years_apart: float = 1.0  # publication dates of one model's records
    min_name_score: float = 92.0  # rapidfuzz ratio (0-100) for rule 4
    max_block: int = 5000  # a name block larger than this is compared by exact keys only


@dataclass
class Resolution:
    """A cluster number per record, and how each record joined its cluster."""

    cluster: np.ndarray
    rule: list[str]
    detail: list[str]
    previous_ids: dict[int, list[str]] = field(default_factory=dict)  # cluster → previous model ids
    bases: dict[int, tuple[int, str]] = field(default_factory=dict)  # derived record → (base cluster, how)


def _exact(name: object) -> str:
    return _SPACE.sub(" ", str(name)).strip()


def _orgs_agree(a: str, b: str) -> bool:
    if not a or not b:
        return True
    words_a, words_b = set(re.findall(r"\w+", a)), set(re.findall(r"\w+", b))
    return bool(words_a & words_b)


def _close_in_time(a: float, b: float, years: float) -> bool:
    return math.isnan(a) or math.isnan(b) or abs(a - b) <= years


def _compute_agrees(a: float, b: float, factor: float) -> bool:
    return not (math.isnan(a) or math.isnan(b)) and max(a, b) / min(a, b) <= factor


def resolve(records: pd.DataFrame, previous: pd.DataFrame | None = None,
            previous_links: pd.DataFrame | None = None, paper_sources: Collection[str] = (),
            rules: Rules | None = None) -> Resolution:
    """Cluster ``records`` (candidate rows) and the ``previous`` version's models into models.

    ``previous_links`` (the previous version's ``model_sources``: model_id, source, source_record_id)
    keeps records with the model they belonged to. Paper records without a compute figure link by
    their identifier only (rule 2)."""
    linker = _Linker(records, previous, paper_sources, rules or Rules())
    linker.same_record(previous_links)
    for rule in RULE_ORDER:
        rule(linker)
    return linker.resolution()


class _Linker:
    """What the rules read about every record (this run's records first, then the previous version's
    models), the clusters they build, and the rule and detail that linked each record."""

    def __init__(self, records: pd.DataFrame, previous: pd.DataFrame | None, paper_sources: Collection[str],
                 rules: Rules) -> None:
        self.records, self.rules = records, rules
        self.prev = previous if previous is not None else pd.DataFrame(columns=["model_id", "model"])
        self.n_rec, n_prev = len(records), len(self.prev)
        self.names = [*records["model"].map(_exact), *self.prev["model"].map(_exact)]
        self.sources = [*records["source"].astype(str), *([PREVIOUS] * n_prev)]
        duplicate = records["link"].astype("string").str.contains("duplicate entry", case=False, na=False) \
            if "link" in records else pd.Series(False, index=records.index)
        payloads = [*(records["source"].astype(str) + ":" + records["raw_sha256"].astype(str)),
                    *([PREVIOUS] * n_prev)]
        self.clusters = Clusters(self.n_rec + n_prev, [
            None if i < self.n_rec and duplicate.iloc[i] else (payloads[i], self.names[i])
            for i in range(self.n_rec + n_prev)])
        self.rule = ["first record"] * (self.n_rec + n_prev)
        self.detail = [""] * (self.n_rec + n_prev)
        self.prev_ids = list(self.prev["model_id"])
        self.years = np.array([*_years(records.get("publication_date")),
                               *_years(self.prev.get("publication_date"))])
        self.orgs = [*_folded(records.get("organization"), self.n_rec),
                     *_folded(self.prev.get("organization"), n_prev)]
        self.flops = np.array([*_floats(records.get("training_compute_flop"), self.n_rec),
                               *_floats(self.prev.get("training_compute_flop"), n_prev)])
        self.is_paper = np.array([s in set(paper_sources) for s in self.sources])
        # a paper record with a compute figure is about a model and may join it by name; one without
        # only by its identifier
        self.paper_only = self.is_paper & np.isnan(self.flops)
        self.parts = [name_parts(n) for n in self.names]
        self.months = [_month(d) for d in [*_dates(records.get("publication_date"), self.n_rec),
                                            *_dates(self.prev.get("publication_date"), n_prev)]]
        self.params = np.array([*_floats(records.get("parameters"), self.n_rec),
                                *_floats(self.prev.get("parameters"), n_prev)])
        self.link_texts = [*_texts(records.get("link"), self.n_rec), *_texts(self.prev.get("link"), n_prev)]
        self.arxiv = [*_texts(records.get("arxiv_id"), self.n_rec),
                      *_texts(self.prev.get("arxiv_id"), n_prev)]
        self.prev_sources = [set()] * self.n_rec + [set(str(s).split(";")) for s in
                                                     self.prev.get("sources", pd.Series([""] * n_prev))]
        base_models = _texts(records.get("base_model"), self.n_rec)
        # a fine-tune or a quantized copy is its own model: never joined to another by its name
        self.base_model = [*base_models, *([""] * n_prev)]
        self.derived = np.array([bool(b) for b in self.base_model])

    def link(self, i: int, j: int, why: str, how: str = "") -> None:
        """Join the clusters of ``i`` and ``j`` (unless a payload keeps them apart), noting why."""
        if self.clusters.find(i) != self.clusters.find(j) and self.clusters.union(i, j):
            first, later = sorted((i, j))
            if later >= self.n_rec:  # a record joins a model of the previous version
                later, how = first, f"{how}; same model as {self.prev_ids[later - self.n_rec]} of the " \
                                    "previous version"
            if later < self.n_rec:
                self.rule[later], self.detail[later] = why, how.lstrip("; ")

    def groups(self, key, previous: bool = False) -> list[list[int]]:  # type: ignore[no-untyped-def]
        """Records grouped by ``key(i)``, skipping empty keys, paper-only and derived records, and the
        previous version's models unless ``previous`` (those join by name equality or as renames)."""
        found: dict[str, list[int]] = defaultdict(list)
        for i in range(self.n_rec if not previous else len(self.names)):
            if self.paper_only[i] or self.derived[i]:
                continue
            value = key(i)
            if value:
                found[value].append(i)
        return list(found.values())

    def agree(self, a: int, b: int) -> bool:
        """Organizations do not contradict each other, the dates are close enough, and a dated
        variant's month ("Quill (Mar 2023)") is the other's publication month."""
        return _orgs_agree(self.orgs[a], self.orgs[b]) \
            and _close_in_time(self.years[a], self.years[b], self.rules.max_years_apart) \
            and self.dated_variant_fits(a, b)

    def sizes_fit(self, a: int, b: int) -> bool:
        """Two names' sizes fit: equal numeric sizes ("7b"); equal size words ("xl"; "base" beside a
        numeric size only marks the pretrained checkpoint); a size word on one side and a number on
        the other only when both records' parameter counts agree within 25%; no size on one side fits."""
        pa, pb = self.parts[a], self.parts[b]
        words_a = set(pa.variants) & SIZE_WORDS - ({"base"} if pa.sizes else set())
        words_b = set(pb.variants) & SIZE_WORDS - ({"base"} if pb.sizes else set())
        if pa.sizes and pb.sizes:
            return set(pa.sizes) == set(pb.sizes)
        if words_a and words_b:
            return words_a == words_b
        if (words_a - {"base"} and pb.sizes) or (words_b - {"base"} and pa.sizes):
            params = [self.params[a], self.params[b]]
            return not any(math.isnan(v) or v <= 0 for v in params) and max(params) / min(params) <= 1.25
        return True

    def dated_variant_fits(self, a: int, b: int) -> bool:
        """Two dated variants name the same month; one dated variant and an undated name fit when the
        undated one was published in that month (unknown dates fit)."""
        dated_a, dated_b = month_year(self.parts[a].qualifier), month_year(self.parts[b].qualifier)
        if dated_a and dated_b:
            return dated_a == dated_b
        if dated_a or dated_b:
            month = self.months[b] if dated_a else self.months[a]
            return month is None or month == (dated_a or dated_b)
        return True

    def same_record(self, previous_links: pd.DataFrame | None) -> None:
        """Rule 0: a source record that belonged to a model in the previous version stays with it."""
        if previous_links is None or previous_links.empty or not len(self.prev):
            return
        prev_index = {mid: self.n_rec + k for k, mid in enumerate(self.prev["model_id"])}
        owner = {(s, r): m for m, s, r in previous_links[["model_id", "source", "source_record_id"]]
                 .itertuples(index=False)}
        keys = zip(self.records["source"], self.records["source_record_id"], strict=True)
        for i, (s, r) in enumerate(keys):
            target = prev_index.get(owner.get((s, r)))
            if target is not None:
                self.link(i, target, "same record", f"{s} record {r} was in model {owner[(s, r)]}")

    def resolution(self) -> Resolution:
        roots = np.array([self.clusters.find(i) for i in range(len(self.names))])
        previous_ids: dict[int, list[str]] = defaultdict(list)
        for k, model_id in enumerate(self.prev["model_id"]):
            previous_ids[int(roots[self.n_rec + k])].append(model_id)
        n = self.n_rec
        bases = {i: (int(roots[base]), how) for i, (base, how) in find_bases(self).items()}
        return Resolution(roots[:n], self.rule[:n], self.detail[:n], dict(previous_ids), bases)


def same_name(linker: _Linker) -> None:
    """Rule 1: names equal after trimming and collapsing whitespace."""
    for members in linker.groups(lambda i: linker.names[i] or " ", previous=True):
        for j in members[1:]:
            linker.link(members[0], j, "same name", f"name {linker.names[j]!r}")


def shared_identifier(linker: _Linker) -> None:
    """Rule 2: a paper record joins the model citing its id; model records citing one paper with the
    same base name join each other (2b)."""
    n = linker.n_rec
    _link_papers(linker.records, linker.is_paper[:n], linker.flops, linker.parts, linker.clusters,
                 linker.link, linker.rules)
    _link_by_paper_and_name(linker.records, linker.is_paper[:n], linker.parts, linker.clusters, linker.link)


def own_paper(linker: _Linker) -> None:
    """Rule 2c: records of two sources that give the same paper as their own (a card's own arXiv id, a
    row's link), with overlapping names (:func:`_names_overlap`), the same variants and fitting sizes,
    are one model when each is the other's only such match ("goo/heron400-10b-mt" and "Heron-400
    10B"). Of several models of one paper, the one of the same size (equal name sizes or parameter
    counts within 25%); without a size, only a paper the other source gives for one model alone. A
    card citing the paper of the model it was initialized from names another model: no link."""
    by_paper: dict[str, list[int]] = defaultdict(list)
    for i in range(linker.n_rec):
        key = paper_key(linker.arxiv[i]) if linker.arxiv[i] else None
        if key and not linker.paper_only[i] and not linker.is_paper[i] and not linker.derived[i]:
            by_paper[key].append(i)
    find = linker.clusters.find

    def same_size(a: int, b: int) -> bool:
        pa, pb = linker.parts[a], linker.parts[b]
        if pa.sizes and pb.sizes:
            return set(pa.sizes) == set(pb.sizes)
        ratio = size_ratio(linker.params[a], linker.params[b])
        return ratio is not None and ratio <= 1.25 and linker.sizes_fit(a, b)

    def match(i: int, members: list[int]) -> int | None:
        others = {find(j): j for j in members
                  if linker.sources[j] != linker.sources[i] and find(j) != find(i)}
        fitting = [j for j in others.values() if linker.sizes_fit(i, j) and linker.dated_variant_fits(i, j)
                   and _kind_variants(linker.parts[i]) == _kind_variants(linker.parts[j])
                   and _names_overlap(linker.names[i], linker.parts[i], linker.names[j], linker.parts[j])
                   and (linker.parts[i].versions == linker.parts[j].versions
                        or not linker.parts[i].versions or not linker.parts[j].versions)]
        sized = [j for j in fitting if same_size(i, j)]
        if len(sized) == 1:
            return sized[0]
        # no size on one side: only when the other source gives that paper for one model alone
        return fitting[0] if len(others) == 1 and len(fitting) == 1 and not sized else None

    for key, members in by_paper.items():
        for i in members:
            j = match(i, members)
            back = match(j, members) if j is not None else None
            if j is not None and back is not None and find(back) == find(i):
                how = f"both give {key} as their own paper; {linker.names[i]!r} ~ {linker.names[j]!r}"
                linker.link(i, j, "shared identifier", how)


def _names_overlap(name_a: str, a: NameParts, name_b: str, b: NameParts) -> bool:
    """Two names that could be one model's: one base (separators aside) begins the other, they share
    their first word, or one is the other's acronym ("SAM" and "Segmenting Any Mask")."""
    squashed_a, squashed_b = a.base.replace(" ", ""), b.base.replace(" ", "")
    if not squashed_a or not squashed_b:
        return False
    if squashed_a.startswith(squashed_b) or squashed_b.startswith(squashed_a) or a.leading == b.leading:
        return True
    short_a, short_b = _acronym(name_a), _acronym(name_b)
    return (bool(short_b) and a.leading == short_b) or (bool(short_a) and b.leading == short_a)


def _acronym(name: str) -> str:
    """The initials of a name of three or more words ("Segmenting Any Mask" → "sam")."""
    words = re.findall(r"[A-Za-z]\w*|\d+", re.sub(r"\([^)]*\)", " ", name))
    letters = "".join(w if w.isdigit() else w[0] for w in words).lower()  # "... Model 2" → "sam2"
    return letters if len(words) >= 3 else ""


def written_differently(linker: _Linker) -> None:
    """Rule 3: equal base, sizes, variants and versions (separators aside: "CodeZorvex-34b" is "Code
    Zorvex 34B"), organizations and dates agreeing."""
    parts = linker.parts
    for members in linker.groups(lambda i: parts[i].squashed if parts[i].base else ""):
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1:]:
                if linker.clusters.find(a) != linker.clusters.find(b) and linker.agree(a, b):
                    linker.link(a, b, "same name written differently",
                                f"{linker.names[a]!r} ~ {linker.names[b]!r} (key {parts[a].full!r})")


def similar_name(linker: _Linker) -> None:
    """Rule 4: within a block (leading name token), a rapidfuzz ratio of at least ``min_name_score``
    with sizes, variants, organization and date agreeing."""
    parts, rules = linker.parts, linker.rules
    for members in linker.groups(lambda i: parts[i].leading):
        if len(members) < 2 or len(members) > rules.max_block:
            continue
        keys = [parts[i].full for i in members]
        scores = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=rules.min_name_score, workers=1)
        for a_pos, b_pos in zip(*np.nonzero(np.triu(scores, k=1)), strict=True):
            a, b = members[a_pos], members[b_pos]
            if linker.clusters.find(a) == linker.clusters.find(b) or parts[a].variants != parts[b].variants \
                    or parts[a].versions != parts[b].versions \
                    or parts[a].sizes != parts[b].sizes or not linker.agree(a, b):
                continue
            linker.link(a, b, "similar name",
                        f"{linker.names[a]!r} ~ {linker.names[b]!r}: score {scores[a_pos, b_pos]:.0f}")


def one_match_across_sources(linker: _Linker) -> None:
    """Rule 5: the only model of another source with the same family name (:func:`_family`), fitting
    sizes (:meth:`_Linker.sizes_fit`), compatible versions, and the same other variants or agreeing
    compute — each the other's only match. Of several, those with the same base win, then the same
    variants, the same size, the same version, then one whose compute is the same figure (within 10%),
    then those whose compute agrees (within ``compute_factor``)."""
    parts, sources, flops, factor = linker.parts, linker.sources, linker.flops, linker.rules.compute_factor
    find = linker.clusters.find
    for members in linker.groups(lambda i: _family(parts[i])):
        if len(members) > linker.rules.max_block or len({sources[i] for i in members}) < 2:
            continue
        def match(i: int, members: list[int]) -> int | None:
            others = {find(j): j for j in members if sources[j] != sources[i] and find(j) != find(i)}
            fitting = [j for j in others.values() if linker.sizes_fit(i, j)
                       and (parts[i].versions == parts[j].versions or not parts[j].versions
                            or not parts[i].versions)
                       and (_kind_variants(parts[i]) == _kind_variants(parts[j])
                            or _compute_agrees(flops[i], flops[j], factor))
                       and linker.dated_variant_fits(i, j)]

            def rank(j: int) -> tuple[bool, ...]:  # same base, variants, size, version; a copied figure
                return (parts[i].base.replace(" ", "") == parts[j].base.replace(" ", ""),
                        _kind_variants(parts[i]) == _kind_variants(parts[j]),
                        bool(parts[i].sizes) and parts[i].sizes == parts[j].sizes,
                        parts[i].versions == parts[j].versions, _compute_agrees(flops[i], flops[j], 1.1))

            best = max(map(rank, fitting), default=None)
            fitting = [j for j in fitting if rank(j) == best]
            if len(fitting) > 1:
                fitting = [j for j in fitting if _compute_agrees(flops[i], flops[j], factor)]
            return fitting[0] if len(fitting) == 1 else None

        for i in members:
            j = match(i, members)
            back = match(j, members) if j is not None else None
            if j is not None and back is not None and find(back) == find(i):  # each the other's only match
                how = f"{linker.names[i]!r} ~ {linker.names[j]!r}: base {parts[i].base!r}"
                if _compute_agrees(flops[i], flops[j], factor):
                    how += f", compute {flops[i]:.3g} vs {flops[j]:.3g}"
                linker.link(i, j, "one match across sources", how)


def _family(parts: NameParts) -> str:
    """A base name without separators or a first-generation number: "Quillan 1" is written
    "Quillan" in a repository, "Wren" is "wren-1" (later generations are always numbered)."""
    base = parts.base[:-2] if parts.base.endswith(" 1") else parts.base
    return base.replace(" ", "")


def _kind_variants(parts: NameParts) -> set[str]:
    """The variants that make another model of the family (instruct, chat, vision, a qualifier such as
    "(Arith)"), not its size ("xl", "medium") nor "base" (a repository's name for the pretrained
    checkpoint)."""
    return (set(parts.variants) - SIZE_WORDS) | parts.tags


def acronym(linker: _Linker) -> None:
    """Rule 6: a name whose first word is the initials of another source's name of three or more words
    ("sam-vit-huge" and "Segmenting Any Mask"), sizes fitting, each the other's only such match."""
    initials: dict[str, list[int]] = defaultdict(list)
    leading: dict[str, list[int]] = defaultdict(list)
    for i in range(linker.n_rec):
        if linker.paper_only[i] or linker.derived[i] or not linker.parts[i].base:
            continue
        short = _acronym(linker.names[i])
        if len(short) >= 3:
            initials[short].append(i)
        leading[linker.parts[i].leading].append(i)
    find = linker.clusters.find
    for short, long_names in initials.items():
        short_names = [i for i in leading.get(short, []) if _acronym(linker.names[i]) != short]
        pairs = [(a, b) for a in long_names for b in short_names if linker.sources[a] != linker.sources[b]
                 and find(a) != find(b) and linker.sizes_fit(a, b) and linker.agree(a, b)]
        if len({find(a) for a, _ in pairs}) == 1 and len({find(b) for _, b in pairs}) == 1:
            a, b = pairs[0]
            linker.link(a, b, "acronym",
                        f"{linker.names[b]!r} begins with the initials of {linker.names[a]!r}")


# The rules after rule 0, strongest first: a new rule is one function of the linker and a line here.
RULE_ORDER = (same_name, shared_identifier, own_paper, written_differently, similar_name,
              one_match_across_sources, acronym, renamed)


def _link_papers(records: pd.DataFrame, is_paper: np.ndarray, flops: np.ndarray, parts: list,
                 clusters: Clusters, link, rules: Rules) -> None:
    """Rule 2: a paper record joins the model other sources cite its id for. Models whose name
    contradicts the paper record's (same base, other size) are not candidates; with a figure on both
    sides they must agree within the compute factor, and of several the nearest wins."""
    if not is_paper.any():
        return
    empty = pd.Series([None] * len(records))
    keys = [paper_key(a, d) for a, d in zip(records.get("arxiv_id", empty), records.get("doi", empty),
                                             strict=True)]
    cited: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        if key and not is_paper[i]:
            cited[key].append(i)
    limit = math.log(rules.compute_factor)
    for i, key in enumerate(keys):
        if not is_paper[i] or not key or key not in cited:
            continue
        if any(clusters.find(j) == clusters.find(i) for j in cited[key]):
            continue  # already with a model citing this paper (by name)
        models = [j for j in {clusters.find(j): j for j in cited[key]}.values()
                  if parts[j].base != parts[i].base or sizes_compatible(parts[i], parts[j])]
        if math.isnan(flops[i]):
            if len(models) == 1:
                link(models[0], i, "shared identifier", f"{key}, cited by one model")
            continue
        near = [(abs(math.log(flops[j] / flops[i])), j) for j in models if not math.isnan(flops[j])]
        if not near and len(models) == 1:
            link(models[0], i, "shared identifier", f"{key}, cited by one model")
        elif near and min(near)[0] <= limit:
            j = min(near)[1]
            link(j, i, "shared identifier", f"{key}, cited by {len(models)} model(s); compute agrees "
                                            f"({flops[j]:.3g} vs {flops[i]:.3g} FLOP)")


def _link_by_paper_and_name(records: pd.DataFrame, is_paper: np.ndarray, parts: list, clusters: Clusters,
                            link) -> None:
    """Rule 2b: records of different sources citing one paper, with the same base name, compatible
    sizes and variants that agree (or are size words on one side and a size on the other:
    "flan-t5-xxl" and "Flan-T5 11B" both cite the Flan paper)."""
    if "arxiv_id" not in records:
        return
    cited: dict[str, list[int]] = defaultdict(list)
    for i, value in enumerate(records["arxiv_id"]):
        if isinstance(value, str) and value and not is_paper[i]:
            cited[value].append(i)
    sources = records["source"].astype(str).tolist()
    for key, members in cited.items():
        if len({sources[i] for i in members}) < 2:
            continue
        for i in members:
            fitting = {clusters.find(j): j for j in members
                       if sources[j] != sources[i] and clusters.find(j) != clusters.find(i)
                       and parts[j].base == parts[i].base and sizes_compatible(parts[i], parts[j])
                       and _variants_fit(parts[i], parts[j])}
            if len(fitting) == 1:
                j = next(iter(fitting.values()))
                link(i, j, "shared identifier", f"both cite arXiv {key}; base name {parts[i].base!r}")


def _variants_fit(a, b) -> bool:
    if a.variants == b.variants:
        return True
    only_sizes = (set(a.variants) <= SIZE_WORDS and not a.sizes and b.sizes and not b.variants) or \
                 (set(b.variants) <= SIZE_WORDS and not b.sizes and a.sizes and not a.variants)
    return bool(only_sizes)


def _years(dates: pd.Series | None) -> np.ndarray:
    if dates is None or len(dates) == 0:
        return np.array([])
    values = pd.to_datetime(dates, errors="coerce")
    return (values.dt.year + (values.dt.day_of_year - 1) / 365.25).to_numpy(dtype=float, na_value=np.nan)


def _dates(values: pd.Series | None, n: int) -> list[pd.Timestamp | None]:
    if values is None:
        return [None] * n
    return [None if pd.isna(v) else v for v in pd.to_datetime(values, errors="coerce")]


def _month(date: pd.Timestamp | None) -> tuple[int, int] | None:
    return None if date is None else (date.year, date.month)


def _texts(values: pd.Series | None, n: int) -> list[str]:
    if values is None:
        return [""] * n
    return ["" if pd.isna(v) else str(v).strip() for v in values]


def _folded(values: pd.Series | None, n: int) -> list[str]:
    if values is None:
        return [""] * n
    return ["" if pd.isna(v) else fold(v) for v in values]


def _floats(values: pd.Series | None, n: int) -> np.ndarray:
    if values is None:
        return np.full(n, np.nan)
    return pd.to_numeric(values, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
