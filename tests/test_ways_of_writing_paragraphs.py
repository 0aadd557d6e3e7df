"""Short texts of our own for facts a paragraph gives around its sentences: a run-in heading that says the
paragraph is about training, and a dataset sized in one sentence with the passes over it in the next."""

from __future__ import annotations

import pytest

from tests.osprey_texts import primary_of

HEAD = ("Osprey: Open and Efficient Models\n\nAbstract\nWe introduce Osprey-9B, an open language model.\n\n"
        "3 Data\n")


@pytest.mark.parametrize("heading", ["Training data.", "**Pre-training corpus.**",
                                     "\\paragraph{Training data.}"])
def test_a_run_in_heading_about_training_governs_its_paragraphs_figure(heading):
    body = f"{heading} We use a mixture of web pages (70%), code (20%) and math (10%), totaling 6T tokens."
    primary = primary_of(body, head=HEAD)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 9e9 * 6e12)


@pytest.mark.parametrize("heading", ["Evaluation data.", "Tokenizer."])
def test_a_run_in_heading_about_something_else_gives_no_run(heading):
    assert primary_of(f"{heading} We use a mixture of web pages, code and math, totaling 6T tokens.",
                      head=HEAD) is None


@pytest.mark.parametrize("sizing", [
    "We use a mixture of web pages, code and math, totaling 6T tokens.",
    "Our data mixture amounts to 6T tokens.",
    "We build a corpus comprising 6T tokens.",
])
def test_a_mixture_sized_in_one_sentence_and_its_passes_in_the_next(sizing):
    primary = primary_of(f"Pre-training. {sizing} We train for 2 epochs on this mixture.", head=HEAD)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 9e9 * 12e12)
