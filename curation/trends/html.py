"""Interactive charts (plotly): hover over any point for the model and its figure. Pages need no
network: plotly.js is embedded, or shared once per data folder (:func:`plotly_source`)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs, get_plotlyjs_version

from curation.trends.fits import (
    ERA_COLOURS,
    TrendOptions,
    era_bounds,
    era_points,
    fractional_year,
    ols,
    select_points,
    years_to_dates,
)
from curation.trends.subsets import frontier_mask

_COLOURS = ERA_COLOURS


def plotly_source(page_folder: Path, assets: Path | None) -> str | bool:
    """How a chart page in ``page_folder`` loads plotly.js, never from the network: embedded (True)
    when there is no shared ``assets`` folder, else the relative path of the one copy kept there
    (``plotly-<version>.min.js``, written on first use), so a data folder holds plotly.js once and
    its pages open from ``file://`` or any static host alike."""
    if assets is None:
        return True
    script = assets / f"plotly-{get_plotlyjs_version()}.min.js"
    if not script.exists():
        assets.mkdir(parents=True, exist_ok=True)
        temporary = script.with_name(f".{script.name}.{os.getpid()}")
        temporary.write_text(get_plotlyjs(), encoding="utf-8")
        os.replace(temporary, script)
    return Path(os.path.relpath(script, page_folder)).as_posix()


def write_trend_html(points: pd.DataFrame, fits: pd.DataFrame, options: TrendOptions, path: Path,
                     title: str, assets: Path | None = None) -> Path:
    """Write ``path``: one page; plotly.js embedded, or shared from ``assets`` (:func:`plotly_source`)."""
    data = select_points(points, options)
    figure = go.Figure()
    for index, ((label, start, end), fit) in enumerate(zip(era_bounds(options.breakpoints),
                                                           fits.itertuples(), strict=True)):
        colour = _COLOURS[index % len(_COLOURS)]
        era = era_points(data, start, end)
        hover = [f"<b>{m}</b><br>{d:%Y-%m-%d}<br>{c:.3g} FLOP<br>confidence: {k or 'n/a'}"
                 for m, d, c, k in zip(era["model"], era["publication_date"], era["training_compute_flop"],
                                       era.get("confidence", pd.Series(None, index=era.index)), strict=True)]
        figure.add_trace(go.Scatter(x=era["publication_date"].dt.strftime("%Y-%m-%d"),
                                    y=era["training_compute_flop"], mode="markers",
                                    name=f"{label} (n={len(era)})", marker={"color": colour, "size": 6,
                                                                           "opacity": 0.6},
                                    hovertext=hover, hoverinfo="text"))
        if len(era) >= 3 and fit.slope_oom_per_year is not None and not pd.isna(fit.slope_oom_per_year):
            x = fractional_year(era["publication_date"])
            slope, intercept, _ = ols(x, np.log10(era["training_compute_flop"].to_numpy(dtype=float)))
            line_x = np.linspace(x.min(), x.max(), 40)
            doubling = f"{fit.doubling_months:.1f}" if fit.doubling_months else "—"
            line_dates = [d.strftime("%Y-%m-%d") for d in years_to_dates(line_x)]
            figure.add_trace(go.Scatter(x=line_dates, y=10 ** (slope * line_x + intercept),
                                        mode="lines", line={"color": colour, "width": 3},
                                        name=f"fit {label}: {fit.growth_per_year:.2f}×/yr, {doubling} mo"))
    frontier = data[frontier_mask(data)] if not data.empty else data
    figure.add_trace(go.Scatter(x=frontier["publication_date"].dt.strftime("%Y-%m-%d"),
                                y=frontier["training_compute_flop"], mode="markers", hoverinfo="skip",
                                name=f"frontier (n={len(frontier)})",
                                marker={"symbol": "circle-open", "size": 9, "color": "black"}))
    figure.update_yaxes(exponentformat="power")
    figure.update_layout(title=title, yaxis_type="log", xaxis_title="Publication date",
                         yaxis_title="Training compute (FLOP)", template="plotly_white", height=650)
    # a fixed element id: the same chart gives the same bytes (and is stored once, see store.sharing)
    figure.write_html(path, include_plotlyjs=plotly_source(path.parent, assets), full_html=True,
                      div_id="flopwatch-trends")
    return path


def write_history_html(history: pd.DataFrame, path: Path,
                       title: str = "Doubling time as data arrived", assets: Path | None = None) -> Path:
    """Write ``path``: each (subset, era)'s doubling time and 90% CI per version, with hover details."""
    figure = go.Figure()
    for index, ((subset, era), group) in enumerate(history.groupby(["subset", "era"], sort=False)):
        group = group.sort_values("version")
        hover = [f"version {v:04d} ({d})<br>{subset}, {era}<br>n={n}<br>doubling {m:.1f} months"
                 f"<br>90% CI {lo:.1f}–{hi:.1f}"
                 for v, d, n, m, lo, hi in zip(group["version"], group["date"], group["n"],
                                               group["doubling_months"], group["doubling_months_ci90_low"],
                                               group["doubling_months_ci90_high"], strict=True)]
        figure.add_trace(go.Scatter(
            x=group["version"], y=group["doubling_months"], mode="lines+markers", name=f"{subset}, {era}",
            line={"color": _COLOURS[index % len(_COLOURS)]}, hovertext=hover, hoverinfo="text",
            error_y={"type": "data", "symmetric": False,
                     "array": group["doubling_months_ci90_high"] - group["doubling_months"],
                     "arrayminus": group["doubling_months"] - group["doubling_months_ci90_low"]}))
    figure.update_layout(title=title, xaxis_title="dataset version", yaxis_title="doubling time (months)",
                         template="plotly_white", height=550, xaxis={"dtick": 1})
    figure.write_html(path, include_plotlyjs=plotly_source(path.parent, assets), full_html=True,
                      div_id="flopwatch-trend-history")
    return path
