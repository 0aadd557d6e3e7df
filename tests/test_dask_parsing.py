"""The per-paper work on a real Dask LocalCluster: a backfill whose papers are parsed in batches on two
worker processes collects exactly what a local backfill collects, and fetching stays one per host."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from curation.store.batches import BatchStore
from curation.store.versions import Store
from flows.backfill import backfill
from flows.nightly import nightly
from tests.arxiv_server import Behaviour, html_page, make_entry, serve_arxiv

PAPERS = 9
FILLER = ("We describe the data pipeline, the tokenizer and the evaluation suite in detail. "
          "Ablations on smaller models guided every choice of architecture and schedule. ") * 8


def _paper(number: int) -> str:
    """A synthetic paper that trains one model and says how much compute it took."""
    flop = (number + 1) * 1.5
    return (f"Scaling Study {number}\n\n{FILLER}\n\nWe pre-train Wren-{number}, a decoder-only language "
            f"model with {number + 1} billion parameters. Training Wren-{number} took {flop:.1f}e22 FLOPs "
            f"in total.\n\n{FILLER}")


@pytest.fixture
def site(monkeypatch, tmp_path):
    entries, fulltexts = [], {}
    for number in range(PAPERS):
        arxiv_id = f"2301.{10000 + number}"
        entries.append(make_entry(arxiv_id, 1, f"Scaling Study {number}", "We train a language model.",
                                  datetime(2023, 1 + number % 3, 3 + number, 9, 0)))
        fulltexts[f"html/{arxiv_id}v1"] = (html_page(_paper(number)), "text/html")
    behaviour = Behaviour(fulltexts=fulltexts)
    server, url = serve_arxiv(entries, behaviour)
    for name, value in {"ARXIV_URL": url, "ARXIV_FULLTEXT_URL": url.removesuffix("api/query"),
                        "ARXIV_DELAY": "0.2", "ARXIV_PAGE_SIZE": "5", "HTTP_RETRIES": "0",
                        "TREND_BOOTSTRAP": "50", "FETCH_TASK_RETRIES": "0", "PARSE_BATCH": "2",
                        "CONTACT": "tests@example.org"}.items():
        monkeypatch.setenv(f"FLOPWATCH_{name}", value)
    yield behaviour, tmp_path
    server.shutdown()


def _collected(data) -> pd.DataFrame:
    frame = BatchStore(data, "arxiv").candidates()
    return frame[["source_record_id", "model", "training_compute_flop"]].sort_values(
        "source_record_id").reset_index(drop=True)


def test_papers_parsed_on_dask_workers_match_a_local_parse_and_fetching_keeps_its_pace(site, monkeypatch):
    behaviour, tmp_path = site
    local = backfill("arxiv", "2023-01-01", "2023-03-31", data_dir=str(tmp_path / "local"),
                     live_progress=False)
    behaviour.log[:] = []
    monkeypatch.setenv("FLOPWATCH_TASK_RUNNER", "dask")
    monkeypatch.setenv("FLOPWATCH_DASK_WORKERS", "2")
    on_dask = backfill("arxiv", "2023-01-01", "2023-03-31", data_dir=str(tmp_path / "dask"),
                       live_progress=False)

    assert local.done == on_dask.done == 3 and not on_dask.failed
    assert on_dask.papers == local.papers == PAPERS
    # each month: its listing page(s) and full texts, two payloads a task
    assert local.batches_on_workers == 0 and on_dask.batches_on_workers >= (PAPERS + 3) // 2
    expected = _collected(tmp_path / "local")
    assert expected["training_compute_flop"].notna().sum() == PAPERS  # every paper's figure was found
    pd.testing.assert_frame_equal(_collected(tmp_path / "dask"), expected)
    assert on_dask.run.status == "published"
    # one fetcher for the host: requests never closer than the interval, whatever parses meanwhile
    assert behaviour.kept_pace(0.2)


def test_a_nightly_run_parses_its_papers_on_dask_workers_and_publishes_them(site, monkeypatch):
    _, tmp_path = site
    days = (datetime.now() - datetime(2023, 1, 1)).days
    monkeypatch.setenv("FLOPWATCH_ARXIV_FIRST_LOOKBACK_DAYS", str(days))
    monkeypatch.setenv("FLOPWATCH_TASK_RUNNER", "dask")
    monkeypatch.setenv("FLOPWATCH_DASK_WORKERS", "1")
    report = nightly(sources=["arxiv"], data_dir=str(tmp_path / "data"))
    assert report.status == "published" and report.sources["arxiv"].status == "ok"
    models = Store.at(tmp_path / "data").models(report.version)
    assert sorted(models["model"]) == sorted(f"Wren-{n}" for n in range(PAPERS))
    assert models["training_compute_flop"].notna().all()
