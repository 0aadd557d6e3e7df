"""Trend refit: OLS of log10(training compute) on fractional year, per era, with bootstrap CIs.

Eras are cut at breakpoint dates (default 2010-01-01). Each era reports n, slope (orders of
magnitude per year), growth per year, doubling time in months with a percentile-bootstrap interval
(seeded, vectorised), and R².
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from curation.units import pfs_days_to_flop
from schemas.trends import FIT_COLUMNS, TrendFit

MONTHS_PER_YEAR = 12
LOG10_2 = math.log10(2)
MIN_POINTS = 3

DATE_COLUMNS = ["publication_date", "Publication date"]
FLOP_COLUMNS = ["training_compute_flop", "Training compute (FLOP)"]
PFS_DAY_COLUMNS = ["overall_peta_flop_days", "petaflop_s_days", "pfs_days"]
NAME_COLUMNS = ["model", "Model", "System", "result"]


class TrendInputError(ValueError):
    """A table cannot be fitted (no date or compute column); the message names the file."""


@dataclass(frozen=True)
class TrendOptions:
    """How to fit: era breakpoints, the data window, and the bootstrap."""

    breakpoints: tuple[str, ...] = ("2010-01-01",)
    since: str | None = None
    until: str | None = None
    n_bootstrap: int = 1000
    seed: int = 2018
    ci: float = 0.90


def fractional_year(dates: pd.Series) -> np.ndarray:
    """Dates as decimal years (2020-07-02 → about 2020.5)."""
    dates = pd.to_datetime(dates)
    start = pd.to_datetime(dates.dt.year.astype(str) + "-01-01")
    days_in_year = np.where(dates.dt.is_leap_year, 366.0, 365.0)
    return (dates.dt.year + (dates - start).dt.days / days_in_year).to_numpy(dtype=float)


def compute_points(table: pd.DataFrame, label: str = "table") -> pd.DataFrame:
    """Columns ``model``, ``publication_date``, ``training_compute_flop`` from a table that uses
    flopwatch's, Epoch's or OpenAI's (petaflop/s-days) column names; rows lacking either are dropped."""
    date_col = next((c for c in DATE_COLUMNS if c in table.columns), None)
    if date_col is None:
        raise TrendInputError(f"{label}: no publication-date column (expected one of {DATE_COLUMNS})")
    flop_col = next((c for c in FLOP_COLUMNS if c in table.columns), None)
    pfs_col = next((c for c in PFS_DAY_COLUMNS if c in table.columns), None)
    if flop_col is not None:
        compute = pd.to_numeric(table[flop_col], errors="coerce")
    elif pfs_col is not None:
        compute = pfs_days_to_flop(pd.to_numeric(table[pfs_col], errors="coerce"))
    else:
        raise TrendInputError(
            f"{label}: no training-compute column (expected one of {FLOP_COLUMNS + PFS_DAY_COLUMNS})"
        )
    name_col = next((c for c in NAME_COLUMNS if c in table.columns), None)
    points = pd.DataFrame({
        "model": table[name_col].astype(str) if name_col else pd.Series("", index=table.index),
        "publication_date": pd.to_datetime(table[date_col], errors="coerce", format="ISO8601"),
        "training_compute_flop": compute.astype(float),
    })
    valid = points["publication_date"].notna() & (points["training_compute_flop"] > 0)
    return points[valid].reset_index(drop=True)


def read_compute_table(path: Path) -> pd.DataFrame:
    """Fit-ready points from a CSV (see :func:`compute_points`)."""
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise TrendInputError(f"{path}: cannot read as CSV ({exc})") from exc
    return compute_points(table, label=str(path))


def era_bounds(breakpoints: tuple[str, ...]) -> list[tuple[str, pd.Timestamp | None, pd.Timestamp | None]]:
    """(label, start, end) per era; the first era has no start and the last no end."""
    cuts = sorted(pd.Timestamp(b) for b in breakpoints)
    edges: list[pd.Timestamp | None] = [None, *cuts, None]
    eras = []
    for start, end in itertools.pairwise(edges):
        if start is None and end is None:
            label = "all"
        elif start is None:
            label = f"before {end:%Y-%m-%d}"
        elif end is None:
            label = f"from {start:%Y-%m-%d}"
        else:
            label = f"{start:%Y-%m-%d} to {end:%Y-%m-%d}"
        eras.append((label, start, end))
    return eras


def ols(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """Slope, intercept and R² of y on x."""
    slope, intercept = np.polyfit(x, y, 1)
    residual = y - (slope * x + intercept)
    total = ((y - y.mean()) ** 2).sum()
    r2 = 1.0 - (residual**2).sum() / total if total > 0 else float("nan")
    return float(slope), float(intercept), float(r2)


def bootstrap_slopes(x: np.ndarray, y: np.ndarray, n_resamples: int, seed: int) -> np.ndarray:
    """OLS slopes of ``n_resamples`` resamples of the points, all at once."""
    rng = np.random.default_rng(seed)
    index = rng.integers(0, len(x), size=(n_resamples, len(x)))
    xs, ys = x[index], y[index]
    xc = xs - xs.mean(axis=1, keepdims=True)
    yc = ys - ys.mean(axis=1, keepdims=True)
    variance = (xc**2).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        slopes = (xc * yc).sum(axis=1) / variance
    return slopes[np.isfinite(slopes)]


def doubling_months(slope_oom_per_year: float) -> float | None:
    """Months for compute to double at this slope; None when it is not growing."""
    if slope_oom_per_year is None or not np.isfinite(slope_oom_per_year) or slope_oom_per_year <= 0:
        return None
    return MONTHS_PER_YEAR * LOG10_2 / slope_oom_per_year


def fit_era(label: str, start: str | None, end: str | None, x: np.ndarray, y: np.ndarray,
            options: TrendOptions) -> dict[str, object]:
    """The statistics of one era's points (nulls with fewer than three points)."""
    row: dict[str, object] = dict.fromkeys(FIT_COLUMNS)
    row.update(era=label, start=start, end=end, n=len(x))
    if len(x) < MIN_POINTS or np.ptp(x) == 0:
        return row
    slope, _, r2 = ols(x, y)
    slopes = bootstrap_slopes(x, y, options.n_bootstrap, options.seed)
    tail = (1 - options.ci) / 2 * 100
    low_slope, high_slope = np.percentile(slopes, [tail, 100 - tail])
    row.update(
        slope_oom_per_year=slope,
        growth_per_year=10**slope,
        doubling_months=doubling_months(slope),
        # a steeper slope is a shorter doubling: the interval's ends swap
        doubling_months_ci90_low=doubling_months(high_slope),
        doubling_months_ci90_high=doubling_months(low_slope),
        r2=r2,
    )
    return row


def select_points(points: pd.DataFrame, options: TrendOptions) -> pd.DataFrame:
    """The points a fit uses: dated, with positive compute, inside ``since``..``until``."""
    data = points.dropna(subset=["publication_date", "training_compute_flop"])
    data = data[data["training_compute_flop"] > 0]
    if options.since:
        data = data[data["publication_date"] >= pd.Timestamp(options.since)]
    if options.until:
        data = data[data["publication_date"] <= pd.Timestamp(options.until)]
    return data


def era_points(data: pd.DataFrame, start: pd.Timestamp | None, end: pd.Timestamp | None) -> pd.DataFrame:
    """The rows of ``data`` published in [start, end); a None bound is open."""
    mask = pd.Series(True, index=data.index)
    if start is not None:
        mask &= data["publication_date"] >= start
    if end is not None:
        mask &= data["publication_date"] < end
    return data[mask]


def fit_trends(points: pd.DataFrame, options: TrendOptions = TrendOptions()) -> pd.DataFrame:
    """One fit per era over ``points`` (publication_date, training_compute_flop)."""
    data = select_points(points, options)
    rows = []
    for label, start, end in era_bounds(options.breakpoints):
        era = era_points(data, start, end)
        first = start if start is not None else era["publication_date"].min()
        last = end if end is not None else era["publication_date"].max()
        rows.append(fit_era(
            label, _iso(first), _iso(last), fractional_year(era["publication_date"]),
            np.log10(era["training_compute_flop"].to_numpy(dtype=float)), options,
        ))
    return TrendFit.validate(pd.DataFrame(rows, columns=FIT_COLUMNS))


def _iso(value: object) -> str | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def fits_to_records(fits: pd.DataFrame) -> list[dict[str, object]]:
    """Fits in the published JSON shape (``doubling_months_ci90`` as ``[low, high]``)."""
    records = []
    for row in fits.to_dict(orient="records"):
        clean = {key: (None if isinstance(v, float) and not np.isfinite(v) else v) for key, v in row.items()}
        records.append({
            "era": clean["era"], "start": clean["start"], "end": clean["end"], "n": int(clean["n"]),
            "slope_oom_per_year": clean["slope_oom_per_year"],
            "growth_per_year": clean["growth_per_year"],
            "doubling_months": clean["doubling_months"],
            "doubling_months_ci90": [clean["doubling_months_ci90_low"], clean["doubling_months_ci90_high"]],
            "r2": clean["r2"],
        })
    return records
