"""From landed payloads to validated candidates: parse with the source, then type, check, quarantine."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from curation.merge import split_duplicates
from schemas.validate import QUARANTINE_COLUMNS, Validated, empty_candidates, validate_candidates
from scrapers.base import Source, SourceError
from scrapers.landing import Payload


def collect_candidates(source: Source, payloads: list[Payload], data_dir: Path) -> Validated:
    """Every valid candidate of ``payloads``; rows that fail a check or repeat a model name within
    one payload are returned as quarantine lines. A payload that cannot be parsed at all raises
    SourceError naming the source and the payload."""
    frames, quarantines = [], []
    for payload in payloads:
        try:
            content = payload.read(data_dir)
        except (OSError, ValueError) as exc:
            raise SourceError(f"{source.name}: payload {payload.path}: {exc}") from exc
        raw = source.parse(payload, content)
        try:
            validated = validate_candidates(raw)
        except ValueError as exc:
            raise SourceError(f"{source.name}: payload {payload.name}: {exc}") from exc
        frames.append(validated.candidates)
        quarantines.append(validated.quarantine)
    if not frames:
        return Validated(empty_candidates(), pd.DataFrame(columns=QUARANTINE_COLUMNS))
    candidates = pd.concat(frames, ignore_index=True)
    candidates, duplicates = split_duplicates(candidates)
    quarantine = pd.concat([q for q in [*quarantines, duplicates] if not q.empty] or [duplicates],
                           ignore_index=True)
    return Validated(candidates, quarantine)
