"""From landed payloads to validated candidates: parse with the source, then type, check, quarantine."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from curation.merge import split_duplicates
from schemas.validate import QUARANTINE_COLUMNS, ROW_QUARANTINED, Validated, validate_candidates
from scrapers.base import PayloadRejected, Source, SourceError
from scrapers.landing import Payload

PAYLOAD_QUARANTINED = "payload quarantined"


def collect_candidates(source: Source, payloads: list[Payload], data_dir: Path) -> Validated:
    """Every valid candidate of ``payloads``; rows that fail a check or repeat a record within one
    payload are returned as quarantine lines, and so is a payload the source rejects on its own
    (PayloadRejected). Any other unparseable payload raises SourceError naming source and payload."""
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
