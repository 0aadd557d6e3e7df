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

    publication_date: Series[pa.DateTime] = pa.Field(
        nullable=True, description="Date the model was first published (paper, announcement or release).")
    organization: Series[str] = pa.Field(nullable=True, description="Organization(s) that trained the model.")
    domain: Series[str] = pa.Field(nullable=True, description="Domain(s) of the model, comma-separated "
                                   "(e.g. Language, Vision).")
    country: Series[str] = pa.Field(nullable=True, description="Country of the training organization.")
    parameters: Series[float] = pa.Field(nullable=True, gt=0, description="Number of trainable parameters.")
    training_compute_flop: Series[float] = pa.Field(
        nullable=True, gt=0, le=MAX_TRAINING_COMPUTE_FLOP,
        description="Total training compute of the final training run, in floating-point operations.")
    training_dataset_size: Series[float] = pa.Field(
        nullable=True, ge=0, description="Training dataset size in datapoints (tokens for language models).")
    compute_method: Series[str] = pa.Field(
        nullable=True, description="How the compute figure was obtained (reported, hardware, operation "
                                   "counting, or the source's own method).")
    compute_evidence: Series[str] = pa.Field(
        nullable=True, description="The sentence or note the compute figure comes from, verbatim.")
    confidence: Series[str] = pa.Field(nullable=True, isin=CONFIDENCE_LEVELS,
                                       description="Confidence in the compute figure (Epoch AI's scale).")
    link: Series[str] = pa.Field(nullable=True, description="Link to the paper, card or announcement.")
    arxiv_id: Series[str] = pa.Field(nullable=True, description="arXiv identifier of the paper, without "
                                                                "version.")
    doi: Series[str] = pa.Field(nullable=True, description="DOI of the paper.")
    hardware: Series[str] = pa.Field(nullable=True, description="Accelerator(s) the model was trained on.")
    # Epoch AI's columns, kept as researchers use them
    training_compute_lower_flop: Series[float] = pa.Field(
        nullable=True, gt=0, le=MAX_TRAINING_COMPUTE_FLOP,
        description="Lower bound of the training compute figure, in FLOP, where the source gives one.")
    training_compute_upper_flop: Series[float] = pa.Field(
        nullable=True, gt=0, le=MAX_TRAINING_COMPUTE_FLOP,
        description="Upper bound of the training compute figure, in FLOP, where the source gives one.")
    hardware_quantity: Series[float] = pa.Field(nullable=True, gt=0,
                                                description="Number of accelerators used for training.")
    training_time_hours: Series[float] = pa.Field(nullable=True, gt=0,
                                                  description="Wall-clock training time in hours.")
    training_cost_usd_2023: Series[float] = pa.Field(
        nullable=True, ge=0, description="Estimated cost of the training compute, in 2023 US dollars.")
    training_power_draw_w: Series[float] = pa.Field(
        nullable=True, ge=0, description="Estimated power draw of the training hardware, in watts.")

    # The method's name is the check's name in quarantine files. (Not ``name=``: pandera 0.35 pops
    # that keyword when it builds the first model, so subclasses after the first would lose it.)
    @pa.check("publication_date")
    @classmethod
    def publication_date_from_1950_to_today_plus_30_days(cls, dates: Series[pd.Timestamp]) -> Series[bool]:
        earliest = pd.Timestamp(EARLIEST_PUBLICATION)
        return dates.isna() | ((dates >= earliest) & (dates <= latest_plausible_date()))
