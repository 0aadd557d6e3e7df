"""The whole nightly flow under prefect_test_harness, against real Epoch snapshots served on 127.0.0.1."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest
from prefect.artifacts import Artifact
from prefect.testing.utilities import prefect_test_harness

import scrapers
from curation.resolve.merge import model_key
from curation.store.versions import Store
from flopwatch.cli import EXIT_SOURCE_FAILED, main
from flopwatch.loopback import Reply
from flows.nightly import nightly
from scrapers.base import LATEST, Source, Window
from scrapers.http import Response as HttpResponse
from scrapers.http import Validators
from scrapers.landing import Landing, Payload
from scrapers.sources.epoch import EpochSource


@pytest.fixture(scope="module", autouse=True)
def prefect_harness():
    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def run(tmp_path, epoch_env, monkeypatch):
    """Run the nightly flow on a temporary data folder with test-speed settings."""
    data_dir = tmp_path / "data"
    for key, value in {"HTTP_MIN_INTERVAL": "0", "HTTP_RETRIES": "1", "HTTP_BACKOFF_FACTOR": "0.01",
                       "FETCH_TASK_RETRIES": "0", "TREND_BOOTSTRAP": "200"}.items():
        monkeypatch.setenv(f"FLOPWATCH_{key}", value)

    def _run(**kwargs):
        return nightly(data_dir=str(data_dir), **kwargs)

    _run.data_dir = data_dir
    _run.store = Store.at(data_dir)
    return _run


def _keys(path: Path) -> set[str]:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(handle)
        name = rows.fieldnames[0]
        return {model_key(r[name]) for r in rows if model_key(r[name])}


def test_successive_snapshots_make_successive_versions_with_exact_changes(run, epoch_env, epoch_snapshots,
                                                                        realdata):
    epoch_env.serve("notable_ai_models.csv", epoch_snapshots["notable_2024"])
    epoch_env.serve("all_ai_models.csv", epoch_snapshots["all_2025_03"])
    first = run()
    assert first.status == "published" and first.version == 1 and not first.failed_sources
    v1_dir = run.store.version_dir(1)
    for name in ["models.csv", "models.parquet", "manifest.json", "changes.csv", "CHANGES.md",
                 "trends.json", "trends.png", "trends.html", "REPORT.md"]:
        assert (v1_dir / name).stat().st_size > 0, name
    models_v1 = pd.read_csv(v1_dir / "models.csv")
    expected_v1 = _keys(epoch_snapshots["notable_2024"]) | _keys(epoch_snapshots["all_2025_03"])
    expected_v1 -= _rejected(first, run.data_dir)
    assert "AlexNet + coordinating filters" not in expected_v1  # Epoch marks its confidence "Wrong"
    links_v1 = pd.read_csv(v1_dir / "links.csv.gz", keep_default_na=False)
    assert set(links_v1["record_model"]) == expected_v1  # every valid record belongs to one model
    assert set(models_v1["model"]) <= expected_v1 and models_v1["model_id"].is_unique
    merged_names = links_v1[~links_v1["rule"].isin(["first record", "same name"])]
    assert len(models_v1) == len(expected_v1) - len(merged_names)  # only resolution merges names

    again = run()
    assert again.status == "unchanged" and again.version is None
    assert run.store.latest() == 1 and run.store.published() == [1]
    assert sum(r.headers.get("If-None-Match") is not None for r in epoch_env.requests) == 2

    epoch_env.serve("notable_ai_models.csv", epoch_snapshots["notable_2025_04"])
    second = run()
    assert second.version == 2 and run.store.latest() == 2
    changes = pd.read_csv(run.store.version_dir(2) / "changes.csv", keep_default_na=False)
    expected_v2 = _keys(epoch_snapshots["notable_2025_04"]) | _keys(epoch_snapshots["all_2025_03"])
    expected_v2 -= _rejected(second, run.data_dir)
    links_v2 = pd.read_csv(run.store.version_dir(2) / "links.csv.gz", keep_default_na=False)
    names_of = {1: links_v1.groupby("model_id")["record_model"].agg(set),
                2: links_v2.groupby("model_id")["record_model"].agg(set)}
    added = changes.loc[changes["change"] == "added", "model_id"]
    removed = changes.loc[changes["change"] == "removed", "model_id"]
    assert len(added) > 0 and len(removed) > 0
    assert all(not names_of[2][i] & expected_v1 for i in added)  # added: no record name seen before
    assert all(not names_of[1][i] & expected_v2 for i in removed)  # removed: no record name left
    assert len(expected_v2 - expected_v1) >= len(added) and len(expected_v1 - expected_v2) >= len(removed)

    models_v2 = pd.read_csv(run.store.version_dir(2) / "models.csv", dtype=str, keep_default_na=False)
    before = pd.read_csv(v1_dir / "models.csv", dtype=str, keep_default_na=False).set_index("model_id")
    after = models_v2.set_index("model_id")
    kept_ids = before.index.intersection(after.index)
    renamed = {i for i in kept_ids if before.at[i, "model"] != after.at[i, "model"]}
    assert renamed == set(changes.loc[changes["change"] == "renamed", "model_id"])  # ids kept on renames
    assert all(after.at[i, "model"] in names_of[2][i] and before.at[i, "model"] in names_of[1][i]
               for i in renamed)
    changed = changes[changes["change"] == "changed"]
    assert len(changed) > 0
    for row in changed.itertuples():  # every listed change is real ...
        assert row.field in after.columns and row.old != row.new
    # ... and every real difference is listed
    compared = [c for c in after.columns if c not in ("model", "sources")]
    differing = {(i, c) for c in compared for i in kept_ids
                 if _same(before.at[i, c], after.at[i, c]) is False}
    assert differing == set(zip(changed["model_id"], changed["field"], strict=True))

    manifest = json.loads((run.store.version_dir(2) / "manifest.json").read_text())
    assert manifest["previous_version"] == 1 and manifest["rows"] == len(models_v2)
    assert [i["name"] for i in manifest["inputs"]] == ["notable_ai_models.csv", "all_ai_models.csv"]

    history = pd.read_csv(run.data_dir / "curated" / "trends_history.csv")
    assert sorted(history["version"].unique()) == [1, 2]
    assert {"all", "notable", "frontier", "large-scale"} <= set(history["subset"])
    assert "Sevilla et al. 2022" in Artifact.get("flopwatch-trend-headline").data

    summary = Artifact.get("flopwatch-run-summary")
    assert f"flopwatch run {second.run_id}" in summary.data
    assert "Published version **0002**" in summary.data
    added_table = Artifact.get("flopwatch-added-models")
    assert "EXAONE Deep 32B" in str(added_table.data)
    assert all((run.data_dir / i["path"]).exists() for i in manifest["inputs"])


def _rejected(report, data_dir: Path) -> set[str]:
    """Models whose only row was quarantined in this run (duplicates keep another row)."""
    quarantine = pd.read_csv(data_dir / report.quarantine_file, keep_default_na=False)
    removed = quarantine[(quarantine["action"] == "row quarantined")
                         & ~quarantine["check"].str.startswith("model unique")]
    return {model_key(m) for m in removed["model"]}


def _same(a: str, b: str) -> bool:
    try:
        return abs(float(a) - float(b)) <= 1e-9 * max(abs(float(a)), abs(float(b)))
    except ValueError:
        return a == b


def test_2024_system_schema_runs_through_the_flow(run, epoch_env, epoch_snapshots, monkeypatch):
    monkeypatch.setenv("FLOPWATCH_EPOCH_TABLES", "notable_ai_models")
    epoch_env.serve("notable_ai_models.csv", epoch_snapshots["notable_2024"])
    report = run()
    models = run.store.models(1)
    assert report.rows == len(models) == len(_keys(epoch_snapshots["notable_2024"]))  # 825 in the real one
    assert "GPT-3 175B (davinci)" in set(models["model"])


def test_failed_source_keeps_last_good_data_and_latest(run, epoch_env, epoch_snapshots):
    epoch_env.serve("notable_ai_models.csv", epoch_snapshots["notable_2025_04"])
    epoch_env.serve("all_ai_models.csv", epoch_snapshots["all_2025_03"])
    assert run().version == 1
    epoch_env.fail("notable_ai_models.csv",
                   Reply(b"<!DOCTYPE html><html><body>Bad gateway</body></html>",
                         content_type="text/html"))
    report = run()
    assert report.failed_sources == ["epoch"]
    assert "notable_ai_models.csv" in report.sources["epoch"].error
    assert "HTML" in report.sources["epoch"].error
    assert report.status == "unchanged" and run.store.latest() == 1
    epoch_env.fail("notable_ai_models.csv", Reply(b"down", 500))
    report = run()
    assert report.failed_sources == ["epoch"] and "HTTP 500" in report.sources["epoch"].error
    assert run.store.latest() == 1


def test_first_run_with_every_source_failing_publishes_nothing(run, epoch_env):
    epoch_env.fail("notable_ai_models.csv", Reply(b"down", 500))
    epoch_env.fail("all_ai_models.csv", Reply(b"down", 500))
    report = run()
    assert report.failed_sources == ["epoch"] and report.version is None
    assert run.store.latest() is None and run.store.published() == []


class StaticSource(Source):
    """A second source for isolation tests: one fixed model, no network."""

    name = "static"
    default_url = "http://127.0.0.1:9/"

    def fetch(self, landing: Landing, window: Window = LATEST) -> list[Payload]:
        body = b"Model,Publication date,Training compute (FLOP)\nStaticNet,2021-06-01,1e21\n"
        return [landing.land("static.csv", HttpResponse(self.base_url + "static.csv", 200, body,
                                                        "text/csv", Validators()))]

    def parse(self, payload: Payload, content: bytes) -> pd.DataFrame:
        return EpochSource(self.settings).parse(payload, content).assign(source=self.name)


def test_one_failing_source_does_not_stop_the_others_and_cli_exits_3(
        run, epoch_env, monkeypatch, capsys):
    sources = {"epoch": EpochSource, "static": StaticSource}
    monkeypatch.setattr(scrapers, "available_sources", lambda: sources)
    epoch_env.fail("notable_ai_models.csv", Reply(b"down", 503))
    code = main(["run", "--sources", "epoch,static", "--data-dir", str(run.data_dir)])
    assert code == EXIT_SOURCE_FAILED
    captured = capsys.readouterr()
    assert "epoch: FAILED" in captured.out and "sources failed: epoch" in captured.err
    models = run.store.models(run.store.latest())
    assert list(models["model"]) == ["StaticNet"] and models.iloc[0]["sources"] == "static"


def test_absurd_rows_are_quarantined_and_the_rest_published(run, epoch_env, monkeypatch):
    monkeypatch.setenv("FLOPWATCH_EPOCH_TABLES", "notable_ai_models")
    epoch_env.serve("notable_ai_models.csv", (
        b"Model,Publication date,Training compute (FLOP),Organization\n"
        b"Good,2020-01-01,1e22,Lab\n"
        b"Huge,2020-01-01,1e40,Lab\n"
        b"Later,2099-05-01,1e20,Lab\n"
        b"Good,2020-01-01,,Lab\n"
    ))
    report = run()
    assert report.version == 1 and list(run.store.models(1)["model"]) == ["Good"]
    quarantine = pd.read_csv(run.data_dir / report.quarantine_file)
    assert set(quarantine["model"]) == {"Huge", "Later", "Good"}
    assert set(quarantine["source"]) == {"epoch"} and quarantine["check"].notna().all()
    assert report.sources["epoch"].quarantined == 3
