"""Training compute from a forward pass's cost per example × examples × epochs (vision and speech
set-ups), on short texts of our own."""

from __future__ import annotations

import pytest

from curation.extract.evidence import OPERATION_COUNTING
from curation.extract.sample_counting import find_sample_counting
from tests.osprey_texts import primary_of


@pytest.mark.parametrize(("body", "flop"), [
    # cost, examples and epochs in one sentence; a multiply-accumulate is two FLOPs
    ("Osprey-L costs 20 GFLOPs per image and is trained for 100 epochs on 2M images.", 3 * 20e9 * 2e6 * 100),
    ("Osprey-L needs 10 GMACs/image; it is trained for 50 epochs over 1M training images.",
     3 * 20e9 * 1e6 * 50),
    # the cost after its pass, and the examples of a dataset whose size is a published fact
    ("A forward pass of Osprey-L costs 8 GFLOPs, and we train for 90 epochs on ImageNet.",
     3 * 8e9 * 1_281_167 * 90),
    # the examples and epochs in the next sentence; a dataset with its size written out is one count
    ("Osprey-L requires 30 GFLOPs per image. We train it for 300 epochs on ImageNet-1k (1.28M images).",
     3 * 30e9 * 1_281_167 * 300),
    # the cost after its example, and a dataset's name between a count and its noun
    ("Osprey-S handles each image with 2 billion FLOPs and trains for 100 epochs on 5 million Places "
     "training images.", 3 * 2e9 * 5e6 * 100),
])
def test_cost_per_example_times_examples_and_epochs(body, flop):
    primary = primary_of(body, year=2021)
    assert primary is not None and primary.method == OPERATION_COUNTING
    assert primary.value_flop == pytest.approx(flop, rel=0.02)
    assert primary.confidence == "Speculative"


@pytest.mark.parametrize("body", [
    # two datasets and two counts of epochs: which pairs with the cost is unsaid
    "Osprey-L costs 20 GFLOPs per image. We pre-train on ImageNet-21k for 90 epochs and fine-tune on "
    "ImageNet-1k for 30 epochs.",
    # no epochs, and a cost with nothing to multiply
    "Osprey-L costs 20 GFLOPs per image on 2M images.",
    "Osprey-L runs at 20 GFLOPs per image, half of its predecessor's cost.",
])
def test_no_figure_without_one_count_of_each(body):
    assert not find_sample_counting(body)


def test_the_cost_words_do_not_make_the_figure_a_non_total():
    """'per image' and 'forward pass' mark other finders' figures as no totals; here they are the
    inputs, and only the sentence's other words decide."""
    [estimate] = find_sample_counting("A forward pass of Osprey-L costs 8 GFLOPs; it is trained for 90 "
                                      "epochs on 1M images.")
    assert not estimate.notes
    [fine_tune] = find_sample_counting("A forward pass of Osprey-L costs 8 GFLOPs; we fine-tune it for 9 "
                                       "epochs on 1M images.")
    assert fine_tune.stage == "finetuning"
