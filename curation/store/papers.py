"""``papers.csv``: every paper a paper source (arXiv) collected, with its primary compute estimate and
the models linked to it by arXiv id (the linking itself is :mod:`curation.resolve.rules`'s rule 2: a paper
without a compute figure joins the model citing it, or stays a paper only until a later source
supplies its model)."""

from __future__ import annotations

import hashlib

import pandas as pd

from curation.store.csv_cells import neutralized
from schemas.papers import PAPER_COLUMNS, Paper


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
    """The canonical CSV form of ``papers.csv``: ISO dates, LF line ends, formulas neutralized."""
    text = neutralized(papers).to_csv(index=False, date_format="%Y-%m-%d", lineterminator="\n")
    return text.encode("utf-8")


def papers_hash(papers: pd.DataFrame) -> str:
    """sha256 of the canonical ``papers.csv``: a version whose papers changed is a new version."""
    return hashlib.sha256(papers_csv_bytes(papers)).hexdigest()
