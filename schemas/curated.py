"""The published table: one row per model (``models.csv`` / ``models.parquet``)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.fields import TrainingRunFields

CURATED_SCHEMA_VERSION = "1"

MODEL_COLUMNS = [
    "model_id", "model", "publication_date", "organization", "domain", "country", "parameters",
    "training_compute_flop", "training_dataset_size", "compute_method", "compute_evidence",
    "confidence", "notable", "hardware", "link", "arxiv_id", "doi", "sources",
]


class CuratedModel(TrainingRunFields):
    """One model, merged from every candidate that names it."""

    model_id: Series[str] = pa.Field(unique=True, str_matches=r"^fw_[0-9a-f]{12}$")
    model: Series[str] = pa.Field(unique=True, str_length={"min_value": 1})
    notable: Series[bool]
    sources: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        strict = True
        coerce = True


def empty_models() -> pd.DataFrame:
    """A zero-row curated table with the schema's dtypes."""
    return CuratedModel.validate(pd.DataFrame(columns=MODEL_COLUMNS))
