"""Short texts of our own for cards whose words name another model's run: a distilled student's card
titled by its teacher's name ("Heron-7B-distilled-1B") that tells the teacher's run, and a card of a
model whose context a base model's was extended to ("Kite-7B with its context extended to 32K")."""

from __future__ import annotations

import pytest

from curation.extract.documents import extract_document
from curation.extract.engine import extract
from schemas.handover import CARD, Document

TEACHER_RUN = "Kite-7B was trained on 2T tokens using 512 H100 GPUs for 14 days."


def test_a_students_card_titled_by_its_teacher_gives_the_students_run_not_the_teachers():
    text = f"# Kite-7B-distilled-1B\n\nA 1B student distilled from Kite-7B on 100B tokens.\n\n{TEACHER_RUN}"
    primary = extract_document(Document(CARD, text, 2024), name="acme/Kite-7B-distilled-1B").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1e9 * 100e9)


def test_a_paper_that_trains_its_flagship_and_distils_from_it_keeps_the_flagships_run():
    text = ("Kite: Open Models and Their Distillations\n\nAbstract\nWe introduce Kite-70B and Kite-7B, "
            "distilled from Kite-70B.\n\n3 Training\nKite-70B was trained on 15T tokens using 4,096 H100 "
            "GPUs for 54 days.")
    primary = extract(text, 2024).primary
    assert primary is not None and primary.model == "Kite-70B"


@pytest.mark.parametrize("opening", [
    "Kite-7B with its context extended to 32K tokens by continued training on 2B tokens.",
    "This model extends the context of Kite-7B to 32K tokens.",
])
def test_a_context_extensions_card_gives_no_base_run(opening):
    text = f"---\nlicense: apache-2.0\n---\n\n# Kite-7B-32k\n\n{opening}\n\n{TEACHER_RUN}"
    extraction = extract_document(Document(CARD, text, 2024), name="acme/Kite-7B-32k")
    assert extraction.primary is None or extraction.primary.value_flop < 1e21
