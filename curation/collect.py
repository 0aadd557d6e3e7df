"""From landed payloads to validated candidates: the source parses, curation reads the documents it
handed over (extraction), then types, checks and quarantines."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from curation.extract.documents import extract_documents
from curation.resolve.merge import split_duplicates
from schemas.handover import Payload, PayloadRejected, SourceError, SourceLike
from schemas.validate import QUARANTINE_COLUMNS, ROW_QUARANTINED, Validated, validate_candidates

PAYLOAD_QUARANTINED = "payload quarantined"


@dataclass
class Parsed:
    """A batch of payloads parsed, with the figures of their documents extracted: the rows (before
    the source combines them) and a quarantine line per payload the source rejected. Plain data, so
    a batch can be parsed in another process and sent back."""

    rows: pd.DataFrame
    rejected: list[dict[str, object]] = field(default_factory=list)


def parse_payloads(source: SourceLike, payloads: list[Payload], data_dir: Path) -> Parsed:
    """Parse ``payloads`` and extract their documents' figures: the CPU work of a collect, which
    :func:`batches` splits for workers. An unreadable or unparseable payload raises SourceError
    naming source and payload; one the source rejects on its own (PayloadRejected) becomes a line."""
    frames, rejected = [], []
    for payload in payloads:
        try:
            content = payload.read(data_dir)
        except (OSError, ValueError) as exc:
            raise SourceError(f"{source.name}: payload {payload.path}: {exc}") from exc
        try:
            frames.append(source.parse(payload, content))
        except PayloadRejected as exc:
            rejected.append(_rejected_line(source.name, payload, exc))
    rows = extract_documents(pd.concat(frames, ignore_index=True)) if frames else pd.DataFrame()
    return Parsed(rows, rejected)


def batches(payloads: list[Payload], size: int) -> list[list[Payload]]:
    """``payloads`` in consecutive batches of at most ``size`` (at least 1)."""
    size = max(1, size)
    return [payloads[start:start + size] for start in range(0, len(payloads), size)]


def collect_candidates(source: SourceLike, payloads: list[Payload], data_dir: Path,
                       parsed: list[Parsed] | None = None) -> Validated:
    """Every valid candidate of ``payloads``; rows that fail a check or repeat a record within one
    payload are returned as quarantine lines, and so is a payload the source rejects on its own
    (PayloadRejected). Any other unparseable payload raises SourceError naming source and payload.
    ``parsed``: the payloads already parsed in batches (elsewhere, e.g. on Dask workers)."""
    parts = parsed if parsed is not None else [parse_payloads(source, payloads, data_dir)]
    frames = [part.rows for part in parts if len(part.rows.columns)]
    rejected = [line for part in parts for line in part.rejected]
    rows = source.combine(pd.concat(frames, ignore_index=True)) if frames else pd.DataFrame()
    try:
        validated = validate_candidates(rows)
    except ValueError as exc:
        raise SourceError(f"{source.name}: {exc}") from exc
    candidates, duplicates = split_duplicates(validated.candidates, source.record_key)
    quarantine = pd.concat([q for q in [validated.quarantine, duplicates, pd.DataFrame(rejected)]
                            if not q.empty] or [duplicates], ignore_index=True)
    return Validated(candidates, quarantine.reindex(columns=QUARANTINE_COLUMNS))


def _rejected_line(source: str, payload: Payload, exc: PayloadRejected) -> dict[str, object]:
    return {"source": source, "record": payload.name, "row": None, "model": None, "column": None,
            "check": f"{PAYLOAD_QUARANTINED}: {exc}", "value": payload.path, "action": ROW_QUARANTINED,
            "raw_sha256": payload.sha256}


def rebuild_batch(source: SourceLike, data_dir: Path, sidecar: Path) -> pd.DataFrame:
    """A batch's candidates parsed again from the raw payloads its sidecar lists (offline): what the
    batch file holds, derived anew from ``data/raw``. The window's already-known records are not in
    the batch, so only the batch's own record ids are kept."""
    spec = json.loads(sidecar.read_text(encoding="utf-8"))
    payloads = [Payload.from_dict(p) for p in spec["payloads"]]
    stored = pd.read_parquet(data_dir / spec["path"], columns=["source_record_id"])["source_record_id"]
    candidates = collect_candidates(source, payloads, data_dir).candidates
    return candidates[candidates["source_record_id"].isin(set(stored))].reset_index(drop=True)
