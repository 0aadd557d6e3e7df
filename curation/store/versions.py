"""The curated store: immutable versions under ``curated/versions/NNNN/`` and the ``LATEST`` pointer.

A version is staged in a temporary folder, completed, then renamed into place; only then does
``LATEST`` move (itself replaced atomically). A failure at any point leaves ``LATEST`` as it was.
Published version folders are never modified.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import secrets
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from curation.store.csv_cells import neutralized
from curation.store.sharing import table_path
from flopwatch.layout import DataLayout
from schemas.candidate import EPOCH_NUMBER_COLUMNS, MEMBERSHIP_FLAGS
from schemas.curated import MODEL_COLUMNS, CuratedModel, empty_models

VERSION_WIDTH = 4


class StoreError(RuntimeError):
    """The curated store is not in a usable state (lock held, version missing)."""


def new_run_id(now: datetime | None = None) -> str:
    """A sortable, unique run id: UTC time plus a random suffix."""
    now = now or datetime.now(UTC)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def version_name(version: int) -> str:
    return f"{version:0{VERSION_WIDTH}d}"


@dataclass
class Store:
    """The curated zone of one data folder: its versions and ``LATEST``."""

    layout: DataLayout

    @classmethod
    def at(cls, data_dir: Path) -> Store:
        """The store of the data folder ``data_dir``."""
        return cls(DataLayout(data_dir))

    @property
    def curated_dir(self) -> Path:
        return self.layout.curated

    @property
    def versions_dir(self) -> Path:
        return self.layout.versions

    @property
    def latest_file(self) -> Path:
        return self.layout.latest

    def latest(self) -> int | None:
        """The version ``LATEST`` names, or None before the first publication."""
        if not self.latest_file.exists():
            return None
        text = self.latest_file.read_text(encoding="utf-8").strip()
        return int(text) if text else None

    def version_dir(self, version: int) -> Path:
        return self.versions_dir / version_name(version)

    def resolve(self, label: str | int) -> int:
        """A version number from ``3``, ``"0003"`` or ``"LATEST"``."""
        if str(label).upper() == "LATEST":
            latest = self.latest()
            if latest is None:
                raise StoreError(f"no version published yet in {self.curated_dir}")
            return latest
        version = int(label)
        if not self.version_dir(version).is_dir():
            raise StoreError(f"version {label} does not exist in {self.versions_dir}")
        return version

    def published(self) -> list[int]:
        """Every published version number, ascending."""
        if not self.versions_dir.exists():
            return []
        return sorted(int(p.name) for p in self.versions_dir.iterdir() if p.name.isdigit())

    def manifest(self, version: int) -> dict:
        return json.loads((self.version_dir(version) / "manifest.json").read_text(encoding="utf-8"))

    def models(self, version: int | None) -> pd.DataFrame:
        """The models of ``version`` (an empty table for None)."""
        if version is None:
            return empty_models()
        models = pd.read_parquet(self.version_dir(version) / "models.parquet")
        for column, default in UPGRADED_COLUMNS.items():  # versions written before these columns
            if column not in models:
                models[column] = default
        return CuratedModel.validate(models[MODEL_COLUMNS])

    def model_sources(self, version: int | None) -> pd.DataFrame | None:
        """The ``model_sources`` table of ``version`` (None for none, or a version older than it)."""
        path = table_path(self.version_dir(version), "model_sources") if version is not None else None
        if path is None or not path.exists():
            return None
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])

    def next_version(self) -> int:
        """One past the highest version folder ever created, so numbers are never reused."""
        return max(self.published(), default=0) + 1

    def stage(self, run_id: str) -> Path:
        """A fresh, private folder in which a version is assembled. A run stages under the data
        folder's run lock, so any other staging folder is a killed run's leftover: it is removed."""
        for leftover in self.versions_dir.glob(".staging-*") if self.versions_dir.exists() else ():
            shutil.rmtree(leftover, ignore_errors=True)
        staging = self.versions_dir / f".staging-{run_id}"
        staging.mkdir(parents=True)
        return staging

    def commit(self, staging: Path, version: int) -> Path:
        """Move a completed staging folder into place as ``version`` and point ``LATEST`` at it."""
        target = self.version_dir(version)
        if target.exists():
            raise StoreError(f"version {version_name(version)} already exists; refusing to overwrite")
        _fsync_tree(staging)
        os.rename(staging, target)
        tmp = self.curated_dir / f".LATEST.{os.getpid()}"
        tmp.write_text(version_name(version) + "\n", encoding="utf-8")
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, self.latest_file)
        return target

    def discard(self, staging: Path) -> None:
        shutil.rmtree(staging, ignore_errors=True)


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())


def write_models(models: pd.DataFrame, folder: Path) -> str:
    """Write ``models.csv`` and ``models.parquet``; return the content hash (sha256 of the CSV)."""
    csv_bytes = models_csv_bytes(models)
    (folder / "models.csv").write_bytes(csv_bytes)
    models.to_parquet(folder / "models.parquet", index=False)
    return hashlib.sha256(csv_bytes).hexdigest()


# columns added to models.csv after its first schema, and their value for older versions
UPGRADED_COLUMNS: dict[str, object] = {
    "training_compute_source": None, "compute_conflict": False, "derived_from": None,
    **dict.fromkeys(EPOCH_NUMBER_COLUMNS), **dict.fromkeys(MEMBERSHIP_FLAGS, False)}


def models_csv_bytes(models: pd.DataFrame) -> bytes:
    """The canonical CSV form of a models table: rows by model_id, ISO dates, LF line ends, text that
    a spreadsheet would run as a formula neutralized (:mod:`curation.store.csv_cells`)."""
    ordered = neutralized(models.sort_values("model_id", kind="stable"))
    return ordered.to_csv(index=False, date_format="%Y-%m-%d", lineterminator="\n").encode("utf-8")


def content_hash(models: pd.DataFrame) -> str:
    """The hash that decides whether a run changed the dataset."""
    return hashlib.sha256(models_csv_bytes(models)).hexdigest()


def code_version(project_dir: Path | None = None) -> str:
    """The git commit of the code that runs (with ``+dirty`` for local edits), or ``unknown``."""
    folder = project_dir or Path(__file__).resolve().parent.parent
    try:
        sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True,
                             text=True, check=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=folder,
                               capture_output=True, text=True, check=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return sha + ("+dirty" if dirty else "")


def check_unlocked(data_dir: Path) -> None:
    """Raise :class:`StoreError` at once if another run holds the data folder's lock (a command checks
    before it starts a flow, so the refusal is one line, not a failed flow's traceback)."""
    with run_lock(data_dir):
        pass


@contextmanager
def run_lock(data_dir: Path) -> Iterator[None]:
    """Hold the data folder's lock for one run; a second concurrent run fails at once, clearly."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(DataLayout(data_dir).lock, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise StoreError(f"another flopwatch run is using {data_dir} (lock held)") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
