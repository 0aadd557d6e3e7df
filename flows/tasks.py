"""Prefect tasks shared by the flows: each wraps one plain step of ``scrapers`` or ``curation`` — one
task per source, window or version, never per record — and adds retries, logging and artifacts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
from prefect import task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.states import State

from curation.build import build_version
from curation.collect import Parsed
from curation.harvest import Harvest, Increment, collect_window, harvest
from curation.pending import QueueChange
from curation.run_report import SourceOutcome
from curation.trends.fits import TrendOptions
from curation.trends.refit import refit_models
from curation.trends.report import report_markdown
from schemas.validate import Validated
from scrapers.base import Source, Window
from scrapers.http import is_unreachable
from scrapers.landing import Landing


def worth_retrying(_task: object, _task_run: object, state: State) -> bool:
    """Whether a failed fetch is worth Prefect's retry after its delay: not when the host cannot be
    resolved or refuses connections (a wrong URL, or no network: the run should say so at once)."""
    return not is_unreachable(state.data if isinstance(state.data, BaseException) else None)


@task(name="fetch", cache_policy=NO_CACHE, retry_condition_fn=worth_retrying)
def fetch(source: Source, data_dir: Path, run_id: str, window: Window) -> Increment:
    """Fetch one window of ``source`` (a snapshot source's window is "now") into the raw zone, within
    the source's time for one run; the details it could not have come back as ``misses``."""
    landing = Landing(data_dir, source.name, run_id)
    return Increment(window, source.fetch_window(landing, window), landing.misses)


@task(name="collect", cache_policy=NO_CACHE)
def collect(source: Source, increment: Increment | None, data_dir: Path, run_id: str, outcome: SourceOutcome,
            latest_manifest: dict | None, previous_version: int | None) -> Harvest:
    """What ``source`` contributes to tonight's version (see :func:`curation.harvest.harvest`)."""
    return harvest(source, increment, data_dir, run_id, outcome, latest_manifest, previous_version)


@task(name="collect-window", cache_policy=NO_CACHE)
def collect_backfill_window(source: Source, data_dir: Path, batch: str, increment: Increment,
                            parsed: list[Parsed] | None = None) -> tuple[Validated, int, QueueChange]:
    """Parse (unless ``parsed`` in batches on workers already) and validate one backfill window and
    save it as a batch; the window is then done."""
    if parsed is not None:
        increment = replace(increment, parsed=parsed)
    return collect_window(source, data_dir, batch, increment)


build = task(name="build-version", cache_policy=NO_CACHE)(build_version)


@task(name="refit", cache_policy=NO_CACHE)
def refit(models: pd.DataFrame, folder: Path, options: TrendOptions, title: str, label: str,
          assets: Path | None = None, inputs: list[dict] | None = None) -> list[dict]:
    """Fit every subset's trend and write the outputs into ``folder`` (charts share ``assets``;
    ``inputs`` with their snapshot dates are named in the report)."""
    return refit_models(models, folder, options, title, label, assets, inputs)


def headline_artifact(records: list[dict], label: str) -> None:
    """The REPORT.md headline (anchors next to the new numbers) as a Prefect markdown artifact."""
    report = report_markdown(label, records, [], {})
    headline = report.split("## All fits")[0]
    create_markdown_artifact(key="flopwatch-trend-headline", markdown=headline,
                             description=f"trend headline, {label}")
