"""The backfill flow: collect a historical window of an incremental source (arXiv), month by month.

    flopwatch backfill arxiv --since 2023-01-01 --until 2023-12-31 [--categories cs.CL] [--all]

Each month is one window: a fetch task (listing pages and full texts, landed in ``data/raw``), then a
collect task (parse, validate, write the window's batch, mark the window done). The next window's
fetch runs while the previous one is parsed, so requests keep their pace. Rerunning skips the windows
already done; a window that fails is reported and left for the next run. At the end a new curated
version is published with every source's current candidates (the others as the latest version has
them).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from prefect import flow, get_run_logger
from prefect.futures import PrefectFuture

from curation.harvest import Increment, harvest, known_records, windows_done
from curation.run_report import RunReport, SourceOutcome
from curation.store.batches import month_windows, window_label
from curation.store.versions import Store, new_run_id, run_lock, version_name
from curation.trends.fits import TrendOptions
from flopwatch.settings import Settings, load_settings
from flows.parallel import paper_workers, submit_parsing
from flows.prefect_setup import downloads_end_on_sigterm, quiet_expected_failures
from flows.progress import WindowProgress
from flows.tasks import build, collect_backfill_window, fetch
from schemas.validate import Validated
from scrapers import get_source
from scrapers.base import Source, SourceError, Window
from scrapers.http import FetchError


@dataclass
class BackfillReport:
    """What a backfill did: windows planned, skipped (done before), done now and failed."""

    source: str
    since: str
    until: str
    windows: int = 0
    skipped: int = 0
    done: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # window → error
    papers: int = 0
    new_records: int = 0
    details_queued: int = 0  # full texts or cards that failed for a temporary reason (retried nightly)
    batches_on_workers: int = 0  # parse-batch tasks sent to Dask workers (FLOPWATCH_TASK_RUNNER=dask)
    requests: int = 0
    run: RunReport | None = None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@flow(name="flopwatch-backfill", log_prints=False)
def backfill(source: str, since: str, until: str, categories: list[str] | None = None,
             fetch_all: bool = False, data_dir: str | None = None, contact: str | None = None,
             publish: bool = True, live_progress: bool | None = None) -> BackfillReport:
    """Collect [since, until] (ISO dates) of ``source`` window by window, then publish a version."""
    settings = load_settings(data_dir=data_dir, contact=contact)
    quiet_expected_failures((SourceError, FetchError))
    logger = get_run_logger()
    collector = get_source(source)(settings)
    if not collector.incremental:
        raise ValueError(f"{source} is a snapshot source with no history to backfill; use `flopwatch run`")
    collector.configure(categories=categories, fetch_all=fetch_all or None)
    windows = month_windows(date.fromisoformat(since), date.fromisoformat(until))
    run_id = new_run_id()
    report = BackfillReport(source, since, until, windows=len(windows))
    with run_lock(settings.data_dir), downloads_end_on_sigterm():
        done_before = windows_done(settings.data_dir, source)
        todo = [w for w in windows if window_label(*w) not in done_before]
        report.skipped = len(windows) - len(todo)
        logger.info("backfill %s %s – %s: %d windows, %d done before, %d to do", source, since, until,
                    len(windows), report.skipped, len(todo))
        progress = WindowProgress(len(windows), report.skipped, logger, live_progress)
        # read once: windows do not overlap, so what one window collects is never listed by another
        known = known_records(settings.data_dir, source)
        pending: list[tuple[str, PrefectFuture]] = []
        results: list[Validated] = []
        try:
            with paper_workers(settings) as workers:
                for window in todo:
                    label = window_label(*window)
                    try:
                        increment: Increment = fetch.with_options(
                            retries=settings.fetch_task_retries,
                            retry_delay_seconds=settings.fetch_task_retry_delay,
                        )(collector, settings.data_dir, run_id, Window(*window, known=known))
                    except Exception as exc:
                        report.failed[label] = str(exc)
                        logger.warning("window %s failed, left for the next run: %s", label, exc)
                        continue
                    batch = f"{run_id}-{window[0]:%Y%m%d}"
                    parsing = submit_parsing(workers, collector, increment, settings)  # on workers, if any
                    report.batches_on_workers += len(parsing or [])
                    pending.append((label, collect_backfill_window.submit(collector, settings.data_dir, batch,
                                                                             increment, parsing)))
                    pending = _drain(pending, report, results, progress, collector, block=False)
                _drain(pending, report, results, progress, collector, block=True)
        finally:
            progress.close()
        report.requests = collector.http.requests
        logger.info("backfill %s: %d windows done now, %d before, %d failed; %d papers (%d new), "
                    "%d requests", source, report.done, report.skipped, len(report.failed),
                    report.papers, report.new_records, report.requests)
        if publish:
            report.run = _publish(settings, run_id, collector, results)
    return report


def _drain(pending: list[tuple[str, PrefectFuture]], report: BackfillReport, results: list[Validated],
           progress: WindowProgress, collector, block: bool) -> list[tuple[str, PrefectFuture]]:
    """Account for finished collect tasks (all of them with ``block``); return those still running."""
    logger = get_run_logger()
    still = []
    for label, future in pending:
        if not block and not future.state.is_final():
            still.append((label, future))
            continue
        try:
            validated, new, change = future.result()
        except Exception as exc:
            report.failed[label] = str(exc)
            logger.warning("window %s failed, left for the next run: %s", label, exc)
            continue
        results.append(validated)
        report.done += 1
        report.papers += len(validated.candidates)
        report.new_records += new
        report.details_queued += len(change.queued)
        for miss in change.queued[:3]:
            logger.warning("%s: %s; queued for the next runs", miss.record_id, miss.reason)
        progress.window_done(label, report.papers, collector.http.requests)
    return still


def _publish(settings: Settings, run_id: str, backfilled: Source, results: list[Validated]) -> RunReport:
    """A new version from every source's current candidates (no fetching besides the backfill)."""
    store = Store(settings.layout)
    report = RunReport(run_id=run_id)
    report.previous_version = store.latest()
    manifest = store.manifest(report.previous_version) if report.previous_version else None
    names = [*settings.sources, *([backfilled.name] if backfilled.name not in settings.sources else [])]
    harvests = []
    for name in names:
        source = backfilled if name == backfilled.name else get_source(name)(settings)
        outcome = report.sources[name] = SourceOutcome(
            name, note="as in the latest version" if name != backfilled.name else "")
        harvests.append(harvest(source, None, settings.data_dir, run_id, outcome, manifest,
                                report.previous_version, kept=True,
                                quarantine=[v.quarantine for v in results] if source is backfilled else None))
    build(store, harvests, report, TrendOptions.from_settings(settings), skip_same_inputs=False)
    logger = get_run_logger()
    if report.status == "published":
        logger.info("backfill published version %s", version_name(report.version))
    else:
        logger.info("no new version: %s", report.reason)
    return report
