"""The nightly flow: fetch every source, parse and validate, merge, refit, publish a version.

One fetch task per source (with retries) and one parse task per source; one merge, one refit and one
publish task. A snapshot source (Epoch) is re-read whole; an incremental source (arXiv) fetches the
window since its saved point, writes the new records as a batch, and contributes all its batches.
A source that fails keeps its last good data; the others go on.
"""

from __future__ import annotations

import pandas as pd
from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from curation.batches import window_label
from curation.publish import input_records, previous_payloads, same_inputs
from curation.report import RunReport, SourceOutcome
from curation.store import Store, new_run_id, run_lock, version_name
from flopwatch.prefect_setup import quiet_expected_failures
from flopwatch.settings import Settings, load_settings
from flows.steps import (
    Increment,
    build_version,
    current_candidates,
    fail,
    fetch_source,
    fetch_window,
    nightly_window,
    parse_source,
    record_outcome,
    save_batch,
    write_quarantine,
)
from schemas.validate import Validated
from scrapers import get_source
from scrapers.base import SourceError
from scrapers.http import FetchError
from scrapers.landing import Payload

ADDED_TABLE_LIMIT = 500


def _fetch_all(settings: Settings, run_id: str, report: RunReport,
               latest_manifest: dict | None) -> dict[str, list[Payload] | Increment]:
    logger = get_run_logger()
    futures = {}
    for name in settings.sources:
        report.sources[name] = SourceOutcome(name)
        retrying = {"retries": settings.fetch_task_retries,
                    "retry_delay_seconds": settings.fetch_task_retry_delay}
        cls = get_source(name)
        if cls.incremental:
            source = cls(settings)
            futures[name] = fetch_window.with_options(**retrying).submit(
                source, settings, run_id, nightly_window(source, settings))
        else:
            futures[name] = fetch_source.with_options(**retrying).submit(name, settings, run_id)
    fetched: dict[str, list[Payload] | Increment] = {}
    for name, future in futures.items():
        outcome = report.sources[name]
        try:
            fetched[name] = future.result()
            payloads = fetched[name]
            outcome.fetched = len(payloads.payloads if isinstance(payloads, Increment) else payloads)
        except Exception as exc:
            fail(outcome, exc, report.previous_version)
            if not get_source(name).incremental:
                fetched[name] = previous_payloads(latest_manifest, name)
            logger.warning(outcome.line())
    return fetched


def _collect_increments(settings: Settings, run_id: str, fetched: dict[str, list[Payload] | Increment],
                        report: RunReport) -> tuple[list[Validated], dict[str, pd.DataFrame],
                                                    list[dict[str, object]]]:
    """Parse each incremental source's new window and save it as a batch; return the quarantine,
    every incremental source's current candidates and its batches (its inputs)."""
    logger = get_run_logger()
    results, candidates, inputs = [], {}, []
    for name in settings.sources:
        source = get_source(name)(settings)
        if not source.incremental:
            continue
        increment = fetched.get(name)
        if isinstance(increment, Increment):
            try:
                validated = parse_source(name, settings, increment.payloads, source)
                record_outcome(report.sources[name], validated)
                results.append(validated)
                new = save_batch(name, settings, run_id, validated, increment, advance_saved_point=True)
                window = window_label(increment.window.since, increment.window.until)
                report.sources[name].note = f"{new:,} new of {len(validated.candidates):,} in {window}"
            except Exception as exc:
                fail(report.sources[name], exc, report.previous_version)
                logger.warning(report.sources[name].line())
        candidates[name], batches = current_candidates(source, settings)
        inputs += batches
    return results, candidates, inputs


def _parse_snapshots(settings: Settings, fetched: dict[str, list[Payload] | Increment], report: RunReport,
                     latest_manifest: dict | None) -> tuple[list[Validated], dict[str, pd.DataFrame]]:
    logger = get_run_logger()
    results, candidates = [], {}
    for name in settings.sources:
        if get_source(name).incremental:
            continue
        outcome = report.sources[name]
        try:
            validated = parse_source(name, settings, fetched[name])
        except Exception as exc:
            fail(outcome, exc, report.previous_version)
            logger.warning(outcome.line())
            fetched[name] = previous_payloads(latest_manifest, name)
            validated = parse_source(name, settings, fetched[name])
        record_outcome(outcome, validated)
        results.append(validated)
        candidates[name] = validated.candidates
    return results, candidates


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

        fetched = _fetch_all(settings, run_id, report, latest_manifest)
        quarantine, incremental, batch_inputs = _collect_increments(settings, run_id, fetched, report)
        inputs = input_records(_snapshots(fetched)) + batch_inputs
        if not force and same_inputs(inputs, latest_manifest):
            report.reason = f"inputs identical to version {version_name(previous)}"
            for outcome in report.sources.values():
                outcome.note = outcome.note or "unchanged since the latest version"
            write_quarantine(settings, run_id, quarantine, report)
            return _finish(report, settings)

        parsed, candidates = _parse_snapshots(settings, fetched, report, latest_manifest)
        write_quarantine(settings, run_id, quarantine + parsed, report)
        candidates.update(incremental)
        ordered = {name: candidates[name] for name in settings.sources if name in candidates}
        inputs = input_records(_snapshots(fetched)) + batch_inputs
        build_version(settings, store, report, ordered, inputs, latest_manifest)
        return _finish(report, settings)


def _snapshots(fetched: dict[str, list[Payload] | Increment]) -> dict[str, list[Payload]]:
    return {name: payloads for name, payloads in fetched.items() if isinstance(payloads, list)}


def _finish(report: RunReport, settings: Settings) -> RunReport:
    logger = get_run_logger()
    for outcome in report.sources.values():
        logger.info(outcome.line())
    if report.status != "published":
        logger.info("no new version: %s", report.reason)
    create_markdown_artifact(key="flopwatch-run-summary", markdown=report.markdown(),
                             description=f"flopwatch run {report.run_id}")
    if report.added_models:
        create_table_artifact(key="flopwatch-added-models",
                              table=report.added_models[:ADDED_TABLE_LIMIT],
                              description=f"models added in version {version_name(report.version)}")
    return report
