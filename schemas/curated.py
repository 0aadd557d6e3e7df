"""The published table: one row per model (``models.csv`` / ``models.parquet``)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.candidate import CONFIDENCE_LEVELS, MAX_TRAINING_COMPUTE_FLOP

CURATED_SCHEMA_VERSION = "1"

MODEL_COLUMNS = [
    "model_id", "model", "publication_date", "organization", "domain", "country", "parameters",
    "training_compute_flop", "training_dataset_size", "compute_method", "compute_evidence",
    "confidence", "notable", "hardware", "link", "arxiv_id", "doi", "sources",
]


class CuratedModel(pa.DataFrameModel):
    """One model, merged from every candidate that names it."""

    model_id: Series[str] = pa.Field(unique=True, str_matches=r"^fw_[0-9a-f]{12}$")
    model: Series[str] = pa.Field(unique=True, str_length={"min_value": 1})
    publication_date: Series[pa.DateTime] = pa.Field(nullable=True)
    organization: Series[str] = pa.Field(nullable=True)
    domain: Series[str] = pa.Field(nullable=True)
    country: Series[str] = pa.Field(nullable=True)
    parameters: Series[float] = pa.Field(nullable=True, gt=0)
    training_compute_flop: Series[float] = pa.Field(
        nullable=True, gt=0, le=MAX_TRAINING_COMPUTE_FLOP
    )
    training_dataset_size: Series[float] = pa.Field(nullable=True, ge=0)
    compute_method: Series[str] = pa.Field(nullable=True)
    compute_evidence: Series[str] = pa.Field(nullable=True)
    confidence: Series[str] = pa.Field(nullable=True, isin=CONFIDENCE_LEVELS)
    notable: Series[bool]
    hardware: Series[str] = pa.Field(nullable=True)
    link: Series[str] = pa.Field(nullable=True)
    arxiv_id: Series[str] = pa.Field(nullable=True)
    doi: Series[str] = pa.Field(nullable=True)
    sources: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        strict = True
        coerce = True
        ordered = True


def empty_models() -> pd.DataFrame:
    """A zero-row curated table with the schema's dtypes."""
    return CuratedModel.validate(pd.DataFrame(columns=MODEL_COLUMNS))
