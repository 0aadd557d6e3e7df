"""The per-paper work of a paper source (parse, extract) on Dask workers, in batches.

With ``FLOPWATCH_TASK_RUNNER=dask`` (or ``FLOPWATCH_DASK_ADDRESS`` set) a run opens one Prefect
``DaskTaskRunner`` for its whole length: a ``LocalCluster`` of ``FLOPWATCH_DASK_WORKERS`` processes,
or the distributed scheduler at ``FLOPWATCH_DASK_ADDRESS``. A paper source's landed payloads go to it
in batches of ``FLOPWATCH_PARSE_BATCH`` — one ``parse-batch`` task each, never one per paper — and the
collect step combines, validates and saves what they return (:func:`curation.collect.collect_candidates`).

Fetching stays where it was: one fetch task per source (per window in a backfill), in the run's own
process, so each host has exactly one fetcher and its politeness interval holds however many workers
parse. Workers read payloads from the data folder, so a remote cluster needs it on a shared file system.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.task_runners import TaskRunner

from curation.collect import Parsed, batches, parse_payloads
from curation.harvest import Increment
from flopwatch.settings import Settings
from scrapers import get_source
from scrapers.base import Source


@task(name="parse-batch", cache_policy=NO_CACHE)
def parse_batch(source_name: str, settings: Settings, data_dir: Path, payloads: list) -> Parsed:
    """Parse one batch of ``source_name``'s payloads and extract their figures (on a worker)."""
    return parse_payloads(get_source(source_name)(settings), payloads, data_dir)


def uses_dask(settings: Settings) -> bool:
    return settings.task_runner == "dask" or bool(settings.dask_address)


@contextmanager
def paper_workers(settings: Settings, needed: bool = True) -> Iterator[TaskRunner | None]:
    """The run's Dask task runner while the block runs, or None when the work stays local (or the
    run has no paper source: ``needed`` False)."""
    if not needed or not uses_dask(settings):
        yield None
        return
    # distributed logs at INFO, with a traceback, the connections its workers drop when a cluster
    # closes: its loggers are set to ERROR here and, through this setting read at their start, in the
    # worker processes (an operator's own value is kept). A batch that fails still fails its task,
    # which the run reports.
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")
    from prefect_dask import DaskTaskRunner

    if settings.dask_address:
        runner = DaskTaskRunner(address=settings.dask_address)
    else:
        runner = DaskTaskRunner(cluster_kwargs={"n_workers": settings.dask_workers, "threads_per_worker": 1,
                                                "processes": True, "dashboard_address": None,
                                                "silence_logs": logging.ERROR})
    logger = logging.getLogger("distributed")  # the scheduler of a LocalCluster logs in this process
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with runner:
            yield runner
    finally:
        logger.setLevel(level)


def submit_parsing(runner: TaskRunner | None, source: Source, increment: Increment,
                   settings: Settings) -> list[PrefectFuture] | None:
    """Send a paper source's payloads to ``runner`` in batches; None when there is no runner, the
    source is not a paper source, or there is nothing to parse."""
    if runner is None or not source.paper_source or not increment.payloads:
        return None
    return [runner.submit(parse_batch, parameters={"source_name": source.name, "settings": settings,
                                                   "data_dir": settings.data_dir, "payloads": batch})
            for batch in batches(increment.payloads, settings.parse_batch)]


def with_parsed(increment: Increment, futures: list[PrefectFuture] | None) -> Increment:
    """``increment`` with the batches its payloads were parsed into (it unchanged without futures).
    A batch that failed raises its error, naming source and payload, as a local parse would."""
    if futures is None:
        return increment
    return replace(increment, parsed=[future.result() for future in futures])
