"""Two published versions built from Epoch AI's snapshots (the real ones, or the tests' samples of
them in a fresh clone) through the plain build path, for the tests of what readers open: the site,
the data package, the exports."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

from curation.build import build_version
from curation.harvest import Increment, harvest
from curation.run_report import RunReport, SourceOutcome
from curation.store.versions import Store
from curation.trends.fits import TrendOptions
from schemas.handover import Window
from scrapers.http import Response, Validators
from scrapers.landing import Landing
from scrapers.sources.epoch import EpochSource
from tests.conftest import make_settings

SNAPSHOT_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# (table the source fetches, snapshot short name) per version: an older notable table first, then
# the four tables as the default settings fetch them
VERSIONS = [
    [("notable_ai_models", "notable_2025_04"), ("all_ai_models", "all_2025_03")],
    [("notable_ai_models", "notable_2025_12"), ("frontier_ai_models", "frontier_2025_11"),
     ("large_scale_ai_models", "large_scale_2025_11"), ("all_ai_models", "all_2025_03")],
]


def publish_epoch_versions(data_dir: Path, snapshots: dict[str, Path]) -> Store:
    """Publish :data:`VERSIONS` into ``data_dir``; the files are landed as a download would land
    them, with the snapshot's date as the server's Last-Modified."""
    settings = make_settings(data_dir, epoch_tables=[table for table, _ in VERSIONS[-1]])
    source, store = EpochSource(settings), Store(settings.layout)
    for number, tables in enumerate(VERSIONS, start=1):
        run_id = f"site-{number}"
        landing = Landing(data_dir, "epoch", run_id)
        payloads = []
        for table, short in tables:
            path = snapshots[short]
            day = datetime.strptime(SNAPSHOT_DAY.search(path.stem).group(0), "%Y-%m-%d").replace(tzinfo=UTC)
            response = Response(f"http://127.0.0.1/{table}.csv", 200, path.read_bytes(), "text/csv",
                                Validators(None, format_datetime(day, usegmt=True)))
            payloads.append(landing.land(f"{table}.csv", response))
        report = RunReport(run_id=run_id, previous_version=store.latest())
        manifest = store.manifest(report.previous_version) if report.previous_version else None
        outcome = report.sources["epoch"] = SourceOutcome("epoch")
        harvested = harvest(source, Increment(Window(), payloads), data_dir, run_id, outcome, manifest,
                            report.previous_version)
        build_version(store, [harvested], report, TrendOptions(n_bootstrap=100), skip_same_inputs=False)
    return store
