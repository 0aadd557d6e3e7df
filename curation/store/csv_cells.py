"""Text cells made safe for spreadsheets.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) runs as a formula
when a CSV file is opened in a spreadsheet; a model name such as ``=HYPERLINK("http://…")`` from a
hostile source would. Every CSV flopwatch writes prefixes such text with an apostrophe (the usual
neutralization; spreadsheets show the text as written). Numbers ("-0.5", "+3e21") are left alone, and
Parquet files keep the original text.
"""

from __future__ import annotations

import re

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _safe(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def neutralized(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell a spreadsheet would run as a formula prefixed with ``'``."""
    text = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    if not text:
        return frame
    out = frame.copy()
    for column in text:
        out[column] = out[column].map(_safe, na_action="ignore")
    return out
