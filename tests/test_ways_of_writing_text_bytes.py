"""Short texts of our own for a corpus sized in bytes of text ("trained on 40GB of web text"): about 200M
words a gigabyte and 4/3 tokens a word, read only when no count of tokens or words is given."""

from __future__ import annotations

import pytest

from curation.extract.text_bytes import text_bytes_tokens
from tests.osprey_texts import primary_of

TOKENS_PER_GIGABYTE = 200e6 * 4 / 3


@pytest.mark.parametrize(("body", "gigabytes", "epochs"), [
    ("Osprey-1.5B was trained on 40GB of web text for 4 epochs.", 40, 4),
    ("We pre-train Osprey-1.5B on a 750GB text corpus.", 750, 1),
    ("Osprey-1.5B was trained on 1.5 TB of clean English text.", 1500, 1),
    # what was collected is not what was trained on
    ("The crawl gave 45TB of compressed plaintext before filtering. We trained Osprey-1.5B on the "
     "filtered 570GB of text.", 570, 1),
])
def test_a_corpus_sized_in_bytes_of_text(body, gigabytes, epochs):
    primary = primary_of(body)
    assert primary is not None and primary.confidence == "Speculative"
    assert primary.value_flop == pytest.approx(6 * 1.5e9 * gigabytes * TOKENS_PER_GIGABYTE * epochs)
    assert primary.assumptions["words_per_gigabyte"] == 200e6


@pytest.mark.parametrize("body", [
    "Osprey-1.5B was trained on 300GB of images.",  # bytes of images are no text
    "The dataset contains 750GB of text.",  # a corpus no sentence trains on
    "Osprey-1.5B was trained on the raw 750GB of text we crawled.",
])
def test_bytes_that_are_no_text_trained_on_give_none(body):
    assert primary_of(body) is None


def test_a_count_of_tokens_beats_the_bytes():
    primary = primary_of("The dataset contains 750GB of text. We trained Osprey-1.5B on it for 34B tokens.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.5e9 * 34e9)
    assert text_bytes_tokens("We trained Osprey-1.5B on 750GB of text.") is not None


def test_a_headings_word_of_training_does_not_train_on_the_corpus_a_sentence_sizes():
    text = "3 Training Our corpus holds slightly over 8 million documents for a total of 40 GB of text."
    assert text_bytes_tokens(text) is None
    assert text_bytes_tokens("3 Training We trained our model on 40 GB of text.") is not None
