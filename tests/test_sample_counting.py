"""Training compute from a forward pass's cost per example × examples × epochs (vision and speech
set-ups), on short texts of our own."""

from __future__ import annotations

import pytest

from curation.extract.engine import extract
from curation.extract.evidence import OPERATION_COUNTING
from curation.extract.sample_counting import find_sample_counting, find_table_sample_counting
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
    # the input's size before its noun
    ("Osprey-L needs 4 billion FLOPs for a single 224×224 image; we train for 90 epochs on 1M images.",
     3 * 4e9 * 1e6 * 90),
    ("Osprey-V costs 100 GFLOPs per 16-frame clip. We train it for 30 epochs on 200K training videos.",
     3 * 100e9 * 200e3 * 30),
    # the examples and epochs in the sentence before the cost
    ("Osprey-G was trained on 3B images for 5 epochs. A forward pass costs 965 GFLOPs per image.",
     3 * 965e9 * 3e9 * 5),
])
def test_cost_per_example_times_examples_and_epochs(body, flop):
    primary = primary_of(body, year=2021)
    assert primary is not None and primary.method == OPERATION_COUNTING
    assert primary.value_flop == pytest.approx(flop, rel=0.02)
    assert primary.confidence == "Speculative"


@pytest.mark.parametrize("body", [
    "Osprey-L costs 20 GFLOPs per image. We pre-train on ImageNet-21k for 90 epochs and fine-tune on "
    "ImageNet-1k for 30 epochs.",
    "Osprey-L (88M params, 20 GFLOPs) is pretrained on 14M images for 90 epochs, then finetuned on 1M "
    "images for 30 epochs.",
])
def test_a_pre_training_told_before_its_fine_tuning_is_counted_alone(body):
    """A word of fine-tuning parts a sentence's two set-ups: the training before it is the pre-training."""
    [estimate] = find_sample_counting(body)
    assert estimate.value_flop == pytest.approx(3 * 20e9 * 14e6 * 90, rel=0.02)
    assert estimate.stage != "finetuning" and not estimate.notes


@pytest.mark.parametrize("body", [
    # two datasets and two counts of epochs, no word of tuning between: which pairs with the cost is unsaid
    "Osprey-L costs 20 GFLOPs per image. We train on ImageNet-21k for 90 epochs and on ImageNet-1k for 30 "
    "epochs.",
    # no epochs, and a cost with nothing to multiply
    "Osprey-L costs 20 GFLOPs per image on 2M images.",
    "Osprey-L runs at 20 GFLOPs per image, half of its predecessor's cost.",
])
def test_no_figure_without_one_count_of_each(body):
    assert not find_sample_counting(body)


def test_the_set_up_before_the_cost_names_the_run_not_its_kind():
    """The sentence before the cost gives the run; the name in an apposition ("a ViT") is its kind."""
    primary = primary_of("Osprey-G, a ViT with 1.8B parameters, was trained on 3B images for 5 epochs. "
                         "Its forward pass costs 965 GFLOPs per image.", year=2023)
    assert primary is not None and primary.value_flop == pytest.approx(3 * 965e9 * 3e9 * 5, rel=0.02)
    assert primary.model == "Osprey-G"


def test_a_compared_set_up_before_the_cost_is_not_the_runs():
    assert find_sample_counting("We compare with Kite, trained on 3B images for 5 epochs. Osprey-G costs "
                                "965 GFLOPs per image.") == []


def test_the_cost_words_do_not_make_the_figure_a_non_total():
    """'per image' and 'forward pass' mark other finders' figures as no totals; here they are the
    inputs, and only the sentence's other words decide."""
    [estimate] = find_sample_counting("A forward pass of Osprey-L costs 8 GFLOPs; it is trained for 90 "
                                      "epochs on 1M images.")
    assert not estimate.notes
    [fine_tune] = find_sample_counting("A forward pass of Osprey-L costs 8 GFLOPs; we fine-tune it for 9 "
                                       "epochs on 1M images.")
    assert fine_tune.stage == "finetuning"


def test_the_pass_named_after_the_cost_is_the_costs_own_word():
    """"… which costs 17.6 GFLOPs per image in the forward pass": the pass is the cost's, not a sign that
    the figure is a forward pass's (before, marked no total and no primary)."""
    [estimate] = find_sample_counting("We pre-train Osprey-B on 2M images for 90 epochs, which costs 17.6 "
                                      "GFLOPs per image in the forward pass.")
    assert not estimate.notes and estimate.value_flop == pytest.approx(3 * 17.6e9 * 2e6 * 90)


VIT_TITLE = "Osprey: Vision Transformers\n\nAbstract\nWe present Osprey.\n\n3 Models\n"
VIT_TABLE = ("| Model | Params | {header} |\n|---|---|---|\n| DeiT-B | 86M | {base} |\n"
             "| Osprey-S | 22M | {small} |\n| Osprey-L | 304M | {large} |\n\n4 Training\n")


@pytest.mark.parametrize(("header", "cells"), [
    ("FLOPs", ("17.6G", "4.6G", "61.6G")),
    ("FLOPs (G)", ("17.6", "4.6", "61.6")),
    ("GFLOPs", ("17.6", "4.6", "61.6")),
])
def test_a_table_of_the_own_models_costs_per_image_with_epochs_in_prose(header, cells):
    base, small, large = cells
    text = VIT_TITLE + VIT_TABLE.format(header=header, base=base, small=small, large=large) + \
        "All models are trained for 300 epochs on ImageNet-1k. We then fine-tune on CIFAR-10 for 10 epochs.\n"
    primary = extract(text, 2021).primary
    assert primary is not None and primary.model == "Osprey-L"
    assert primary.value_flop == pytest.approx(3 * 61.6e9 * 1_281_167 * 300)


def test_a_table_of_costs_with_two_prose_set_ups_that_disagree_gives_none():
    text = VIT_TITLE + VIT_TABLE.format(header="FLOPs", base="17.6G", small="4.6G", large="61.6G") + \
        "Osprey-S is trained for 300 epochs on ImageNet-1k. Osprey-L is trained for 90 epochs on JFT-300M.\n"
    assert find_table_sample_counting(text) == []


def test_a_table_of_baselines_costs_gives_none():
    text = VIT_TITLE + "| Model | FLOPs |\n|---|---|\n| DeiT-B | 17.6G |\n| Wren-L | 61.6G |\n\n" + \
        "4 Training\nAll models are trained for 300 epochs on ImageNet-1k.\n"
    assert find_table_sample_counting(text) == []


@pytest.mark.parametrize("body", [
    "Osprey-L was trained on 34B samples seen, at 24.5 GFLOPs per sample.",
    "Osprey-L needs 24.5 GFLOPs per sample and was trained for 34B samples seen.",
])
def test_a_count_of_examples_seen_is_one_pass(body):
    """Examples "seen" count the whole run: one pass, with no epochs written."""
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(3 * 24.5e9 * 34e9)


@pytest.mark.parametrize(("body", "flop"), [
    # a model's cost in giga-FLOPs written with its name, per example unsaid
    ("Osprey-B (86M params, 17.6 GFLOPs) is trained on ImageNet-1k for 300 epochs.",
     3 * 17.6e9 * 1_281_167 * 300),
    ("Osprey-B has 17.6 GFLOPs. We train Osprey-B for 300 epochs on the 1.28M ImageNet training images.",
     3 * 17.6e9 * 1.28e6 * 300),
    ("We train Osprey-B (4.5 GMACs) for 100 epochs on 2M training images.", 3 * 9e9 * 2e6 * 100),
])
def test_a_cost_written_with_the_models_name_is_per_example(body, flop):
    primary = primary_of(body, year=2021)
    assert primary is not None and primary.value_flop == pytest.approx(flop, rel=0.01)


@pytest.mark.parametrize("body", [
    # per token, or a run's total in tera-FLOPs: no forward pass's cost of an image
    "Osprey-B has 14 GFLOPs per token and is trained for 3 epochs on 2M training examples.",
    "Osprey-B (86M params, 3.2 TFLOPs) is trained on ImageNet-1k for 300 epochs.",
])
def test_other_costs_written_with_a_name_are_not_per_example(body):
    assert find_sample_counting(body) == []
