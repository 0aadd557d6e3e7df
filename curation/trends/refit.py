"""The refit pipeline: a subset's fit (``flopwatch refit``) and every subset's fits with their outputs
(each version, and ``flows.refit``), one code path for both.

Writes ``trends.json`` (fits per subset and era, fits over the anchors' own windows, automatic breaks,
excluded models), the charts of the headline subset (notable models where the data marks them, else
all): ``trends.png`` (2010 onwards), ``trends_full.png`` (the whole history) and ``trends.html`` (eras
with 90% bands, frontier outlined, largest labelled), and ``REPORT.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import pandas as pd

from curation.store.publish import write_json
from curation.trends.breakpoints import find_breaks
from curation.trends.chart_data import RECENT_VIEW_START, chart_data
from curation.trends.fits import (
    TrendOptions,
    compute_points,
    excluded_models,
    fit_trends,
    fits_to_records,
    select_points,
)
from curation.trends.html import draw_html
from curation.trends.plot import NO_DATA, draw_png, plot_no_data
from curation.trends.report import report_markdown
from curation.trends.subsets import REGISTRY, SubsetError, anchors, domains, get_subset

AUTO_BREAKS = 2
BREAK_BOOTSTRAP = 200
DOMAIN_SUBSETS = 4  # the most common domains fitted with every version


@dataclass
class SubsetFit:
    """One subset's fit: its points, the options used, the fits and the models left out."""

    subset: str
    points: pd.DataFrame
    options: TrendOptions
    fits: pd.DataFrame
    excluded: list[dict[str, object]]
    breaks: list[dict[str, object]] = field(default_factory=list)

    @property
    def records(self) -> list[dict[str, object]]:
        return fits_to_records(self.fits)


def fit_subset(points: pd.DataFrame, subset: str, options: TrendOptions, own_eras: bool = True,
               auto_breaks: int = 0) -> SubsetFit:
    """Fit ``subset`` of ``points``: its own eras unless ``own_eras`` is False (breakpoints given by the
    user win), low outliers listed, and up to ``auto_breaks`` (at most 2) breaks searched in its window.
    Raises SubsetError when the subset cannot be formed from the data."""
    chosen = get_subset(subset)
    opts = chosen.options(options) if own_eras else options
    selected = chosen.select(points)
    excluded = [{"model": m, "publication_date": f"{d:%Y-%m-%d}", "reason": why}
                for m, d, why in excluded_models(selected, opts).itertuples(index=False)]
    result = SubsetFit(subset, selected, opts, fit_trends(selected, opts), excluded)
    if auto_breaks:
        window = select_points(selected, opts)
        result.breaks = [b.to_dict() for b in find_breaks(
            window["publication_date"], window["training_compute_flop"], min(auto_breaks, AUTO_BREAKS),
            seed=opts.seed)]
    return result


def refit_models(models: pd.DataFrame, folder: Path, options: TrendOptions, title: str,
                 version_label: str = "", assets: Path | None = None,
                 inputs: list[dict[str, object]] | None = None) -> list[dict[str, object]]:
    """Fit every registered subset of ``models`` (and the commonest domains), write the refit outputs
    into ``folder``; return the fit records (each with its ``subset``). With ``assets`` (the data
    folder's shared files), the chart page loads plotly.js from there instead of embedding it;
    ``inputs`` (with snapshot dates) are named in REPORT.md."""
    points = compute_points(models, label="models")
    records: list[dict[str, object]] = []
    fitted: dict[str, SubsetFit] = {}
    names = [*REGISTRY, *(f"domain:{name}" for name in domains(points)[:DOMAIN_SUBSETS])]
    for name in sorted(names, key=_report_order):
        try:
            fitted[name] = fit_subset(points, name, options)
        except SubsetError:
            continue
        records += [{"subset": name, **r} for r in fitted[name].records]
    excluded = {name: fit.excluded for name, fit in fitted.items() if (name in REGISTRY and
                REGISTRY[name].until is None) or name.startswith("domain:")}
    has_notable = points["notable"].notna().any()
    # the charts draw notable models where there are any, else all
    headline = "notable" if "notable" in fitted and not fitted["notable"].points.empty else "all"
    notable = points[points["notable"].fillna(False).astype(bool)] if has_notable else points
    breaks = [b.to_dict() for b in find_breaks(notable["publication_date"], notable["training_compute_flop"],
                                               AUTO_BREAKS, BREAK_BOOTSTRAP, options.seed)]
    windows = anchor_window_fits(points, options)
    write_json(folder / "trends.json", {
        "fits": records,
        "anchor_windows": windows,
        "chart_subset": headline,
        "breaks": {"subset": "notable" if has_notable else "all", "max_breaks": AUTO_BREAKS,
                   "found": breaks},
        "excluded": excluded,
        "method": "OLS of log10(training_compute_flop) on fractional publication year, per subset and era",
        "breakpoints": list(options.breakpoints),
        "subset_breakpoints": {name: list(subset.breakpoints) for name, subset in REGISTRY.items()
                               if subset.breakpoints is not None and subset.until is None},
        "bootstrap": {"resamples": options.n_bootstrap, "seed": options.seed, "ci": options.ci,
                      "jitter": options.jitter, "drop_outliers": options.drop_outliers},
        "models_with_compute": len(points),
    })
    if points.empty:  # papers without figures only: the files say so instead of drawing empty axes
        for chart in CHART_FILES[:2]:
            plot_no_data(folder / chart, title)
        (folder / "trends.html").write_text(f"<!doctype html><title>{escape(title)}</title>"
                                            f"<h1>{escape(title)}</h1><p>{NO_DATA}</p>", encoding="utf-8")
    else:
        write_charts(fitted[headline], folder, title, headline, version_label, assets)
    (folder / "REPORT.md").write_text(
        report_markdown(version_label or title, records, breaks, {k: len(v) for k, v in excluded.items()},
                        windows, inputs),
        encoding="utf-8")
    return records


# a version's charts: the deep-learning-era view, the whole history, the interactive page
CHART_FILES = ("trends.png", "trends_full.png", "trends.html")


def write_charts(fit: SubsetFit, folder: Path, title: str, subset: str, version_label: str,
                 assets: Path | None = None) -> list[Path]:
    """The three :data:`CHART_FILES` of ``fit`` in ``folder``: 2010 onwards, the whole history, and
    the interactive page (which opens on 2010 onwards); one chart, its bands computed once."""
    chart = chart_data(fit.points, fit.fits, fit.options, title, subset, version_label)
    return [draw_png(chart.viewed(RECENT_VIEW_START), folder / CHART_FILES[0]),
            draw_png(chart, folder / CHART_FILES[1]),
            draw_html(chart, folder / CHART_FILES[2], assets, RECENT_VIEW_START)]


def anchor_window_fits(points: pd.DataFrame, options: TrendOptions) -> list[dict[str, object]]:
    """For each anchor with a data window, its subset fitted on the models published up to the
    window's end (the subset chosen among those models too, as the anchor's authors did)."""
    found = []
    for anchor, subset in anchors():
        if anchor.until is None:
            continue
        window = points[points["publication_date"] <= pd.Timestamp(anchor.until)]
        try:
            fit = fit_subset(window, subset, options)
        except SubsetError:
            continue
        found += [{"subset": subset, "until": anchor.until, **r} for r in fit.records
                  if r["era"] == anchor.era]
    return found


def _report_order(name: str) -> int:
    """Registered subsets with the configured window first, then domains, then those with their own
    window (OpenAI's 2012–2018)."""
    if name.startswith("domain:"):
        return 1
    return 2 if REGISTRY[name].until is not None else 0
