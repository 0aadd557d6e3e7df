"""The data folder's layout: the one place that names every zone's path.

    <data>/raw/<source>/<UTC date>/<run id>/       landed payloads + manifest.jsonl (immutable)
    <data>/state/http_cache.json                   conditional-GET validators
    <data>/state/refused_payloads.txt              sha256 of payloads a run refused (never reused by a 304)
    <data>/state/sources/<source>.json             an incremental source's saved point and windows done
    <data>/batches/<source>/<batch>.parquet|.json  an incremental source's collected records
    <data>/curated/versions/NNNN/                  published versions (immutable); LATEST names one
    <data>/curated/quarantine/<run id>.csv         what each run quarantined, with reasons
    <data>/curated/refits/NNNN/<run id>/           refits of a version with other options
    <data>/curated/trends_history.csv              every version's fits
    <data>/curated/assets/                         files every chart page shares (plotly.js, once)
    <data>/.flopwatch.lock                         held by the run using the folder

A leaf module: every layer may import it; it imports nothing of the project.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DataLayout:
    """Paths of one data folder's zones."""

    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    def raw_run(self, source: str, day: str, run_id: str) -> Path:
        """Where one run lands one source's payloads (``day`` as YYYY-MM-DD, UTC)."""
        return self.raw / source / day / run_id

    @property
    def state(self) -> Path:
        return self.root / "state"

    @property
    def http_cache(self) -> Path:
        return self.state / "http_cache.json"

    @property
    def refused_payloads_file(self) -> Path:
        return self.state / "refused_payloads.txt"

    def refused_payloads(self) -> set[str]:
        """The sha256 of every payload a run refused to publish (unparseable, or a shrunk snapshot):
        a conditional GET must not answer "not modified" with one of them."""
        path = self.refused_payloads_file
        return set(path.read_text(encoding="utf-8").split()) if path.exists() else set()

    def refuse_payloads(self, digests: list[str]) -> None:
        """Add payloads to :meth:`refused_payloads` (appended and synced: the list only grows)."""
        if not digests:
            return
        self.state.mkdir(parents=True, exist_ok=True)
        with open(self.refused_payloads_file, "a", encoding="utf-8") as handle:
            handle.write("".join(f"{digest}\n" for digest in digests))
            handle.flush()
            os.fsync(handle.fileno())

    def source_state(self, source: str) -> Path:
        return self.state / "sources" / f"{source}.json"

    def batches(self, source: str) -> Path:
        return self.root / "batches" / source

    @property
    def curated(self) -> Path:
        return self.root / "curated"

    @property
    def versions(self) -> Path:
        return self.curated / "versions"

    @property
    def latest(self) -> Path:
        return self.curated / "LATEST"

    @property
    def quarantine(self) -> Path:
        return self.curated / "quarantine"

    def refit_run(self, version_name: str, run_id: str) -> Path:
        return self.curated / "refits" / version_name / run_id

    @property
    def assets(self) -> Path:
        return self.curated / "assets"

    @property
    def trends_history(self) -> Path:
        return self.curated / "trends_history.csv"

    @property
    def trends_history_chart(self) -> Path:
        return self.curated / "trends_history.png"

    @property
    def lock(self) -> Path:
        return self.root / ".flopwatch.lock"
