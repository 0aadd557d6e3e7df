"""Entity resolution: which candidate records (and which models of the previous version) are one model.

Records are linked by rules, strongest first; each link is kept with the rule that made it, for
``flopwatch explain``. Every threshold is in :class:`Rules`.

0. **same record** — a source record that belonged to a model in the previous version stays with it.
1. **same name** — names equal after trimming and collapsing whitespace (Epoch's notable and
   all-models tables, "Granite 3.2 2B" and "Granite 3.2 2B ").
2. **shared identifier** — a paper record (arXiv) joins the model that cites its arXiv id; with
   several (one paper, several sizes) the one whose compute is nearest within ``compute_factor``.
   (A paper record with a compute figure also takes part in the name rules below; one without links
   by its identifier only.) A model record citing the same paper as exactly one model of the same
   base name of another source joins it too ("flan-t5-xxl" and "Flan-T5 11B").
3. **same name, written differently** — equal base, sizes, variants and versions ("Llama-2-70b-hf",
   "Llama 2 70B"; "Grok-3", "Grok 3"; "GPT-4", "GPT-4 (Mar 2023)"), organizations not contradicting
   each other and dates within ``max_years_apart``.
4. **similar name** — within a block (leading name token), a rapidfuzz ratio ≥ ``min_name_score``
   with sizes, variants, organization and date agreeing.
5. **one match across sources** — a record of another source whose base name equals exactly one
   model's, sizes compatible, versions equal or absent from that model's name (a versioned name may
   join an unversioned one, not the reverse), and either the same variants or compute within
   ``compute_factor``
   ("bigscience/bloom" → BLOOM-176B by its compute; a "-Instruct" repo → the model its card's figure
   describes).

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

from curation.resolve.identifiers import paper_key
from curation.resolve.names import SIZE_WORDS, fold, name_parts, sizes_compatible

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


class _Clusters:
    """Union-find that refuses to merge two clusters holding different names from one payload."""

    def __init__(self, n: int, payload_names: list[tuple[str, str] | None]) -> None:
        self.parent = list(range(n))
        self.names: list[dict[str, set[str]]] = [
            {pn[0]: {pn[1]}} if pn else {} for pn in payload_names]

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        na, nb = self.names[ra], self.names[rb]
        if any(na[p] != nb[p] for p in na.keys() & nb.keys()):
            return False
        if len(na) < len(nb):
            ra, rb, na, nb = rb, ra, nb, na
        self.parent[rb] = ra
        for payload, names in nb.items():
            na.setdefault(payload, set()).update(names)
        self.names[rb] = {}
        return True


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
    rules = rules or Rules()
    prev = previous if previous is not None else pd.DataFrame(columns=["model_id", "model"])
    n_rec, n_prev = len(records), len(prev)
    names = [*records["model"].map(_exact), *prev["model"].map(_exact)]
    sources = [*records["source"].astype(str), *([PREVIOUS] * n_prev)]
    dup_marker = records["link"].astype("string").str.contains("duplicate entry", case=False, na=False) \
        if "link" in records else pd.Series(False, index=records.index)
    payloads = [*(records["source"].astype(str) + ":" + records["raw_sha256"].astype(str)),
                *([PREVIOUS] * n_prev)]
    payload_names = [None if i < n_rec and dup_marker.iloc[i] else (payloads[i], names[i])
                     for i in range(n_rec + n_prev)]
    clusters = _Clusters(n_rec + n_prev, payload_names)
    rule, detail = ["first record"] * (n_rec + n_prev), [""] * (n_rec + n_prev)

    prev_ids = list(prev["model_id"])

    def link(i: int, j: int, why: str, how: str = "") -> None:
        if clusters.find(i) != clusters.find(j) and clusters.union(i, j):
            first, later = sorted((i, j))
            if later >= n_rec:  # a record joins a model of the previous version
                later, how = first, f"{how}; same model as {prev_ids[later - n_rec]} of the previous version"
            if later < n_rec:
                rule[later], detail[later] = why, how.lstrip("; ")

    years = np.array([*_years(records.get("publication_date")), *_years(prev.get("publication_date"))])
    orgs = [*_folded(records.get("organization"), n_rec), *_folded(prev.get("organization"), n_prev)]
    flops = np.array([*_floats(records.get("training_compute_flop"), n_rec),
                      *_floats(prev.get("training_compute_flop"), n_prev)])
    is_paper = np.array([s in set(paper_sources) for s in sources])
    # a paper record with a compute figure is about a model and may join it by name; one without only
    # by its identifier
    paper_only = is_paper & np.isnan(flops)

    # 0. the same source record as in the previous version
    if previous_links is not None and not previous_links.empty and n_prev:
        prev_index = {mid: n_rec + k for k, mid in enumerate(prev["model_id"])}
        owner = {(s, r): m for m, s, r in previous_links[["model_id", "source", "source_record_id"]]
                 .itertuples(index=False)}
        for i, (s, r) in enumerate(zip(records["source"], records["source_record_id"], strict=True)):
            target = prev_index.get(owner.get((s, r)))
            if target is not None:
                link(i, target, "same record", f"{s} record {r} was in model {owner[(s, r)]}")

    # 1. the same name
    groups: dict[str, list[int]] = defaultdict(list)
    for i, name in enumerate(names):
        if not paper_only[i]:
            groups[name].append(i)
    for members in groups.values():
        for j in members[1:]:
            link(members[0], j, "same name", f"name {names[j]!r}")

    # 2. a paper's identifier
    parts = [name_parts(n) for n in names]
    _link_papers(records, is_paper[:n_rec], flops, parts, clusters, link, rules)

    # 2b. a model record citing the same paper as exactly one model of the same base name
    _link_by_paper_and_name(records, is_paper[:n_rec], parts, clusters, link)

    # 3. the same name written differently
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(parts):
        if not paper_only[i] and p.base:
            by_key[p.full].append(i)
    for key, members in by_key.items():
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1:]:
                if clusters.find(a) != clusters.find(b) and _orgs_agree(orgs[a], orgs[b]) \
                        and _close_in_time(years[a], years[b], rules.max_years_apart):
                    link(a, b, "same name written differently", f"{names[a]!r} ~ {names[b]!r} (key {key!r})")

    # 4. similar names within a block
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(parts):
        if not paper_only[i] and p.leading:
            blocks[p.leading].append(i)
    for members in blocks.values():
        if len(members) < 2 or len(members) > rules.max_block:
            continue
        keys = [parts[i].full for i in members]
        scores = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=rules.min_name_score, workers=1)
        for a_pos, b_pos in zip(*np.nonzero(np.triu(scores, k=1)), strict=True):
            a, b = members[a_pos], members[b_pos]
            pa, pb = parts[a], parts[b]
            if clusters.find(a) == clusters.find(b) or pa.variants != pb.variants or pa.sizes != pb.sizes \
                    or not _orgs_agree(orgs[a], orgs[b]) \
                    or not _close_in_time(years[a], years[b], rules.max_years_apart):
                continue
            link(a, b, "similar name", f"{names[a]!r} ~ {names[b]!r}: score {scores[a_pos, b_pos]:.0f}")

    # 5. one match across sources, by base name
    by_base: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(parts):
        if not paper_only[i] and p.base:
            by_base[p.base].append(i)
    for members in by_base.values():
        if len(members) > rules.max_block or len({sources[i] for i in members}) < 2:
            continue
        for i in members:
            if sources[i] == PREVIOUS:
                continue
            others = {clusters.find(j): j for j in members
                      if sources[j] not in (sources[i], PREVIOUS) and clusters.find(j) != clusters.find(i)}
            fitting = [j for j in others.values() if sizes_compatible(parts[i], parts[j])
                       and (parts[i].versions == parts[j].versions or not parts[j].versions)
                       and (parts[i].variants == parts[j].variants
                            or _compute_agrees(flops[i], flops[j], rules.compute_factor))]
            if len(fitting) > 1:
                fitting = [j for j in fitting if _compute_agrees(flops[i], flops[j], rules.compute_factor)]
            if len(fitting) == 1:
                j = fitting[0]
                how = f"{names[i]!r} ~ {names[j]!r}: base {parts[i].base!r}"
                if _compute_agrees(flops[i], flops[j], rules.compute_factor):
                    how += f", compute {flops[i]:.3g} vs {flops[j]:.3g}"
                link(i, j, "one match across sources", how)

    roots = np.array([clusters.find(i) for i in range(n_rec + n_prev)])
    previous_ids: dict[int, list[str]] = defaultdict(list)
    for k, model_id in enumerate(prev["model_id"]):
        previous_ids[int(roots[n_rec + k])].append(model_id)
    return Resolution(roots[:n_rec], rule[:n_rec], detail[:n_rec], dict(previous_ids))


def _link_papers(records: pd.DataFrame, is_paper: np.ndarray, flops: np.ndarray, parts: list,
                 clusters: _Clusters, link, rules: Rules) -> None:
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


def _link_by_paper_and_name(records: pd.DataFrame, is_paper: np.ndarray, parts: list, clusters: _Clusters,
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


def _folded(values: pd.Series | None, n: int) -> list[str]:
    if values is None:
        return [""] * n
    return ["" if pd.isna(v) else fold(v) for v in values]


def _floats(values: pd.Series | None, n: int) -> np.ndarray:
    if values is None:
        return np.full(n, np.nan)
    return pd.to_numeric(values, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
