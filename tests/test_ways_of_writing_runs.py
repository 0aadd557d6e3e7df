"""Short texts of our own for the ways of writing a training run that a fourth battery of sentences
found: a sequence length with a thousands separator, a cluster sized in GPUs, a labelled compute line
in a paper, and more."""

from __future__ import annotations

import pytest

from curation.extract.context import is_prose
from curation.extract.device_sentences import device_counts
from curation.extract.engine import extract
from curation.extract.evidence import Span
from curation.extract.step_counting import step_tokens

TITLE = "Osprey: Open and Efficient Language Models\n\n1 Introduction\nWe introduce Osprey.\n\n2 Training\n"


def _primary(text: str, year: int = 2023):
    return extract(text, year).primary


def _span(text: str) -> Span:
    return Span(text, 0, len(text))


# -- set-ups, steps × batch × length -----------------------------------------------------------------

def test_a_sequence_length_with_a_thousands_separator():
    text = ("We train Osprey-1.3B for 143,000 steps with a batch size of 1,024 and a context length of "
            "2,048 tokens.")
    (tokens, _), = step_tokens(text)
    assert tokens == pytest.approx(143_000 * 1024 * 2048)


# -- devices ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "count", "name"), [
    ("The model trained for 11 days on a 2,048-GPU H100 cluster.", 2048, "H100"),
    ("Each run used one 8-GPU server for 3 days.", 8, ""),
])
def test_a_machine_or_cluster_sized_in_gpus(sentence, count, name):
    (found, accelerator, noun, _), = device_counts(_span(sentence))
    assert (found, accelerator, noun) == (count, name, "gpu")


def test_a_cluster_sized_in_gpus_gives_the_run():
    primary = _primary(TITLE + "The model trained for 11 days on a 2,048-GPU H100 cluster.", 2024)
    assert primary is not None and primary.method == "hardware"
    assert primary.assumptions["accelerator"].startswith("H100")


# -- what reads as prose -----------------------------------------------------------------------------

def test_punctuation_is_no_number_when_telling_prose_from_labels():
    assert is_prose(_span("Training compute: ~4.2e22 FLOPs (6ND)."))
    assert not is_prose(_span("1e21 1e22 1e23 FLOPs"))


def test_a_labelled_compute_line_in_a_paper_is_its_figure():
    primary = _primary(TITLE + "Training compute: ~4.2e22 FLOPs (6ND).")
    assert primary is not None and primary.value_flop == pytest.approx(4.2e22)
