"""The refit step of a run: every subset's trend on a version's models, and its outputs.

Writes ``trends.json`` (fits per subset and era, automatic breaks, excluded models), ``trends.png`` and
``trends.html`` (all models, eras with 90% bands, frontier outlined, largest labelled) and ``REPORT.md``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd

from curation.breakpoints import find_breaks
from curation.publish import write_json
from curation.trend_html import write_trend_html
from curation.trend_plot import plot_trends
from curation.trend_report import report_markdown
from curation.trend_subsets import DEFAULT_BREAKPOINTS, SUBSETS, SubsetError, domains, subset_points
from curation.trends import (
    TrendOptions,
    compute_points,
    excluded_models,
    fit_trends,
    fits_to_records,
)

AUTO_BREAKS = 2
BREAK_BOOTSTRAP = 200


def subset_options(subset: str, options: TrendOptions) -> TrendOptions:
    """``options`` with the subset's own eras where it has them (the large-scale era starts 2015-09)."""
    if subset in DEFAULT_BREAKPOINTS:
        return replace(options, breakpoints=DEFAULT_BREAKPOINTS[subset])
    return options


def refit_models(models: pd.DataFrame, folder: Path, options: TrendOptions, title: str,
                 version_label: str = "") -> list[dict[str, object]]:
    """Fit every subset of ``models``, write the refit outputs into ``folder``; return the fit records
    (each with its ``subset``)."""
    points = compute_points(models, label="models")
    records: list[dict[str, object]] = []
    all_fits = None
    excluded: dict[str, list[dict[str, object]]] = {}
    subsets = [*SUBSETS, *(f"domain:{name}" for name in domains(points)[:4])]
    for subset in subsets:
        try:
            chosen = subset_points(points, subset)
        except SubsetError:
            continue
        subset_opts = subset_options(subset, options)
        fits = fit_trends(chosen, subset_opts)
        all_fits = fits if subset == "all" else all_fits
        records += [{"subset": subset, **r} for r in fits_to_records(fits)]
        dropped = excluded_models(chosen, subset_opts)
        excluded[subset] = [{"model": m, "publication_date": f"{d:%Y-%m-%d}", "reason": why}
                            for m, d, why in dropped.itertuples(index=False)]
    # OpenAI's "AI and Compute" window: the largest runs, 2012 to 2018
    openai_window = replace(options, breakpoints=("2012-01-01",), until="2018-12-31")
    records += [{"subset": "frontier to 2018", **r}
                for r in fits_to_records(fit_trends(subset_points(points, "frontier"), openai_window))]
    has_notable = points["notable"].notna().any()
    notable = points[points["notable"].fillna(False).astype(bool)] if has_notable else points
    breaks = [b.to_dict() for b in find_breaks(notable["publication_date"], notable["training_compute_flop"],
                                               AUTO_BREAKS, BREAK_BOOTSTRAP, options.seed)]
    write_json(folder / "trends.json", {
        "fits": records,
        "breaks": {"subset": "notable" if has_notable else "all", "max_breaks": AUTO_BREAKS,
                   "found": breaks},
        "excluded": excluded,
        "method": "OLS of log10(training_compute_flop) on fractional publication year, per subset and era",
        "breakpoints": list(options.breakpoints),
        "subset_breakpoints": {k: list(v) for k, v in DEFAULT_BREAKPOINTS.items()},
        "bootstrap": {"resamples": options.n_bootstrap, "seed": options.seed, "ci": options.ci,
                      "jitter": options.jitter, "drop_outliers": options.drop_outliers},
        "models_with_compute": len(points),
    })
    plot_trends(points, all_fits, options, folder / "trends.png", title=title)
    write_trend_html(points, all_fits, options, folder / "trends.html", title=title)
    (folder / "REPORT.md").write_text(
        report_markdown(version_label or title, records, breaks, {k: len(v) for k, v in excluded.items()}),
        encoding="utf-8")
    return records
