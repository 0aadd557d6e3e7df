"""The nightly flow: fetch every source, collect what each contributes, build and publish a version.

One fetch task per source (with retries, all sources at once), one collect task per source, one
build task. Every source goes through the same path — a snapshot source's window is "now" — and the
decisions (what a source contributes, whether anything changed) are curation's. A source that fails
keeps its last good data; the others go on.
"""

from __future__ import annotations

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from curation.harvest import plan_window
from curation.run_report import RunReport, SourceOutcome, fail
from curation.store.versions import Store, new_run_id, run_lock, version_name
from curation.trends.fits import TrendOptions
from flopwatch.settings import Settings, load_settings
from flows.parallel import paper_workers, submit_parsing, with_parsed
from flows.prefect_setup import downloads_end_on_sigterm, quiet_expected_failures
from flows.tasks import build, collect, fetch, headline_artifact
from scrapers import get_source
from scrapers.base import Source, SourceError
from scrapers.http import FetchError

ADDED_TABLE_LIMIT = 500


@flow(name="flopwatch-nightly", log_prints=False)
def nightly(sources: list[str] | None = None, data_dir: str | None = None,
            force: bool = False, contact: str | None = None,
            accept_shrink: list[str] | None = None) -> RunReport:
    """Fetch, validate, merge, refit and publish; return what the run did. ``accept_shrink`` names
    snapshot sources whose shrinking since the latest version is expected (see FLOPWATCH_MAX_SHRINK)."""
    settings = load_settings(sources=sources, data_dir=data_dir, contact=contact,
                             accept_shrink=accept_shrink or None)
    quiet_expected_failures((SourceError, FetchError))
    logger = get_run_logger()
    if not settings.contact.strip():
        logger.warning("FLOPWATCH_CONTACT is not set: please give a URL or e-mail for the User-Agent, "
                       "so that the sites we fetch from can reach whoever runs this job")
    chosen = [get_source(name)(settings) for name in settings.sources]
    store = Store(settings.layout)
    report = RunReport(run_id=new_run_id())
    with run_lock(settings.data_dir), downloads_end_on_sigterm():
        report.previous_version = store.latest()
        logger.info("run %s: sources %s, data in %s, latest version %s", report.run_id,
                    ",".join(settings.sources), settings.data_dir,
                    version_name(report.previous_version) if report.previous_version else "none")
        harvests = _harvest_all(chosen, settings, store, report)
        build(store, harvests, report, TrendOptions.from_settings(settings), skip_same_inputs=not force)
        return _finish(report, settings)


def _harvest_all(chosen: list[Source], settings: Settings, store: Store, report: RunReport) -> list:
    """Fetch every source at once, then collect each one's contribution in source order (a paper
    source's payloads parsed on Dask workers first, when configured: flows/parallel.py)."""
    retrying = {"retries": settings.fetch_task_retries,
                "retry_delay_seconds": settings.fetch_task_retry_delay}
    futures = [fetch.with_options(**retrying).submit(source, settings.data_dir, report.run_id,
                                                     plan_window(source, settings.data_dir))
               for source in chosen]
    previous = report.previous_version
    manifest = store.manifest(previous) if previous is not None else None
    harvests = []
    with paper_workers(settings, needed=any(source.paper_source for source in chosen)) as workers:
        for source, future in zip(chosen, futures, strict=True):
            outcome = report.sources[source.name] = SourceOutcome(source.name)
            try:
                increment = future.result()
                increment = with_parsed(increment, submit_parsing(workers, source, increment, settings))
            except Exception as exc:
                fail(outcome, exc, previous)
                increment = None
            harvests.append(collect(source, increment, data_dir=settings.data_dir, run_id=report.run_id,
                                    outcome=outcome, latest_manifest=manifest, previous_version=previous))
    return harvests


def _finish(report: RunReport, settings: Settings) -> RunReport:
    logger = get_run_logger()
    for outcome in report.sources.values():
        (logger.warning if outcome.status != "ok" else logger.info)(outcome.line())
    if report.status == "published":
        label = f"flopwatch version {version_name(report.version)}"
        headline_artifact(report.fits, label)
        logger.info("published version %s (%d models) in %s", version_name(report.version), report.rows,
                    settings.curated_dir)
    else:
        logger.info("no new version: %s", report.reason)
    create_markdown_artifact(key="flopwatch-run-summary", markdown=report.markdown(),
                             description=f"flopwatch run {report.run_id}")
    if report.added_models:
        create_table_artifact(key="flopwatch-added-models",
                              table=report.added_models[:ADDED_TABLE_LIMIT],
                              description=f"models added in version {version_name(report.version)}")
    return report
