"""Epoch, arXiv and Hugging Face together, each from its local server, into one curated version."""

from __future__ import annotations

import json

import pandas as pd

from curation.store.versions import Store
from flopwatch.cli import main
from flows.nightly import nightly
from tests.test_arxiv_source import site  # noqa: F401 - fixture
from tests.test_huggingface_source import TOKEN, hub  # noqa: F401 - fixture


def test_one_version_holds_all_three_sources_candidates(site, hub, settings, epoch_env,  # noqa: F811
                                                        epoch_snapshots, monkeypatch):
    epoch_env.serve("notable_ai_models.csv", epoch_snapshots["notable_2025_12"])
    monkeypatch.setenv("FLOPWATCH_EPOCH_TABLES", "notable_ai_models")
    report = nightly(sources=["epoch", "arxiv", "huggingface"], data_dir=str(settings.data_dir))
    assert report.status == "published" and not report.failed_sources
    version = Store(settings.layout).version_dir(report.version)
    models = pd.read_csv(version / "models.csv")
    contributed = set(";".join(models["sources"]).split(";"))
    assert contributed == {"epoch", "arxiv", "huggingface"}
    inputs = json.loads((version / "manifest.json").read_text())["inputs"]
    assert {record["source"] for record in inputs} == {"epoch", "arxiv", "huggingface"}


def test_sources_lists_every_source_with_its_settings_and_masks_the_token(capsys, monkeypatch):
    monkeypatch.setenv("FLOPWATCH_HF_URL", "http://127.0.0.1:9/hf")
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    assert main(["sources", "--json"]) == 0
    rows = {row["name"]: row for row in json.loads(capsys.readouterr().out)}
    assert {"epoch", "arxiv", "huggingface"} <= set(rows)
    assert rows["huggingface"]["settings"]["FLOPWATCH_HF_URL"].startswith("http://127.0.0.1:")
    assert rows["huggingface"]["settings"]["HF_TOKEN"] == "***" and TOKEN not in json.dumps(rows)
    assert rows["arxiv"]["kind"] == "incremental" and rows["epoch"]["kind"] == "snapshot"
