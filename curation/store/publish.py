"""Assemble a dataset version: decide whether anything changed, and write its files into staging.

Files of a version: ``models.csv``, ``models.parquet``, ``model_sources.csv.gz``, ``links.csv.gz``,
``changes.csv``, ``CHANGES.md``, ``manifest.json``, ``papers.csv.gz`` when a paper source (arXiv)
contributed, ``datapackage.json`` and ``DATA_DICTIONARY.md`` (see :mod:`curation.store.datapackage`),
and, from the refit step, the trend files. See :mod:`curation.store.sharing` for why the large tables
are compressed.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from curation.resolve.merge import Merged
from curation.store.changes import changes_markdown, diff_models, summarize_changes
from curation.store.csv_cells import neutralized
from curation.store.datapackage import write_datapackage
from curation.store.papers import papers_csv_bytes
from curation.store.sharing import write_gzip
from curation.store.versions import version_name, write_models
from schemas.candidate import SCHEMA_VERSION as CANDIDATE_SCHEMA_VERSION
from schemas.curated import CURATED_SCHEMA_VERSION
from schemas.handover import Payload
from schemas.provenance import ModelChange, ModelLink, ModelSourceValue


def same_inputs(records: list[dict[str, object]], manifest: dict | None) -> bool:
    """True when the input ``records`` are exactly the inputs of the version ``manifest`` describes."""
    if manifest is None:
        return False
    now = {(r["source"], r["name"], r["sha256"]) for r in records}
    before = {(r["source"], r["name"], r["sha256"]) for r in manifest.get("inputs", [])}
    return now == before


def previous_payloads(manifest: dict | None, source: str) -> list[Payload]:
    """The payloads ``source`` contributed to the version ``manifest`` describes (its last good data)."""
    if manifest is None:
        return []
    return [Payload.from_dict(r) for r in manifest.get("inputs", []) if r["source"] == source]


def write_version_files(
    staging: Path,
    models: pd.DataFrame,
    previous_models: pd.DataFrame,
    version: int,
    previous_version: int | None,
    manifest_extra: dict[str, object],
    papers: pd.DataFrame | None = None,
    merged: Merged | None = None,
) -> tuple[dict[str, object], pd.DataFrame]:
    """Write the models (and papers, when a paper source contributed), their provenance
    (``model_sources.csv.gz``, ``links.csv.gz``), their changes against the previous version and the
    manifest into ``staging``."""
    digest = write_models(models, staging)
    if papers is not None:
        write_gzip(staging / "papers.csv.gz", papers_csv_bytes(papers))
    changes = diff_models(previous_models, models)
    if merged is not None:
        for name, table, schema in (("model_sources", merged.model_sources, ModelSourceValue),
                                    ("links", merged.links, ModelLink)):
            write_gzip(staging / f"{name}.csv.gz", _csv_bytes(neutralized(schema.validate(table))))
        if merged.id_events:
            changes = pd.concat([changes, pd.DataFrame(merged.id_events, columns=changes.columns)],
                                ignore_index=True)
    neutralized(ModelChange.validate(changes)).to_csv(staging / "changes.csv", index=False,
                                                      lineterminator="\n")
    old_label = f"version {version_name(previous_version)}" if previous_version else "nothing"
    (staging / "CHANGES.md").write_text(
        changes_markdown(changes, old_label, f"version {version_name(version)}"), encoding="utf-8"
    )
    manifest = {
        "version": version,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "previous_version": previous_version,
        "rows": len(models),
        "content_hash": digest,
        "schema_version": {"candidate": CANDIDATE_SCHEMA_VERSION, "curated": CURATED_SCHEMA_VERSION},
        "changes": summarize_changes(changes),
        **manifest_extra,
    }
    write_json(staging / "manifest.json", manifest)
    write_datapackage(staging, manifest)
    return manifest, changes


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def write_json(path: Path, payload: object) -> None:
    path.write_text(json.dumps(payload, indent=2, sort_keys=False, default=str) + "\n", encoding="utf-8")
