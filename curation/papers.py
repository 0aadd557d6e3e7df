"""Papers and the models they describe: linking a paper source's records to models, and ``papers.csv``.

A paper source (arXiv) describes papers, not models. Until full entity resolution, a paper record is
linked by its arXiv id to the model(s) other sources cite it for:
- one such model: the paper's record joins it (filling what the other sources left empty);
- several (one paper, several sizes): a record with a compute figure joins the model whose compute is
  nearest within ``LINK_FACTOR``; otherwise it joins none of them;
- none: a record with a compute figure becomes a model of its own; one without stays a paper only
  (listed in ``papers.csv``), so that a later source can supply its model and compute.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection

import numpy as np
import pandas as pd

from schemas.papers import PAPER_COLUMNS, Paper

LINK_FACTOR = 3.0  # a paper's figure links to one of several models when within this factor


def link_paper_records(candidates: pd.DataFrame, paper_sources: Collection[str],
                       key: str = "model") -> pd.DataFrame:
    """``candidates`` with each paper record's ``key`` set to the model it joins; paper records that
    join no model and carry no compute figure are left out (they belong to ``papers.csv`` only)."""
    is_paper = candidates["source"].isin(list(paper_sources))
    if not is_paper.any():
        return candidates
    cited = candidates[~is_paper & candidates["arxiv_id"].notna()]
    models_of: dict[str, list[tuple[str, float]]] = {}
    for arxiv_id, model, flop in cited[["arxiv_id", key, "training_compute_flop"]].itertuples(index=False):
        entries = models_of.setdefault(arxiv_id, [])
        if all(existing != model for existing, _ in entries):
            entries.append((model, flop))
    frame = candidates.copy()
    keep = pd.Series(True, index=frame.index)
    papers = frame[is_paper]
    for index, arxiv_id, flop in papers[["arxiv_id", "training_compute_flop"]].itertuples():
        models = models_of.get(arxiv_id, []) if isinstance(arxiv_id, str) else []
        target = _target(models, flop)
        if target is not None:
            frame.at[index, key] = target
        elif pd.isna(flop) or models:
            keep[index] = False
    return frame[keep]


def _target(models: list[tuple[str, float]], flop: float) -> str | None:
    if len(models) == 1:
        return models[0][0]
    if not models or pd.isna(flop):
        return None
    ratios = [(abs(np.log(f / flop)), m) for m, f in models if f and not pd.isna(f)]
    if not ratios:
        return None
    distance, model = min(ratios)
    return model if distance <= np.log(LINK_FACTOR) else None


def papers_table(candidates: pd.DataFrame, models: pd.DataFrame) -> pd.DataFrame:
    """``papers.csv``: one row per paper (its latest version) with its primary compute estimate, if
    any, and the ids of the models linked to it by arXiv id (``;``-separated)."""
    if candidates.empty:
        return Paper.validate(pd.DataFrame(columns=PAPER_COLUMNS))
    linked = (models.dropna(subset=["arxiv_id"]).groupby("arxiv_id")["model_id"]
              .agg(lambda ids: ";".join(sorted(ids))))
    papers = pd.DataFrame({
        "arxiv_id": candidates["arxiv_id"], "version": candidates["paper_version"],
        "title": candidates["paper_title"], "published": candidates["publication_date"],
        "primary_category": candidates["primary_category"], "categories": candidates["categories"],
        "doi": candidates["doi"], "training_compute_flop": candidates["training_compute_flop"],
        "compute_method": candidates["compute_method"],
        "compute_evidence": candidates["compute_evidence"],
        "model_id": candidates["arxiv_id"].map(linked),
        "raw_sha256": candidates["raw_sha256"],
    })
    papers = papers.sort_values(["published", "arxiv_id"], kind="stable", na_position="last")
    return Paper.validate(papers.reset_index(drop=True))


def papers_csv_bytes(papers: pd.DataFrame) -> bytes:
    """The canonical CSV form of ``papers.csv``: ISO dates, LF line ends."""
    return papers.to_csv(index=False, date_format="%Y-%m-%d", lineterminator="\n").encode("utf-8")


def papers_hash(papers: pd.DataFrame) -> str:
    """sha256 of the canonical ``papers.csv``: a version whose papers changed is a new version."""
    return hashlib.sha256(papers_csv_bytes(papers)).hexdigest()
