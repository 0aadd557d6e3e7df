"""The published table: one row per model (``models.csv`` / ``models.parquet``)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.fields import TrainingRunFields

CURATED_SCHEMA_VERSION = "4"  # 2: training_compute_source, compute_conflict; 3: derived_from;
# 4: Epoch's compute bounds, frontier flag and table membership, hardware quantity, time, cost, power

MODEL_COLUMNS = [
    "model_id", "model", "publication_date", "organization", "domain", "country", "parameters",
    "training_compute_flop", "training_dataset_size", "compute_method", "compute_evidence",
    "confidence", "training_compute_source", "compute_conflict", "notable", "hardware", "link",
    "arxiv_id", "doi", "sources", "derived_from",
    "training_compute_lower_flop", "training_compute_upper_flop", "frontier_model", "in_frontier_table",
    "in_large_scale_table", "hardware_quantity", "training_time_hours", "training_cost_usd_2023",
    "training_power_draw_w",
]
# model_sources.csv: every value every source gave, for every model
SOURCE_VALUE_COLUMNS = ["model_id", "source", "source_record_id", "field", "value", "evidence", "url",
                        "raw_sha256"]
# links.csv: why each source record belongs to its model
LINK_COLUMNS = ["model_id", "source", "source_record_id", "record_model", "rule", "detail"]


class CuratedModel(TrainingRunFields):
    """One model, merged from every candidate that names it."""

    model_id: Series[str] = pa.Field(unique=True, str_matches=r"^fw_[0-9a-f]{12}$",
                                     description="flopwatch's stable id of the model; never reused.")
    model: Series[str] = pa.Field(unique=True, str_length={"min_value": 1}, description="Model name.")
    training_compute_source: Series[str] = pa.Field(
        nullable=True, description="The source whose figure training_compute_flop is (epoch, arxiv, "
                                   "huggingface).")
    compute_conflict: Series[bool] = pa.Field(
        description="True when the model's sources disagree on its compute by more than 3×.")
    notable: Series[bool] = pa.Field(description="True when Epoch AI lists the model as notable.")
    sources: Series[str] = pa.Field(str_length={"min_value": 1},
                                    description="The sources with a record of the model, ';'-separated.")
    derived_from: Series[str] = pa.Field(
        nullable=True, str_matches=r"^fw_[0-9a-f]{12}$",
        description="model_id of the model this one was fine-tuned, instructed or quantized from.")
    frontier_model: Series[bool] = pa.Field(description="True when Epoch AI flags the model as a frontier "
                                                        "model.")
    in_frontier_table: Series[bool] = pa.Field(description="True when Epoch AI's frontier-models table "
                                                           "lists the model.")
    in_large_scale_table: Series[bool] = pa.Field(description="True when Epoch AI's large-scale-models "
                                                              "table lists the model.")

    class Config:
        strict = True
        coerce = True


def empty_models() -> pd.DataFrame:
    """A zero-row curated table with the schema's dtypes."""
    return CuratedModel.validate(pd.DataFrame(columns=MODEL_COLUMNS))
