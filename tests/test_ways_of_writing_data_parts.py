"""Short texts of our own for a run's tokens told as the parts of its data ("1.2T tokens of web text and
300B tokens of code"): the run trained on their sum, unless the counts belong to stages, sides or a
total given first."""

from __future__ import annotations

import pytest

from curation.extract.operation_counting import find_operation_counting
from tests.osprey_texts import CARD, primary_of


@pytest.mark.parametrize(("body", "tokens"), [
    ("Osprey-7B was trained on a mix of 1.2T tokens from web text and 300B tokens of code.", 1.5e12),
    ("Osprey-7B was trained on 1.2T tokens of English web text, 200B tokens of books, and 100B tokens of "
     "code.", 1.5e12),
    ("Osprey-7B was trained on 1T tokens in English and 1T tokens in Chinese.", 2e12),
    ("We train a 7B parameter model on 1.2T tokens of web text and 300B tokens of code.", 1.5e12),
])
@pytest.mark.parametrize("head", [None, CARD])
def test_the_parts_of_the_data_are_summed(body, tokens, head):
    primary = primary_of(body) if head is None else primary_of(body, head=head)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * tokens)


@pytest.mark.parametrize(("body", "tokens"), [
    # a total told first, its parts after "including"
    ("Osprey-7B was trained on 1.5T tokens, including 1.2T tokens of web text and 300B tokens of code.",
     1.5e12),
    # a stage each
    ("Osprey-7B was pretrained on 1.5T tokens and fine-tuned on 300B tokens of code.", 1.5e12),
    ("Osprey has 7B parameters. During pre-training the model sees 2T tokens, and 10B tokens are used "
     "for instruction tuning.", 2e12),
    # another side's count
    ("Osprey-7B was trained on 1.5T tokens, compared to 300B tokens for Kite.", 1.5e12),
    ("Osprey-7B was trained on 300B tokens of web text and evaluated on 1B tokens of held-out text.", 3e11),
])
def test_counts_of_stages_sides_or_a_total_are_not_summed(body, tokens):
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * tokens)


def test_each_part_alone_is_no_total():
    estimates = find_operation_counting("We train a 7B parameter model on 1.2T tokens of web text and 300B "
                                        "tokens of code.")
    totals = [e for e in estimates if not e.notes]
    assert [e.assumptions["training_tokens"] for e in totals] == [pytest.approx(1.5e12)]
    assert len(estimates) == 3


@pytest.mark.parametrize("body", [
    "Osprey-7B's pre-training corpus contains 4T tokens, of which we use 2T for training.",
    "The dataset contains 15T tokens in total; Osprey-7B saw 2T of them.",
])
def test_the_part_of_a_corpus_the_run_used_is_its_tokens(body):
    """A corpus's size followed by the part the run used ("…, of which we use 2T") gives the part, its
    noun left out, as the run's tokens, not the corpus's size."""
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)
