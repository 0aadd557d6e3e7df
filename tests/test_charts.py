"""The charts as a reader sees them: labels beside their points without overlap, the subset and the
version named, bands and doubling times in both charts, no "nan" in a hover, outliers set apart, the
history by the date of the data."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from curation.trends.chart_data import chart_data
from curation.trends.fits import TrendOptions, fit_trends
from curation.trends.history import DATA_DATE, append_history, history_rows, read_history
from curation.trends.html import write_trend_html
from curation.trends.plot import place_labels


def _points(n: int = 60, seed: int = 7) -> pd.DataFrame:
    """Models from 2012 to 2024 growing ~4x a year, the last few crowded near the top right."""
    rng = np.random.default_rng(seed)
    years = np.sort(rng.uniform(2012, 2024.9, n))
    logs = 16 + 0.6 * (years - 2012) + rng.normal(0, 0.5, n)
    dates = [pd.Timestamp(year=int(y), month=1, day=1) + pd.Timedelta(days=(y % 1) * 365) for y in years]
    return pd.DataFrame({"model": [f"Model {i:02d} with a long name" for i in range(n)],
                         "publication_date": dates,
                         "training_compute_flop": 10**logs, "confidence": [None, "Likely", np.nan] * (n // 3),
                         "domain": None, "notable": True})


def test_labels_sit_beside_their_points_and_never_overlap():
    points = _points()
    fig, ax = plt.subplots(figsize=(12, 7), dpi=120)
    ax.scatter(points["publication_date"], points["training_compute_flop"])
    ax.set_yscale("log")
    fig.tight_layout()
    labels = place_labels(ax, points.nlargest(10, "training_compute_flop"))
    renderer = fig.canvas.get_renderer()
    boxes = [label.get_window_extent(renderer) for label in labels]
    assert len(labels) >= 5
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    inside = ax.get_window_extent(renderer)
    for label, box in zip(labels, boxes, strict=True):
        x, y = ax.transData.transform((matplotlib.dates.date2num(label.xy[0]), label.xy[1]))
        assert inside.x0 <= box.x0 and box.x1 <= inside.x1
        # next to its point: the box's nearest edge is within 40 px of the dot
        dx = max(box.x0 - x, 0, x - box.x1)
        dy = max(box.y0 - y, 0, y - box.y1)
        assert (dx**2 + dy**2) ** 0.5 < 40, label.get_text()
    plt.close(fig)


def test_the_chart_says_which_subset_and_version_and_sets_outliers_apart():
    points = _points()
    points.loc[30, "training_compute_flop"] = 1e10  # far below its neighbours
    options = TrendOptions(breakpoints=("2018-01-01",), n_bootstrap=100, drop_outliers=True)
    chart = chart_data(points, fit_trends(points, options), options, "Training compute", "notable",
                       "flopwatch version 0007")
    assert "notable models" in chart.subtitle and "flopwatch version 0007" in chart.subtitle
    assert "Model 30 with a long name" in set(chart.excluded["model"])
    assert all("Model 30 with a long name" not in set(era.points["model"]) for era in chart.eras)
    assert all("doubling every" in era.legend for era in chart.eras)
    assert all(era.low is not None and (era.low <= era.line).all() and (era.line <= era.high).all()
               for era in chart.eras)


def test_the_interactive_chart_has_bands_doubling_times_and_no_nan(tmp_path):
    points = _points()
    options = TrendOptions(n_bootstrap=100)
    page = write_trend_html(points, fit_trends(points, options), options, tmp_path / "trends.html",
                            "Training compute", assets=tmp_path / "assets", subset="all",
                            version_label="flopwatch version 0003")
    html = page.read_text()
    assert "confidence: nan" not in html and "confidence: not given" in html
    assert "doubling every" in html and "90% band" in html and "flopwatch version 0003" in html
    assert "height:92vh" in html.replace(" ", "")
    assert page.stat().st_size < 300_000  # plotly.js is shared from assets, not embedded


def test_history_lines_carry_the_date_of_the_data_and_old_files_are_upgraded(tmp_path):
    path = tmp_path / "trends_history.csv"
    record = {"subset": "all", "era": "from 2010-01-01", "n": 9, "growth_per_year": 4.0,
              "doubling_months": 6.0, "doubling_months_ci90": [5.0, 7.0]}
    old = history_rows(1, "2026-11-01", [record]).drop(columns=[DATA_DATE])
    old.to_csv(path, index=False)  # a history written before the column existed
    assert append_history(path, history_rows(2, "2026-11-02", [record], "2025-12-24"))
    history = read_history(path)
    assert list(history[DATA_DATE]) == ["2026-11-01", "2025-12-24"]
    assert path.read_text().splitlines()[0].endswith(DATA_DATE)


def test_no_label_covers_the_legend():
    points = _points()
    fig, ax = plt.subplots(figsize=(6, 4), dpi=100)
    ax.scatter(points["publication_date"], points["training_compute_flop"], label="models")
    ax.set_yscale("log")
    legend = ax.legend(loc="upper right", fontsize=14)  # where the largest models are
    labels = place_labels(ax, points.nlargest(6, "training_compute_flop"))
    renderer = fig.canvas.get_renderer()
    assert not any(label.get_window_extent(renderer).overlaps(legend.get_window_extent(renderer))
                   for label in labels)
    plt.close(fig)
