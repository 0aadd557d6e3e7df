"""Epoch AI's public model tables (https://epoch.ai/data/), e.g. ``notable_ai_models.csv``.

Each configured table (``FLOPWATCH_EPOCH_TABLES``) is one CSV download. Epoch's columns drift over
time, so every field is looked up under all the names it has had; a missing optional column gives
nulls, a missing required one (model name, publication date) fails the source naming file and column.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

from flopwatch.settings import Settings
from schemas.identifiers import first_arxiv_id_in
from scrapers.base import LATEST, Source, SourceError, Window
from scrapers.http import FetchError
from scrapers.landing import Landing, Payload

# candidate column -> Epoch's header names over time, preferred first
COLUMN_ALIASES: dict[str, list[str]] = {
    "model": ["Model", "System"],
    "publication_date": ["Publication date"],
    "organization": ["Organization"],
    "domain": ["Domain"],
    "country": ["Country (of organization)", "Country (from Organization)"],
    "parameters": ["Parameters"],
    "training_compute_flop": ["Training compute (FLOP)"],
    "training_dataset_size": [
        "Training dataset size (gradients)",
        "Training dataset size (total)",
        "Training dataset size (datapoints)",
        "(DEPRECATED) Training dataset size (datapoints)",
    ],
    "compute_method": ["Training compute estimation method"],
    "compute_evidence": ["Training compute notes"],
    "confidence": ["Confidence"],
    "link": ["Link"],
    "hardware": ["Training hardware"],
    "notability_criteria": ["Notability criteria"],
    "training_compute_lower_flop": ["Training compute lower bound"],
    "training_compute_upper_flop": ["Training compute upper bound"],
    "hardware_quantity": ["Hardware quantity"],
    "training_time_hours": ["Training time (hours)"],
    "training_cost_usd_2023": ["Training compute cost (2023 USD)"],
    "training_power_draw_w": ["Training power draw (W)"],
    "frontier_model": ["Frontier model"],
    "record_modified": ["Last modified"],
}
# Table names that say which of Epoch's curated lists a row comes from
FRONTIER_TABLE, LARGE_SCALE_TABLE = "frontier", "large_scale"
TRUE_CELLS = {"true", "yes", "checked", "1"}
# (The bare "Training dataset size" header of the 2025 frontier export is a link to another
# table whose cells hold model names, not sizes, so it is deliberately not an alias.)
REQUIRED = ("model", "publication_date")

DOI_IN_URL = re.compile(r"doi\.org/(10\.\d{4,9}/[^\s,;]+)", re.I)


class EpochSource(Source):
    """Epoch AI's curated tables of notable, frontier, large-scale and all ML models."""

    name = "epoch"
    default_url = "https://epoch.ai/data/"
    description = "Epoch AI's public CSV tables of ML models (notable, frontier, large-scale, all)."

    @classmethod
    def setting_values(cls, settings: Settings) -> dict[str, str]:
        return {**super().setting_values(settings), "FLOPWATCH_EPOCH_TABLES": ",".join(settings.epoch_tables)}

    def table_url(self, table: str) -> str:
        base = self.base_url if self.base_url.endswith("/") else self.base_url + "/"
        return f"{base}{table}.csv"

    def fetch(self, landing: Landing, window: Window = LATEST) -> list[Payload]:
        """Download every configured table (conditionally); Epoch publishes no history, so
        ``window`` is ignored."""
        payloads = []
        for table in self.settings.epoch_tables:
            url = self.table_url(table)
            try:
                response = self.http.get(url, landing.validators_for(url))
            except FetchError as exc:
                raise SourceError(f"epoch: table {table}: {exc}") from exc
            body = response.content
            if not response.complete and body and not ends_with_line_break(body):
                landing.land(f"rejected {table}.csv", response, cache=False)
                raise SourceError(f"epoch: table {table} ({url}): the body ended after {len(body):,} bytes "
                                  f"in the middle of a row, with no length announced: a cut download")
            payloads.append(landing.land(f"{table}.csv", response))
        return payloads

    def parse(self, payload: Payload, content: bytes) -> pd.DataFrame:
        """Candidate rows from one Epoch CSV."""
        table = payload.name.removesuffix(".csv")
        frame = read_epoch_csv(content, label=f"epoch: {payload.name} ({payload.url})")
        columns = resolve_columns(frame.columns, label=f"epoch: {payload.name}")
        out = pd.DataFrame(
            {
                field: frame[header] if header else pd.Series([None] * len(frame), dtype=object)
                for field, header in columns.items()
            }
        )
        out["source"] = self.name
        out["source_row"] = range(1, len(frame) + 1)
        out["source_record_id"] = table + ":" + out["model"].fillna("").astype(str)
        links = out["link"].fillna("").astype(str)
        out["arxiv_id"] = links.map(first_arxiv_id_in)
        out["doi"] = links.str.extract(DOI_IN_URL, expand=False)
        criteria = out.pop("notability_criteria").fillna("").astype(str).str.strip()
        out["notable"] = ("notable" in table) | (criteria != "")
        flags = out["frontier_model"].fillna("").astype(str).str.strip().str.lower()
        out["frontier_model"] = flags.isin(TRUE_CELLS).where(flags != "")
        out["in_frontier_table"] = FRONTIER_TABLE in table
        out["in_large_scale_table"] = LARGE_SCALE_TABLE in table
        out["raw_sha256"] = payload.sha256
        out["fetched_at"] = payload.fetched_at
        return out


def read_epoch_csv(content: bytes, label: str) -> pd.DataFrame:
    """Read an Epoch CSV as text cells; reject bodies that are not CSV with a clear reason."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{label}: body is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    head = text.lstrip()[:200].lower()
    if not head:
        raise SourceError(f"{label}: body is empty")
    if head.startswith(("<!doctype html", "<html", "<?xml", "<head", "<body")):
        raise SourceError(f"{label}: body is an HTML/XML page, not CSV")
    if head.startswith(("{", "[")):
        raise SourceError(f"{label}: body is JSON, not CSV")
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, na_values=[], engine="c"
        )
    except (pd.errors.ParserError, csv.Error, ValueError) as exc:
        raise SourceError(f"{label}: not a well-formed CSV ({exc})".replace("\n", " ")) from exc
    if _ends_inside_quotes(text):
        raise SourceError(f"{label}: body ends inside a quoted cell (truncated download?)")
    return frame


def ends_with_line_break(content: bytes) -> bool:
    """Whether a CSV body ends where a row ends. Epoch's files end every row, the last included, with a
    line break; a download cut short mid-row does not, which is the only end-of-file check a CSV
    allows when the server announced no length (a cut at a row boundary is caught by the shrink
    guard on publishing instead)."""
    return content.endswith((b"\n", b"\r"))


def _ends_inside_quotes(text: str) -> bool:
    # An odd number of quote characters means the last quoted cell was never closed.
    return text.count('"') % 2 == 1


def resolve_columns(headers: pd.Index, label: str) -> dict[str, str | None]:
    """Map each candidate column to the header this file uses for it (None when absent)."""
    present = {str(header).strip(): str(header) for header in headers}
    resolved: dict[str, str | None] = {}
    for field, aliases in COLUMN_ALIASES.items():
        resolved[field] = next((present[a] for a in aliases if a in present), None)
    missing = [field for field in REQUIRED if resolved[field] is None]
    if missing:
        names = "; ".join(f"{field} (expected one of {COLUMN_ALIASES[field]})" for field in missing)
        raise SourceError(f"{label}: required column missing: {names}")
    return resolved
