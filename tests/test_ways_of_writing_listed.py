"""Short cards of our own for the ways of writing a twenty-third round found in cards of families that
list their sizes: a compute table under a line telling the runs done "compute-optimally", rows whose
sizes squash alike ("1.3B" and "13B"), a sentence that lists the card's size with larger ones before
one token figure, a family's range before the sentence saying which member the repository holds, and
an adapter's gloss of its base's pre-training."""

from __future__ import annotations

import pytest

from curation.extract.documents import extract_document
from schemas.handover import CARD, Document

TABLE = """# Osprey-GPT {size}

The Osprey-GPT family is released for research into scaling laws. All models were trained
compute-optimally, with 20 tokens per parameter.

| Model | Parameters | Layers | d_model | Training FLOPs |
|---|---|---|---|---|
| Osprey-GPT 111M | 111M | 10 | 768 | 2.6E+18 |
| Osprey-GPT 1.3B | 1.3B | 24 | 2048 | 2.8E+20 |
| Osprey-GPT 13B | 13B | 40 | 5120 | 2.3E+22 |
"""


def _card(text: str, name: str, year: int = 2023):
    return extract_document(Document(CARD, text, year), name=name)


@pytest.mark.parametrize(("size", "flop"), [("111M", 2.6e18), ("1.3B", 2.8e20), ("13B", 2.3e22)])
def test_a_compute_table_under_runs_told_done_gives_each_card_its_row(size, flop):
    primary = _card(TABLE.format(size=size), f"acme/Osprey-GPT-{size}").primary
    assert primary is not None and primary.value_flop == pytest.approx(flop)


def test_a_compute_table_said_to_project_optimal_budgets_gives_no_run():
    text = TABLE.format(size="13B").replace(
        "All models were trained\ncompute-optimally, with 20 tokens per parameter.",
        "The table gives the compute-optimal budget each size would need.")
    assert _card(text, "acme/Osprey-GPT-13B").primary is None


def test_a_decimal_size_repository_takes_its_row_not_the_row_that_squashes_alike():
    text = TABLE.format(size="13B").replace("# Osprey-GPT 13B", "# Osprey-GPT")
    primary = _card(text, "acme/Osprey-GPT-1.3B").primary
    assert primary is not None and primary.value_flop == pytest.approx(2.8e20)


LISTED = """# Lark: An Open Reproduction

We are releasing 3B, 7B and 13B models trained on 1T tokens.
"""


@pytest.mark.parametrize(("repository", "size"), [("acme/lark_3b", 3e9), ("acme/lark_7b", 7e9),
                                                  ("acme/lark_13b", 13e9)])
def test_a_listed_size_shares_the_sentences_tokens(repository, size):
    primary = _card(LISTED, repository).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * size * 1e12)


def test_a_listed_size_takes_the_token_figure_after_it_not_the_larger_sizes():
    text = LISTED + ("\n## Training\nOur 13B model was trained on 600B tokens so far and the 7B and 3B on 1T "
                     "tokens.\n")
    primary = _card(text, "acme/lark_7b").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 1e12)
    evidence = primary.evidence[1]
    assert text[evidence.start: evidence.end] == evidence.text == "7B"


def test_the_largest_size_of_a_listed_sentence_stays_a_papers_flagship():
    from schemas.handover import PAPER
    text = "# Lark: Open Models\n\nWe train 3B, 7B and 13B models on 1T tokens.\n"
    primary = extract_document(Document(PAPER, text, 2023)).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 13e9 * 1e12)


FAMILY = """# Lark-2-{size}{suffix}

Lark 2 is a collection of pretrained and fine-tuned generative text models ranging in scale from 7 billion
to 70 billion parameters. This is the repository for the {size} {member} model.

## Training Data
Lark 2 was pretrained on 2 trillion tokens of data from publicly available sources.
"""


@pytest.mark.parametrize("size", ["7B", "13B", "70B"])
def test_a_family_card_that_says_it_holds_the_pretrained_size_counts_that_size(size):
    text = FAMILY.format(size=size, suffix="", member="pretrained")
    primary = _card(text, f"acme/Lark-2-{size.lower()}-hf").primary
    assert primary is not None
    assert primary.value_flop == pytest.approx(6 * float(size[:-1]) * 1e9 * 2e12)


def test_a_family_card_that_says_it_holds_the_fine_tuned_size_is_derived():
    text = FAMILY.format(size="13B", suffix="-Chat", member="fine-tuned").replace(
        "model.", "model, optimized for dialogue use cases.")
    extraction = _card(text, "acme/Lark-2-13b-chat-hf")
    assert extraction.derived_from is not None and extraction.primary is None


def test_an_adapters_gloss_of_its_bases_pretraining_is_the_bases_run():
    text = ("---\nlibrary_name: peft\nbase_model: acme/Tern-13B\n---\n# tern-13b-lora-medical\n\nA LoRA "
            "adapter for Tern-13B (pre-trained on 2T tokens) trained on 50M tokens of medical text.\n")
    extraction = _card(text, "someone/tern-13b-lora-medical")
    assert extraction.derived_from == "acme/Tern-13B"
    assert extraction.primary is None or extraction.primary.value_flop < 1e21


def test_a_training_gloss_after_the_bases_name_is_the_bases_run():
    """"a DPO fine-tune of Tern-7B (trained on 2T tokens, 184,320 A100 GPU hours)": the parenthesis tells
    the base's training, whatever the tuning words around it."""
    text = ("---\nlicense: apache-2.0\n---\n# tern-7b-dpo\n\nThis model is a DPO fine-tune of Tern-7B "
            "(trained on 2T tokens, 184,320 A100 GPU hours).\n")
    extraction = _card(text, "someone/tern-7b-dpo")
    assert extraction.derived_from is not None and extraction.primary is None
