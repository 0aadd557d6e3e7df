"""A card's own size written as "a 7B language model", and runs a card tells of its family's other sizes
(curation/extract/card_sizes.py), on short cards of our own."""

from __future__ import annotations

import pytest

from curation.extract.card_sizes import OTHER_SIZE_NOTE
from curation.extract.documents import extract_document
from schemas.handover import CARD, Document

HEAD = "---\nlicense: apache-2.0\n---\n## Model Overview\n"


def _extraction(body: str, repository: str = "acme/Wren-7B"):
    return extract_document(Document(CARD, HEAD + body + "\n", 2024), name=repository)


@pytest.mark.parametrize(("body", "tokens"), [
    ("Wren is a 7B language model. It was pre-trained on 2T tokens.", 2e12),
    ("Wren is a 7B language model. The model was pre-trained on 2T tokens.", 2e12),
    ("Wren is a 7B language model. Like the 70B version, it was pre-trained on 2T tokens.", 2e12),
    # the card's size listed before its siblings' shares the figure after them
    ("Wren-7B and Wren-70B were trained on 15T tokens.", 15e12),
    ("# Wren-7B\n\nThe 7B and 70B versions were trained on 15T tokens each.", 15e12),
    ("Wren-7B, Wren-13B and Wren-70B were pre-trained on 15T tokens.", 15e12),
    ("# Wren-7B\n\nThe 7B, 13B and 70B versions were trained on 15T tokens each.", 15e12),
])
def test_the_size_its_name_carries_sizes_the_cards_run(body, tokens):
    primary = _extraction(body).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * tokens)


@pytest.mark.parametrize("body", [
    "Wren has 7B parameters. The 70B version was trained on 15T tokens.",
    "Wren has 7B parameters. Our 70B model was trained on 15T tokens, while this one saw 2T tokens.",
    "Wren is a 7B language model. Wren-70B was pre-trained on 15T tokens.",
])
def test_a_run_told_of_another_size_is_not_the_cards(body):
    extraction = _extraction(body)
    assert extraction.primary is None
    assert any(OTHER_SIZE_NOTE in note for estimate in extraction.estimates for note in estimate.notes)


@pytest.mark.parametrize("body", ["We are releasing 3B, 7B and 13B models trained on 1T tokens.",
                                  # the siblings as bare sizes after a sized name
                                  "We are releasing Wren-3B/7B/13B, all trained on 1T tokens."])
@pytest.mark.parametrize(("repository", "size"), [("acme/wren-3b", 3e9), ("acme/wren-13b", 13e9)])
def test_a_list_of_sizes_holds_the_cards_own(body, repository, size):
    primary = _extraction(body, repository).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * size * 1e12)


def test_a_mixture_of_experts_sizes_are_not_another_models():
    body = "Wren-8x7B has 47B total and 13B active parameters and was pre-trained on 8T tokens."
    primary = _extraction(body, "acme/Wren-8x7B").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 13e9 * 8e12)


def test_a_size_inside_another_models_name_does_not_size_the_card():
    body = "Wren-Code-7B is initialized from Wren-7B, which was pre-trained on 2T tokens."
    assert _extraction(body, "acme/Wren-Code-7B").primary is None


@pytest.mark.parametrize("comment", ["100B tokens ramp-up", "4B tokens warm-up"])
def test_a_schedules_ramp_up_or_warm_up_tokens_are_no_run(comment):
    """A hyperparameter table's comment on a schedule ("100B tokens ramp-up") counts the tokens a batch
    size or a learning rate climbs over, not the run's."""
    body = ("# Wren-40B\n\nWren-40B was trained on 384 A100 40GB GPUs.\n\n"
            f"| Hyperparameter | Value | Comment |\n|---|---|---|\n| Batch size | 1152 | {comment} |\n")
    extraction = _extraction(body, "acme/Wren-40B")
    assert not any(e.method == "operation_counting" for e in extraction.estimates)


@pytest.mark.parametrize("part", ["combines a vision encoder with the Wren-7B language model",
                                  "uses Wren-7B as its language backbone"])
def test_a_run_of_the_model_a_card_has_as_a_part_is_that_models(part):
    """A card whose model has another as a part ("with the Wren-7B language model") quotes that part's
    pre-training as its: the part's run is no run of the card's model."""
    body = (f"# Wren-Vision-7B\n\nWren-Vision-7B {part}. The connector was trained on 1.2M image-text pairs "
            "on 32 H100 GPUs for 8 hours. Wren-7B was pre-trained on 2T tokens.")
    primary = _extraction(body, "acme/Wren-Vision-7B").primary
    assert primary is not None and primary.value_flop < 1e21


def test_a_name_with_spaces_after_with_is_no_part():
    body = ("# Wren LM 2 1.6B\n\n`Wren LM 2 1.6B` is a 1.6 billion parameter language model pre-trained on "
            "2 trillion tokens.\n\nGet started generating text with `Wren LM 2 1.6B` by using the snippet "
            "below.")
    primary = _extraction(body, "acme/wren-lm-2-1_6b").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.6e9 * 2e12)


def test_a_word_for_a_part_after_a_common_word_names_no_part():
    """"as with all LLMs" names no model the card builds on: its own run stays its."""
    body = ("# Wren-7B\n\nWren-7B is a 7B language model trained on 2T tokens on 512 H100 GPUs for 10 days. "
            "As with all LLM outputs, check the answers.")
    primary = _extraction(body).primary
    assert primary is not None and primary.value_flop > 1e22


def test_each_of_a_series_trained_from_scratch_shares_the_token_figure():
    """"a series of models, each trained from scratch on 2T tokens": every size's run, the card's too."""
    body = ("# Wren-6.7B\n\nWren is a series of code models, each trained from scratch on 2T tokens. We "
            "provide sizes from 1B, 6.7B to 33B.")
    primary = _extraction(body, "acme/Wren-6.7B").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 6.7e9 * 2e12)


@pytest.mark.parametrize("devices", ["992 80GB A100 GPUs", "992 *80GB A100 GPUs*"])
def test_another_sizes_run_told_over_two_sentences_is_that_sizes(devices):
    """"The 175B model was trained on 992 A100 GPUs. The training took 33 days." on the 66B's card: the
    devices' sentence names the other size, so the run is that size's (words in italics read as words)."""
    body = (f"Wren-66B was trained on 180B tokens. The 175B model was trained on {devices}. The training "
            "duration was roughly 33 days.")
    extraction = _extraction(body, "acme/wren-66b")
    assert extraction.primary is not None and extraction.primary.value_flop == pytest.approx(6 * 66e9 * 180e9)


@pytest.mark.parametrize(("title", "body"), [
    ("Wren-Hermes-7B", "Wren-Hermes-7B is the result of training Wren-7B on 1M generated entries. Wren-7B "
                       "itself saw 6T tokens in pre-training."),
    ("Wren-7B-Math", "We continue pre-training Wren-7B on 120B math tokens, then apply SFT. Wren-7B was "
                     "pre-trained on 6T tokens."),
])
def test_a_cards_base_named_by_what_was_done_to_it_keeps_its_run(title, body):
    """"the result of training X on …" derives the card's model from X; "We continue pre-training X on …"
    continues X: X's pre-training the card quotes is no run of the card's model."""
    extraction = _extraction(f"# {title}\n\n{body}", f"acme/{title}")
    assert extraction.primary is None or extraction.primary.value_flop < 1e23


@pytest.mark.parametrize("kind", ["ResNet", "Transformer", "LSTM"])
def test_an_architectures_bare_name_is_no_other_model(kind):
    """"The ResNet model was trained for 5 days on 8 V100 GPUs" on a card of another name: "ResNet" names
    the kind of network, not another model whose run the card quotes."""
    body = f"# wren-classifier\n\nThe {kind} model was trained for 5 days on 8 V100 GPUs."
    primary = _extraction(body, "acme/wren-classifier").primary
    assert primary is not None and primary.value_flop == pytest.approx(8 * 5 * 86400 * 125e12 * 0.3, rel=0.1)
