"""Interactive charts (plotly): hover over any point for the model and its figure. Pages need no
network: plotly.js is embedded, or shared once per data folder (:func:`plotly_source`)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs, get_plotlyjs_version
from plotly.subplots import make_subplots

from curation.trends.chart_data import RECENT_VIEW_START, ChartData, chart_data
from curation.trends.fits import ERA_COLOURS, TrendOptions
from curation.trends.history import DATA_DATE

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
                     title: str, assets: Path | None = None, subset: str = "all", version_label: str = "",
                     view_start: pd.Timestamp | None = RECENT_VIEW_START,
                     breaks: list[dict[str, object]] | None = None) -> Path:
    """Write ``path``: the interactive chart of the same content as the PNG (eras with 90% bands,
    doubling times in the legend, frontier, excluded outliers, ``breaks``), opening on ``view_start``
    onwards (double-click shows the whole history), filling the browser window; plotly.js embedded or
    shared from ``assets`` (:func:`plotly_source`)."""
    chart = chart_data(points, fits, options, title, subset, version_label, None, breaks)
    return draw_html(chart, path, assets, view_start)


def draw_html(chart: ChartData, path: Path, assets: Path | None = None,
              view_start: pd.Timestamp | None = RECENT_VIEW_START) -> Path:
    """Write the interactive page of ``chart`` (whole history), opening on ``view_start`` onwards
    (see :func:`write_trend_html`)."""
    figure = go.Figure()
    for era in chart.eras:
        if era.line is not None:
            dates = [d.strftime("%Y-%m-%d") for d in era.line_dates]
            figure.add_trace(go.Scatter(x=dates, y=era.high, mode="lines", line={"width": 0},
                                        hoverinfo="skip", showlegend=False, legendgroup=era.label))
            figure.add_trace(go.Scatter(x=dates, y=era.low, mode="lines", line={"width": 0}, fill="tonexty",
                                        fillcolor=_transparent(era.colour), hoverinfo="skip",
                                        name=f"90% band, {era.label}", legendgroup=era.label))
            figure.add_trace(go.Scatter(x=dates, y=era.line, mode="lines", name=era.legend,
                                        line={"color": era.colour, "width": 3}, legendgroup=era.label,
                                        hoverinfo="name"))
        figure.add_trace(_points(era.points, f"{era.label} (n={len(era.points)})",
                                 {"color": era.colour, "size": 6, "opacity": 0.6}, era.label))
    if not chart.frontier.empty:
        figure.add_trace(_points(chart.frontier, f"frontier when published (n={len(chart.frontier)})",
                                 {"symbol": "circle-open", "size": 10, "color": "black"}))
    if not chart.excluded.empty:
        figure.add_trace(_points(chart.excluded, f"excluded low outliers (n={len(chart.excluded)})",
                                 {"symbol": "x", "size": 8, "color": "#777777"}))
    for change in chart.breaks:
        low, high = change["ci90"]
        figure.add_vrect(x0=low, x1=high, fillcolor="#999999", opacity=0.12, line_width=0)
        figure.add_vline(x=change["date"], line_dash="dot", line_color="#555555")
    shown = chart.shown
    x_range = y_range = None
    if view_start is not None and not shown.empty and shown["publication_date"].max() > view_start:
        last = shown["publication_date"].max() + pd.Timedelta(days=120)
        x_range = [view_start.strftime("%Y-%m-%d"), last.strftime("%Y-%m-%d")]
        recent = shown.loc[shown["publication_date"] >= view_start, "training_compute_flop"]
        # a log axis's range is in exponents
        y_range = [float(np.log10(recent.min() / 3)), float(np.log10(recent.max() * 5))]
    figure.update_yaxes(exponentformat="power", type="log", title="Training compute (FLOP)", range=y_range)
    figure.update_xaxes(title="Publication date", range=x_range)
    figure.update_layout(title={"text": f"{chart.title}<br><sup>{chart.subtitle}</sup>"},
                         template="plotly_white",
                         autosize=True, margin={"l": 70, "r": 20, "t": 80, "b": 50},
                         legend={"font": {"size": 11}})
    # a fixed element id: the same chart gives the same bytes (and is stored once, see store.sharing)
    figure.write_html(path, include_plotlyjs=plotly_source(path.parent, assets), full_html=True,
                      div_id="flopwatch-trends", default_height="92vh", default_width="100%",
                      config={"responsive": True})
    return path


def _points(frame: pd.DataFrame, name: str, marker: dict[str, object],
            group: str | None = None) -> go.Scatter:
    """A marker trace whose hover names the model, its date, compute and confidence (never "nan")."""
    confidence = frame["confidence"] if "confidence" in frame else pd.Series(None, index=frame.index)
    hover = [f"<b>{model}</b><br>{day:%Y-%m-%d}<br>{flop:.3g} FLOP<br>confidence: {_shown(level)}"
             for model, day, flop, level in zip(frame["model"], frame["publication_date"],
                                                frame["training_compute_flop"], confidence, strict=True)]
    return go.Scatter(x=frame["publication_date"].dt.strftime("%Y-%m-%d"), y=frame["training_compute_flop"],
                      mode="markers", name=name, marker=marker, hovertext=hover, hoverinfo="text",
                      legendgroup=group)


def _shown(value: object) -> str:
    return "not given" if value is None or (isinstance(value, float) and np.isnan(value)) or value == "" \
        else str(value)


def _transparent(colour: str, alpha: float = 0.18) -> str:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def write_history_html(history: pd.DataFrame, path: Path,
                       title: str = "Doubling time as data arrived", assets: Path | None = None) -> Path:
    """Write ``path``: each (subset, era)'s doubling time and 90% CI against the date of the data, one
    panel per subset, with hover details."""
    subsets = list(dict.fromkeys(history["subset"])) or ["all"]
    eras = list(dict.fromkeys(history["era"]))
    figure = make_subplots(rows=len(subsets), cols=1, shared_xaxes=True, vertical_spacing=0.08,
                           subplot_titles=[f"subset: {s}" for s in subsets])
    for row, subset in enumerate(subsets, start=1):
        for era, group in history[history["subset"] == subset].groupby("era", sort=False):
            group = group.sort_values([DATA_DATE, "version"])
            columns = ["version", "date", DATA_DATE, "n", "doubling_months", "doubling_months_ci90_low",
                       "doubling_months_ci90_high"]
            hover = [f"version {v:04d} (made {d}, data to {w})<br>{subset}, {era}<br>n={n}<br>"
                     f"doubling {m:.1f} months<br>90% CI {lo:.1f}–{hi:.1f}"
                     for v, d, w, n, m, lo, hi in group[columns].itertuples(index=False)]
            figure.add_trace(go.Scatter(
                x=group[DATA_DATE], y=group["doubling_months"], mode="lines+markers", name=f"{subset}, {era}",
                line={"color": _COLOURS[eras.index(era) % len(_COLOURS)]}, hovertext=hover, hoverinfo="text",
                error_y={"type": "data", "symmetric": False,
                         "array": group["doubling_months_ci90_high"] - group["doubling_months"],
                         "arrayminus": group["doubling_months"] - group["doubling_months_ci90_low"]}),
                row=row, col=1)
        figure.update_yaxes(title_text="doubling (months)", row=row, col=1)
    figure.update_xaxes(title_text="date of the data (newest snapshot date of the version's inputs)",
                        row=len(subsets), col=1)
    dates = pd.to_datetime(history[DATA_DATE]).dropna()
    if not dates.empty and dates.nunique() == 1:  # one date: a month either side, not milliseconds
        day = dates.iloc[0]
        figure.update_xaxes(range=[f"{day - pd.Timedelta(days=31):%Y-%m-%d}",
                                   f"{day + pd.Timedelta(days=31):%Y-%m-%d}"])
    figure.update_xaxes(tickformat="%Y-%m-%d")
    figure.update_layout(title=title, template="plotly_white", autosize=True,
                         margin={"l": 70, "r": 20, "t": 70, "b": 50})
    figure.write_html(path, include_plotlyjs=plotly_source(path.parent, assets), full_html=True,
                      div_id="flopwatch-trend-history", default_height="92vh", default_width="100%",
                      config={"responsive": True})
    return path
