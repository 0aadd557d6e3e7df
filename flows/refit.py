"""The refit flow: recompute a published version's trends with other options, without touching it.

    from flows.refit import refit_version
    refit_version(version="LATEST", jitter=True, drop_outliers=True)

Outputs go to ``<data>/curated/refits/<version>/<run id>/`` (trends.json, trends.png, trends.html,
REPORT.md); published versions are immutable. It runs the same pipeline as a version's own refit
(:func:`curation.trends.refit.refit_models`).
"""

from __future__ import annotations

from prefect import flow, get_run_logger

from curation.store.versions import Store, new_run_id, version_name
from curation.trends.fits import TrendOptions
from flopwatch.settings import load_settings
from flows.tasks import headline_artifact, refit


@flow(name="flopwatch-refit")
def refit_version(version: str = "LATEST", data_dir: str | None = None, jitter: bool = False,
                  drop_outliers: bool = False, n_bootstrap: int | None = None) -> str:
    """Refit ``version`` with the given options; return the folder the outputs were written to."""
    settings = load_settings(data_dir=data_dir)
    store = Store(settings.layout)
    number = store.resolve(version)
    options = TrendOptions.from_settings(settings, n_bootstrap=n_bootstrap, jitter=jitter,
                                         drop_outliers=drop_outliers)
    folder = settings.layout.refit_run(version_name(number), new_run_id())
    folder.mkdir(parents=True)
    label = f"refit of flopwatch version {version_name(number)}"
    records = refit(store.models(number), folder, options, "Training compute of ML models", label,
                    settings.layout.assets, store.manifest(number).get("inputs"))
    headline_artifact(records, label)
    get_run_logger().info("refit of version %s written to %s", version_name(number), folder)
    return str(folder)
