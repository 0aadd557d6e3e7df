"""What every source emits: one candidate row per record it read.

Sources fill these columns with plain values (text is fine); :func:`schemas.validate.validate_candidates`
types them, checks them against :class:`Candidate` and quarantines the rows that fail.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

SCHEMA_VERSION = "1"

# Epoch AI's confidence vocabulary, which flopwatch adopts for every source.
CONFIDENCE_LEVELS = ["Confident", "Likely", "Speculative", "Unknown", "Unverified"]

MAX_TRAINING_COMPUTE_FLOP = 1e31
EARLIEST_PUBLICATION = date(1950, 1, 1)
FUTURE_TOLERANCE = timedelta(days=30)

TEXT_COLUMNS = [
    "source", "source_record_id", "model", "organization", "domain", "country", "compute_method",
    "compute_evidence", "confidence", "link", "arxiv_id", "doi", "hardware", "raw_sha256",
    "fetched_at",
]
NUMBER_COLUMNS = ["parameters", "training_compute_flop", "training_dataset_size"]
DATE_COLUMNS = ["publication_date"]
FLAG_COLUMNS = ["notable"]
ROW_COLUMNS = ["source_row"]
# Descriptive columns whose bad value is dropped (and reported) instead of quarantining the whole row:
# a malformed dataset size must not remove a model's compute figure from the trend.
SOFT_COLUMNS = ["training_dataset_size", "country", "hardware", "notable", "source_row"]
CANDIDATE_COLUMNS = [
    "source", "source_record_id", "source_row", "model", "publication_date", "organization",
    "domain", "country", "parameters", "training_compute_flop", "training_dataset_size",
    "compute_method", "compute_evidence", "confidence", "notable", "link", "arxiv_id", "doi",
    "hardware", "raw_sha256", "fetched_at",
]


def latest_plausible_date() -> pd.Timestamp:
    """The latest publication date accepted today: today plus a small tolerance."""
    return pd.Timestamp(date.today() + FUTURE_TOLERANCE)


class Candidate(pa.DataFrameModel):
    """One record from one source, before merging."""

    source: Series[str] = pa.Field(str_length={"min_value": 1})
    source_record_id: Series[str] = pa.Field(str_length={"min_value": 1})
    source_row: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1)
    model: Series[str] = pa.Field(str_length={"min_value": 1})
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
    notable: Series[pd.BooleanDtype] = pa.Field(nullable=True)
    link: Series[str] = pa.Field(nullable=True)
    arxiv_id: Series[str] = pa.Field(nullable=True)
    doi: Series[str] = pa.Field(nullable=True)
    hardware: Series[str] = pa.Field(nullable=True)
    raw_sha256: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    fetched_at: Series[str] = pa.Field(str_matches=r"^\d{4}-\d{2}-\d{2}T")

    @pa.check("publication_date", name="publication date between 1950-01-01 and today + 30 days")
    @classmethod
    def plausible_publication_date(cls, dates: Series[pd.Timestamp]) -> Series[bool]:
        earliest = pd.Timestamp(EARLIEST_PUBLICATION)
        return dates.isna() | ((dates >= earliest) & (dates <= latest_plausible_date()))

    class Config:
        strict = "filter"
        coerce = True
