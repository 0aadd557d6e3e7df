"""The refit flow: recompute a published version's trends with other options, without touching it.

    from flows.refit import refit_version
    refit_version(version="LATEST", jitter=True, drop_outliers=True)

Outputs go to ``<data>/curated/refits/<version>/<run id>/`` (trends.json, trends.png, trends.html,
REPORT.md); published versions are immutable. The nightly flow uses the same ``refit`` task.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from curation.refit import refit_models
from curation.store import Store, new_run_id, version_name
from curation.trend_report import report_markdown
from curation.trends import TrendOptions
from flopwatch.settings import load_settings


@task(name="refit", cache_policy=NO_CACHE)
def refit(models: pd.DataFrame, folder: Path, options: TrendOptions, title: str, label: str) -> list[dict]:
    """Fit every subset's trend and write the outputs into ``folder``."""
    return refit_models(models, folder, options, title, label)


def headline_artifact(records: list[dict], label: str) -> None:
    """The REPORT.md headline (anchors next to the new numbers) as a Prefect markdown artifact."""
    report = report_markdown(label, records, [], {})
    headline = report.split("## All fits")[0]
    create_markdown_artifact(key="flopwatch-trend-headline", markdown=headline,
                             description=f"trend headline, {label}")


@flow(name="flopwatch-refit")
def refit_version(version: str = "LATEST", data_dir: str | None = None, jitter: bool = False,
                  drop_outliers: bool = False, n_bootstrap: int | None = None) -> str:
    """Refit ``version`` with the given options; return the folder the outputs were written to."""
    settings = load_settings(data_dir=data_dir)
    store = Store(settings.curated_dir)
    number = store.resolve(version)
    options = TrendOptions(breakpoints=tuple(settings.trend_breakpoints), seed=settings.trend_seed,
                           n_bootstrap=n_bootstrap or settings.trend_bootstrap, ci=settings.trend_ci)
    options = replace(options, jitter=jitter, drop_outliers=drop_outliers)
    folder = settings.curated_dir / "refits" / version_name(number) / new_run_id()
    folder.mkdir(parents=True)
    label = f"refit of flopwatch version {version_name(number)}"
    records = refit(store.models(number), folder, options, f"Training compute — {label}", label)
    headline_artifact(records, label)
    get_run_logger().info("refit of version %s written to %s", version_name(number), folder)
    return str(folder)
