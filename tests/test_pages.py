"""A PDF's pages joined where a sentence runs over the break, without page numbers and running headers
(short texts of our own in the shape PDF-to-text tools give)."""

from __future__ import annotations

import pytest

from curation.extract.engine import extract
from curation.extract.pages import joined_pages

HEADER = "Preprint under review at a workshop"


def _pages(*bodies: str) -> str:
    """Pages as pdftotext writes them: a running header on each page after the first, a page number last."""
    pages = [f"{HEADER}\n\n{body}" if i else body for i, body in enumerate(bodies)]
    return "\f".join(f"{page}\n\n{i + 1}\n\n" for i, page in enumerate(pages))


def test_a_sentence_over_a_page_break_is_one_sentence():
    text = _pages("Osprey: Open Models\n\n2 Training\nWe trained Osprey on 64 A100 GPUs for",
                  "21 days with a cosine schedule. The loss fell.", "Results follow.", "More results.")
    joined = joined_pages(text)
    assert "for\n21 days" in joined
    assert HEADER not in joined and "\n4\n" not in joined
    primary = extract(text, 2023).primary
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(64 * 21 * 86400)


def test_a_word_broken_over_a_page_break_is_one_word():
    text = _pages("We pre-", "trained Osprey-7B on 2T tokens.", "Results.", "More.")
    assert "pre-\ntrained" in joined_pages(text)
    primary = extract("Osprey: Open Models\n\n" + text, 2023).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_a_page_that_ends_a_sentence_stays_a_paragraph_break():
    joined = joined_pages(_pages("The first part ends here.", "the next page starts in lower case.",
                                 "Third.", "Fourth."))
    assert "ends here.\n\n" in joined


def test_a_line_that_starts_only_two_pages_is_no_running_header():
    text = "Intro text and\f2 Method\nWe train.\fmore text\f2 Method\nAgain."
    assert joined_pages(text).count("2 Method") == 2


def test_a_text_without_pages_is_as_it_is():
    assert joined_pages("No pages here.\n\n3\n\nat all") == "No pages here.\n\n3\n\nat all"
