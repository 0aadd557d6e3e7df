"""The refit step of a run: fit the trend on a version's models and write trends.json and trends.png."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from curation.publish import write_json
from curation.trend_plot import plot_trends
from curation.trends import TrendOptions, compute_points, fit_trends, fits_to_records


def refit_models(models: pd.DataFrame, folder: Path, options: TrendOptions,
                 title: str) -> list[dict[str, object]]:
    """Fit ``models`` per era, write ``trends.json`` and ``trends.png`` into ``folder``; return the fits."""
    points = compute_points(models, label="models")
    fits = fit_trends(points, options)
    records = fits_to_records(fits)
    write_json(folder / "trends.json", {
        "fits": records,
        "method": "OLS of log10(training_compute_flop) on fractional publication year, per era",
        "breakpoints": list(options.breakpoints),
        "since": options.since,
        "until": options.until,
        "bootstrap": {"resamples": options.n_bootstrap, "seed": options.seed, "ci": options.ci},
        "models_with_compute": len(points),
    })
    plot_trends(points, fits, options, folder / "trends.png", title=title)
    return records
