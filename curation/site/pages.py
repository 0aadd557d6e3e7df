"""The HTML of the site's pages, from plain tables: no template engine, every value escaped."""

from __future__ import annotations

from html import escape

import pandas as pd

NAVIGATION = [("index.html", "Overview"), ("models.html", "Models"), ("changes.html", "Changes")]


def page(title: str, body: str, depth: int = 0, script: bool = False) -> str:
    """A whole page: the site's style, the navigation (``depth`` folders below the site's root), and
    ``body``."""
    up = "../" * depth
    links = "".join(f'<a href="{up}{href}">{escape(label)}</a>' for href, label in NAVIGATION)
    tail = f'<script src="{up}assets/site.js"></script>' if script else ""
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<link rel="icon" href="data:,">'
            f"<title>{escape(title)} — flopwatch</title>"
            f'<link rel="stylesheet" href="{up}assets/site.css"></head>\n'
            f"<body><header><strong>flopwatch</strong> · {links}</header>\n<main>\n{body}\n</main>{tail}"
            f"</body></html>\n")


def text(value: object) -> str:
    """A cell as text: empty for a missing value, dates as YYYY-MM-DD, compute in scientific form."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return ""
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) >= 1e6 or value != int(value) else f"{value:.0f}"
    return str(value)


def table(headers: list[str], rows: list[list[str]], table_id: str | None = None) -> str:
    """A plain table; ``rows`` hold HTML already escaped."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    ident = f' id="{table_id}"' if table_id else ""
    return f"<table{ident}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def definition_rows(pairs: list[tuple[str, object]]) -> str:
    """A two-column table of the pairs that have a value."""
    rows = [[escape(name), escape(text(value))] for name, value in pairs if text(value) != ""]
    return table(["field", "value"], rows)
