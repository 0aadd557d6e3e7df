"""Short texts of our own for a figure written with its working beside it: a parenthesis that works the
figure out ("(6ND with N = 8B, D = 2T)"), or an equation worked out before it ("C ≈ 6ND = … ≈ 8.4×10^22"),
makes no list of numbers of its sentence; nor does a dot written as the sign ("8.4 · 10^22")."""

from __future__ import annotations

import pytest

from curation.extract.context import is_prose
from curation.extract.documents import extract_document
from curation.extract.evidence import Span
from schemas.handover import PAPER, Document


@pytest.mark.parametrize("field", ["Total compute", "Training compute", "Pre-training compute"])
def test_a_figure_with_its_working_in_parentheses_is_reported(field):
    text = (f"Lark: Efficient Models\n\nWe introduce Lark-8B. {field}: 9.6 × 10^22 FLOPs "
            "(6ND with N = 8B, D = 2T).\n")
    primary = extract_document(Document(PAPER, text, 2024)).primary
    assert primary is not None and primary.value_flop == pytest.approx(9.6e22)


@pytest.mark.parametrize(("line", "prose"), [
    ("Total compute: 9.6e22 FLOPs (N = 8B, D = 2T).", True),
    ("7B 2T 8.4e22 (N = 7B) 13B", False),
    ("FLOPs 1e21 1e22 1e23 1e24", False),
])
def test_an_equation_in_parentheses_is_not_counted_as_numbers(line, prose):
    assert is_prose(Span(line, 0, len(line))) is prose


@pytest.mark.parametrize("sentence", [
    "The training compute is C ≈ 6ND = 6 × 7×10^9 × 2×10^12 ≈ 8.4×10^22 FLOPs.",
    "Lark-7B required 8.4 · 10^22 FLOPs.",
])
def test_an_equation_worked_out_or_a_dot_as_the_sign_is_prose(sentence):
    """An equation's working between its first sign and its last, and "8.4 · 10^22" (a dot as the sign) are
    one figure, no list of numbers (before: "not prose", no primary)."""
    primary = extract_document(Document(PAPER, f"Lark: Efficient Models\n\n{sentence}\n", 2024)).primary
    assert primary is not None and primary.value_flop == pytest.approx(8.4e22)


def test_a_product_of_numbers_after_the_figure_counts_once():
    """ "…, i.e., 6 × 6.7B × 1.5T": the figure's working as a product is one number, no list (before: "not
    prose", no primary)."""
    text = "Lark: Efficient Models\n\nLark-7B required about 6e22 FLOPs, i.e., 6 × 6.7B × 1.5T.\n"
    primary = extract_document(Document(PAPER, text, 2024)).primary
    assert primary is not None and primary.value_flop == pytest.approx(6e22)
    assert not is_prose(Span("6 × 7B × 2T 8e22 FLOPs", 0, 22))
