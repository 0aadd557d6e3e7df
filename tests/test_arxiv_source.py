"""The arXiv source end to end over real HTTP: nightly runs with overlap, new versions, a malformed
page, papers.csv and the link to Epoch's rows; recorded entries and full texts on a local server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from curation.extract.engine import extract
from curation.store.batches import BatchStore, SourceState
from curation.store.versions import Store
from flows.nightly import nightly
from tests.arxiv_server import (
    ATTENTION_LIKE,
    Behaviour,
    html_page,
    make_entry,
    pdf_page,
    recorded_entries,
    redated,
    serve_arxiv,
)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, second=0, microsecond=0)


@pytest.fixture
def site(arxiv_feed, paper_texts, monkeypatch):
    """The local arXiv: 30 recorded entries moved into the last 4 days, GPT-3 and Chinchilla
    (synthetic entries; full texts = the recorded papers as HTML, or the tests' own where those are
    absent) and Attention (a PDF only: a one-page paper in its shape, written for the tests)."""
    now = _now()
    recorded = recorded_entries(arxiv_feed)
    entries = [redated(entry, now - timedelta(hours=2 + 2 * i)) for i, entry in enumerate(recorded[:30])]
    entries += [
        make_entry("2005.14165", 4, "Language Models are Few-Shot Learners",
                   "We train GPT-3, an autoregressive language model with 175 billion parameters.",
                   now - timedelta(hours=30)),
        make_entry("2203.15556", 1, "Training Compute-Optimal Large Language Models",
                   "We train Chinchilla, a compute-optimal language model.", now - timedelta(hours=50)),
        make_entry("1706.03762", 7, "Attention Is All You Need",
                   "We propose the Transformer. It reaches 41.8 BLEU after training for 3.5 days on "
                   "eight GPUs.",
                   now - timedelta(hours=70), ("cs.CL",)),
    ]
    behaviour = Behaviour(fulltexts={
        "html/2005.14165v4": (html_page(paper_texts["2005.14165"]), "text/html"),
        "html/2203.15556v1": (html_page(paper_texts["2203.15556"]), "text/html"),
        "pdf/1706.03762v7": (pdf_page(ATTENTION_LIKE), "application/pdf"),
    })
    server, url = serve_arxiv(entries, behaviour)
    monkeypatch.setenv("FLOPWATCH_ARXIV_URL", url)
    monkeypatch.setenv("FLOPWATCH_ARXIV_FULLTEXT_URL", url.removesuffix("api/query"))
    monkeypatch.setenv("FLOPWATCH_ARXIV_DELAY", "0")
    monkeypatch.setenv("FLOPWATCH_ARXIV_PAGE_SIZE", "10")
    monkeypatch.setenv("FLOPWATCH_ARXIV_FIRST_LOOKBACK_DAYS", "4")
    yield entries, behaviour, recorded
    server.shutdown()


def _run(settings, sources=("arxiv",)):
    return nightly(sources=list(sources), data_dir=str(settings.data_dir))


def test_two_nightly_runs_with_overlap_collect_every_entry_exactly_once(site, settings):
    entries, behaviour, _ = site
    first = _run(settings)
    assert first.status == "published"
    store = BatchStore(settings.data_dir, "arxiv")
    collected = store.candidates()
    assert len(collected) == len(entries) == collected["source_record_id"].nunique()
    saved = SourceState.load(settings.data_dir, "arxiv").saved_until()
    assert saved is not None and abs(saved - _now()) < timedelta(minutes=5)

    # late announcements inside the overlap, and a new version of a paper already collected
    late = [redated(e, _now() - timedelta(days=2)) for e in site[2][30:40]]
    entries += late
    entries.append(make_entry("2203.15556", 2, "Training Compute-Optimal Large Language Models",
                              "We train Chinchilla, a compute-optimal language model.",
                              _now() - timedelta(hours=1)))
    behaviour.fulltexts["html/2203.15556v2"] = behaviour.fulltexts["html/2203.15556v1"]
    behaviour.log.clear()
    second = _run(settings)
    assert second.status == "published"

    collected = store.candidates()
    assert collected["source_record_id"].is_unique
    assert len(collected) == len(entries)
    fulltext_requests = behaviour.paths("/html/") + behaviour.paths("/pdf/")
    assert "/html/2005.14165v4" not in fulltext_requests  # seen in the first run: not fetched again
    assert fulltext_requests.count("/html/2203.15556v2") == 1
    papers = pd.read_csv(Store(settings.layout).version_dir(second.version) / "papers.csv.gz",
                         dtype={"arxiv_id": str})
    assert papers["arxiv_id"].is_unique
    assert len(papers) == len({e[1].split("<id>")[1].split("</id>")[0].rsplit("v", 1)[0] for e in entries})
    chinchilla = papers.set_index("arxiv_id").loc["2203.15556"]
    assert chinchilla["version"] == 2 and chinchilla["training_compute_flop"] > 0


def test_full_text_estimates_reach_papers_and_models_with_their_sentence(site, settings, paper_texts):
    entries, behaviour, _ = site
    report = _run(settings)
    version = Store(settings.layout).version_dir(report.version)
    papers = pd.read_csv(version / "papers.csv.gz", dtype={"arxiv_id": str}).set_index("arxiv_id")
    models = pd.read_csv(version / "models.csv", dtype={"arxiv_id": str})
    expected = extract(paper_texts["2005.14165"], 2020).primary
    gpt3 = papers.loc["2005.14165"]
    assert gpt3["training_compute_flop"] == pytest.approx(expected.value_flop, rel=1e-6)
    assert gpt3["compute_method"] == expected.method
    assert " ".join(expected.evidence[0].text.split()) == gpt3["compute_evidence"]
    attention = papers.loc["1706.03762"]
    assert attention["compute_method"] == "hardware" and "P100" in attention["compute_evidence"]
    assert "/html/1706.03762v7" in behaviour.paths("/html/")  # HTML first, then the PDF
    # papers with a figure are models; papers without one are listed in papers.csv only
    with_figure = papers[papers["training_compute_flop"].notna()]
    assert set(models["arxiv_id"]) == set(with_figure.index)
    assert papers["model_id"].notna().sum() == len(with_figure)
    assert len(papers) == len(entries)


def test_a_malformed_later_listing_page_fails_the_window_and_keeps_the_saved_point(site, settings,
                                                                                  monkeypatch):
    entries, behaviour, _ = site
    monkeypatch.setenv("FLOPWATCH_FETCH_TASK_RETRIES", "0")
    behaviour.malformed_starts = {10}
    report = _run(settings)
    assert report.failed_sources == ["arxiv"]
    assert "not a well-formed Atom feed" in report.sources["arxiv"].error
    assert "start=10" in report.sources["arxiv"].error
    assert SourceState.load(settings.data_dir, "arxiv").saved_until() is None  # the window is listed again
    behaviour.malformed_starts = set()
    healed = _run(settings)
    assert healed.status == "published" and not healed.failed_sources
    assert len(BatchStore(settings.data_dir, "arxiv").candidates()) == len(entries)


def test_epoch_and_arxiv_together_link_papers_to_epoch_models(site, settings, epoch_env, epoch_snapshots,
                                                              monkeypatch, realdata):  # the real papers
    epoch_env.serve("notable_ai_models.csv", epoch_snapshots["notable_2025_12"])
    monkeypatch.setenv("FLOPWATCH_EPOCH_TABLES", "notable_ai_models")
    report = _run(settings, ("epoch", "arxiv"))
    assert report.status == "published"
    version = Store(settings.layout).version_dir(report.version)
    models = pd.read_csv(version / "models.csv", dtype={"arxiv_id": str})
    papers = pd.read_csv(version / "papers.csv.gz", dtype={"arxiv_id": str}).set_index("arxiv_id")
    epoch = pd.read_csv(epoch_snapshots["notable_2025_12"], dtype=str)
    for arxiv_id in ("2005.14165", "2203.15556", "1706.03762"):
        cited = epoch[epoch["Link"].fillna("").str.contains(arxiv_id, regex=False)]["Model"].str.strip()
        linked = models[models["model_id"].isin(str(papers.loc[arxiv_id, "model_id"]).split(";"))]
        if len(cited):  # linked to exactly the models Epoch cites the paper for
            assert set(linked["model"]) == set(cited), arxiv_id
        else:  # Epoch cites the Transformer by its NeurIPS link: the paper's figure is a model of its own
            assert list(linked["sources"]) == ["arxiv"], arxiv_id
    # one paper, several sizes: GPT-3's paper adds no model of its own and does not merge the sizes
    assert len(models[models["arxiv_id"] == "2005.14165"]) == len(
        epoch[epoch["Link"].fillna("").str.contains("2005.14165", regex=False)])
    assert set(models["sources"]) >= {"epoch", "arxiv;epoch"}


def test_a_crash_before_the_batch_is_durable_redoes_the_window(site, settings, monkeypatch):
    entries, behaviour, _ = site

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(BatchStore, "write", disk_full)
        failed = _run(settings)
    assert failed.failed_sources == ["arxiv"] and "No space left" in failed.sources["arxiv"].error
    assert SourceState.load(settings.data_dir, "arxiv").saved_until() is None  # not advanced
    assert Store(settings.layout).latest() is None
    landed = list((settings.data_dir / "raw" / "arxiv").rglob("manifest.jsonl"))
    assert landed  # what was fetched stays in the raw zone

    behaviour.log.clear()
    again = _run(settings)
    assert again.status == "published" and not again.failed_sources
    assert len(BatchStore(settings.data_dir, "arxiv").candidates()) == len(entries)
    assert "/html/2005.14165v4" in behaviour.paths("/html/")  # the window was done again


def test_a_batch_is_rebuilt_offline_from_the_raw_payloads_it_lists(site, settings):
    from curation.collect import rebuild_batch
    from scrapers.sources.arxiv import ArxivSource

    _run(settings)
    store = BatchStore(settings.data_dir, "arxiv")
    (sidecar,) = (settings.data_dir / "batches" / "arxiv").glob("*.json")
    site[1].log.clear()
    rebuilt = rebuild_batch(ArxivSource(settings), settings.data_dir, sidecar)
    assert not site[1].log  # nothing fetched
    stored = store.candidates()
    columns = ["source_record_id", "model", "training_compute_flop", "compute_evidence", "raw_sha256"]
    pd.testing.assert_frame_equal(rebuilt[columns].reset_index(drop=True),
                                  stored[columns].reset_index(drop=True), check_dtype=False)
