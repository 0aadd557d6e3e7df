"""When the data of each input was current: the snapshot date a version's manifest and REPORT.md name.

A source table such as Epoch's is a snapshot of a database that changes daily, so a version says, for
every payload it was built from, the date of the data in it, and how that date was found, best first:

1. ``record edits``: the newest per-record edit stamp in the payload (Epoch's "Last modified");
2. ``server Last-Modified``: the date the server gave for the file;
3. ``fetched``: the day it was downloaded (an upper bound: the data is at most this new).

``latest_publication`` (the newest publication date among the payload's rows) is a lower bound.
"""

from __future__ import annotations

from email.utils import parsedate_to_datetime

import pandas as pd

RECORD_EDITS, SERVER_DATE, FETCHED = "record edits", "server Last-Modified", "fetched"


def snapshot_of(payload: dict[str, object], rows: pd.DataFrame) -> dict[str, str | None]:
    """The snapshot date of one input ``payload`` (a manifest input record) from its candidate ``rows``."""
    latest = None
    if not rows.empty and rows["publication_date"].notna().any():
        latest = f"{rows['publication_date'].max():%Y-%m-%d}"
    edits = rows["record_modified"].dropna().astype(str).str[:10] if "record_modified" in rows else None
    if edits is not None and not edits.empty:
        return {"snapshot_date": edits.max(), "snapshot_basis": RECORD_EDITS, "latest_publication": latest}
    server = _http_date(payload.get("last_modified"))
    if server is not None:
        return {"snapshot_date": server, "snapshot_basis": SERVER_DATE, "latest_publication": latest}
    return {"snapshot_date": str(payload.get("fetched_at", ""))[:10] or None, "snapshot_basis": FETCHED,
            "latest_publication": latest}


def with_snapshots(inputs: list[dict[str, object]], candidates: pd.DataFrame) -> list[dict[str, object]]:
    """``inputs`` with each payload's snapshot date (:func:`snapshot_of`), from ``candidates`` (every
    source's rows, which carry the ``raw_sha256`` of their payload). A batch of many payloads (an
    arXiv window) is dated by its rows as one."""
    by_payload = candidates.groupby("raw_sha256") if not candidates.empty else None
    dated = []
    for record in inputs:
        digest = record.get("sha256")
        rows = by_payload.get_group(digest) if by_payload is not None and digest in by_payload.groups \
            else candidates.iloc[0:0]
        dated.append({**record, **snapshot_of(record, rows)})
    return dated


def snapshot_lines(inputs: list[dict[str, object]]) -> list[str]:
    """One Markdown line per input that carries a snapshot date (for REPORT.md)."""
    lines = []
    for record in inputs:
        if not record.get("snapshot_date"):
            continue
        newest = record.get("latest_publication")
        bound = f"; newest model published {newest}" if newest else ""
        lines.append(f"- {record['source']}: `{record['name']}` — data as of {record['snapshot_date']} "
                     f"({record['snapshot_basis']}{bound})")
    return lines


def _http_date(value: object) -> str | None:
    if not value:
        return None
    try:
        return f"{parsedate_to_datetime(str(value)):%Y-%m-%d}"
    except (TypeError, ValueError):
        return None
