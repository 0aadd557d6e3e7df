"""Short texts of our own for studies of the footprint of others' training runs: an opening that
"calculates" or "assesses" the cost of several models, and a run named by capitalized words alone
("Training Lark took …", "Training Kite Explorer took …"), which is another's unless the title carries
its name."""

from __future__ import annotations

import pytest

from curation.extract.engine import extract

STUDY = ("On the Energy Cost of Training Language Models\n\nAbstract\nWe calculate the emissions of several "
         "recent large models.\n\n3 Method\n")


@pytest.mark.parametrize("sentence", [
    "For example, training Lark took 30 days on 1,024 TPU v3 chips.",
    "Training Kite Explorer took 6 days on 64 TPU v3s.",
    "Training Kite-7B took 6 days on 64 TPU v3s.",
])
def test_a_study_that_calculates_others_costs_quotes_their_runs(sentence):
    assert extract(STUDY + sentence, 2021).primary is None


@pytest.mark.parametrize("opening", [
    "We assess the carbon footprint of five public models.",
    "We investigate the energy use of several open LLMs.",
])
def test_other_verbs_of_study(opening):
    text = (f"Energy of Language Models\n\nAbstract\n{opening}\n\n3 Method\nTraining Lark took 30 days on "
            "1,024 TPU v3 chips.")
    assert extract(text, 2021).primary is None


def test_the_titles_own_model_is_no_others_run():
    """The title names Kite: its training, told the same way, is the text's own run."""
    text = ("Kite: An Open Chatbot\n\nAbstract\nWe calculate the emissions of several recent large models "
            "and train our own.\n\n3 Training\nTraining Kite took 30 days on 1,024 TPU v3 chips.")
    primary = extract(text, 2021).primary
    expected = 1024 * 30 * 86400 * 123e12 * 0.3  # TPU v3 chips at the default utilization
    assert primary is not None and primary.value_flop == pytest.approx(expected, rel=0.05)
