"""The trend chart: training compute against publication date on a log scale, with each era's fit."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only; never needs a display

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from curation.trends.fits import (
    ERA_COLOURS,
    TrendOptions,
    bootstrap_lines,
    era_bounds,
    era_points,
    fractional_year,
    ols,
    select_points,
    years_to_dates,
)
from curation.trends.subsets import frontier_mask

_COLOURS = ERA_COLOURS


NO_DATA = "No model has a training-compute figure yet: nothing to fit."


def plot_no_data(path: Path, title: str) -> Path:
    """A PNG that says there is nothing to plot (a version of papers without figures)."""
    fig, ax = plt.subplots(figsize=(12, 7), dpi=120)
    ax.set_axis_off()
    ax.text(0.5, 0.5, NO_DATA, ha="center", va="center", fontsize=14)
    ax.set_title(title)
    fig.savefig(path)
    plt.close(fig)
    return path


def plot_trends(points: pd.DataFrame, fits: pd.DataFrame, options: TrendOptions,
                path: Path, title: str = "Training compute of ML models", label_largest: int = 6) -> Path:
    """Write a PNG of the points ``fits`` were fitted on: each era's line with its 90% bootstrap band
    and doubling time, frontier models outlined, and the largest models labelled."""
    fig, ax = plt.subplots(figsize=(12, 7), dpi=120)
    data = select_points(points, options)
    frontier = frontier_mask(data) if not data.empty else pd.Series(dtype=bool)
    eras = era_bounds(options.breakpoints)
    for index, ((label, start, end), fit) in enumerate(zip(eras, fits.itertuples(), strict=True)):
        colour = _COLOURS[index % len(_COLOURS)]
        era = era_points(data, start, end)
        ax.scatter(era["publication_date"], era["training_compute_flop"], s=14, alpha=0.5,
                   color=colour, edgecolors="none", label=f"{label} (n={len(era)})")
        if fit.slope_oom_per_year is None or pd.isna(fit.slope_oom_per_year) or len(era) < 3:
            continue
        x = fractional_year(era["publication_date"])
        y = np.log10(era["training_compute_flop"].to_numpy(dtype=float))
        slope, intercept, _ = ols(x, y)
        line_x = np.linspace(x.min(), x.max(), 60)
        slopes, intercepts = bootstrap_lines(x, y, min(options.n_bootstrap, 1000), options.seed)
        lines = slopes[:, None] * line_x[None, :] + intercepts[:, None]
        low, high = np.percentile(lines, [5, 95], axis=0)
        dates = years_to_dates(line_x)
        ax.fill_between(dates, 10**low, 10**high, color=colour, alpha=0.15, linewidth=0)
        doubling = (f"{fit.doubling_months:.1f} mo doubling"
                    if fit.doubling_months is not None and not pd.isna(fit.doubling_months)
                    else "no growth")
        ax.plot(dates, 10 ** (slope * line_x + intercept), color=colour, lw=2.2,
                label=f"fit {label}: {fit.growth_per_year:.2f}×/yr, {doubling} (90% band)")
    if frontier.any():
        front = data[frontier]
        ax.scatter(front["publication_date"], front["training_compute_flop"], s=26, facecolors="none",
                   edgecolors="black", linewidths=0.7, label=f"frontier (n={len(front)})")
    # the largest models crowd the top right corner: stack their labels to the left, with leader lines
    for rank, (_, row) in enumerate(data.nlargest(label_largest, "training_compute_flop").iterrows()):
        ax.annotate(str(row["model"])[:28], (row["publication_date"], row["training_compute_flop"]),
                    xytext=(-150, -12 - 11 * rank), textcoords="offset points", fontsize=7.5,
                    color="#333333", ha="right",
                    arrowprops={"arrowstyle": "-", "lw": 0.4, "color": "#888888"})
    for cut in options.breakpoints:
        ax.axvline(pd.Timestamp(cut), color="grey", ls="--", lw=1)
    ax.set_yscale("log")
    ax.set_xlabel("Publication date", fontsize=12)
    ax.set_ylabel("Training compute (FLOP)", fontsize=12)
    ax.set_title(title, fontsize=14)
    ax.xaxis.set_major_locator(mdates.YearLocator(base=10 if _span_years(data) > 30 else 2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(loc="upper left", fontsize=8.5, frameon=True)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def plot_history(history: pd.DataFrame, path: Path, title: str = "Doubling time as data arrived") -> Path:
    """Write a PNG of each (subset, era)'s doubling time and 90% CI over published versions."""
    fig, ax = plt.subplots(figsize=(10, 5.5), dpi=120)
    for index, ((subset, era), group) in enumerate(history.groupby(["subset", "era"], sort=False)):
        group = group.sort_values("version")
        colour = _COLOURS[index % len(_COLOURS)]
        low = group["doubling_months"] - group["doubling_months_ci90_low"]
        high = group["doubling_months_ci90_high"] - group["doubling_months"]
        ax.errorbar(group["version"], group["doubling_months"], yerr=[low.clip(lower=0), high.clip(lower=0)],
                    marker="o", capsize=3, color=colour, label=f"{subset}, {era}")
    ax.set_xlabel("dataset version", fontsize=12)
    ax.set_ylabel("doubling time (months)", fontsize=12)
    ax.set_title(title, fontsize=14)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8.5)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def _span_years(data: pd.DataFrame) -> float:
    if data.empty:
        return 0.0
    return (data["publication_date"].max() - data["publication_date"].min()).days / 365.25
