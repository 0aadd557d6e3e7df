"""Trend refit: OLS of log10(training compute) on fractional year, per era, with bootstrap CIs.

Eras are cut at breakpoint dates (default 2010-01-01). Each era reports n, slope (orders of
magnitude per year), growth per year, doubling time in months with a percentile-bootstrap interval
(seeded, vectorised), and R². Options follow Sevilla et al. (2022): each estimate can be jittered in
the bootstrap by a log-uniform factor set by its confidence (:data:`JITTER_FACTOR`), and low outliers
(z < −2 against the models published within 1.5 years) can be dropped, each with its reason.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from curation.units import pfs_days_to_flop
from flopwatch.settings import Settings
from schemas.trends import FIT_COLUMNS, TrendFit

MONTHS_PER_YEAR = 12
# One colour per era (or per history line), shared by the PNG and HTML charts.
ERA_COLOURS = ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860"]
LOG10_2 = math.log10(2)
MIN_POINTS = 3
MIN_SPAN_YEARS = 0.5  # an era's points must span at least this long to be fitted

DATE_COLUMNS = ["publication_date", "Publication date"]
FLOP_COLUMNS = ["training_compute_flop", "Training compute (FLOP)"]
PFS_DAY_COLUMNS = ["overall_peta_flop_days", "petaflop_s_days", "pfs_days"]
NAME_COLUMNS = ["model", "Model", "System", "result"]
CONFIDENCE_COLUMNS = ["confidence", "Confidence"]
DOMAIN_COLUMNS = ["domain", "Domain"]

# Bootstrap jitter: each estimate is multiplied by a log-uniform factor in [1/f, f]. Sevilla et al. used
# f = 2 for every estimate; flopwatch widens it with Epoch's confidence (Confident 2, Likely 3,
# Speculative 10) and keeps 2 where the confidence is unknown.
JITTER_FACTOR = {"Confident": 2.0, "Likely": 3.0, "Speculative": 10.0}
DEFAULT_JITTER_FACTOR = 2.0
OUTLIER_Z = -2.0
OUTLIER_WINDOW_YEARS = 1.5
OUTLIER_MIN_NEIGHBOURS = 5


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
    jitter: bool = False
    drop_outliers: bool = False

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: object) -> TrendOptions:
        """The configured options (``FLOPWATCH_TREND_*``), with non-None ``overrides`` taking precedence."""
        options = cls(breakpoints=tuple(settings.trend_breakpoints), n_bootstrap=settings.trend_bootstrap,
                      seed=settings.trend_seed, ci=settings.trend_ci)
        return replace(options, **{key: value for key, value in overrides.items() if value is not None})


def fractional_year(dates: pd.Series) -> np.ndarray:
    """Dates as decimal years (2020-07-02 → about 2020.5)."""
    dates = pd.to_datetime(dates)
    start = pd.to_datetime(dates.dt.year.astype(str) + "-01-01")
    days_in_year = np.where(dates.dt.is_leap_year, 366.0, 365.0)
    return (dates.dt.year + (dates - start).dt.days / days_in_year).to_numpy(dtype=float)


def years_to_dates(years: np.ndarray) -> list[pd.Timestamp]:
    """Decimal years back to dates (the inverse of :func:`fractional_year`)."""
    dates = []
    for year in np.atleast_1d(years):
        whole = int(np.floor(year))
        start = pd.Timestamp(year=whole, month=1, day=1)
        days = (pd.Timestamp(year=whole + 1, month=1, day=1) - start).days
        dates.append(start + pd.Timedelta(days=float(year - whole) * days))
    return dates


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
        "confidence": _optional(table, CONFIDENCE_COLUMNS),
        "domain": _optional(table, DOMAIN_COLUMNS),
        "notable": _notable(table),
    })
    valid = points["publication_date"].notna() & (points["training_compute_flop"] > 0)
    return points[valid].reset_index(drop=True)


def _optional(table: pd.DataFrame, names: list[str]) -> pd.Series:
    column = next((c for c in names if c in table.columns), None)
    if column is None:
        return pd.Series(None, index=table.index, dtype=object)
    return table[column].where(table[column].astype(str).str.strip() != "", None)


def _notable(table: pd.DataFrame) -> pd.Series:
    """Whether a source marks each model notable (None where the table does not say)."""
    if "notable" in table.columns:
        return table["notable"].astype(str).str.lower().isin(["true", "1", "yes"])
    if "Notability criteria" in table.columns:
        return table["Notability criteria"].astype(str).str.strip() != ""
    return pd.Series(None, index=table.index, dtype=object)


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


def bootstrap_lines(x: np.ndarray, y: np.ndarray, n_resamples: int, seed: int,
                    jitter_log10: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """OLS slopes and intercepts of ``n_resamples`` resamples of the points, all at once; with
    ``jitter_log10`` (per point half-widths) each resampled y moves by a uniform amount in ±width."""
    rng = np.random.default_rng(seed)
    n = len(x)
    # Each resample as counts of how often it drew each point: sums become one matrix product.
    index = rng.integers(0, n, size=(n_resamples, n))
    counts = np.empty((n_resamples, n))
    for row, drawn in enumerate(index):
        counts[row] = np.bincount(drawn, minlength=n)
    origin = x.mean()
    xc = x - origin  # centred years keep the sums well conditioned
    sums = counts @ np.stack([xc, y, xc * xc, xc * y], axis=1)
    sx, sy, sxx, sxy = sums.T
    if jitter_log10 is not None:  # each point of a resample moves by its own draw
        shifted = counts * rng.uniform(-1.0, 1.0, size=counts.shape) * jitter_log10
        sy = sy + shifted.sum(axis=1)
        sxy = sxy + shifted @ xc
    with np.errstate(invalid="ignore", divide="ignore"):  # a resample of one repeated x has no slope
        slopes = (sxy - sx * sy / n) / (sxx - sx * sx / n)
        intercepts = (sy - slopes * sx) / n - slopes * origin
    keep = np.isfinite(slopes)
    return slopes[keep], intercepts[keep]


def bootstrap_slopes(x: np.ndarray, y: np.ndarray, n_resamples: int, seed: int) -> np.ndarray:
    """OLS slopes of ``n_resamples`` resamples of the points, all at once."""
    return bootstrap_lines(x, y, n_resamples, seed)[0]


def jitter_half_widths(confidence: pd.Series) -> np.ndarray:
    """log10 of each estimate's jitter factor, from its confidence (see :data:`JITTER_FACTOR`)."""
    factors = confidence.map(lambda level: JITTER_FACTOR.get(level, DEFAULT_JITTER_FACTOR))
    return np.log10(factors.to_numpy(dtype=float))


def low_outliers(points: pd.DataFrame) -> pd.Series:
    """A reason for each model whose log compute has z < −2 against the models published within
    1.5 years of it (at least five of them); empty where the model is not an outlier."""
    years = fractional_year(points["publication_date"])
    logs = np.log10(points["training_compute_flop"].to_numpy(dtype=float))
    near = np.abs(years[:, None] - years[None, :]) <= OUTLIER_WINDOW_YEARS
    np.fill_diagonal(near, False)
    count = near.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (near * logs[None, :]).sum(axis=1) / count
        std = np.sqrt((near * (logs[None, :] - mean[:, None]) ** 2).sum(axis=1) / count)
        z = (logs - mean) / std
    reasons = [f"low outlier: z = {zi:.2f} against {ci} models within {OUTLIER_WINDOW_YEARS:g} years"
               if ci >= OUTLIER_MIN_NEIGHBOURS and np.isfinite(zi) and zi < OUTLIER_Z else ""
               for zi, ci in zip(z, count, strict=True)]
    return pd.Series(reasons, index=points.index)


def doubling_months(slope_oom_per_year: float) -> float | None:
    """Months for compute to double at this slope; None when it is not growing."""
    if slope_oom_per_year is None or not np.isfinite(slope_oom_per_year) or slope_oom_per_year <= 0:
        return None
    return MONTHS_PER_YEAR * LOG10_2 / slope_oom_per_year


def fit_era(label: str, start: str | None, end: str | None, x: np.ndarray, y: np.ndarray,
            options: TrendOptions, jitter_log10: np.ndarray | None = None) -> dict[str, object]:
    """The statistics of one era's points (nulls with fewer than three points, or points spanning
    less than ``MIN_SPAN_YEARS``: a slope over a few days says nothing about a trend)."""
    row: dict[str, object] = dict.fromkeys(FIT_COLUMNS)
    row.update(era=label, start=start, end=end, n=len(x))
    if len(x) < MIN_POINTS or np.ptp(x) < MIN_SPAN_YEARS:
        return row
    slope, _, r2 = ols(x, y)
    slopes, _ = bootstrap_lines(x, y, options.n_bootstrap, options.seed,
                                jitter_log10 if options.jitter else None)
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


def excluded_models(points: pd.DataFrame, options: TrendOptions) -> pd.DataFrame:
    """The models an option removes from the fit (``model``, ``publication_date``, ``reason``)."""
    data = select_points(points, options)
    if not options.drop_outliers or data.empty:
        return pd.DataFrame(columns=["model", "publication_date", "reason"])
    reasons = low_outliers(data)
    out = data.loc[reasons != "", ["model", "publication_date"]].assign(reason=reasons[reasons != ""])
    return out.reset_index(drop=True)


def fit_trends(points: pd.DataFrame, options: TrendOptions = TrendOptions()) -> pd.DataFrame:
    """One fit per era over ``points`` (publication_date, training_compute_flop)."""
    data = select_points(points, options)
    if options.drop_outliers and not data.empty:
        data = data[low_outliers(data) == ""]
    rows = []
    for label, start, end in era_bounds(options.breakpoints):
        era = era_points(data, start, end)
        first = start if start is not None else era["publication_date"].min()
        last = end if end is not None else era["publication_date"].max()
        confidence = era["confidence"] if "confidence" in era else pd.Series(None, index=era.index)
        rows.append(fit_era(
            label, _iso(first), _iso(last), fractional_year(era["publication_date"]),
            np.log10(era["training_compute_flop"].to_numpy(dtype=float)), options,
            jitter_half_widths(confidence),
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
