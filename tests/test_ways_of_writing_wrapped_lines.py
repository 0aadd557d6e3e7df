"""Short texts of our own with their lines hard-wrapped, as a PDF's text layer and some cards break them: a
line break inside a phrase reads as a space ("236B total\nparameters", "2T high\nquality tokens",
"initialized from\n`Kite-67B` and fine-tuned"), while a blank line, a list item or a table row still ends
it."""

from __future__ import annotations

import pytest

from curation.extract.derived import derived_from
from curation.extract.documents import extract_document
from curation.extract.engine import extract
from curation.extract.flagship_counting import title_part
from schemas.handover import CARD, Document

TITLE = "Wren: Open Models\n\nAbstract\nWe present Wren.\n\n2 Training\n"


def test_a_size_and_its_words_across_a_line_break():
    primary = extract(TITLE + "Wren has 6.7B total\nparameters and was trained on 2T tokens.\n", 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 6.7e9 * 2e12)


def test_a_token_count_and_its_adjectives_across_a_line_break():
    primary = extract(TITLE + "We train Wren-7B on 2T high\nquality tokens.\n", 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


@pytest.mark.parametrize("sentence", [
    "`wren-67b-chat` is a 67B parameter model initialized from\n`wren-67b-base` and fine-tuned on extra "
    "instruction data.",
    "Wren-67B-Chat is based on\nwren-67b-base and was fine-tuned on dialogue.",
])
def test_a_derivation_told_over_a_wrapped_line(sentence):
    assert derived_from(f"# Wren-67B-Chat\n\n{sentence}\n", "acme/wren-67b-chat") is not None


def test_a_derivation_word_past_a_blank_line_is_another_paragraphs():
    text = ("# Wren-67B\n\nWren-67B is initialized from random weights and trained on 2T tokens.\n\n"
            "- Chat: a fine-tuned version is released too.\n")
    extraction = extract_document(Document(CARD, text, 2024), name="acme/Wren-67B")
    assert extraction.derived_from is None


def test_a_title_ends_at_the_blank_line_before_a_wrapped_body():
    """The body's first lines, wrapped, end no sentence, as a title's lines do not: a blank line after the
    title ends it, so that the body's names are not the title's ("Kite-400B" below is an example)."""
    text = ("Position: compute thresholds\n\nThe threshold is set at 1e25\nFLOPs. Models such as Kite-400B, "
            "trained\nwith 3.8e25 FLOPs, exceed it.\n")
    assert title_part(text) == "Position: compute thresholds"
    assert extract(text, 2024).primary is None
