"""A text's list of references: a cited work's title may hold a run's figures, never the text's own."""

from __future__ import annotations

import pytest

from tests.osprey_texts import primary_of

OWN_RUN = "We train Osprey (1.3B parameters) on 300B tokens.\n\n"


@pytest.mark.parametrize("references", [
    "References\n\n[1] A. Smith. Kite: a 70B parameter model trained on 2T tokens. arXiv preprint, 2023.\n"
    "[2] B. Jones. Training on 4096 TPU v4 chips for 60 days. In Proceedings of MLSys, 2022.\n",
    "R EFERENCES\n\nAda Smith and Bo Jones. Wren: 175B parameters trained on 1T tokens. Advances in Neural "
    "Information Processing Systems, 35, 2022.\n",
    # numbered as entries, without a heading PDF text kept
    "[7] C. Lee. Scaling Kite to 540B parameters on 780B tokens. Journal of Machine Learning Research, "
    "2021.\n",
])
def test_a_references_titles_figures_are_not_the_run(references):
    primary = primary_of(OWN_RUN + references)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.3e9 * 300e9)


def test_an_appendix_after_the_references_still_tells_the_own_run():
    text = ("Osprey is described in Section 3.\n\nReferences\n\n[1] A. Smith. Kite. arXiv preprint, 2023.\n\n"
            "A Training details\n\nWe trained Osprey (1.3B parameters) on 300B tokens, following Smith "
            "(2023, arXiv).\n")
    primary = primary_of(text)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.3e9 * 300e9)
