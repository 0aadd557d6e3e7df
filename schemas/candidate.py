"""What every source emits: one candidate row per record it read.

Sources fill these columns with plain values (text is fine); :func:`schemas.validate.validate_candidates`
types them, checks them against :class:`Candidate` and quarantines the rows that fail.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.fields import TrainingRunFields

# Hostile input: the longest real model name is 135 characters (Epoch's all-models table); a name or
# record id far beyond these is not a name, and would be copied into every file of a version.
MAX_NAME, MAX_RECORD_ID = 300, 1000
FORMULA_START = r"[=+\-@]"
CONTROL_CHARACTERS = r"[\x00-\x08\x0b-\x1f\x7f]"
SCHEMA_VERSION = "4"  # 2: paper columns (paper_title, paper_version, categories); 3: base_model;
# 4: Epoch's bounds, hardware quantity, time, cost, power, frontier flags, record_modified

TEXT_COLUMNS = [
    "source", "source_record_id", "model", "organization", "domain", "country", "compute_method",
    "compute_evidence", "confidence", "link", "arxiv_id", "doi", "hardware", "raw_sha256",
    "fetched_at", "paper_title", "categories", "primary_category", "base_model", "record_modified",
]
# Epoch AI's descriptive figures: a bad value is dropped (and reported), the row kept
EPOCH_NUMBER_COLUMNS = ["training_compute_lower_flop", "training_compute_upper_flop", "hardware_quantity",
                        "training_time_hours", "training_cost_usd_2023", "training_power_draw_w"]
NUMBER_COLUMNS = ["parameters", "training_compute_flop", "training_dataset_size", *EPOCH_NUMBER_COLUMNS]
DATE_COLUMNS = ["publication_date"]
# membership flags: Epoch's "Frontier model" column, and the source table a record was listed in
MEMBERSHIP_FLAGS = ["frontier_model", "in_frontier_table", "in_large_scale_table"]
FLAG_COLUMNS = ["notable", *MEMBERSHIP_FLAGS]
ROW_COLUMNS = ["source_row", "paper_version"]
# Descriptive columns whose bad value is dropped (and reported) instead of quarantining the whole row:
# a malformed dataset size must not remove a model's compute figure from the trend.
SOFT_COLUMNS = ["training_dataset_size", "country", "hardware", "notable", "source_row", "paper_version",
                *EPOCH_NUMBER_COLUMNS, *MEMBERSHIP_FLAGS, "record_modified"]
CANDIDATE_COLUMNS = [
    "source", "source_record_id", "source_row", "model", "publication_date", "organization",
    "domain", "country", "parameters", "training_compute_flop", "training_dataset_size",
    "compute_method", "compute_evidence", "confidence", "notable", "link", "arxiv_id", "doi",
    "hardware", "raw_sha256", "fetched_at",
    # the paper a record comes from, when the source is a paper (arXiv): title, version, categories
    "paper_title", "paper_version", "categories", "primary_category",
    # the model this one was fine-tuned from, when its card says so (Hugging Face base_model)
    "base_model",
    *EPOCH_NUMBER_COLUMNS, *MEMBERSHIP_FLAGS,
    # when the source last edited the record (Epoch's "Last modified"): dates the snapshot it is in
    "record_modified",
]


class Candidate(TrainingRunFields):
    """One record from one source, before merging."""

    source: Series[str] = pa.Field(str_length={"min_value": 1})
    source_record_id: Series[str] = pa.Field(str_length={"min_value": 1, "max_value": MAX_RECORD_ID})
    source_row: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1)
    model: Series[str] = pa.Field(str_length={"min_value": 1, "max_value": MAX_NAME})
    notable: Series[pd.BooleanDtype] = pa.Field(nullable=True)
    raw_sha256: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    fetched_at: Series[str] = pa.Field(str_matches=r"^\d{4}-\d{2}-\d{2}T")
    paper_title: Series[str] = pa.Field(nullable=True)
    paper_version: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1)
    categories: Series[str] = pa.Field(nullable=True)  # ";"-separated
    primary_category: Series[str] = pa.Field(nullable=True)
    base_model: Series[str] = pa.Field(nullable=True)
    frontier_model: Series[pd.BooleanDtype] = pa.Field(nullable=True)
    in_frontier_table: Series[pd.BooleanDtype] = pa.Field(nullable=True)
    in_large_scale_table: Series[pd.BooleanDtype] = pa.Field(nullable=True)
    record_modified: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}")

    @pa.check("model")
    @classmethod
    def model_name_is_no_spreadsheet_formula_and_has_no_control_characters(
            cls, names: Series[str]) -> Series[bool]:
        """A name that starts with = + - @ would run as a formula where the data is opened; control
        characters break every table the name is written to."""
        return ~names.str.match(FORMULA_START) & ~names.str.contains(CONTROL_CHARACTERS)

    class Config:
        strict = "filter"
        coerce = True
