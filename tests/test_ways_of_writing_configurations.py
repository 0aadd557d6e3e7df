"""Short texts of our own for a run's set-up written as a configuration, as model cards paste one: a
YAML block's lines ("max_steps: 715000" … "seq_length: 4096") are one set-up as list items are, a
configuration's key of tokens ("train_tokens: 2T") gives the run's tokens, a sequence length's value
ends at its line (the next item's number, "- training_steps: 715000", is no length), and an earlier
field's warm-up steps govern only their own line. Keys may be quoted or hyphenated and iterations
abridged ('"train-iters": 143000', "max_iters = 600000"), and a command line's flags are fields too
("--train-iters 500000 --global-batch-size 1024 --seq-length 2048"); a batch beside a gradient
accumulation key, not said global, is a device's micro-batch."""

from __future__ import annotations

import pytest

from curation.extract.card_finders import card_parameter_count
from curation.extract.documents import extract_document
from curation.extract.step_counting import finetuning_step_tokens, step_tokens
from schemas.handover import CARD, Document

STEPS, BATCH, LENGTH = 715_000, 1024, 4096
OPENING = "# Heron-1B\n\nHeron-1B is a 1.1B parameter language model.\n\n## Training\n\n"


def _primary(text: str):
    return extract_document(Document(CARD, text, 2024)).primary


@pytest.mark.parametrize("set_up", [
    "```yaml\nmax_steps: 715000\nglobal_batch_size: 1024\nseq_length: 4096\n```\n",
    "- learning_rate: 0.0004\n- train_batch_size: 1024\n- max_seq_length: 4096\n- training_steps: 715000\n",
], ids=["yaml block", "list items, the length before the steps"])
def test_a_configurations_set_up(set_up):
    text = OPENING + set_up
    assert [tokens for tokens, _ in step_tokens(text)] == [pytest.approx(STEPS * BATCH * LENGTH)]
    primary = _primary(text)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1e9 * STEPS * BATCH * LENGTH)


def test_a_configurations_key_of_tokens():
    primary = _primary("# Heron-7B\n\n## Training\n\n```yaml\nmodel_size: 7B\ntrain_tokens: 2T\n```\n")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_lines_of_prose_are_no_configuration():
    text = OPENING + "We trained for 715000 steps.\nThe learning rate was 0.0004.\nNote: see the paper.\n"
    assert step_tokens(text) == []


def test_a_warm_up_field_before_the_steps_leaves_them_the_runs():
    """An earlier field's "warmup_steps" neither makes the next field's steps warm-up steps nor cuts their
    number where its own search ends ("715000" read as "71500")."""
    text = OPENING + ("- learning_rate: 0.0004\n- train_batch_size: 1024\n- seq_len: 4096\n"
                      "- warmup_steps: 2000\n- training_steps: 715000")
    assert [tokens for tokens, _ in step_tokens(text)] == [pytest.approx(STEPS * BATCH * LENGTH)]


@pytest.mark.parametrize("set_up", [
    # a trainer's card: the batch per device first, the total after it
    "- learning_rate: 0.0002\n- train_batch_size: 2\n- total_train_batch_size: 256\n- max_seq_length: 4096\n"
    "- training_steps: 20000\n",
    # a configuration: the micro-batch first, the global batch after it
    "```yaml\nsequence_len: 4096\nmicro_batch_size: 2\ngradient_accumulation_steps: 4\nmax_steps: 20000\n"
    "global_batch_size: 256\n```\n",
    "- per_device_train_batch_size: 2\n- total_train_batch_size: 256\n- max_seq_length: 4096\n"
    "- training_steps: 20000\n",
], ids=["trainer card", "micro-batch key", "per-device key"])
def test_a_batch_said_to_be_global_is_the_steps_batch(set_up):
    assert [tokens for tokens, _ in step_tokens(OPENING + set_up)] == [pytest.approx(20_000 * 256 * 4096)]


def test_a_fine_tunes_configuration_is_its_fine_tuning_not_its_bases_run():
    """Under a heading of fine-tuning, a derived card's configuration is its own fine-tuning (elsewhere it
    stays no run of its own)."""
    text = ("---\nbase_model: acme/Heron-7B\n---\n# heron-7b-sft\n\nThis model is a fine-tuned version of "
            "acme/Heron-7B on a chat dataset.\n\n## Fine-tuning\n\n```yaml\nsequence_len: 4096\n"
            "micro_batch_size: 2\n"
            "max_steps: 20000\nglobal_batch_size: 256\n```\n")
    extraction = extract_document(Document(CARD, text, 2024), name="bob/heron-7b-sft")
    assert extraction.derived_from == "acme/Heron-7B"
    primary = extraction.primary
    assert primary is not None and primary.stage == "finetuning"
    assert primary.value_flop == pytest.approx(6 * 7e9 * 20_000 * 256 * 4096)


@pytest.mark.parametrize("set_up", [
    "--num-layers 16 --hidden-size 2048 --seq-length 4096 --global-batch-size 1024 --train-iters 715000 "
    "--lr 4e-4\n",
    "python pretrain.py \\\n  --seq-length 4096 \\\n  --micro-batch-size 4 \\\n"
    "  --global-batch-size 1024 \\\n"
    "  --train-iters 715000 \\\n  --lr 4e-4\n",
    '```json\n{\n  "seq-length": 4096,\n  "train_batch_size": 1024,\n  "train-iters": 715000,\n'
    '  "lr": 0.0004\n}\n```\n',
    "```python\nblock_size = 4096\nbatch_size = 1024\nmax_iters = 715000\n```\n",
], ids=["flags on one line", "flags a line", "quoted hyphenated keys", "assignments"])
def test_a_training_scripts_configuration(set_up):
    text = OPENING + set_up
    assert [tokens for tokens, _ in step_tokens(text)] == [pytest.approx(STEPS * BATCH * LENGTH)]


def test_a_micro_batch_beside_gradient_accumulation_sizes_no_step_without_the_devices():
    """"batch_size = 12" beside "gradient_accumulation_steps = 40" is one device's share of one micro-step:
    without the devices the step's batch is unknown (12 × 1024 tokens a step would be far too few)."""
    text = OPENING + ("```python\nbatch_size = 12\nseq_length = 1024\ngradient_accumulation_steps = 40\n"
                      "max_steps = 600000\n```\n")
    assert step_tokens(text) == []


@pytest.mark.parametrize("bullet", ["- ", "1. "])
def test_a_fine_tuning_set_up_in_a_list_bulleted_or_numbered(bullet):
    items = ["Fine-tuning steps: 12'200", "Input sequence length: 1024", "Batch size: 1'024 sequences"]
    text = "Training details:\n" + "".join(f"{bullet}{item}\n" for item in items)
    assert [tokens for tokens, _ in finetuning_step_tokens(text)] == [pytest.approx(12_200 * 1024 * 1024)]


def test_a_cards_size_is_not_the_one_glossing_another_models_name():
    """"starting from a Kite-LM XL (3B parameters) model" sizes Kite-LM XL, not the card's model."""
    text = ("# Heron-MT\n\n| Variant | Description |\n|---|---|\n| Heron-MT-3B | starting from a Kite-LM XL "
            "(3B parameters) model |\n\nHeron-MT has 11 billion parameters.\n")
    found = card_parameter_count(text, "acme/Heron-MT")
    assert found is not None and found[0] == pytest.approx(11e9)
