"""Trend-fit results: one row per era (``trends.json`` and ``flopwatch refit --json``)."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

FIT_COLUMNS = [
    "era", "start", "end", "n", "slope_oom_per_year", "growth_per_year", "doubling_months",
    "doubling_months_ci90_low", "doubling_months_ci90_high", "r2",
]


class TrendFit(pa.DataFrameModel):
    """A log-linear fit of training compute against time over one era.

    Statistics are null when the era holds fewer than three dated models with compute; a doubling
    time (or CI bound) is null when the slope is not positive, i.e. compute is not growing.
    """

    era: Series[str] = pa.Field(str_length={"min_value": 1})
    start: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}$")
    end: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}$")
    n: Series[int] = pa.Field(ge=0)
    slope_oom_per_year: Series[float] = pa.Field(nullable=True)
    growth_per_year: Series[float] = pa.Field(nullable=True, gt=0)
    doubling_months: Series[float] = pa.Field(nullable=True, gt=0)
    doubling_months_ci90_low: Series[float] = pa.Field(nullable=True, gt=0)
    doubling_months_ci90_high: Series[float] = pa.Field(nullable=True, gt=0)
    r2: Series[float] = pa.Field(nullable=True, ge=0, le=1)

    class Config:
        strict = True
        coerce = True
        ordered = True
