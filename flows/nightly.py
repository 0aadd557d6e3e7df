"""The nightly flow: fetch every source, parse and validate, merge, refit, publish a version.

One task per source fetch (with retries) and per source parse; one merge, one refit and one publish
task. A source that fails keeps its last good data; the others go on.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from curation.candidates import collect_candidates
from curation.changes import summarize_changes
from curation.merge import merge_candidates
from curation.publish import (
    input_records,
    previous_payloads,
    same_inputs,
    write_version_files,
)
from curation.report import FAILED, RunReport, SourceOutcome
from curation.store import Store, code_version, content_hash, new_run_id, run_lock, version_name
from curation.trend_history import append_history, history_rows
from curation.trends import TrendOptions
from flopwatch.prefect_setup import quiet_expected_failures
from flopwatch.settings import Settings, load_settings
from flows.refit import headline_artifact, refit
from schemas.validate import QUARANTINE_COLUMNS, VALUE_DROPPED, Validated
from scrapers import get_source
from scrapers.base import SourceError
from scrapers.http import FetchError, PoliteSession
from scrapers.landing import Landing, Payload

ADDED_TABLE_LIMIT = 500


@task(name="fetch", cache_policy=NO_CACHE)
def fetch_source(name: str, settings: Settings, run_id: str) -> list[Payload]:
    """Fetch one source into the raw landing zone."""
    source = get_source(name)(settings, PoliteSession(settings))
    return source.fetch(Landing(settings.data_dir, name, run_id))


@task(name="parse-validate", cache_policy=NO_CACHE)
def parse_source(name: str, settings: Settings, payloads: list[Payload]) -> Validated:
    """Parse one source's payloads into validated candidates and quarantine lines."""
    source = get_source(name)(settings)
    return collect_candidates(source, payloads, settings.data_dir)


@task(name="merge", cache_policy=NO_CACHE)
def merge(candidates: list[pd.DataFrame], previous: pd.DataFrame) -> pd.DataFrame:
    """One row per model across all sources."""
    frames = [frame for frame in candidates if not frame.empty]
    combined = pd.concat(frames, ignore_index=True) if frames else candidates[0]
    return merge_candidates(combined, previous)


@task(name="publish", cache_policy=NO_CACHE)
def publish(store: Store, staging: Path, version: int) -> str:
    """Move the staged version into place and point LATEST at it."""
    return str(store.commit(staging, version))


def _fetch_all(settings: Settings, run_id: str, report: RunReport,
               latest_manifest: dict | None) -> dict[str, list[Payload]]:
    logger = get_run_logger()
    futures = {}
    for name in settings.sources:
        report.sources[name] = SourceOutcome(name)
        futures[name] = fetch_source.with_options(
            retries=settings.fetch_task_retries,
            retry_delay_seconds=settings.fetch_task_retry_delay,
        ).submit(name, settings, run_id)
    payloads: dict[str, list[Payload]] = {}
    for name, future in futures.items():
        outcome = report.sources[name]
        try:
            payloads[name] = future.result()
            outcome.fetched = len(payloads[name])
        except Exception as exc:
            _fail(outcome, exc, report.previous_version)
            payloads[name] = previous_payloads(latest_manifest, name)
            logger.warning(outcome.line())
    return payloads


def _fail(outcome: SourceOutcome, exc: BaseException, previous_version: int | None) -> None:
    outcome.status = FAILED
    outcome.error = str(exc).strip("'\"")
    outcome.kept_from_version = previous_version


def _parse_all(settings: Settings, payloads: dict[str, list[Payload]], report: RunReport,
               latest_manifest: dict | None) -> dict[str, Validated]:
    logger = get_run_logger()
    results: dict[str, Validated] = {}
    for name, source_payloads in payloads.items():
        outcome = report.sources[name]
        try:
            results[name] = parse_source(name, settings, source_payloads)
        except Exception as exc:
            _fail(outcome, exc, report.previous_version)
            logger.warning(outcome.line())
            fallback = previous_payloads(latest_manifest, name)
            payloads[name] = fallback
            results[name] = parse_source(name, settings, fallback)
        quarantine = results[name].quarantine
        dropped = quarantine["action"] == VALUE_DROPPED
        outcome.valid = len(results[name].candidates)
        outcome.values_dropped = int(dropped.sum())
        outcome.quarantined = len(quarantine[~dropped].drop_duplicates(["record", "row"]))
        outcome.parsed = outcome.valid + outcome.quarantined
    return results


def _write_quarantine(settings: Settings, run_id: str, results: dict[str, Validated],
                      report: RunReport) -> None:
    frames = [v.quarantine for v in results.values() if not v.quarantine.empty]
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


@flow(name="flopwatch-nightly", log_prints=False)
def nightly(sources: list[str] | None = None, data_dir: str | None = None,
            force: bool = False, contact: str | None = None) -> RunReport:
    """Fetch, validate, merge, refit and publish; return what the run did."""
    settings = load_settings(sources=sources, data_dir=data_dir, contact=contact)
    quiet_expected_failures((SourceError, FetchError))
    logger = get_run_logger()
    if not settings.contact.strip():
        logger.warning("FLOPWATCH_CONTACT is not set: please give a URL or e-mail for the User-Agent, "
                       "so that the sites we fetch from can reach whoever runs this job")
    run_id = new_run_id()
    store = Store(settings.curated_dir)
    report = RunReport(run_id=run_id)
    with run_lock(settings.data_dir):
        previous = store.latest()
        report.previous_version = previous
        latest_manifest = store.manifest(previous) if previous else None
        logger.info("run %s: sources %s, data in %s, latest version %s", run_id,
                    ",".join(settings.sources), settings.data_dir,
                    version_name(previous) if previous else "none")

        payloads = _fetch_all(settings, run_id, report, latest_manifest)
        if not force and same_inputs(payloads, latest_manifest):
            report.reason = f"inputs identical to version {version_name(previous)}"
            for outcome in report.sources.values():
                outcome.note = outcome.note or "unchanged since the latest version"
            return _finish(report, settings)

        results = _parse_all(settings, payloads, report, latest_manifest)
        _write_quarantine(settings, run_id, results, report)
        previous_models = store.models(previous)
        models = merge([results[name].candidates for name in settings.sources], previous_models)
        report.rows = len(models)
        if models.empty:
            report.reason = "no valid candidate rows from any source"
            return _finish(report, settings)
        if previous is not None and content_hash(models) == latest_manifest["content_hash"]:
            report.reason = f"merged models identical to version {version_name(previous)}"
            return _finish(report, settings)

        version = store.next_version()
        staging = store.stage(run_id)
        try:
            _, changes = write_version_files(
                staging, models, previous_models, version, previous,
                {"run_id": run_id, "code_git_sha": code_version(),
                 "sources": {name: asdict(outcome) for name, outcome in report.sources.items()},
                 "quarantine_file": report.quarantine_file,
                 "inputs": input_records(payloads)},
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
        record_history(settings, version, report.fits)
        headline_artifact(report.fits, f"flopwatch version {version_name(version)}")
        report.status, report.version = "published", version
        report.changes = summarize_changes(changes)
        added = changes[changes["change"] == "added"]["model_id"]
        report.added_models = _added_rows(models, added)
        return _finish(report, settings)


def record_history(settings: Settings, version: int, fits: list[dict]) -> None:
    """Append the new version's fits to ``trends_history.csv`` (after publication, never before)."""
    append_history(settings.curated_dir / "trends_history.csv",
                   history_rows(version, datetime.now(UTC).strftime("%Y-%m-%d"), fits))


def _added_rows(models: pd.DataFrame, added_ids: pd.Series) -> list[dict[str, object]]:
    rows = models[models["model_id"].isin(added_ids)]
    rows = rows[["model_id", "model", "publication_date", "organization", "training_compute_flop"]]
    rows = rows.assign(publication_date=rows["publication_date"].dt.strftime("%Y-%m-%d"))
    return [{k: (None if pd.isna(v) else v) for k, v in row.items()}
            for row in rows.to_dict(orient="records")]


def _finish(report: RunReport, settings: Settings) -> RunReport:
    logger = get_run_logger()
    for outcome in report.sources.values():
        logger.info(outcome.line())
    if report.status == "published":
        logger.info("published version %s (%d models) in %s", version_name(report.version),
                    report.rows, settings.curated_dir)
    else:
        logger.info("no new version: %s", report.reason)
    create_markdown_artifact(key="flopwatch-run-summary", markdown=report.markdown(),
                             description=f"flopwatch run {report.run_id}")
    if report.added_models:
        create_table_artifact(key="flopwatch-added-models",
                              table=report.added_models[:ADDED_TABLE_LIMIT],
                              description=f"models added in version {version_name(report.version)}")
    return report
