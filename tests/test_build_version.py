"""build_version and the harvest of a source, as plain functions (no Prefect): when a version is
published, when nothing changed, and that a failure leaves LATEST and the last good data alone."""

from __future__ import annotations

import pandas as pd
import pytest

from curation.build import build_version
from curation.harvest import Increment, harvest
from curation.run_report import FAILED, RunReport, SourceOutcome
from curation.store.versions import Store
from curation.trends.fits import TrendOptions
from schemas.handover import Window
from scrapers.http import Response, Validators
from scrapers.landing import Landing
from scrapers.sources.epoch import EpochSource
from tests.conftest import make_settings

HEADER = "Model,Publication date,Organization,Training compute (FLOP)\n"
ROWS = ["Alpha,2016-03-01,Lab A,1e20", "Beta,2018-06-01,Lab B,3e21", "Gamma,2020-05-01,Lab A,2e23",
        "Delta,2022-09-01,Lab C,5e24", "Epsilon,2023-11-01,Lab B,2e25"]
OPTIONS = TrendOptions(n_bootstrap=50)


def _table(rows: list[str]) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode()


def _fetch(source: EpochSource, run_id: str, body: bytes) -> Increment:
    """What a fetch of Epoch's notable table landed (the real landing zone, no network)."""
    response = Response("http://127.0.0.1/notable_ai_models.csv", 200, body, "text/csv", Validators())
    return Increment(Window(), [Landing(source.settings.data_dir, "epoch", run_id)
                                .land("notable_ai_models.csv", response)])


def _run(source: EpochSource, store: Store, body: bytes | None, run_id: str,
         skip_same_inputs: bool = True) -> tuple[RunReport, object]:
    """One run as the nightly flow wires it: fetch (None: the fetch failed), harvest, build."""
    report = RunReport(run_id=run_id, previous_version=store.latest())
    manifest = store.manifest(report.previous_version) if report.previous_version else None
    outcome = report.sources["epoch"] = SourceOutcome("epoch")
    increment = _fetch(source, run_id, body) if body is not None else None
    if increment is None:
        outcome.status = FAILED
    harvested = harvest(source, increment, source.settings.data_dir, run_id, outcome, manifest,
                        report.previous_version)
    return build_version(store, [harvested], report, OPTIONS, skip_same_inputs), harvested


@pytest.fixture
def setup(tmp_path, monkeypatch):
    monkeypatch.setenv("FLOPWATCH_EPOCH_TABLES", "notable_ai_models")
    settings = make_settings(tmp_path / "data")
    return EpochSource(settings), Store(settings.layout)


def test_a_first_build_publishes_and_identical_inputs_are_not_even_parsed(setup):
    source, store = setup
    first, _ = _run(source, store, _table(ROWS), "r1")
    assert first.status == "published" and first.version == 1 and store.latest() == 1
    assert list(store.models(1)["model"].sort_values()) == sorted(r.split(",")[0] for r in ROWS)
    assert first.fits and (store.version_dir(1) / "REPORT.md").exists()
    assert len(pd.read_csv(store.layout.trends_history)) == len(first.fits)

    again, harvested = _run(source, store, _table(ROWS), "r2")
    assert again.status == "unchanged" and again.reason == "inputs identical to version 0001"
    assert harvested._candidates is None  # the snapshot was never parsed
    assert store.published() == [1]


def test_without_the_inputs_shortcut_identical_models_publish_nothing(setup):
    source, store = setup
    _run(source, store, _table(ROWS), "r1")
    forced, _ = _run(source, store, _table(ROWS), "r2", skip_same_inputs=False)
    assert forced.status == "unchanged" and forced.reason == "merged models identical to version 0001"
    assert store.published() == [1]


def test_a_changed_table_publishes_the_next_version_with_its_changes(setup):
    source, store = setup
    _run(source, store, _table(ROWS), "r1")
    rows = [*ROWS[:-1], "Epsilon,2023-11-01,Lab B,4e25", "Zeta,2024-02-01,Lab D,1e26"]
    changed, _ = _run(source, store, _table(rows), "r2")
    assert changed.version == 2 and store.latest() == 2
    assert {kind: n for kind, n in changed.changes.items() if n} == {"added": 1, "changed": 1}
    assert set(pd.read_csv(store.layout.trends_history)["version"]) == {1, 2}


def test_an_unreadable_table_keeps_the_last_good_data_and_marks_the_source_failed(setup):
    source, store = setup
    _run(source, store, _table(ROWS), "r1")
    report, _ = _run(source, store, b"<!DOCTYPE html><html><body>Bad gateway</body></html>", "r2")
    assert report.sources["epoch"].status == FAILED and "HTML" in report.sources["epoch"].error
    assert report.sources["epoch"].kept_from_version == 1
    assert report.status == "unchanged" and store.latest() == 1


def test_a_failure_while_building_leaves_latest_and_no_staging_behind(setup, monkeypatch):
    source, store = setup
    _run(source, store, _table(ROWS), "r1")

    def broken_refit(*args, **kwargs):
        raise RuntimeError("disk full while plotting")

    monkeypatch.setattr("curation.build.refit_version_files", broken_refit)
    with pytest.raises(RuntimeError, match="disk full"):
        _run(source, store, _table([*ROWS, "Zeta,2024-02-01,Lab D,1e26"]), "r2")
    assert store.latest() == 1 and store.published() == [1]
    assert not [p for p in store.versions_dir.iterdir() if p.name.startswith(".staging")]


def test_no_valid_rows_from_any_source_publishes_nothing(setup):
    source, store = setup
    report, _ = _run(source, store, None, "r1")  # the first fetch failed: nothing to keep
    assert report.status == "unchanged" and report.reason == "no valid candidate rows from any source"
    assert store.latest() is None


def test_formula_names_are_quarantined_and_formula_text_is_neutralized_in_csv_only(setup):
    source, store = setup
    hostile = ['"=HYPERLINK(""http://evil.example/"",""x"")",2019-01-01,Lab A,1e21',
               '"=HYPERLINK(""http://evil.example/"",""y"")",2019-01-02,Lab A,1e21',
               "@SUM(A1),2019-02-01,Lab B,2e21", "Dash Net,2019-03-01,+Lab,3e21",
               "Long " + "x" * 200_000 + ",2019-04-01,Lab C,4e21"]
    report, _ = _run(source, store, _table(ROWS + hostile), "r1")
    assert report.status == "published"
    quarantined = pd.read_csv(store.layout.root / report.quarantine_file, dtype=str)
    assert sum("spreadsheet_formula" in c for c in quarantined["check"]) == 3  # the two links never merge
    assert quarantined["value"].str.len().max() < 400  # the 200,000-character name is quoted cut short
    folder = store.version_dir(1)
    models = pd.read_csv(folder / "models.csv", dtype=str)
    assert set(models["model"]) == {r.split(",")[0] for r in ROWS} | {"Dash Net"}
    assert "'+Lab" in set(models["organization"])  # neutralized in the CSV …
    assert "+Lab" in set(store.models(1)["organization"])  # … and kept as given in Parquet
    for name in ("links.csv.gz", "model_sources.csv.gz"):
        cells = pd.read_csv(folder / name, dtype=str, keep_default_na=False).to_numpy().ravel()
        assert not any(cell.startswith(("=", "+", "@")) for cell in cells), name
    assert set(models["training_compute_flop"].dropna()) >= {"1e+20", "3e+21"}  # numbers untouched


def test_a_killed_run_s_staging_folder_is_removed_by_the_next_run(setup):
    source, store = setup
    _run(source, store, _table(ROWS), "r1")
    leftover = store.versions_dir / ".staging-20261130T010203Z-dead01"
    (leftover / "half").mkdir(parents=True)  # what kill -9 in the middle of a build leaves
    report, _ = _run(source, store, _table([*ROWS, "Zeta,2024-02-01,Lab D,1e26"]), "r2")
    assert report.status == "published" and not leftover.exists()
    assert not [p for p in store.versions_dir.iterdir() if p.name.startswith(".staging")]


def test_a_snapshot_cut_short_is_refused_and_the_last_good_data_kept_unless_accepted(tmp_path, monkeypatch):
    monkeypatch.setenv("FLOPWATCH_EPOCH_TABLES", "notable_ai_models")
    rows = [f"Model {i},20{10 + i % 14}-03-01,Lab {i % 5},{(i + 1) * 1e20}" for i in range(40)]
    settings = make_settings(tmp_path / "data")
    store = Store(settings.layout)
    _run(EpochSource(settings), store, _table(rows), "r1")
    cut, _ = _run(EpochSource(settings), store, _table(rows[:12]), "r2")  # closed at a row boundary
    outcome = cut.sources["epoch"]
    assert outcome.status == FAILED and outcome.kept_from_version == 1
    assert "12 valid rows against 40" in outcome.error and "--accept-shrink epoch" in outcome.error
    assert cut.status == "unchanged" and len(store.models(1)) == 40 and store.latest() == 1
    small, _ = _run(EpochSource(settings), store, _table(rows[:38]), "r3")  # 5% fewer: a real edit
    assert small.status == "published" and len(store.models(small.version)) == 38
    accepted = make_settings(tmp_path / "data", accept_shrink=["epoch"])
    shrunk, _ = _run(EpochSource(accepted), store, _table(rows[:12]), "r4")
    assert shrunk.sources["epoch"].status != FAILED and len(store.models(shrunk.version)) == 12


def test_a_version_whose_history_a_kill_lost_is_caught_up_by_the_next_run(setup):
    source, store = setup
    _run(source, store, _table(ROWS), "r1")
    history = store.layout.trends_history
    history.unlink()  # killed right after LATEST moved: version 1 never reached the history
    report, _ = _run(source, store, _table([*ROWS, "Zeta,2024-02-01,Lab D,1e26"]), "r2")
    assert report.version == 2
    versions = pd.read_csv(history)["version"]
    assert set(versions) == {1, 2} and versions.value_counts()[1] == len(report.fits)


def test_a_snapshot_that_lost_a_column_s_values_is_refused_unless_accepted(tmp_path, monkeypatch):
    monkeypatch.setenv("FLOPWATCH_EPOCH_TABLES", "notable_ai_models")
    settings = make_settings(tmp_path / "data")
    store = Store(settings.layout)
    _run(EpochSource(settings), store, _table(ROWS), "r1")
    without_compute = ("Model,Publication date,Organization\n"
                       + "\n".join(row.rsplit(",", 1)[0] for row in ROWS) + "\n").encode()
    report, _ = _run(EpochSource(settings), store, without_compute, "r2")  # the export changed its columns
    assert report.sources["epoch"].status == FAILED
    assert "no value left in column(s) training_compute_flop" in report.sources["epoch"].error
    assert store.latest() == 1 and store.models(1)["training_compute_flop"].notna().all()
    accepted = make_settings(tmp_path / "data", accept_shrink=["epoch"])
    again, _ = _run(EpochSource(accepted), store, without_compute, "r3")
    assert again.status == "published" and store.models(again.version)["training_compute_flop"].isna().all()
