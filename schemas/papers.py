"""The published papers table (``papers.csv``): one row per paper a paper source collected."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.fields import MAX_TRAINING_COMPUTE_FLOP

ARXIV_ID = r"^(\d{4}\.\d{4,5}|[a-z][a-z.-]*(\.[A-Z]{2})?/\d{7})$"  # new-style or old-style, no version
PAPER_COLUMNS = [
    "arxiv_id", "version", "title", "published", "primary_category", "categories", "doi",
    "training_compute_flop", "compute_method", "compute_evidence", "model_id", "raw_sha256",
]


class Paper(pa.DataFrameModel):
    """A paper, its primary compute estimate (if its full text gave one) and its linked models."""

    arxiv_id: Series[str] = pa.Field(unique=True, str_matches=ARXIV_ID,
                                     description="arXiv identifier, without version.")
    version: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, description="arXiv version read.")
    title: Series[str] = pa.Field(nullable=True, description="Paper title.")
    published: Series[pa.DateTime] = pa.Field(nullable=True, description="Date of the first arXiv version.")
    primary_category: Series[str] = pa.Field(nullable=True, description="arXiv primary category.")
    categories: Series[str] = pa.Field(nullable=True, description="arXiv categories, ';'-separated.")
    doi: Series[str] = pa.Field(nullable=True, description="DOI of the paper.")
    training_compute_flop: Series[float] = pa.Field(
        nullable=True, gt=0, le=MAX_TRAINING_COMPUTE_FLOP,
        description="Primary training-compute estimate from the full text, in FLOP.")
    compute_method: Series[str] = pa.Field(nullable=True, description="How the estimate was made.")
    compute_evidence: Series[str] = pa.Field(nullable=True,
                                            description="The sentence the estimate comes from, verbatim.")
    model_id: Series[str] = pa.Field(nullable=True, str_matches=r"^fw_[0-9a-f]{12}(;fw_[0-9a-f]{12})*$",
                                     description="The models the paper is linked to, ';'-separated.")
    raw_sha256: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$",
                                       description="sha256 of the raw payload (data/raw).")

    class Config:
        strict = True
        coerce = True
