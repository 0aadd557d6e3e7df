"""``build_version``: the one function that turns every source's harvest and the previous version into
a new version — or decides that nothing changed and publishes nothing.

The decision, in order: inputs identical to the latest version's (same payloads and batches, by
sha256) → unchanged, nothing parsed; no valid rows from any source (no model and no paper) → nothing
published; merged models and papers identical to the latest version's (by content hash) → unchanged;
otherwise a new version is staged (models, provenance, changes, manifest, data package, trend refit,
site), committed, and ``LATEST`` moves. Any failure before the commit discards the staging folder and
leaves ``LATEST`` untouched.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from curation.harvest import Harvest
from curation.resolve.merge import Merged, merge_models
from curation.run_report import RunReport
from curation.site.build import write_site
from curation.store.changes import summarize_changes
from curation.store.papers import papers_hash, papers_table
from curation.store.publish import same_inputs, write_version_files
from curation.store.quarantine import write_quarantine
from curation.store.sharing import share_unchanged_files
from curation.store.snapshots import with_snapshots
from curation.store.versions import Store, code_version, content_hash, version_name
from curation.trends.fits import TrendOptions
from curation.trends.history import append_history, data_date_of, history_rows, read_history
from curation.trends.refit import refit_models

UNCHANGED_NOTE = "unchanged since the latest version"


def build_version(store: Store, harvests: list[Harvest], report: RunReport, options: TrendOptions,
                  skip_same_inputs: bool = True) -> RunReport:
    """Build and publish a version from ``harvests`` (in source precedence order) unless nothing
    changed; ``report`` (with ``run_id`` and ``previous_version`` set) says what happened. With
    ``skip_same_inputs`` False (``--force``, a backfill) the inputs shortcut is not taken."""
    previous = report.previous_version
    manifest = store.manifest(previous) if previous is not None else None
    data_dir = store.layout.root
    catch_up_history(store)
    if skip_same_inputs and same_inputs(inputs_of(harvests), manifest):
        report.reason = f"inputs identical to version {version_name(previous)}"
        for harvest in harvests:
            harvest.outcome.note = harvest.outcome.note or UNCHANGED_NOTE
        _quarantine(data_dir, report, harvests)
        return report
    candidates = {h.source.name: h.candidates() for h in harvests}
    _quarantine(data_dir, report, harvests)
    paper_sources = [h.source.name for h in harvests if h.source.paper_source]
    estimating = [h.source.name for h in harvests if h.source.extracts_compute]
    previous_models = store.models(previous)
    merged = merge_candidates_of(candidates, previous_models, store.model_sources(previous),
                                 paper_sources, estimating)
    models = merged.models
    report.rows = len(models)
    papers = papers_table(pd.concat([candidates[n] for n in paper_sources]), models) if paper_sources \
        else None
    if models.empty and (papers is None or papers.empty):  # papers without a figure still publish
        report.reason = "no valid candidate rows from any source"
        return report
    papers_digest = papers_hash(papers) if papers is not None else None
    if manifest is not None and content_hash(models) == manifest["content_hash"] \
            and (manifest.get("papers") or {}).get("hash") == papers_digest:
        report.reason = f"merged models identical to version {version_name(previous)}"
        return report
    version = store.next_version()
    staging = store.stage(report.run_id)
    inputs = with_snapshots(inputs_of(harvests), pd.concat(list(candidates.values()), ignore_index=True))
    try:
        extra = {"run_id": report.run_id, "code_git_sha": code_version(),
                 "sources": {name: asdict(outcome) for name, outcome in report.sources.items()},
                 "quarantine_file": report.quarantine_file, "inputs": inputs,
                 "papers": {"rows": len(papers), "hash": papers_digest} if papers is not None else None}
        _, changes = write_version_files(staging, models, previous_models, version, previous, extra,
                                         papers, merged)
        report.fits = refit_version_files(models, staging, options, version, store.layout.assets, inputs)
        write_site(staging, store.version_dir(version), store.layout.root)
        report.storage = asdict(share_unchanged_files(
            staging, store.version_dir(previous) if previous is not None else None))
        store.commit(staging, version)
    except BaseException:
        store.discard(staging)
        raise
    append_history(store.layout.trends_history,
                   history_rows(version, datetime.now(UTC).strftime("%Y-%m-%d"), report.fits,
                                data_date_of(models, inputs)))
    report.status, report.version = "published", version
    report.changes = summarize_changes(changes)
    report.added_models = added_rows(models, changes[changes["change"] == "added"]["model_id"])
    return report


def catch_up_history(store: Store) -> list[int]:
    """Append to ``trends_history.csv`` every published version it lacks (a run killed between moving
    ``LATEST`` and appending its history), from the version's own ``trends.json``; returns them."""
    recorded = set(read_history(store.layout.trends_history)["version"].astype(int))
    added = []
    for version in store.published():
        fits_file = store.version_dir(version) / "trends.json"
        if version in recorded or not fits_file.exists():
            continue
        fits = json.loads(fits_file.read_text(encoding="utf-8")).get("fits", [])
        day = str(store.manifest(version).get("created_at", ""))[:10]
        rows = history_rows(version, day, fits, data_date_of(store.models(version),
                                                             store.manifest(version).get("inputs")))
        if append_history(store.layout.trends_history, rows):
            added.append(version)
    return added


def inputs_of(harvests: list[Harvest]) -> list[dict[str, object]]:
    """The payloads and batches a version is built from, in precedence order (source order, then the
    order each source fetched them), so that a rebuild from the manifest merges exactly as the run did."""
    return [record for harvest in harvests for record in harvest.inputs]


def merge_candidates_of(candidates: dict[str, pd.DataFrame], previous: pd.DataFrame,
                        previous_links: pd.DataFrame | None, paper_sources: list[str],
                        estimating_sources: list[str]) -> Merged:
    """Entity resolution over every source's candidates: one row per model, with provenance."""
    frames = [frame for frame in candidates.values() if not frame.empty]
    combined = pd.concat(frames, ignore_index=True) if frames else next(iter(candidates.values()))
    return merge_models(combined, previous, paper_sources, estimating_sources, previous_links)


def refit_version_files(models: pd.DataFrame, folder: Path, options: TrendOptions, version: int,
                        assets: Path | None = None,
                        inputs: list[dict[str, object]] | None = None) -> list[dict[str, object]]:
    """The version's trend files (trends.json/png/html, REPORT.md) in ``folder``; returns the fits.
    ``inputs`` (the manifest's, with snapshot dates) are named in REPORT.md."""
    label = f"flopwatch version {version_name(version)}"
    return refit_models(models, folder, options, "Training compute of ML models", label, assets, inputs)


def _quarantine(data_dir: Path, report: RunReport, harvests: list[Harvest]) -> None:
    written = write_quarantine(data_dir, report.run_id, [q for h in harvests for q in h.quarantine])
    if written is not None:
        report.quarantine_file, report.quarantined = written


def added_rows(models: pd.DataFrame, added_ids: pd.Series) -> list[dict[str, object]]:
    """The added models' main columns, for the run summary."""
    rows = models[models["model_id"].isin(added_ids)]
    rows = rows[["model_id", "model", "publication_date", "organization", "training_compute_flop"]]
    rows = rows.assign(publication_date=rows["publication_date"].dt.strftime("%Y-%m-%d"))
    return [{k: (None if pd.isna(v) else v) for k, v in row.items()}
            for row in rows.to_dict(orient="records")]
