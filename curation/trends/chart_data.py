"""What a trend chart shows, the same for the PNG (:mod:`curation.trends.plot`) and the interactive
page (:mod:`curation.trends.html`): each era's points, fitted line and 90% bootstrap band,
the frontier, the models an option excluded, the breaks an automatic search found, and the words
of the title and legend (subset, version, doubling time)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from curation.trends.fits import (
    ERA_COLOURS,
    TrendOptions,
    bootstrap_lines,
    era_bounds,
    era_points,
    fractional_year,
    low_outliers,
    ols,
    select_points,
    years_to_dates,
)
from curation.trends.subsets import frontier_mask

LINE_POINTS = 60
BAND_RESAMPLES = 1000
# the view people put in a talk: the deep-learning era; the whole history is the second chart
RECENT_VIEW_START = pd.Timestamp("2010-01-01")


@dataclass
class EraSeries:
    """One era: its points and, when it could be fitted, its line and 90% band over its own span."""

    label: str
    colour: str
    points: pd.DataFrame
    legend: str
    line_dates: list[pd.Timestamp] = field(default_factory=list)
    line: np.ndarray | None = None
    low: np.ndarray | None = None
    high: np.ndarray | None = None


@dataclass
class ChartData:
    """Everything one compute chart draws; :meth:`viewed` gives the same chart from another start,
    so the views of one fit share its bands."""

    title: str
    subset: str
    version_label: str
    eras: list[EraSeries]
    frontier: pd.DataFrame
    excluded: pd.DataFrame
    breaks: list[dict[str, object]]
    breakpoints: tuple[str, ...]
    view_start: pd.Timestamp | None = None

    def viewed(self, view_start: pd.Timestamp | None) -> ChartData:
        """This chart from ``view_start`` on; the whole of it when no fitted point is that recent."""
        if view_start is not None and not any((era.points["publication_date"] >= view_start).any()
                                              for era in self.eras):
            view_start = None  # nothing that recent: the view shows what there is
        return replace(self, view_start=view_start)

    @property
    def subtitle(self) -> str:
        """The subset, the number of fitted models in view, the view's start and the version."""
        dates = [era.points["publication_date"] for era in self.eras]
        counted = sum(len(d) if self.view_start is None else int((d >= self.view_start).sum()) for d in dates)
        window = "" if self.view_start is None else f", {self.view_start:%Y} onwards"
        text = f"{self.subset} models with a compute figure (n={counted}{window})"
        return f"{text} · {self.version_label}" if self.version_label else text

    @property
    def shown(self) -> pd.DataFrame:
        """Every point drawn (fitted or excluded) inside the view."""
        frames = [era.points for era in self.eras] + [self.excluded]
        frames = [frame for frame in frames if not frame.empty]
        if not frames:
            return pd.DataFrame({"model": pd.Series(dtype=str),
                                 "publication_date": pd.Series(dtype="datetime64[ns]"),
                                 "training_compute_flop": pd.Series(dtype=float)})
        data = pd.concat(frames)
        data = data.assign(training_compute_flop=data["training_compute_flop"].astype(float),
                           publication_date=pd.to_datetime(data["publication_date"]))
        return data if self.view_start is None else data[data["publication_date"] >= self.view_start]


def doubling_legend(label: str, fit: object) -> str:
    """``from 2010-01-01: doubling every 5.7 months (4.3×/yr)`` — the words a reader needs."""
    doubling = getattr(fit, "doubling_months", None)
    growth = getattr(fit, "growth_per_year", None)
    if growth is None or pd.isna(growth):
        return f"{label}: too few points to fit"
    if doubling is None or pd.isna(doubling):
        return f"{label}: no growth ({growth:.2f}×/yr)"
    return f"{label}: doubling every {doubling:.1f} months ({growth:.2f}×/yr)"


def chart_data(points: pd.DataFrame, fits: pd.DataFrame, options: TrendOptions, title: str, subset: str,
               version_label: str = "", view_start: pd.Timestamp | None = None,
               breaks: list[dict[str, object]] | None = None) -> ChartData:
    """The chart of ``fits`` (one row per era of ``options``) over ``points``. The lines are drawn from
    the same points the fit used: outliers excluded by ``options.drop_outliers`` are shown apart.
    ``view_start`` is dropped when no point is that recent (:meth:`ChartData.viewed`)."""
    data = select_points(points, options)
    excluded = data.iloc[0:0]
    if options.drop_outliers and not data.empty:
        reasons = low_outliers(data)
        excluded, data = data[reasons != ""], data[reasons == ""]
    eras = []
    for index, ((label, start, end), fit) in enumerate(zip(era_bounds(options.breakpoints),
                                                           fits.itertuples(), strict=True)):
        era = era_points(data, start, end)
        series = EraSeries(label, ERA_COLOURS[index % len(ERA_COLOURS)], era, doubling_legend(label, fit))
        if len(era) >= 3 and fit.slope_oom_per_year is not None and not pd.isna(fit.slope_oom_per_year):
            x = fractional_year(era["publication_date"])
            y = np.log10(era["training_compute_flop"].to_numpy(dtype=float))
            slope, intercept, _ = ols(x, y)
            line_x = np.linspace(x.min(), x.max(), LINE_POINTS)
            slopes, intercepts = bootstrap_lines(x, y, min(options.n_bootstrap, BAND_RESAMPLES), options.seed)
            lines = slopes[:, None] * line_x[None, :] + intercepts[:, None]
            tail = (1 - options.ci) / 2 * 100
            low, high = np.percentile(lines, [tail, 100 - tail], axis=0)
            series.line_dates = years_to_dates(line_x)
            series.line, series.low, series.high = 10 ** (slope * line_x + intercept), 10**low, 10**high
        eras.append(series)
    frontier = data[frontier_mask(data)] if not data.empty else data
    chart = ChartData(title, subset, version_label, eras, frontier, excluded, list(breaks or []),
                      tuple(options.breakpoints))
    return chart.viewed(view_start)
