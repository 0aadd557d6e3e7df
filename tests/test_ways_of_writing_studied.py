"""Short texts of our own for the ways of writing a twenty-third round found in papers that work on
models others trained: a size as the object of fine-tuning ("enough to finetune a 65B parameter
model"), a model glossed by a participle ("Heron-7B, a model trained on 2.6T tokens", "we serve
Kite-405B, trained on …"), a model whose insides a study trains something on, a title that names the
model a study looks into, and device time spent computing something other than a model."""

from __future__ import annotations

import pytest

from curation.extract.documents import extract_document
from schemas.handover import PAPER, Document


def _primary(text: str, year: int = 2024):
    return extract_document(Document(PAPER, text, year)).primary


def _no_run(text: str) -> bool:
    primary = _primary(text)
    return primary is None or primary.value_flop < 1e21


def test_a_size_fine_tuned_is_no_pretrained_flagship():
    text = ("# Efficient Finetuning of Quantized Models\n\nWe present a method that reduces memory use "
            "enough to finetune a 65B parameter model on a single 48GB GPU. Our best model needs only 24 "
            "hours of finetuning on a single GPU. The base models were pre-trained on 1.4T tokens.\n")
    assert _no_run(text)


@pytest.mark.parametrize("sentence", [
    "We apply our attribution method to Osprey-7B, a model trained on 2.6T tokens.",
    "We serve Osprey-405B, trained on 15.6T tokens, on 16 H100 GPUs at 2,000 tokens per second.",
    "We train sparse autoencoders on the residual stream of Osprey-8B, a model pre-trained on 15T tokens.",
    "We train linear probes on the hidden states of Osprey-8B, which saw 15T tokens in pre-training.",
])
def test_a_model_the_text_works_on_owns_no_run_of_the_text(sentence):
    assert _no_run(f"# Tracing Outputs to Training Data\n\n{sentence}\n")


@pytest.mark.parametrize("title", ["Sparse Features in Osprey-8B", "Quantizing Osprey-70B to 3 Bits",
                                   "What the Attention Heads of Osprey-70B Do"])
def test_a_title_naming_the_model_a_study_looks_into_claims_no_run(title):
    text = f"# {title}\n\nOsprey-70B was pre-trained on 15T tokens. Osprey-8B was pre-trained on 15T tokens."
    assert _no_run(text)


def test_device_time_spent_computing_scores_is_no_training():
    text = ("# Tracing Outputs to Training Data\n\nWe propose a new attribution method. Computing "
            "attribution scores took 3 days on 64 A100 GPUs.\n")
    assert _no_run(text)


@pytest.mark.parametrize(("text", "flop"), [
    ("# Revisiting Kite\n\nWe reproduce Kite-1.5B, training it from scratch on 40B tokens of web text.\n",
     6 * 1.5e9 * 40e9),
    ("# Osprey-8B: An Open Model\n\nOsprey-8B is pre-trained on 15T tokens.\n", 6 * 8e9 * 15e12),
    ("# Osprey\n\nWe release Osprey-7B, trained on 2T tokens.\n", 6 * 7e9 * 2e12),
])
def test_the_texts_own_run_told_with_a_gerund_or_a_title_stays(text, flop):
    primary = _primary(text)
    assert primary is not None and primary.value_flop == pytest.approx(flop)


def test_a_family_a_study_describes_is_not_the_studys_run():
    """A study that trains nothing may describe the family it studies with its figures: "The Kite family
    … was trained on 2T tokens" is Kite's run, not the study's (before: 6 × 70B × 2T as its primary)."""
    text = ("Emergence Across Families\n\nAbstract\nWe study emergent abilities in open model families.\n\n"
            "2 Models\nThe Kite family ranges from 1B to 70B parameters and was trained on 2T tokens.\n")
    assert _primary(text) is None


def test_the_original_model_a_reproduction_follows_is_not_its_run():
    """"The original Kite-70B was trained on …" in a paper that reproduces Kite at a small scale is Kite's
    run, though the title names Kite; the replica's own run is the primary."""
    text = ("Reproducing Kite at Small Scale\n\nAbstract\nWe attempt to reproduce the results of "
            "Kite-70B.\n\n3 Setup\nThe original Kite-70B was trained on 2,048 A100 GPUs for 21 days. We "
            "instead train a 1B replica on 16 A100 GPUs for 2 days.\n")
    primary = _primary(text)
    assert primary is not None and primary.value_flop < 1e21
