"""The published table: one row per model (``models.csv`` / ``models.parquet``)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.fields import TrainingRunFields

CURATED_SCHEMA_VERSION = "3"  # 2: training_compute_source, compute_conflict; 3: derived_from

MODEL_COLUMNS = [
    "model_id", "model", "publication_date", "organization", "domain", "country", "parameters",
    "training_compute_flop", "training_dataset_size", "compute_method", "compute_evidence",
    "confidence", "training_compute_source", "compute_conflict", "notable", "hardware", "link",
    "arxiv_id", "doi", "sources", "derived_from",
]
# model_sources.csv: every value every source gave, for every model
SOURCE_VALUE_COLUMNS = ["model_id", "source", "source_record_id", "field", "value", "evidence", "url",
                        "raw_sha256"]
# links.csv: why each source record belongs to its model
LINK_COLUMNS = ["model_id", "source", "source_record_id", "record_model", "rule", "detail"]


class CuratedModel(TrainingRunFields):
    """One model, merged from every candidate that names it."""

    model_id: Series[str] = pa.Field(unique=True, str_matches=r"^fw_[0-9a-f]{12}$")
    model: Series[str] = pa.Field(unique=True, str_length={"min_value": 1})
    training_compute_source: Series[str] = pa.Field(nullable=True)
    compute_conflict: Series[bool]
    notable: Series[bool]
    sources: Series[str] = pa.Field(str_length={"min_value": 1})
    # the model this one was fine-tuned, instructed or quantized from (its model_id), when known
    derived_from: Series[str] = pa.Field(nullable=True, str_matches=r"^fw_[0-9a-f]{12}$")

    class Config:
        strict = True
        coerce = True


def empty_models() -> pd.DataFrame:
    """A zero-row curated table with the schema's dtypes."""
    return CuratedModel.validate(pd.DataFrame(columns=MODEL_COLUMNS))
