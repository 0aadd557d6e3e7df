"""Listing arXiv windows over real HTTP against the local arXiv-like server, with recorded entries."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest

from scrapers.feeds.arxiv import ArxivFeedError, ArxivLister
from scrapers.http import PoliteSession
from tests.arxiv_server import Behaviour, recorded_entries, serve_arxiv
from tests.conftest import make_settings


@pytest.fixture
def entries(arxiv_feed):
    return recorded_entries(arxiv_feed)


@pytest.fixture
def arxiv(entries):
    behaviour = Behaviour()
    server, url = serve_arxiv(entries, behaviour)
    yield url, behaviour
    server.shutdown()


def _lister(tmp_path, url: str, interval: float = 0.0, **kwargs) -> ArxivLister:
    session = PoliteSession(make_settings(tmp_path, http_retries=2), min_interval=interval)
    return ArxivLister(session, url, **kwargs)


def test_a_window_is_listed_across_pages_each_entry_once(tmp_path, arxiv, entries):
    url, behaviour = arxiv
    since, until = datetime(2015, 1, 1), datetime(2025, 12, 31, 23, 59)
    landed = []
    listing = _lister(tmp_path, url, page_size=10).list_window(since, until, lambda r: landed.append(r.url))
    expected = sum(1 for moment, _ in entries if since <= moment <= until)
    assert len(listing.entries) == expected > 20
    assert len({(e.arxiv_id, e.version) for e in listing.entries}) == expected
    assert len(landed) == listing.requests == -(-expected // 10)
    assert all("sortBy=submittedDate" in path for _, path in behaviour.log)


def test_a_window_over_the_cap_is_halved_until_each_part_fits(tmp_path, arxiv, entries):
    url, behaviour = arxiv
    since, until = datetime(1990, 1, 1), datetime(2026, 12, 31, 23, 59)
    listing = _lister(tmp_path, url, page_size=10, cap=15).list_window(since, until, lambda r: None)
    assert len(listing.entries) == len(entries)
    windows = {path.split("submittedDate")[1].split("&")[0] for _, path in behaviour.log}
    assert len(windows) > 5  # the window was split, repeatedly


def test_requests_keep_the_configured_interval(tmp_path, arxiv):
    url, behaviour = arxiv
    _lister(tmp_path, url, interval=0.3, page_size=10).list_window(
        datetime(2018, 1, 1), datetime(2025, 12, 31), lambda r: None)
    times = [t for t, _ in behaviour.log]
    assert len(times) >= 3
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.29


def test_a_503_with_retry_after_is_honoured(tmp_path, arxiv):
    url, behaviour = arxiv
    behaviour.unavailable_first, behaviour.retry_after = 1, 1
    listing = _lister(tmp_path, url, page_size=50).list_window(
        datetime(2020, 1, 1), datetime(2025, 12, 31), lambda r: None)
    (first, _), (second, _) = behaviour.log[:2]
    assert second - first >= 0.95 and listing.entries


def test_a_malformed_page_is_quarantined_and_the_rest_kept(tmp_path, arxiv, entries):
    url, behaviour = arxiv
    behaviour.malformed_starts = {10}
    since, until = datetime(2015, 1, 1), datetime(2025, 12, 31, 23, 59)
    listing = _lister(tmp_path, url, page_size=10).list_window(since, until, lambda r: None)
    expected = sum(1 for moment, _ in entries if since <= moment <= until)
    assert len(listing.entries) == expected - 10
    assert len(listing.page_errors) == 1 and "start=10" in listing.page_errors[0]
    assert "not a well-formed Atom feed" in listing.page_errors[0]


# the API's answer to a query it cannot read: a feed with one "Error" entry (written in its shape)
ERROR_FEED = b"""<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/</id><title>arXiv Search Results</title>
  <opensearch:itemsPerPage>1</opensearch:itemsPerPage><opensearch:totalResults>1</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
  <entry><id>https://arxiv.org/api/errors#incorrect_id_format_for_abc</id><title>Error</title>
    <summary>incorrect id format for abc</summary><author><name>arXiv api core</name></author></entry>
</feed>
"""


def test_an_error_feed_with_http_400_names_the_query(tmp_path, loopback):
    loopback.file("/api/query", ERROR_FEED, "application/atom+xml", status=400)
    lister = _lister(tmp_path, loopback.url_for("/api/query"))
    with pytest.raises(ArxivFeedError, match=r"query '\(cat:cs.LG.*incorrect id format"):
        lister.list_window(datetime(2024, 1, 1), datetime(2024, 1, 2), lambda r: None)
