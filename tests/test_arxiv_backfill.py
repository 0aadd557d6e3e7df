"""Backfilling arXiv month by month over real HTTP: resumable, polite, published as a version."""

from __future__ import annotations

import itertools
import re
from datetime import datetime

import pandas as pd
import pytest

from curation.store.batches import BatchStore, SourceState, month_windows
from curation.store.versions import Store
from flopwatch.cli import main
from flows.backfill import backfill
from scrapers.sources.arxiv import ArxivSource
from tests.arxiv_server import Behaviour, html_page, make_entry, recorded_entries, serve_arxiv

SINCE, UNTIL = "2020-01-01", "2022-06-30"


@pytest.fixture
def site(arxiv_feed, paper_texts, monkeypatch, tmp_path):
    """Recorded entries at their real dates, with GPT-3 and Chinchilla and their full texts."""
    entries = recorded_entries(arxiv_feed)
    entries += [
        make_entry("2005.14165", 4, "Language Models are Few-Shot Learners",
                   "We train GPT-3, an autoregressive language model with 175 billion parameters.",
                   datetime(2020, 5, 28, 17, 29)),
        make_entry("2203.15556", 1, "Training Compute-Optimal Large Language Models",
                   "We train Chinchilla, a compute-optimal language model.", datetime(2022, 3, 29, 14, 14)),
    ]
    behaviour = Behaviour(fulltexts={
        f"html/{key}": (html_page(paper_texts[key[:-2]]), "text/html")
        for key in ("2005.14165v4", "2203.15556v1")})
    server, url = serve_arxiv(entries, behaviour)
    for name, value in {"ARXIV_URL": url, "ARXIV_FULLTEXT_URL": url.removesuffix("api/query"),
                        "ARXIV_DELAY": "0", "ARXIV_PAGE_SIZE": "10", "HTTP_RETRIES": "1",
                        "HTTP_BACKOFF_FACTOR": "0.01", "TREND_BOOTSTRAP": "100", "FETCH_TASK_RETRIES": "0",
                        "DATA_DIR": str(tmp_path / "data"), "CONTACT": "tests@example.org"}.items():
        monkeypatch.setenv(f"FLOPWATCH_{name}", value)
    yield entries, behaviour, tmp_path / "data"
    server.shutdown()


def _in_range(entries) -> int:
    return sum(1 for moment, _ in entries if datetime(2020, 1, 1) <= moment <= datetime(2022, 6, 30, 23, 59))


def test_an_interrupted_backfill_resumes_without_refetching_completed_windows(site):
    entries, behaviour, data = site
    behaviour.failing_windows = {"202103010000-202103312359"}
    first = backfill("arxiv", SINCE, UNTIL, live_progress=False)
    windows = month_windows(datetime(2020, 1, 1), datetime(2022, 6, 30))
    assert first.windows == len(windows) == 30
    assert list(first.failed) == ["2021-03-01T00:00/2021-03-31T23:59"]
    assert first.done == 29 and first.run.status == "published"

    behaviour.failing_windows, behaviour.log[:] = set(), []
    second = backfill("arxiv", SINCE, UNTIL, live_progress=False)
    assert second.skipped == 29 and second.done == 1 and not second.failed
    queried = {re.search(r"submittedDate%3A%5B(\d{12})", path).group(1)
               for path in behaviour.paths("/api/query")}
    assert queried == {"202103010000"}  # only the window that had failed
    collected = BatchStore(data, "arxiv").candidates()
    assert len(collected) == collected["source_record_id"].nunique() == _in_range(entries)
    assert len(SourceState.load(data, "arxiv").windows_done) == 30

    store = Store.at(data)  # the second run adds a version only if the month it redid had papers
    version = store.version_dir(store.latest())
    papers = pd.read_csv(version / "papers.csv.gz", dtype={"arxiv_id": str}).set_index("arxiv_id")
    assert len(papers) == _in_range(entries)
    assert papers.loc["2005.14165", "compute_method"] in ("reported", "hardware", "operation_counting")
    assert "2005.14165" in set(pd.read_csv(version / "models.csv", dtype={"arxiv_id": str})["arxiv_id"])
    assert (data / "raw" / "arxiv").is_dir()


def test_backfill_requests_keep_the_interval(site, monkeypatch):
    _, behaviour, _ = site
    monkeypatch.setenv("FLOPWATCH_ARXIV_DELAY", "0.2")
    sessions = []
    real_init = ArxivSource.__init__

    def keep_session(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        sessions.append(self.http)

    monkeypatch.setattr(ArxivSource, "__init__", keep_session)
    report = backfill("arxiv", "2020-01-01", "2020-12-31", publish=False, live_progress=False)
    times = [t for t, _ in behaviour.log]
    assert report.requests == len(times) >= 13  # 12 monthly listings and GPT-3's full text
    # the session sends no two requests less than the interval apart ...
    (session,) = sessions
    assert len(session.sent) == len(times)
    assert min(b - a for a, b in itertools.pairwise(session.sent)) >= 0.2 - 1e-9  # float rounding
    # ... and the server sees that pace (CI once logged a gap of 0.07 s after one of 0.33 s)
    assert behaviour.kept_pace(0.2)


def test_cli_backfill_publishes_and_rejects_a_source_without_history(site, capsys):
    assert main(["backfill", "arxiv", "--since", "2022-03-01", "--until", "2022-03-31",
                 "--categories", "cs.CL,cs.LG"]) == 0
    out = capsys.readouterr().out
    assert "1 windows, 1 done now" in out and "published version 0001" in out
    assert main(["backfill", "epoch", "--since", "2022-03-01", "--until", "2022-03-31"]) == 2
    assert "not a source with history" in capsys.readouterr().err
    _, behaviour, _ = site
    assert all("cat%3Acs.CL+OR+cat%3Acs.LG%29" in p for p in behaviour.paths("/api/query"))


def test_a_backfill_over_every_recorded_feed_publishes_every_entry(realdata, monkeypatch, tmp_path):
    """All recorded API feeds at their real dates (1990s to 2026, mostly without full texts): the merge
    used to crash on a build of papers without a figure; now every paper is in ``papers.csv``."""
    entries, seen = [], set()
    for feed in sorted((realdata / "web" / "arxiv_api").glob("*.xml")):
        for moment, xml in recorded_entries(feed):
            if xml not in seen:
                seen.add(xml)
                entries.append((moment, xml))
    entries.sort()
    ids = {re.search(r"<id>https?://arxiv\.org/abs/(.+?)(?:v\d+)?</id>", xml).group(1) for _, xml in entries}
    server, url = serve_arxiv(entries, Behaviour())
    for name, value in {"ARXIV_URL": url, "ARXIV_FULLTEXT_URL": url.removesuffix("api/query"),
                        "ARXIV_DELAY": "0", "ARXIV_PAGE_SIZE": "100", "HTTP_RETRIES": "1",
                        "HTTP_BACKOFF_FACTOR": "0.01", "FETCH_TASK_RETRIES": "0", "TREND_BOOTSTRAP": "50",
                        "DATA_DIR": str(tmp_path / "data"), "CONTACT": "tests@example.org"}.items():
        monkeypatch.setenv(f"FLOPWATCH_{name}", value)
    try:
        result = backfill("arxiv", f"{entries[0][0]:%Y-%m-%d}", f"{entries[-1][0]:%Y-%m-%d}",
                          live_progress=False)
    finally:
        server.shutdown()
    assert result.run.status == "published" and not result.failed
    store = Store.at(tmp_path / "data")
    papers = pd.read_csv(store.version_dir(store.latest()) / "papers.csv.gz", dtype=str)
    assert set(papers["arxiv_id"]) == ids and len(ids) > 100
