"""The quarantine zone: every row, value or payload a run set aside, with its reason, one CSV per run."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from curation.store.csv_cells import neutralized
from flopwatch.layout import DataLayout
from schemas.validate import QUARANTINE_COLUMNS


def write_quarantine(data_dir: Path, run_id: str, frames: list[pd.DataFrame]) -> tuple[str, int] | None:
    """Write the run's quarantine lines to ``curated/quarantine/<run id>.csv``; return the file's path
    (relative to the data folder) and its line count, or None when nothing was quarantined."""
    frames = [frame for frame in frames if not frame.empty]
    if not frames:
        return None
    quarantine = pd.concat(frames, ignore_index=True).reindex(columns=QUARANTINE_COLUMNS)
    quarantine.insert(0, "run_id", run_id)
    layout = DataLayout(data_dir)
    layout.quarantine.mkdir(parents=True, exist_ok=True)
    path = layout.quarantine / f"{run_id}.csv"
    neutralized(quarantine).to_csv(path, index=False, lineterminator="\n")
    return path.relative_to(data_dir).as_posix(), len(quarantine)
