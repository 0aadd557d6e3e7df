"""Fields and checks shared by every table that describes a training run (candidates, models)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

# Epoch AI's confidence vocabulary, which flopwatch adopts for every source.
CONFIDENCE_LEVELS = ["Confident", "Likely", "Speculative", "Unknown", "Unverified"]

MAX_TRAINING_COMPUTE_FLOP = 1e31
EARLIEST_PUBLICATION = date(1950, 1, 1)
FUTURE_TOLERANCE = timedelta(days=30)


def latest_plausible_date() -> pd.Timestamp:
    """The latest publication date accepted today: today plus a small tolerance."""
    return pd.Timestamp(date.today() + FUTURE_TOLERANCE)


class TrainingRunFields(pa.DataFrameModel):
    """What is known about one training run, with checks that give each value a meaning."""

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
    link: Series[str] = pa.Field(nullable=True)
    arxiv_id: Series[str] = pa.Field(nullable=True)
    doi: Series[str] = pa.Field(nullable=True)
    hardware: Series[str] = pa.Field(nullable=True)

    # The method's name is the check's name in quarantine files. (Not ``name=``: pandera 0.35 pops
    # that keyword when it builds the first model, so subclasses after the first would lose it.)
    @pa.check("publication_date")
    @classmethod
    def publication_date_from_1950_to_today_plus_30_days(cls, dates: Series[pd.Timestamp]) -> Series[bool]:
        earliest = pd.Timestamp(EARLIEST_PUBLICATION)
        return dates.isna() | ((dates >= earliest) & (dates <= latest_plausible_date()))
