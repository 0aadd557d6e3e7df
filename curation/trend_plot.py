"""The trend chart: training compute against publication date on a log scale, with each era's fit."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only; never needs a display

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from curation.trends import (
    TrendOptions,
    era_bounds,
    era_points,
    fractional_year,
    ols,
    select_points,
)

_COLOURS = ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860"]


def _year_to_date(years: np.ndarray) -> list[pd.Timestamp]:
    whole = np.floor(years).astype(int)
    return [pd.Timestamp(year=int(y), month=1, day=1) + pd.Timedelta(days=float(f) * 365.25)
            for y, f in zip(whole, years - whole, strict=True)]


def plot_trends(points: pd.DataFrame, fits: pd.DataFrame, options: TrendOptions,
                path: Path, title: str = "Training compute of ML models") -> Path:
    """Write a PNG of the points ``fits`` were fitted on, with each era's line and doubling time."""
    fig, ax = plt.subplots(figsize=(11, 6.5), dpi=120)
    data = select_points(points, options)
    eras = era_bounds(options.breakpoints)
    for index, ((label, start, end), fit) in enumerate(zip(eras, fits.itertuples(), strict=True)):
        colour = _COLOURS[index % len(_COLOURS)]
        era = era_points(data, start, end)
        ax.scatter(era["publication_date"], era["training_compute_flop"], s=14, alpha=0.55,
                   color=colour, edgecolors="none", label=f"{label} (n={len(era)})")
        if fit.slope_oom_per_year is None or pd.isna(fit.slope_oom_per_year) or len(era) < 3:
            continue
        x = fractional_year(era["publication_date"])
        y = np.log10(era["training_compute_flop"].to_numpy(dtype=float))
        slope, intercept, _ = ols(x, y)
        line_x = np.linspace(x.min(), x.max(), 50)
        doubling = (f"{fit.doubling_months:.1f} mo doubling"
                    if fit.doubling_months is not None and not pd.isna(fit.doubling_months)
                    else "no growth")
        ax.plot(_year_to_date(line_x), 10 ** (slope * line_x + intercept), color=colour, lw=2.2,
                label=f"fit {label}: {fit.growth_per_year:.2f}×/yr, {doubling}")
    for cut in options.breakpoints:
        ax.axvline(pd.Timestamp(cut), color="grey", ls="--", lw=1)
    ax.set_yscale("log")
    ax.set_xlabel("Publication date", fontsize=12)
    ax.set_ylabel("Training compute (FLOP)", fontsize=12)
    ax.set_title(title, fontsize=14)
    ax.xaxis.set_major_locator(mdates.YearLocator(base=10 if _span_years(data) > 30 else 2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(loc="upper left", fontsize=9, frameon=True)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def _span_years(data: pd.DataFrame) -> float:
    if data.empty:
        return 0.0
    return (data["publication_date"].max() - data["publication_date"].min()).days / 365.25
