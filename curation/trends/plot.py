"""The trend chart: training compute against publication date on a log scale, with each era's fit."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only; never needs a display

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.transforms import Bbox

from curation.trends.chart_data import ChartData, chart_data
from curation.trends.fits import ERA_COLOURS, TrendOptions
from curation.trends.history import DATA_DATE

_COLOURS = ERA_COLOURS


NO_DATA = "No model has a training-compute figure yet: nothing to fit."


LABELLED = 8
LABEL_BOX = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7}
LABELLED_FULL = 3  # the whole history squeezes the recent models together: fewer labels
# where a label may go, in points from its dot: right, left, then a step up or down on either side,
# then above or below, then further out; a label not level with its dot has a thin leader line
LABEL_OFFSETS = [(7, -3), (-7, -3), (8, 7), (-8, 7), (8, -13), (-8, -13), (0, 8), (0, -14),
                 (12, 16), (-12, 16), (12, -22), (-12, -22)]
LEADER = {"arrowstyle": "-", "lw": 0.5, "color": "#666666", "shrinkA": 0, "shrinkB": 2}


def plot_no_data(path: Path, title: str) -> Path:
    """A PNG that says there is nothing to plot (a version of papers without figures)."""
    fig, ax = plt.subplots(figsize=(12, 7), dpi=120)
    ax.set_axis_off()
    ax.text(0.5, 0.5, NO_DATA, ha="center", va="center", fontsize=14)
    ax.set_title(title)
    fig.savefig(path)
    plt.close(fig)
    return path


def plot_trends(points: pd.DataFrame, fits: pd.DataFrame, options: TrendOptions, path: Path,
                title: str = "Training compute of ML models", subset: str = "all", version_label: str = "",
                view_start: pd.Timestamp | None = None, breaks: list[dict[str, object]] | None = None,
                label_largest: int | None = None) -> Path:
    """Write a PNG of the points ``fits`` were fitted on: each era's line with its 90% bootstrap band
    and doubling time, the frontier outlined, excluded outliers crossed out, ``breaks`` (an automatic
    search's) with their intervals, and the largest models labelled beside their points. With
    ``view_start`` the axes begin there (the deep-learning-era view); the subset and the version are
    named under the title."""
    chart = chart_data(points, fits, options, title, subset, version_label, view_start, breaks)
    return draw_png(chart, path, label_largest)


def draw_png(chart: ChartData, path: Path, label_largest: int | None = None) -> Path:
    """Write the PNG of ``chart`` (see :func:`plot_trends`): up to ``label_largest`` labels, by default
    :data:`LABELLED` in a view from a start and :data:`LABELLED_FULL` over the whole history."""
    fig, ax = plt.subplots(figsize=(12, 7), dpi=120)
    for era in chart.eras:
        if chart.view_start is not None and not (era.points["publication_date"] >= chart.view_start).any():
            continue  # an era wholly before the view: no legend entry for what is not drawn
        ax.scatter(era.points["publication_date"], era.points["training_compute_flop"], s=16, alpha=0.55,
                   color=era.colour, edgecolors="none", label=f"{era.label} (n={len(era.points)})")
        if era.line is None:
            continue
        ax.fill_between(era.line_dates, era.low, era.high, color=era.colour, alpha=0.18, linewidth=0)
        ax.plot(era.line_dates, era.line, color=era.colour, lw=2.2, label=f"{era.legend}, 90% band")
    if not chart.frontier.empty:
        ax.scatter(chart.frontier["publication_date"], chart.frontier["training_compute_flop"], s=30,
                   facecolors="none", edgecolors="black", linewidths=0.8,
                   label=f"frontier when published (n={len(chart.frontier)})")
    if not chart.excluded.empty:
        ax.scatter(chart.excluded["publication_date"], chart.excluded["training_compute_flop"], s=28,
                   marker="x", color="#777777", linewidths=1.0,
                   label=f"excluded low outliers (n={len(chart.excluded)})")
    for change in chart.breaks:
        low, high = (pd.Timestamp(d) for d in change["ci90"])
        ax.axvspan(low, high, color="#999999", alpha=0.12, linewidth=0)
        ax.axvline(pd.Timestamp(change["date"]), color="#555555", ls=":", lw=1.4,
                   label=f"trend break {change['date']} "
                         f"(90% interval {change['ci90'][0]} – {change['ci90'][1]})")
    for cut in chart.breakpoints:
        ax.axvline(pd.Timestamp(cut), color="grey", ls="--", lw=1)
    ax.set_yscale("log")
    _set_view(ax, chart)
    ax.set_xlabel("Publication date", fontsize=12)
    ax.set_ylabel("Training compute (FLOP)", fontsize=12)
    fig.suptitle(chart.title, fontsize=15, y=0.985)
    ax.set_title(chart.subtitle, fontsize=10.5, color="#444444")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(loc="upper left", fontsize=8.5, frameon=True, framealpha=0.9)
    fig.tight_layout()
    if label_largest is None:
        label_largest = LABELLED if chart.view_start is not None else LABELLED_FULL
    place_labels(ax, chart.shown.nlargest(label_largest, "training_compute_flop"))
    fig.savefig(path)
    plt.close(fig)
    return path


def place_labels(ax: plt.Axes, rows: pd.DataFrame) -> list[plt.Text]:
    """Label each row's point with its model name right beside it, at the first of
    :data:`LABEL_OFFSETS` where the text stays inside the axes and overlaps neither the legend, nor
    another labelled point, nor a label placed before it (rows in order, largest first); a label with
    no free place is left out rather than drawn over another. Returns the labels drawn."""
    renderer = ax.figure.canvas.get_renderer()
    inside = ax.get_window_extent(renderer)
    placed: list[plt.Text] = []
    dots = [_dot_box(ax, row) for _, row in rows.iterrows()]  # no label covers a labelled point
    legend = ax.get_legend()
    boxes: list[Bbox] = [legend.get_window_extent(renderer)] if legend is not None else []
    for number, (_, row) in enumerate(rows.iterrows()):
        others = dots[:number] + dots[number + 1:]
        for dx, dy in LABEL_OFFSETS:
            point = (row["publication_date"], row["training_compute_flop"])
            label = ax.annotate(str(row["model"])[:32], point, xytext=(dx, dy), textcoords="offset points",
                                fontsize=7.5, color="#222222", arrowprops=LEADER if abs(dy) > 3 else None,
                                ha="left" if dx > 0 else "right" if dx < 0 else "center", bbox=LABEL_BOX)
            box = label.get_window_extent(renderer)
            fits_inside = (box.x0 >= inside.x0 and box.x1 <= inside.x1 and box.y0 >= inside.y0
                           and box.y1 <= inside.y1)
            if fits_inside and not any(box.overlaps(other) for other in boxes + others):
                placed.append(label)
                boxes.append(box)
                break
            label.remove()
    return placed


def _dot_box(ax: plt.Axes, row: pd.Series, half: float = 4.0) -> Bbox:
    """The box a labelled point's dot covers on the canvas (``half`` pixels each way)."""
    x, y = ax.transData.transform((mdates.date2num(row["publication_date"]), row["training_compute_flop"]))
    return Bbox.from_extents(x - half, y - half, x + half, y + half)


def _set_view(ax: plt.Axes, chart: ChartData) -> None:
    shown = chart.shown
    if shown.empty:
        return
    first, last = shown["publication_date"].min(), shown["publication_date"].max()
    pad = (last - first) * 0.03 + pd.Timedelta(days=30)
    ax.set_xlim(chart.view_start or first - pad, last + pad)
    low, high = shown["training_compute_flop"].min(), shown["training_compute_flop"].max()
    ax.set_ylim(low / 3, high * 8)  # head room for the top labels
    years = (last - (chart.view_start or first)).days / 365.25
    ax.xaxis.set_major_locator(mdates.YearLocator(base=10 if years > 30 else 2 if years > 8 else 1))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def plot_history(history: pd.DataFrame, path: Path, title: str = "Doubling time as data arrived") -> Path:
    """Write a PNG of each (subset, era)'s doubling time and 90% CI against the date of the data each
    version holds (:data:`curation.trends.history.DATA_DATE`): one panel per subset, so that subsets
    never hide each other, one colour per era."""
    subsets = list(dict.fromkeys(history["subset"])) or ["all"]
    fig, axes = plt.subplots(len(subsets), 1, figsize=(10, 2.6 + 2.4 * len(subsets)), dpi=120,
                             sharex=True, squeeze=False)
    eras = list(dict.fromkeys(history["era"]))
    for ax, subset in zip(axes[:, 0], subsets, strict=True):
        for era, group in history[history["subset"] == subset].groupby("era", sort=False):
            group = group.assign(when=pd.to_datetime(group[DATA_DATE])).sort_values(["when", "version"])
            colour = _COLOURS[eras.index(era) % len(_COLOURS)]
            low = (group["doubling_months"] - group["doubling_months_ci90_low"]).clip(lower=0)
            high = (group["doubling_months_ci90_high"] - group["doubling_months"]).clip(lower=0)
            ax.errorbar(group["when"], group["doubling_months"], yerr=[low, high], marker="o", capsize=3,
                        color=colour, label=era)
        ax.set_title(f"subset: {subset}", fontsize=11, loc="left")
        ax.set_ylabel("doubling (months)", fontsize=10)
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8.5, loc="upper left")
    axes[-1, 0].set_xlabel("date of the data (newest snapshot date of the version's inputs)",
                           fontsize=11)
    axes[-1, 0].xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    fig.suptitle(title, fontsize=14)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path
