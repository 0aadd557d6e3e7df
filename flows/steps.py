"""Prefect tasks shared by the nightly and backfill flows, and the publication of a version.

Each task wraps plain functions of ``scrapers`` and ``curation``: one task per source (or per window
of an incremental source), never per record.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from curation.batches import BatchStore, SourceState, window_label
from curation.candidates import collect_candidates
from curation.changes import summarize_changes
from curation.merge import Merged, merge_models
from curation.papers import papers_hash, papers_table
from curation.publish import previous_payloads, write_version_files
from curation.report import FAILED, RunReport, SourceOutcome
from curation.store import Store, code_version, content_hash, version_name
from curation.trend_history import append_history, history_rows
from curation.trends import TrendOptions
from flopwatch.settings import Settings
from flows.refit import headline_artifact, refit
from schemas.validate import QUARANTINE_COLUMNS, VALUE_DROPPED, Validated
from scrapers import get_source
from scrapers.base import Source, Window
from scrapers.landing import Landing, Payload


@dataclass
class Increment:
    """What one fetch of an incremental source landed, and the window it covered."""

    window: Window
    payloads: list[Payload]


@task(name="fetch", cache_policy=NO_CACHE)
def fetch_source(name: str, settings: Settings, run_id: str) -> list[Payload]:
    """Fetch one snapshot source into the raw landing zone."""
    source = get_source(name)(settings)
    return source.fetch(Landing(settings.data_dir, name, run_id))


@task(name="fetch-window", cache_policy=NO_CACHE)
def fetch_window(source: Source, settings: Settings, run_id: str, window: Window,
                 known: frozenset[str] | None = None) -> Increment:
    """Fetch one window of an incremental source, skipping the records it has already collected
    (``known``, read from its batches when not given)."""
    if known is None:
        known = BatchStore(settings.data_dir, source.name).known()
    window = replace(window, known=known)
    return Increment(window, source.fetch(Landing(settings.data_dir, source.name, run_id), window))


def nightly_window(source: Source, settings: Settings) -> Window:
    """The window tonight's run of ``source`` covers: from its saved point minus the overlap to now."""
    state = SourceState.load(settings.data_dir, source.name)
    return source.default_window(state.saved_until(), datetime.now(UTC).replace(tzinfo=None))


@task(name="parse-validate", cache_policy=NO_CACHE)
def parse_source(name: str, settings: Settings, payloads: list[Payload],
                 source: Source | None = None) -> Validated:
    """Parse one source's payloads into validated candidates and quarantine lines."""
    source = source or get_source(name)(settings)
    return collect_candidates(source, payloads, settings.data_dir)


_STATE_LOCK = threading.Lock()  # windows of one backfill may finish concurrently


def save_increment(name: str, settings: Settings, batch: str, validated: Validated, increment: Increment,
                   advance_saved_point: bool) -> int:
    """Write the new records of a window as a batch, then (and only then) save the source's state:
    the nightly saved point, or the window as done for a backfill. Returns how many records were new."""
    candidates = validated.candidates
    new = candidates[~candidates["source_record_id"].isin(increment.window.known)]
    label = window_label(increment.window.since, increment.window.until)
    if len(new):
        BatchStore(settings.data_dir, name).write(batch, new, increment.payloads, label)
    with _STATE_LOCK:
        state = SourceState.load(settings.data_dir, name)
        if advance_saved_point:
            state.processed_until = increment.window.until.isoformat(timespec="minutes")
        else:
            state.windows_done = sorted({*state.windows_done, label})
        state.save(settings.data_dir, name)
    return len(new)


save_batch = task(name="save-batch", cache_policy=NO_CACHE)(save_increment)


@task(name="collect-window", cache_policy=NO_CACHE)
def collect_window(source: Source, settings: Settings, batch: str,
                   increment: Increment) -> tuple[Validated, int]:
    """Parse and validate one backfill window and save it as a batch; the window is then done."""
    validated = collect_candidates(source, increment.payloads, settings.data_dir)
    return validated, save_increment(source.name, settings, batch, validated, increment, False)


def kept_candidates(settings: Settings, name: str, latest_manifest: dict | None
                    ) -> tuple[pd.DataFrame, list[dict[str, object]]]:
    """A source's candidates as the latest version has them, without fetching: an incremental
    source's batches, or a snapshot source's payloads from the latest manifest, parsed again."""
    source = get_source(name)(settings)
    if source.incremental:
        return current_candidates(source, settings)
    payloads = previous_payloads(latest_manifest, name)
    return collect_candidates(source, payloads, settings.data_dir).candidates, [p.to_dict() for p in payloads]


def current_candidates(source: Source, settings: Settings) -> tuple[pd.DataFrame, list[dict[str, object]]]:
    """The candidates an incremental source has collected over all its batches, and those batches."""
    store = BatchStore(settings.data_dir, source.name)
    records = store.records()
    candidates = store.candidates(records)
    return (source.current(candidates) if not candidates.empty else candidates), records


def record_outcome(outcome: SourceOutcome, validated: Validated) -> None:
    """Count what parsing gave into the source's outcome."""
    quarantine = validated.quarantine
    dropped = quarantine["action"] == VALUE_DROPPED
    outcome.valid = len(validated.candidates)
    outcome.values_dropped = int(dropped.sum())
    outcome.quarantined = len(quarantine[~dropped].drop_duplicates(["record", "row", "check"]))
    outcome.parsed = outcome.valid + outcome.quarantined


def fail(outcome: SourceOutcome, exc: BaseException, previous_version: int | None) -> None:
    outcome.status = FAILED
    outcome.error = str(exc).strip("'\"")
    outcome.kept_from_version = previous_version


def write_quarantine(settings: Settings, run_id: str, results: list[Validated], report: RunReport) -> None:
    """Write the run's quarantine lines to ``curated/quarantine/<run id>.csv``."""
    frames = [v.quarantine for v in results if not v.quarantine.empty]
    if not frames:
        return
    quarantine = pd.concat(frames, ignore_index=True).reindex(columns=QUARANTINE_COLUMNS)
    quarantine.insert(0, "run_id", run_id)
    folder = settings.curated_dir / "quarantine"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{run_id}.csv"
    quarantine.to_csv(path, index=False, lineterminator="\n")
    report.quarantine_file = path.relative_to(settings.data_dir).as_posix()
    report.quarantined = len(quarantine)


@task(name="merge", cache_policy=NO_CACHE)
def merge(candidates: list[pd.DataFrame], previous: pd.DataFrame, previous_links: pd.DataFrame | None,
          paper_sources: list[str], estimating_sources: list[str]) -> Merged:
    """Entity resolution: one row per model across all sources, with provenance."""
    frames = [frame for frame in candidates if not frame.empty]
    combined = pd.concat(frames, ignore_index=True) if frames else candidates[0]
    return merge_models(combined, previous, paper_sources, estimating_sources, previous_links)


@task(name="publish", cache_policy=NO_CACHE)
def publish(store: Store, staging: Path, version: int) -> str:
    """Move the staged version into place and point LATEST at it."""
    return str(store.commit(staging, version))


def build_version(settings: Settings, store: Store, report: RunReport, candidates: dict[str, pd.DataFrame],
                  inputs: list[dict[str, object]], latest_manifest: dict | None) -> None:
    """Merge every source's candidates, and publish a new version unless nothing changed.
    ``report`` says what happened; the last published version is untouched on any failure."""
    previous = report.previous_version
    previous_models = store.models(previous)
    paper_sources = [name for name in candidates if get_source(name).paper_source]
    estimating = [name for name in candidates if get_source(name).extracts_compute]
    merged = merge(list(candidates.values()), previous_models, store.model_sources(previous),
                   paper_sources, estimating)
    models = merged.models
    report.rows = len(models)
    if models.empty:
        report.reason = "no valid candidate rows from any source"
        return
    papers = papers_table(pd.concat([candidates[n] for n in paper_sources]), models) if paper_sources \
        else None
    papers_digest = papers_hash(papers) if papers is not None else None
    if previous is not None and content_hash(models) == latest_manifest["content_hash"] \
            and (latest_manifest.get("papers") or {}).get("hash") == papers_digest:
        report.reason = f"merged models identical to version {version_name(previous)}"
        return
    version = store.next_version()
    staging = store.stage(report.run_id)
    try:
        _, changes = write_version_files(
            staging, models, previous_models, version, previous,
            {"run_id": report.run_id, "code_git_sha": code_version(),
             "sources": {name: asdict(outcome) for name, outcome in report.sources.items()},
             "quarantine_file": report.quarantine_file, "inputs": inputs,
             "papers": {"rows": len(papers), "hash": papers_digest} if papers is not None else None},
            papers, merged,
        )
        options = TrendOptions(breakpoints=tuple(settings.trend_breakpoints),
                               n_bootstrap=settings.trend_bootstrap, seed=settings.trend_seed,
                               ci=settings.trend_ci)
        report.fits = refit(models, staging, options,
                            f"Training compute of ML models — flopwatch version {version_name(version)}",
                            f"flopwatch version {version_name(version)}")
        publish(store, staging, version)
    except BaseException:
        store.discard(staging)
        raise
    append_history(settings.curated_dir / "trends_history.csv",
                   history_rows(version, datetime.now(UTC).strftime("%Y-%m-%d"), report.fits))
    headline_artifact(report.fits, f"flopwatch version {version_name(version)}")
    report.status, report.version = "published", version
    report.changes = summarize_changes(changes)
    report.added_models = added_rows(models, changes[changes["change"] == "added"]["model_id"])
    get_run_logger().info("published version %s (%d models%s) in %s", version_name(version), len(models),
                          f", {len(papers)} papers" if papers is not None else "", settings.curated_dir)


def added_rows(models: pd.DataFrame, added_ids: pd.Series) -> list[dict[str, object]]:
    rows = models[models["model_id"].isin(added_ids)]
    rows = rows[["model_id", "model", "publication_date", "organization", "training_compute_flop"]]
    rows = rows.assign(publication_date=rows["publication_date"].dt.strftime("%Y-%m-%d"))
    return [{k: (None if pd.isna(v) else v) for k, v in row.items()}
            for row in rows.to_dict(orient="records")]
