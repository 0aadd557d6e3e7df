"""Change sets between versions: added, removed, renamed and changed fields, keyed by model_id."""

from __future__ import annotations

import pandas as pd

from curation.store.changes import CHANGE_COLUMNS, changes_markdown, diff_models, summarize_changes
from schemas.curated import MODEL_COLUMNS, CuratedModel


def _models(*rows: dict) -> pd.DataFrame:
    frame = pd.DataFrame([{c: None for c in MODEL_COLUMNS} | {"notable": False, "sources": "epoch"} | r
                          for r in rows])
    return CuratedModel.validate(frame)


OLD = _models(
    {"model_id": "fw_00000000000a", "model": "Kept", "training_compute_flop": 1e21},
    {"model_id": "fw_00000000000b", "model": "Gone", "training_compute_flop": 1e20},
    {"model_id": "fw_00000000000c", "model": "Grok-3", "parameters": 1e9},
    {"model_id": "fw_00000000000d", "model": "Same", "publication_date": pd.Timestamp("2020-01-01")},
)
NEW = _models(
    {"model_id": "fw_00000000000a", "model": "Kept", "training_compute_flop": 2e21,
     "organization": "Lab"},
    {"model_id": "fw_00000000000c", "model": "Grok 3", "parameters": 1e9},
    {"model_id": "fw_00000000000d", "model": "Same", "publication_date": pd.Timestamp("2020-01-01")},
    {"model_id": "fw_00000000000e", "model": "New"},
)


def test_diff_lists_each_kind_of_change():
    changes = diff_models(OLD, NEW)
    assert list(changes.columns) == CHANGE_COLUMNS
    rows = {(r.change, r.model, r.field, r.old, r.new) for r in changes.itertuples()}
    assert rows == {
        ("added", "New", "", "", ""),
        ("removed", "Gone", "", "", ""),
        ("renamed", "Grok 3", "model", "Grok-3", "Grok 3"),
        ("changed", "Kept", "training_compute_flop", "1e+21", "2e+21"),
        ("changed", "Kept", "organization", "", "Lab"),
    }
    assert summarize_changes(changes) == {"added": 1, "removed": 1, "renamed": 1, "changed": 1,
                                          "merged": 0, "split": 0}


def test_identical_tables_have_no_changes():
    assert diff_models(NEW, NEW).empty


def test_markdown_names_the_versions_and_models():
    text = changes_markdown(diff_models(OLD, NEW), "version 0001", "version 0002")
    assert text.startswith("# Changes from version 0001 to version 0002")
    assert "1 added, 1 removed, 1 renamed, 1 changed" in text
    assert "| Kept | training_compute_flop | 1e+21 | 2e+21 |" in text
