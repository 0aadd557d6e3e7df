"""Full texts: the pre-filter, HTML first then PDF, over real HTTP (recorded entries; full texts the
tests carry: an HTML rendering and a one-page PDF)."""

from __future__ import annotations

import pytest

from curation.extract.engine import extract
from scrapers.feeds.arxiv import (
    ArxivEntry,
    FullTextFetcher,
    full_text_to_plain,
    likely_reports_training,
    parse_feed,
)
from scrapers.http import FetchError, PoliteSession
from tests.arxiv_server import ATTENTION_LIKE, html_page, pdf_page
from tests.conftest import make_settings


def _entry(arxiv_id: str, version: int | None = 1, title: str = "", abstract: str = "") -> ArxivEntry:
    return ArxivEntry(arxiv_id, version, title, abstract, [], ["cs.LG"], "cs.LG", None, None)


@pytest.mark.parametrize("abstract", [
    "We pre-train a 7B language model on 2 trillion tokens and release the weights.",
    "We introduce Gopher, a 280 billion parameter model trained on MassiveText.",
    "Our vision model was trained on 3.5 billion images with weak supervision.",
])
def test_prefilter_keeps_papers_that_train_models(abstract):
    assert likely_reports_training(_entry("2401.00001", abstract=abstract))


def test_prefilter_skips_most_software_testing_papers(arxiv_feed):
    entries = parse_feed(arxiv_feed.read_bytes(), "testing").entries
    kept = [e for e in entries if likely_reports_training(e)]
    assert len(kept) < 0.3 * len(entries)


@pytest.fixture
def fulltext_server(loopback, paper_texts):
    loopback.file("/html/2307.00235v1", html_page(paper_texts["2203.15556"]), "text/html")
    loopback.file("/html/1706.03762v7", b"no HTML", status=404)
    loopback.file("/pdf/1706.03762v7", pdf_page(ATTENTION_LIKE), "application/pdf")
    loopback.file("/html/9999.99999v1", b"gone", status=404)
    loopback.file("/pdf/9999.99999v1", b"gone", status=404)
    return loopback


def _fetcher(tmp_path, server) -> FullTextFetcher:
    return FullTextFetcher(PoliteSession(make_settings(tmp_path, http_retries=0)), server.url_for("/"))


def test_html_rendering_is_preferred(tmp_path, fulltext_server, paper_texts):
    full = _fetcher(tmp_path, fulltext_server).fetch(_entry("2307.00235"))
    assert full.kind == "html" and full.url.endswith("/html/2307.00235v1")
    title = next(line for line in paper_texts["2203.15556"].splitlines() if line.strip()).strip()
    assert title in full_text_to_plain(full.kind, full.response.content)


def test_pdf_is_the_fallback_and_its_text_is_extracted(tmp_path, fulltext_server):
    full = _fetcher(tmp_path, fulltext_server).fetch(_entry("1706.03762", 7))
    assert full.kind == "pdf"
    text = full_text_to_plain(full.kind, full.response.content)
    assert "Wren: Attention for Translation" in text
    primary = extract(text).primary
    assert primary is not None and primary.method == "hardware"
    assert primary.assumptions["accelerator"] == "P100"
    assert all(text[s.start: s.end] == s.text for s in primary.evidence)


def test_no_full_text_is_a_fetch_error_naming_the_paper(tmp_path, fulltext_server):
    with pytest.raises(FetchError, match=r"arxiv 9999.99999v1: no full text"):
        _fetcher(tmp_path, fulltext_server).fetch(_entry("9999.99999"))
