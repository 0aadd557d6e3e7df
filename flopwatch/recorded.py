"""Candidate rows from recorded files, parsed exactly as the sources parse what they fetch: Epoch's CSV
snapshots and Hugging Face model cards. ``flopwatch eval linking`` and the resolution tests read real
recorded material through these, so what they measure is what a nightly run would build."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from curation.extract.documents import extract_documents
from curation.resolve.merge import split_duplicates
from flopwatch.settings import Settings
from schemas.validate import validate_candidates
from scrapers.landing import Payload
from scrapers.sources.epoch import EpochSource
from scrapers.sources.huggingface import HuggingFaceSource

FETCHED_AT = "2026-11-26T03:00:00+00:00"  # a fixed landing time: rebuilds give the same rows


def payload(source: str, name: str, content: bytes) -> Payload:
    """A landed payload for ``content`` (its sha256 is the content's, as on landing)."""
    return Payload(source, name, f"https://example.org/{name}", name, hashlib.sha256(content).hexdigest(),
                   len(content), "text/plain", FETCHED_AT)


def epoch_candidates(settings: Settings, tables: list[tuple[Path, str]]) -> pd.DataFrame:
    """Validated candidate rows of Epoch snapshots, given as (file, table name such as
    ``notable_ai_models``), one row per model name and table."""
    source = EpochSource(settings)
    frames = []
    for path, table in tables:
        content = path.read_bytes()
        frames.append(source.parse(payload("epoch", f"{table}.csv", content), content))
    return split_duplicates(validate_candidates(pd.concat(frames, ignore_index=True)).candidates)[0]


def card_candidates(settings: Settings, cards: list[tuple[str, bytes]],
                    created_at: str | None = None) -> pd.DataFrame:
    """Validated candidate rows of model cards, given as (repo id, README bytes): each goes through a
    one-model listing page and its card, extraction and the source's combine step. ``created_at`` is
    the listing's creation date (unknown when None, as for cards recorded without their listing)."""
    source = HuggingFaceSource(settings)
    stamp = "2024-01-01T00:00:00.000Z"
    frames = []
    for repo, content in cards:
        entry = {"id": repo, "lastModified": stamp, **({"createdAt": created_at} if created_at else {})}
        listing = json.dumps([entry]).encode()
        parsed = [source.parse(payload("huggingface", "listing 1.json", listing), listing),
                  source.parse(payload("huggingface", f"card {repo}@{stamp}.md", content), content)]
        frames.append(source.combine(extract_documents(pd.concat(parsed, ignore_index=True))))
    return validate_candidates(pd.concat(frames, ignore_index=True)).candidates
