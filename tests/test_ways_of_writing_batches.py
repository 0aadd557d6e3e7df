"""Short texts of our own for the ways of writing a batch and a table of sizes that a ninth battery of
sentences found: sequences of a length given after "with", a step's tokens told of each step, a batch's
unit in parentheses, and a table of a mixture of experts with a column of each count."""

from __future__ import annotations

import pytest

from curation.extract.documents import extract_document
from curation.extract.step_counting import step_tokens
from schemas.handover import CARD as CARD_KIND
from schemas.handover import Document
from tests.osprey_texts import CARD, primary_of


@pytest.mark.parametrize(("sentence", "tokens"), [
    # sequences of a length after "with": the batch, its rate left unsaid
    ("We train Osprey-7B for 250k steps with 1024 sequences of 8192 tokens each.", 250e3 * 1024 * 8192),
    ("The model is trained for 100,000 steps using 512 samples of 2048 tokens.", 1e5 * 512 * 2048),
    # a step's tokens told of each step
    ("Each step processes 8M tokens, and we run 250K steps.", 250e3 * 8e6),
    ("We run 60,000 iterations; every batch contains about 2M tokens.", 6e4 * 2e6),
    # (in the past, and one side of a translation's batch: each parameter sees one side's tokens)
    ("We trained for 300,000 steps. Each training batch contained approximately 25,000 source tokens and "
     "25,000 target tokens.", 3e5 * 25e3),
    ("We trained for 100K steps; each step processed 1,024 sequences of length 2,048.", 1e5 * 1024 * 2048),
    # a batch's unit in parentheses after its label
    ("- Max steps: 250000\n- Batch size (tokens): 8M", 250e3 * 8e6),
    # sequences of a length said to be one, per step or told of each step (not read as a batch of 4 or 4,096)
    ("We train Osprey-1B for 100K steps with 1,024 sequences of length 4,096 per step.", 1e5 * 1024 * 4096),
    ("We train Osprey-1B for 100K steps; each step processes 1,024 sequences of length 4,096.",
     1e5 * 1024 * 4096),
])
def test_a_batch_written_so(sentence, tokens):
    assert [found for found, _ in step_tokens(sentence)] == [pytest.approx(tokens)]


@pytest.mark.parametrize(("sentence", "flop"), [
    # a sentence of parameters and a batch in tokens: the run's tokens are the steps times the batch
    ("The network has 350 million parameters and was trained for 120,000 steps with 1 million tokens per "
     "batch.", 6 * 350e6 * 120e3 * 1e6),
    ("The 3B model was trained for 50k steps, 2M tokens per step, on 128 GPUs.", 6 * 3e9 * 50e3 * 2e6),
    # the batch after the steps it sizes
    ("With 760M parameters, the model ran 200,000 updates, each over 256K tokens.", 6 * 760e6 * 2e5 * 256e3),
])
def test_parameters_and_a_batch_in_tokens_count_with_the_steps(sentence, flop):
    primary = primary_of(sentence)
    assert primary is not None and primary.value_flop == pytest.approx(flop)
    assert primary.confidence == "Speculative"


def test_a_runs_tokens_as_its_sequences_times_their_length():
    primary = primary_of("Osprey-1B is trained on 150M sequences of 2,048 tokens.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1e9 * 150e6 * 2048)


def test_a_batch_in_tokens_with_no_steps_is_no_run():
    assert primary_of("Our 1.3B model used a batch of 4M tokens and a cosine schedule.") is None


def test_sequences_per_batch_after_with_are_read_once():
    found = step_tokens("We train for 100k steps with 1,024 sequences of 2,048 tokens per batch.")
    assert [tokens for tokens, _ in found] == [pytest.approx(1e5 * 1024 * 2048)]


def test_sequences_a_text_evaluates_on_are_no_batch():
    sentence = "After 100k steps, we evaluate with 1,000 samples of 512 tokens from each domain."
    assert step_tokens(sentence) == []


# -- a table of a mixture of experts, one column each count --------------------------------------------

def test_a_row_tables_activated_column_is_n_not_its_total():
    primary = primary_of("| Total params | Active params | Tokens |\n|---|---|---|\n| 47B | 13B | 2T |\n",
                         head=CARD)
    assert primary is not None and primary.assumptions["parameters"] == pytest.approx(13e9)
    assert primary.assumptions["active_parameters"] is True


def test_a_row_table_naming_experts_without_an_activated_count_gives_no_run():
    table = "| Model | Params | Experts | Tokens |\n|---|---|---|---|\n| Osprey-MoE | 47B | 8 | 2T |\n"
    assert primary_of(table, head=CARD) is None


def test_a_dense_row_table_still_gives_its_run():
    primary = primary_of("| Model | Params | Tokens |\n|---|---|---|\n| Osprey-7B | 7B | 2T |\n", head=CARD)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


@pytest.mark.parametrize(("sentence", "chips"), [
    # a count per node in parentheses says so
    ("Osprey's pre-training took 21 days with 128 nodes (8×A100 each).", 1024),
    ("Osprey's pre-training took 21 days with 128 nodes (8 A100 GPUs per node).", 1024),
    # one that does not is the total
    ("Osprey's pre-training took 21 days on 64 nodes (512 A100 GPUs).", 512),
])
def test_nodes_with_their_devices_in_parentheses(sentence, chips):
    primary = primary_of(sentence + "\n", year=2023)
    assert primary is not None and primary.assumptions["chips"] == chips


def test_a_compute_column_scaled_in_its_header_gives_the_flagships_figure():
    body = "| Model | FLOPs (×10^21) |\n|---|---|\n| Osprey-7B | 84 |\n| Osprey-70B | 840 |\n"
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(8.4e23)


# -- device time and device counts in tables -----------------------------------------------------------


@pytest.mark.parametrize(("body", "chip_seconds"), [
    # a column of a named device's hours, rows labelled by size
    ("| Size | A100-hours |\n|---|---|\n| 1B | 10,000 |\n| 7B | 80,000 |\n| 70B | 1,700,000 |\n",
     1.7e6 * 3600),
    # numbers under a header that names the devices, beside numbers under one that names the days
    ("| Model | TPU v4 chips | Days |\n|---|---|---|\n| Osprey-7B | 256 | 14 |\n| Osprey-70B | 2048 | 35 |\n",
     2048 * 35 * 86400),
    # a model a column, with a row of device time
    ("| | Osprey-7B | Osprey-70B |\n|---|---|---|\n| GPU hours (H100) | 80K | 1.7M |\n", 1.7e6 * 3600),
])
def test_a_tables_device_time_written_so(body, chip_seconds):
    primary = primary_of(body, year=2024)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(chip_seconds)


def test_a_row_of_device_time_names_its_accelerator():
    primary = primary_of("| | Osprey-7B | Osprey-70B |\n|---|---|---|\n| GPU hours (H100) | 80K | 1.7M |\n",
                         year=2024)
    assert primary is not None and primary.assumptions["accelerator"] == "H100 SXM"


def test_a_cards_own_row_in_a_table_of_architecture_gives_its_size():
    card = ("---\nlicense: apache-2.0\n---\n# Osprey\n\nOsprey is a language model trained on 1.4T "
            "tokens.\n\n| Model | Layers | Hidden | Params |\n|---|---|---|---|\n"
            "| Osprey | 40 | 5120 | 13B |\n")
    primary = extract_document(Document(CARD_KIND, card, 2023), name="acme/Osprey").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 13e9 * 1.4e12)


TRAINED_ON_1T = "3 Training\nAll models are trained on 1T tokens.\n"


@pytest.mark.parametrize("table", [
    # a column of parameters, the own models its rows
    "| Model | n_params | n_layers |\n|---|---|---|\n| Osprey-S | 1.3B | 24 |\n| Osprey-L | 13B | 40 |\n",
    # a row of parameters, the own models its columns
    "| | Osprey-S | Osprey-L |\n|---|---|---|\n| Parameters | 1.3B | 13B |\n| Layers | 24 | 40 |\n",
])
def test_the_flagships_size_from_a_table_of_the_own_models(table):
    primary = primary_of(f"Table 1: Model sizes.\n\n{table}\n{TRAINED_ON_1T}")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 13e9 * 1e12)


def test_a_table_of_other_models_sizes_gives_no_flagship():
    table = "| Model | Params |\n|---|---|\n| Kite-S | 1.3B |\n| Kite-L | 13B |\n"
    primary = primary_of(f"Table 1: Baselines.\n\n{table}\n{TRAINED_ON_1T}")
    assert primary is None


@pytest.mark.parametrize("table", [
    # bare numbers in the unit the header names
    "| Model | Params (B) | Tokens (T) |\n|---|---|---|\n| Osprey-7B | 7 | 2 |\n",
    "| Model | Parameters | Training Tokens (B) |\n|---|---|---|\n| Osprey-7B | 7B | 2000 |\n",
    "| | Osprey-7B |\n|---|---|\n| Params (B) | 7 |\n| Tokens (T) | 2 |\n",
    # a column whose cells say tokens, under a header that does not
    "| Model | Size | Data |\n|---|---|---|\n| Osprey-7B | 7B | 2T tokens |\n",
])
def test_a_table_of_sizes_written_so(table):
    primary = primary_of(table, head=CARD)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


@pytest.mark.parametrize(("text", "tokens"), [
    # a sequence length written as a context of tokens
    ("Osprey-XL was trained with a batch size of 512 and a context of 1024 tokens for 800k steps.",
     800e3 * 512 * 1024),
    # a context with its unit left out
    ("We use a batch of 2048 and context of 2048, and train for 430,000 steps.", 430e3 * 2048 * 2048),
    # the batch told in the sentence before the steps
    ("Training uses a batch size of 2,048 sequences and sequences of 1,024 tokens. We train for 250K steps.",
     250e3 * 2048 * 1024),
])
def test_a_set_up_written_so(text, tokens):
    assert [found for found, _ in step_tokens(text)] == [pytest.approx(tokens)]


def test_a_set_up_told_after_a_paragraph_break_takes_no_batch_from_before_it():
    text = "Fine-tuning uses a batch size of 64 sequences of 512 tokens.\n\nWe pre-train for 250K steps."
    assert step_tokens(text) == []


def test_our_model_with_its_name_in_apposition_gives_the_size_the_next_sentence_trains():
    primary = primary_of("Our largest model, Osprey-XL, has 1.5B parameters. It was trained on 2T tokens.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.5e9 * 2e12)


def test_steps_told_of_the_smaller_models_borrow_no_batch():
    text = ("The 15B-parameter model was trained for 270K updates with a batch size of 3.2M tokens on 512 "
            "V100 GPUs, taking 60 days. Smaller models were trained for 500K updates.")
    assert [tokens for tokens, _ in step_tokens(text)] == [pytest.approx(270e3 * 3.2e6)]


def test_the_flagship_takes_its_own_steps_not_the_smaller_models():
    primary = primary_of("We train Osprey, a family of models up to 15B parameters. The 15B-parameter model "
                         "was trained for 270K updates with a batch size of 3.2M tokens on 512 V100 GPUs, "
                         "taking 60 days. Smaller models were trained for 500K updates.", 2022)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 15e9 * 270e3 * 3.2e6, rel=0.01)


def test_steps_told_of_the_larger_models_keep_their_set_up():
    # the flagship is among the larger models: their steps are its
    text = ("The 1B model was trained for 100K steps with a batch size of 1M tokens. Larger models were "
            "trained for 500K steps.")
    assert [tokens for tokens, _ in step_tokens(text)] == [pytest.approx(1e11), pytest.approx(5e11)]


def test_a_context_with_its_number_right_after_is_the_sequence_length():
    found = step_tokens("Trained for 600k iterations with batch size 480 and context 1024.")
    assert [tokens for tokens, _ in found] == [pytest.approx(600e3 * 480 * 1024)]


def test_the_runs_steps_beat_a_corpus_size_glossed_in_parentheses():
    """"on OpenWebText (9B tokens) for 600k iterations with batch size 480 and context 1024": the corpus's
    size is glossed after its name; the run's tokens are its steps × batch × length, and "a GPT-2 style
    model" names a design, not another model whose run this is."""
    card = ("---\nlicense: mit\n---\n# wren-small\n\nA 124M parameter GPT-2 style model trained from "
            "scratch on OpenWebText (9B tokens) for 600k iterations with batch size 480 and context 1024, "
            "on a single 8xA100 node over 4 days.\n")
    extraction = extract_document(Document(CARD_KIND, card, 2024), name="acme/wren-small")
    counted = [e for e in extraction.estimates if e.method == "operation_counting"]
    assert [e.value_flop for e in counted] == [pytest.approx(6 * 124e6 * 600e3 * 480 * 1024)]
    assert extraction.primary is not None and \
        not any(note.startswith("cited") for note in extraction.primary.notes)
