"""Merge validated candidates into one row per model.

The key is the model name with whitespace trimmed and collapsed, case kept (Epoch lists "CaLM" and
"CALM" as different models). This module is the seam where entity resolution will replace the
key-based merge: :func:`merge_candidates` is its whole public contract.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection

import pandas as pd

from curation.papers import link_paper_records
from schemas.curated import MODEL_COLUMNS, CuratedModel
from schemas.validate import QUARANTINE_COLUMNS, ROW_QUARANTINED

_SPACE = re.compile(r"\s+")

# Candidate fields carried into the curated table; the first non-null value in source order wins.
MERGED_FIELDS = [
    "model", "publication_date", "organization", "domain", "country", "parameters",
    "training_compute_flop", "training_dataset_size", "compute_method", "compute_evidence",
    "confidence", "hardware", "link", "arxiv_id", "doi",
]


def model_key(name: str) -> str:
    """The merge key of a model name: whitespace trimmed and collapsed, case kept."""
    return _SPACE.sub(" ", str(name)).strip()


def new_model_id(key: str) -> str:
    """A model id derived from its first key, so a rebuild from raw payloads gives the same ids."""
    return "fw_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def split_duplicates(candidates: pd.DataFrame,
                     record_key: str = "model") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Keep one row per record (by default the model name) within each payload; quarantine the others
    with a reason. Of duplicated rows, the one with the most filled fields is kept (the first on a tie).
    """
    if candidates.empty:
        return candidates, pd.DataFrame(columns=QUARANTINE_COLUMNS)
    frame = candidates.copy()
    frame["_key"] = frame[record_key].map(model_key)
    frame["_filled"] = frame[MERGED_FIELDS].notna().sum(axis=1)
    frame["_order"] = range(len(frame))
    ranked = frame.sort_values(["raw_sha256", "_key", "_filled", "_order"],
                               ascending=[True, True, False, True])
    duplicated = ranked.duplicated(["raw_sha256", "_key"], keep="first")
    kept_rows = ranked[~duplicated].set_index(["raw_sha256", "_key"])["source_row"]
    lines = []
    for _, row in ranked[duplicated].iterrows():
        kept = kept_rows.loc[(row["raw_sha256"], row["_key"])]
        lines.append({
            "source": row["source"], "record": row["source_record_id"], "row": row["source_row"],
            "model": row["model"], "column": record_key,
            "check": f"{record_key} unique within payload (row {kept} with more filled fields kept)",
            "value": row[record_key], "action": ROW_QUARANTINED, "raw_sha256": row["raw_sha256"],
        })
    kept = frame[~duplicated.reindex(frame.index)].drop(columns=["_key", "_filled", "_order"])
    return kept.reset_index(drop=True), pd.DataFrame(lines, columns=QUARANTINE_COLUMNS)


def merge_candidates(candidates: pd.DataFrame, previous: pd.DataFrame | None = None,
                     paper_sources: Collection[str] = ()) -> pd.DataFrame:
    """One curated row per model key. ``candidates`` come in precedence order (earlier wins);
    ``previous`` (the last published models) supplies the ids of models already known. Records of
    ``paper_sources`` are first linked to models by arXiv id (see :mod:`curation.papers`)."""
    known_ids: dict[str, str] = {}
    if previous is not None and not previous.empty:
        known_ids = dict(zip(previous["model"].map(model_key), previous["model_id"], strict=True))
    if candidates.empty:
        return CuratedModel.validate(pd.DataFrame(columns=MODEL_COLUMNS))
    frame = candidates.copy()
    frame["model"] = frame["model"].map(model_key)
    frame = link_paper_records(frame, paper_sources)
    if frame.empty:
        return CuratedModel.validate(pd.DataFrame(columns=MODEL_COLUMNS))
    groups = frame.groupby("model", sort=False)
    merged = groups[MERGED_FIELDS[1:]].first()
    merged["notable"] = groups["notable"].agg(lambda flags: bool(flags.fillna(False).any()))
    merged["sources"] = groups["source"].agg(lambda names: ";".join(sorted(set(names))))
    merged = merged.reset_index()
    merged["model_id"] = [known_ids.get(key) or new_model_id(key) for key in merged["model"]]
    merged = merged.sort_values(["publication_date", "model"], na_position="last", kind="stable")
    return CuratedModel.validate(merged[MODEL_COLUMNS].reset_index(drop=True))
