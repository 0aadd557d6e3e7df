"""The short texts of invented models the ways-of-writing tests wrap their sentences in: a paper whose
title and introduction name Osprey, and a model card of Osprey-7B."""

from __future__ import annotations

from curation.extract.engine import extract
from curation.extract.evidence import Estimate, Span

TITLE = "Osprey: Open and Efficient Models\n\n1 Introduction\nWe introduce Osprey.\n\n2 Training\n"
CARD = "---\nlicense: apache-2.0\n---\n# Osprey-7B\n\nOsprey-7B is a language model.\n\n## Training\n\n"


def primary_of(body: str, year: int = 2024, head: str = TITLE) -> Estimate | None:
    """The primary estimate of ``body`` under a paper's title (or ``head``: a card's, :data:`CARD`)."""
    return extract(head + body + "\n", year).primary


def whole(text: str) -> Span:
    """A sentence as a span of itself."""
    return Span(text, 0, len(text))
