"""What researchers open, on versions built from Epoch AI's snapshots: the data package (validated by
the frictionless library), the data dictionary, the Epoch-compatible export (round-tripped through
Epoch-column parsing), the snapshot dates, REPORT.md's like-for-like anchors, the charts, the site."""

from __future__ import annotations

import json
import re
import shutil

import pandas as pd
from frictionless import Package, system

from curation.store.csv_cells import neutralized
from curation.store.datapackage import PACKAGE_FILE
from curation.trends.report import break_line
from flopwatch.cli import main
from schemas.curated import MODEL_COLUMNS, CuratedModel
from schemas.handover import Payload
from scrapers.sources.epoch import EpochSource
from tests.conftest import make_settings


def _validate(folder):
    with system.use_context(trusted=True):
        return Package(str(folder / PACKAGE_FILE)).validate()


def test_every_version_has_a_data_package_that_frictionless_validates_row_by_row(published_site, tmp_path):
    store = published_site
    for version in store.published():
        report = _validate(store.version_dir(version))
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
        package = json.loads((store.version_dir(version) / PACKAGE_FILE).read_text())
        assert {r["name"] for r in package["resources"]} >= {"models", "model_sources", "links", "changes"}
        assert [item["name"] for item in package["licenses"]] == ["CC-BY-4.0", "MIT"]
        assert "Epoch AI" in package["description"]
    # a package is checked against its tables: one bad compute cell makes it invalid
    broken = tmp_path / "broken"
    shutil.copytree(store.version_dir(store.latest()), broken, symlinks=False)
    models = pd.read_csv(broken / "models.csv", dtype=str, keep_default_na=False)
    models.loc[0, "compute_conflict"] = "perhaps"
    models.to_csv(broken / "models.csv", index=False, lineterminator="\n")
    assert not _validate(broken).valid


def test_the_data_dictionary_describes_every_published_column(published_site):
    folder = published_site.version_dir(published_site.latest())
    package = json.loads((folder / PACKAGE_FILE).read_text())
    models = next(r for r in package["resources"] if r["name"] == "models")
    assert [f["name"] for f in models["schema"]["fields"]] == MODEL_COLUMNS
    undescribed = [f["name"] for r in package["resources"] for f in r["schema"]["fields"]
                   if not f["description"]]
    assert undescribed == []
    dictionary = (folder / "DATA_DICTIONARY.md").read_text()
    for column in MODEL_COLUMNS:
        assert f"| `{column}` |" in dictionary


def test_epoch_columns_are_kept_and_the_frontier_and_large_scale_tables_are_members(published_site):
    models = published_site.models(published_site.latest())
    assert models["in_frontier_table"].any() and models["in_large_scale_table"].any()
    assert models["frontier_model"].any()
    for column in ("hardware_quantity", "training_time_hours", "training_cost_usd_2023",
                   "training_power_draw_w"):
        assert models[column].notna().any(), column
    assert models["training_compute_upper_flop"].notna().any()
    bounded = models.dropna(subset=["training_compute_lower_flop", "training_compute_flop"])
    assert (bounded["training_compute_lower_flop"] <= bounded["training_compute_flop"] * 1.0001).mean() > 0.9


def test_the_epoch_export_reads_back_through_epoch_column_parsing(published_site, tmp_path):
    store = published_site
    out = tmp_path / "export" / "flopwatch_ai_models.csv"
    assert main(["export", "--format", "epoch", "--data-dir", str(store.layout.root), str(out)]) == 0
    head = out.read_text().splitlines()[0].split(",")
    assert head[:4] == ["Model", "Organization", "Publication date", "Domain"]
    source = EpochSource(make_settings(tmp_path / "other"))
    payload = Payload("epoch", "flopwatch_ai_models.csv", "file://export", "x", "0" * 64, 1, "text/csv",
                      "2026-11-30T00:00:00+00:00")
    back = source.parse(payload, out.read_bytes()).set_index("model")
    models = store.models(store.latest()).set_index("model")
    assert sorted(back.index) == sorted(models.index)
    written = neutralized(models)  # text a spreadsheet would run as a formula is quoted, as published
    for column in ("organization", "confidence", "hardware", "compute_evidence"):
        ours = written.loc[back.index, column].fillna("").astype(str)
        assert back[column].fillna("").astype(str).equals(ours), column
    for column in ("training_compute_flop", "parameters", "training_compute_upper_flop", "hardware_quantity",
                   "training_power_draw_w"):
        ours = models.loc[back.index, column].astype(float)
        theirs = pd.to_numeric(back[column].replace("", None), errors="coerce").astype(float)
        assert ((ours - theirs).abs() <= 1e-9 * ours.abs()).where(ours.notna(), theirs.isna()).all(), column
    dates = pd.to_datetime(back["publication_date"]).dt.strftime("%Y-%m-%d")
    assert dates.equals(models.loc[back.index, "publication_date"].dt.strftime("%Y-%m-%d"))
    assert back["notable"].astype(bool).equals(models.loc[back.index, "notable"].astype(bool))
    assert back["frontier_model"].fillna(False).astype(bool).equals(models.loc[back.index, "frontier_model"])


def test_csv_and_parquet_exports_are_the_published_tables(published_site, tmp_path):
    store = published_site
    folder = store.version_dir(1)
    for fmt, name in (("csv", "models.csv"), ("parquet", "models.parquet")):
        out = tmp_path / name
        assert main(["export", "--format", fmt, "--version", "1", "--data-dir", str(store.layout.root),
                     str(out)]) == 0
        assert out.read_bytes() == (folder / name).read_bytes()
    CuratedModel.validate(pd.read_parquet(tmp_path / "models.parquet"))


def test_each_version_names_the_snapshot_date_of_every_input(published_site):
    store = published_site
    inputs = store.manifest(store.latest())["inputs"]
    by_name = {i["name"]: i for i in inputs}
    assert set(by_name) == {"notable_ai_models.csv", "frontier_ai_models.csv",
                            "large_scale_ai_models.csv", "all_ai_models.csv"}
    for record in inputs:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["snapshot_date"]), record
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["latest_publication"]), record
    # the all-models table has per-record edit stamps; the notable table only the server's date
    assert by_name["all_ai_models.csv"]["snapshot_basis"] == "record edits"
    assert by_name["notable_ai_models.csv"]["snapshot_basis"] == "server Last-Modified"
    assert by_name["notable_ai_models.csv"]["snapshot_date"] == "2025-12-27"
    report = (store.version_dir(store.latest()) / "REPORT.md").read_text()
    assert "`notable_ai_models.csv` — data as of 2025-12-27 (server Last-Modified" in report


def test_the_report_sets_each_anchor_beside_a_fit_over_its_own_window(published_site):
    report = (published_site.version_dir(published_site.latest()) / "REPORT.md").read_text()
    assert "| anchor | period | published | flopwatch, same window | flopwatch now |" in report
    sevilla = next(line for line in report.splitlines() if "deep-learning era 2010–2022" in line)
    assert "(to 2022-02-28)" in sevilla
    fits = json.loads((published_site.version_dir(published_site.latest()) / "trends.json").read_text())
    window = next(r for r in fits["anchor_windows"] if r["subset"] == "all" and r["era"] == "from 2010-01-01")
    now = next(r for r in fits["fits"] if r["subset"] == "all" and r["era"] == "from 2010-01-01")
    assert window["until"] == "2022-02-28" and window["n"] < now["n"]


def test_a_break_with_an_interval_of_decades_is_called_no_clear_break():
    wide = break_line({"date": "1994-12-02", "ci90": ["1970-08-21", "2014-03-28"]})
    assert "too wide to date a change of trend" in wide and "44 years" in wide
    narrow = break_line({"date": "2015-09-01", "ci90": ["2014-11-01", "2016-06-30"]})
    assert narrow == "- 2015-09-01 (90% interval 2014-11-01 – 2016-06-30)"


def test_the_site_has_a_page_per_model_and_the_evidence_of_every_figure(published_site):
    store = published_site
    folder = store.version_dir(store.latest()) / "site"
    models = store.models(store.latest())
    assert len(list((folder / "model").glob("*.html"))) == len(models)
    listing = (folder / "models.html").read_text()
    assert listing.count("<tr data-search=") == len(models)
    sources = store.model_sources(store.latest())
    with_evidence = sources[(sources["field"] == "training_compute_flop") & sources["evidence"].notna()]
    row = with_evidence.iloc[len(with_evidence) // 2]
    model_page = (folder / "model" / f"{row['model_id']}.html").read_text()
    assert '<mark class="evidence">' in model_page
    # a snapshot table's record links its line in inputs.html, which links the raw file
    assert 'class="raw" href="../inputs.html#epoch-' in model_page
    inputs = (folder / "inputs.html").read_text()
    assert inputs.count('class="raw" href="../../../../raw/epoch/') == 4
    index = (folder / "index.html").read_text()
    assert "Next to the published anchors" in index and "trends.png" in index


def test_cli_site_builds_a_missing_site_and_says_where_it_is(published_site, capsys):
    store = published_site
    site = store.version_dir(1) / "site"
    shutil.rmtree(site)  # as for a version published before sites existed
    (store.version_dir(1) / PACKAGE_FILE).unlink()
    assert main(["site", "--version", "1", "--data-dir", str(store.layout.root)]) == 0
    out = capsys.readouterr().out
    assert "built the site of version 0001" in out and str(site / "index.html") in out
    assert (site / "models.html").exists()
    assert _validate(store.version_dir(1)).valid


def test_the_project_says_how_to_cite_it_and_epoch():
    import yaml

    from tests.conftest import PROJECT

    citation = yaml.safe_load((PROJECT / "CITATION.cff").read_text())
    assert citation["cff-version"] == "1.2.0" and citation["type"] == "dataset"
    assert citation["title"] and citation["authors"] and citation["message"]
    assert any(ref["title"] == "Data on AI Models" and ref["license"] == "CC-BY-4.0"
               for ref in citation["references"])
    readme = (PROJECT / "README.md").read_text()
    assert "### How to cite" in readme and "CC BY 4.0" in readme


def test_the_trend_history_is_dated_by_the_data_each_version_holds(published_site):
    from curation.trends.history import read_history

    history = read_history(published_site.layout.trends_history)
    dates = history.groupby("version")["data_date"].first()
    # the first version's newest input is the all-models table of 2025-03-11 (its record edits) or
    # the notable table of 2025-04-08; the second holds the 2025-12-27 notable table
    assert dates[1] == "2025-04-08" and dates[2] == "2025-12-27"
