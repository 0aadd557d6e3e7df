"""A card's sentences about a model of its family and another size: that model's run, not the card's."""

from __future__ import annotations

import pytest

from curation.extract.context import eligible
from curation.extract.documents import extract_document
from schemas.handover import CARD, PAPER, Document


def card(body: str, repository: str):
    """The extraction of a short card published under ``repository``."""
    title = repository.split("/")[-1]
    text = (f"---\nlicense: apache-2.0\n---\n# {title}\n\n{title} is an open-weight model.\n\n"
            f"## Training\n\n{body}\n")
    return extract_document(Document(CARD, text, 2025), name=repository)


@pytest.mark.parametrize("body", [
    "The training run for osprey-120b required 2.1 million H100-hours to complete, with osprey-20b "
    "needing almost 10x fewer.",
    "Osprey-2-70B was trained on 15T tokens using 16,000 H100 GPUs.",
])
def test_a_siblings_run_is_not_the_cards_own(body):
    extraction = card(body, "acme/osprey-20b")
    assert extraction.primary is None
    assert not any(eligible(e) for e in extraction.estimates)


@pytest.mark.parametrize("body", [
    # the card's own name nearest before the figure
    "Like Osprey 2 70B, Osprey-20B was trained on 2T tokens.",
    "Osprey-70B was trained on 15T tokens; Osprey-20B was trained on 2T tokens.",
    # a name's rounding of the card's size
    "Osprey-19.6B was trained on 2T tokens.",
])
def test_the_cards_own_run_beside_a_sibling_stays(body):
    primary = card(body, "acme/osprey-20b").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 20e9 * 2e12, rel=0.05)


def test_a_paper_has_no_repository_to_compare_with():
    text = "Osprey: Open Models\n\n2 Training\nThe training run for Osprey-120B took 2.1M H100-hours.\n"
    assert extract_document(Document(PAPER, text, 2025)).primary is not None


def test_a_siblings_run_in_a_relative_clause_and_the_tokens_the_student_saw():
    extraction = card("Osprey-3B was distilled from Osprey-70B, which was pre-trained on 15T tokens. "
                      "The student saw 2T tokens.", "acme/osprey-3b")
    assert extraction.primary is not None
    assert extraction.primary.value_flop == pytest.approx(6 * 3e9 * 2e12)


def test_a_sibling_the_run_starts_from_is_not_its_owner():
    extraction = card("A 1B student distilled from Osprey-70B on 100B tokens.", "acme/osprey-1b-distilled")
    assert extraction.primary is not None
    assert extraction.primary.value_flop == pytest.approx(6 * 1e9 * 100e9)


def test_sizes_paired_respectively_keep_the_cards_own():
    extraction = card("Osprey 2B and 7B are trained on 2T and 6T tokens respectively.", "acme/osprey-7b")
    assert extraction.primary is not None
    assert extraction.primary.value_flop == pytest.approx(6 * 7e9 * 6e12)
