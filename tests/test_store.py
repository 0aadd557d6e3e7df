"""The curated store: atomic, immutable versions and a LATEST pointer that only moves on success."""

from __future__ import annotations

import pytest

from curation.store.versions import Store, StoreError, run_lock, write_models
from schemas.curated import empty_models


def _publish(store: Store, run_id: str) -> int:
    staging = store.stage(run_id)
    write_models(empty_models(), staging)
    version = store.next_version()
    store.commit(staging, version)
    return version


def test_versions_are_numbered_and_latest_follows(tmp_path):
    store = Store.at(tmp_path)
    assert store.latest() is None
    assert _publish(store, "r1") == 1 and _publish(store, "r2") == 2
    assert store.latest() == 2 and store.published() == [1, 2]
    assert (tmp_path / "curated" / "LATEST").read_text() == "0002\n"
    assert store.resolve("LATEST") == 2 and store.resolve("0001") == 1


def test_an_abandoned_staging_folder_changes_nothing(tmp_path):
    store = Store.at(tmp_path)
    _publish(store, "r1")
    staging = store.stage("r2")
    (staging / "models.csv").write_text("half-written")
    store.discard(staging)
    assert store.latest() == 1 and store.published() == [1]


def test_a_version_number_is_never_reused(tmp_path):
    store = Store.at(tmp_path)
    _publish(store, "r1")
    _publish(store, "r2")
    (tmp_path / "curated" / "LATEST").write_text("0001\n")  # e.g. an operator rolled back
    assert store.next_version() == 3


def test_existing_version_is_never_overwritten(tmp_path):
    store = Store.at(tmp_path)
    _publish(store, "r1")
    staging = store.stage("r2")
    with pytest.raises(StoreError, match="already exists"):
        store.commit(staging, 1)
    assert store.latest() == 1


def test_unknown_version_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no version published"):
        Store.at(tmp_path).resolve("LATEST")


def test_second_concurrent_run_is_refused(tmp_path):
    with run_lock(tmp_path), pytest.raises(StoreError, match="lock"), run_lock(tmp_path):
        pass
