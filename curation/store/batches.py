"""What an incremental source has collected so far: candidate batches and the source's saved state.

Each fetched window's validated candidates are written as one batch, ``<data>/batches/<source>/
<name>.parquet``, with a sidecar ``<name>.json`` naming the window and the raw payloads it was parsed
from (so a batch can be rebuilt from ``data/raw``). The sidecar is written last: a batch without one
was interrupted and is ignored. The source's state (``<data>/state/sources/<source>.json``: the last
fully processed submission time and the backfill windows already done) is saved only after the batch
is durable, so a crash re-does work instead of skipping it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd

from flopwatch.layout import DataLayout
from schemas.handover import Payload

BATCH_MEDIA_TYPE = "application/vnd.apache.parquet"


def _write_atomically(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    with open(tmp, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def window_label(since: datetime, until: datetime) -> str:
    """A window as text, the form the state and the sidecars use."""
    return f"{since:%Y-%m-%dT%H:%M}/{until:%Y-%m-%dT%H:%M}"


@dataclass
class SourceState:
    """An incremental source's saved point, finished backfill windows and details to retry."""

    processed_until: str | None = None  # ISO time: everything submitted before it is collected
    windows_done: list[str] = field(default_factory=list)
    pending: list[dict] = field(default_factory=list)  # see curation.pending

    @classmethod
    def load(cls, data_dir: Path, source: str) -> SourceState:
        path = state_path(data_dir, source)
        if not path.exists():
            return cls()
        return cls(**json.loads(path.read_text(encoding="utf-8")))

    def save(self, data_dir: Path, source: str) -> None:
        """Write the state atomically (call only after the batch it describes is durable)."""
        text = json.dumps(asdict(self), indent=1, sort_keys=True) + "\n"
        _write_atomically(state_path(data_dir, source), text.encode("utf-8"))

    def saved_until(self) -> datetime | None:
        return datetime.fromisoformat(self.processed_until) if self.processed_until else None


def state_path(data_dir: Path, source: str) -> Path:
    return DataLayout(data_dir).source_state(source)


class BatchStore:
    """The batches one incremental source has written, oldest first."""

    def __init__(self, data_dir: Path, source: str) -> None:
        self.data_dir = data_dir
        self.source = source
        self.folder = DataLayout(data_dir).batches(source)

    def write(self, name: str, candidates: pd.DataFrame, payloads: list[Payload],
              window: str) -> dict[str, object]:
        """Write one batch durably (parquet first, then its sidecar); return its input record."""
        parquet = self.folder / f"{name}.parquet"
        if parquet.exists() or parquet.with_suffix(".json").exists():
            raise FileExistsError(f"batch {parquet} already exists; batches are never rewritten")
        frame = candidates.reset_index(drop=True)
        content = frame.to_parquet(index=False)
        _write_atomically(parquet, content)
        record = {
            "source": self.source, "name": f"batch {name}", "url": "",
            "path": parquet.relative_to(self.data_dir).as_posix(),
            "sha256": hashlib.sha256(content).hexdigest(), "bytes": len(content),
            "content_type": BATCH_MEDIA_TYPE,
            "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        sidecar = {**record, "rows": len(frame), "window": window,
                   "payloads": [p.to_dict() for p in payloads]}
        _write_atomically(parquet.with_suffix(".json"),
                          (json.dumps(sidecar, indent=1) + "\n").encode("utf-8"))
        return record

    def records(self) -> list[dict[str, object]]:
        """Every complete batch's input record (as in a version manifest), oldest first."""
        if not self.folder.is_dir():
            return []
        sidecars = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(self.folder.glob("*.json"))]
        sidecars = [s for s in sidecars if (self.data_dir / s["path"]).exists()]
        sidecars.sort(key=lambda s: (s["fetched_at"], s["name"]))
        keys = ("source", "name", "url", "path", "sha256", "bytes", "content_type", "fetched_at")
        return [{key: s[key] for key in keys} for s in sidecars]

    def candidates(self, records: list[dict[str, object]] | None = None) -> pd.DataFrame:
        """All candidates of ``records`` (default: every batch), in batch order."""
        records = self.records() if records is None else records
        frames = [pd.read_parquet(self.data_dir / str(r["path"])) for r in records]
        frames = [f for f in frames if not f.empty]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    def known(self) -> frozenset[str]:
        """The record ids collected in any batch (an incremental source does not fetch them again)."""
        ids: set[str] = set()
        for record in self.records():
            ids.update(pd.read_parquet(self.data_dir / str(record["path"]),
                                       columns=["source_record_id"])["source_record_id"])
        return frozenset(ids)


def month_windows(since: date, until: date) -> list[tuple[datetime, datetime]]:
    """[since, until] cut at month boundaries, each window from its first minute to its last."""
    if until < since:
        raise ValueError(f"the window ends ({until}) before it starts ({since})")
    windows, start = [], datetime(since.year, since.month, since.day)
    end_of_range = datetime(until.year, until.month, until.day, 23, 59)
    while start <= end_of_range:
        next_month = datetime(start.year + start.month // 12, start.month % 12 + 1, 1)
        windows.append((start, min(next_month - timedelta(minutes=1), end_of_range)))
        start = next_month
    return windows
