"""The arXiv feed layer on the real recorded API responses (both feed formats, error and empty feeds)."""

from __future__ import annotations

from datetime import datetime

import pytest

from schemas.identifiers import normalize_arxiv_id
from scrapers.feeds.arxiv import ArxivFeedError, parse_feed, split_window, window_query


@pytest.fixture(scope="module")
def feeds(realdata):
    return realdata / "web" / "arxiv_api"


def test_older_format_with_per_element_namespaces(feeds):
    page = parse_feed((feeds / "arxivpy_2016_id_list=1111.2011v2.xml").read_bytes(), "id_list=1111.2011v2")
    (entry,) = page.entries
    assert (entry.arxiv_id, entry.version) == ("1111.2011", 2)
    assert entry.title.startswith("Quantum Criticality for Extended Nodes") and "\n" not in entry.title
    assert entry.primary_category == "cond-mat.str-el"
    assert entry.doi == "10.1103/PhysRevB.85.115117"
    assert entry.journal_ref == "Phys. Rev. B 85, 115117 (2012)"
    assert entry.published == "2011-11-08T18:48:36Z" and entry.links["pdf"].startswith("http")


def test_newer_format_with_root_namespaces(feeds):
    page = parse_feed((feeds / "pasa_2026-08_id_list_2501.10120_2009.02040.xml").read_bytes(), "ids")
    assert page.total == 2 and len(page.entries) == 2
    entry = next(e for e in page.entries if e.arxiv_id == "2009.02040")
    assert entry.primary_category == "cs.LG" and "stat.ML" in entry.categories
    assert entry.title == "Multivariate Time-series Anomaly Detection via Graph Attention Network"
    assert entry.authors[0] == "Hang Zhao"


def test_paging_fields_of_a_large_search(feeds):
    page = parse_feed((feeds / "arxivpy_2026_q_testing_s20_m10_348a237fecab.xml").read_bytes(), "testing")
    assert (page.total, page.start, page.per_page, len(page.entries)) == (214881, 20, 10, 10)


def test_old_style_ids_are_kept_whole(feeds):
    page = parse_feed((feeds / "arxivpy_2026_id_astro-ph_0601001_s0_m100_3150dca9dc76.xml").read_bytes(), "q")
    assert page.entries[0].arxiv_id == "astro-ph/0601001"


def test_error_feed_names_the_query(feeds):
    content = (feeds / "arxivpy_2026_id_abc_s0_m100_b79c8dcf6bc3.xml").read_bytes()
    with pytest.raises(ArxivFeedError, match=r"query 'id_list=abc'.*incorrect id format for abc"):
        parse_feed(content, "id_list=abc")


def test_zero_results_is_an_empty_page_not_an_error(feeds):
    content = (feeds / "pasa_2026-08_id_list_nonexistent_empty.xml").read_bytes()
    page = parse_feed(content, "id_list=9999.99999")
    assert page.total == 0 and page.entries == []


@pytest.mark.parametrize("body", [b"<html><body>503 Service Unavailable</body></html>", b"not xml at all",
                                  b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><entry>"])
def test_malformed_bodies_are_clear_errors(body):
    with pytest.raises(ArxivFeedError, match="query 'q'"):
        parse_feed(body, "q")


def test_entity_expansion_is_refused():
    bomb = (b"<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;'>]>"
            b"<feed xmlns='http://www.w3.org/2005/Atom'><title>&lol2;</title></feed>")
    with pytest.raises(ArxivFeedError):
        parse_feed(bomb, "q")


@pytest.mark.parametrize(("raw", "expected"), [
    ("arXiv:2005.14165v4", ("2005.14165", 4)),
    ("https://arxiv.org/abs/2307.09288", ("2307.09288", None)),
    ("https://arxiv.org/pdf/1706.03762v7.pdf", ("1706.03762", 7)),
    ("hep-th/9901001", ("hep-th/9901001", None)),
    ("http://arxiv.org/abs/math.GT/0309136v2", ("math.GT/0309136", 2)),
])
def test_arxiv_ids_are_normalised(raw, expected):
    assert normalize_arxiv_id(raw) == expected


def test_window_query_and_halving():
    since, until = datetime(2024, 1, 1), datetime(2024, 1, 31, 23, 59)
    query = window_query(since, until, ("cs.LG", "cs.CL"))
    assert query == "(cat:cs.LG OR cat:cs.CL) AND submittedDate:[202401010000 TO 202401312359]"
    (a_start, a_end), (b_start, b_end) = split_window(since, until)
    assert a_start == since and b_end == until and (b_start - a_end).total_seconds() == 60
    with pytest.raises(ValueError, match="cannot be split"):
        split_window(since, since)
