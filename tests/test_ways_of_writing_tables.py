"""Short cards of our own for the ways of writing a twenty-second round found in cards written in the
shapes real families use: a family's table whose rows bear one name and tell their sizes in a column, a
table of steps and batch sizes with no token column, a token count given as a lower bound ("4+
trillion"), token and parameter fields keyed in more words or set off by a dash, device time under a
compute key and devices under an infrastructure key; and a device-time row labelled by a stage."""

from __future__ import annotations

import pytest

from curation.extract.documents import extract_document
from curation.extract.engine import extract
from schemas.handover import CARD, Document

FAMILY = """# Osprey 2 13B

Osprey 2 is a family of pretrained models from 7 billion to 70 billion parameters. This is the repository
for the 13B pretrained model.

| | Training Data | Params | Context Length | Tokens |
|---|---|---|---|---|
| Osprey 2 | A new mix of public data | 7B | 4k | 2.0T |
| Osprey 2 | A new mix of public data | 13B | 4k | 2.0T |
| Osprey 2 | A new mix of public data | 70B | 4k | 2.0T |
"""


def _card(text: str, name: str, year: int = 2024):
    return extract_document(Document(CARD, text, year), name=name)


@pytest.mark.parametrize(("repository", "size"), [("osprey-2-13b", 13e9), ("osprey-2-70b", 70e9)])
def test_a_family_table_of_one_name_gives_the_row_of_the_repositorys_size(repository, size):
    primary = _card(FAMILY, repository).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * size * 2e12)


def test_a_family_table_of_one_name_marks_no_row_when_no_row_has_the_repositorys_size():
    estimates = _card(FAMILY, "osprey-2-34b").estimates
    assert all(not e.notes for e in estimates if e.assumptions.get("table_row"))


@pytest.mark.parametrize(("table", "tokens"), [
    # the batch in tokens, said in its cell or its header
    ("| Model | Parameters | Training Steps | Batch Size |\n|---|---|---|---|\n"
     "| Osprey-6.9B | 6,857,302,016 | 143,000 | 2M tokens |\n", 143_000 * 2e6),
    ("| Model | Params | Steps | Batch size (tokens) |\n|---|---|---|---|\n"
     "| Osprey-6.9B | 6.9B | 143K | 2M |\n", 143_000 * 2e6),
    # the batch in sequences, times the sequence length's column
    ("| Model | Params | Steps | Batch size | Seq length |\n|---|---|---|---|---|\n"
     "| Osprey-6.9B | 6.9B | 100K | 1024 | 2048 |\n", 100_000 * 1024 * 2048),
])
def test_a_tables_steps_times_its_batch_are_the_runs_tokens(table, tokens):
    primary = _card(f"# Osprey-6.9B\n\n{table}", "Osprey-6.9B").primary
    n = 6_857_302_016 if "6,857" in table else 6.9e9
    assert primary is not None and primary.value_flop == pytest.approx(6 * n * tokens)


@pytest.mark.parametrize("table", [
    # sequences with no length to turn them into tokens
    "| Model | Params | Steps | Batch size |\n|---|---|---|---|\n| Osprey-6.9B | 6.9B | 100K | 1024 |\n",
    # warm-up steps are no run's
    "| Model | Params | Warmup steps | Batch size |\n|---|---|---|---|\n| Osprey-6.9B | 6.9B | 2000 | 4M |\n",
])
def test_a_table_without_the_runs_steps_and_batch_tokens_gives_nothing(table):
    assert _card(f"# Osprey-6.9B\n\n{table}", "Osprey-6.9B").primary is None


@pytest.mark.parametrize("body", [
    "Osprey-15B is a 15B parameter model trained on 4+ trillion tokens.",
    "Osprey-15B is a 15B parameter model.\n\n- **Pretraining tokens:** 4+ trillion\n",
    "Osprey-15B is a 15B parameter model.\n\n| Training tokens | 4T+ |\n|---|---|\n",
])
def test_a_token_count_given_as_a_lower_bound_reads_as_its_figure(body):
    primary = _card(f"# Osprey-15B\n\n{body}", "Osprey-15B").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 15e9 * 4e12)


@pytest.mark.parametrize("field", [
    "Total tokens processed: 1.5T",
    "Tokens seen during training: 1.5 trillion",
    "Training tokens — 1.5T",
    "Training tokens - 1.5T",
])
def test_a_token_field_keyed_by_how_its_tokens_were_used_or_set_off_by_a_dash(field):
    card = f"# Osprey-7B\n\nOsprey-7B is a 7B-parameter language model.\n\n## Training\n- {field}\n"
    primary = _card(card, "Osprey-7B").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 1.5e12)


def test_a_context_field_set_off_by_a_dash_is_no_run():
    card = ("# Osprey-7B\n\nOsprey-7B is a 7B-parameter language model.\n\n"
            "- Context length: 4096 tokens — 1.5T\n")
    assert _card(card, "Osprey-7B").primary is None


@pytest.mark.parametrize(("field", "n"), [
    ("Total parameters — 7.2B", 7.2e9),
    ("Params (B): 7.2", 7.2e9),
    ("Params (M): 7200", 7.2e9),
    ("Parameter count: 7,241,732,096", 7_241_732_096),
])
def test_a_parameter_field_with_a_count_a_unit_in_its_key_or_a_dash(field, n):
    card = f"# Osprey-base\n\nOsprey-base is a language model.\n\n- {field}\n- Training tokens: 1T\n"
    primary = _card(card, "osprey-base").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * n * 1e12)


@pytest.mark.parametrize("fields", [
    "- Compute: 86,016 H100-hours",
    "- Compute: 86K H100-hours",
    "- Training infrastructure: 32 nodes x 8 H100\n- Wall-clock time: 336 hours",
    "- Cluster: 256 H100\n- Training time: 14 days",
])
def test_device_time_under_a_compute_key_and_devices_under_an_infrastructure_key(fields):
    card = f"# Osprey-base\n\nOsprey-base is a language model.\n\n## Training\n{fields}\n"
    primary = _card(card, "osprey-base").primary
    seconds = 86_000 * 3600 if "86K" in fields else 86_016 * 3600
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(seconds)


def test_devices_and_days_under_a_compute_key_are_no_device_time():
    card = ("# Osprey-base\n\nOsprey-base is a language model.\n\n## Training\n"
            "- Compute: 256 x A100 80GB, 30 days\n")
    primary = _card(card, "osprey-base").primary
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(256 * 30 * 86400)


@pytest.mark.parametrize("repository", ["acme/osprey-7b", "acme/osprey"])
def test_a_siblings_run_on_a_cards_prose_is_not_the_cards(repository):
    card = ("# Osprey-7B\n\nOsprey-7B was trained on 2T tokens. Its big sibling Osprey-70B was trained on "
            "15T tokens on 16,384 H100 GPUs for 54 days.\n")
    primary = _card(card, repository).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


@pytest.mark.parametrize(("repository", "flop"), [
    ("acme/osprey-1b", 6 * 1e9 * 2e12),  # listed with the 7B before their one figure: counted again
    ("acme/osprey-7b", 6 * 7e9 * 2e12),
    ("acme/osprey-70b", 6 * 70e9 * 4e12),
])
def test_sizes_listed_together_in_a_cards_sentence_give_only_their_own_counts(repository, flop):
    card = ("# Osprey\n\nOsprey comes in 1B, 7B and 70B sizes. The 1B and 7B models were trained on 2T "
            "tokens, and the 70B model on 4T tokens.\n")
    primary = _card(card, repository).primary
    assert (primary and primary.value_flop) == (flop and pytest.approx(flop))


@pytest.mark.parametrize("repository", ["acme/osprey-2-1_6b", "acme/osprey-2"])
def test_a_decimal_point_written_as_an_underscore_is_the_cards_own_size(repository):
    card = "# Osprey 2 1.6B\n\nOsprey 2 1.6B was pre-trained on 2T tokens.\n"
    primary = _card(card, repository).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.6e9 * 2e12)


def test_a_size_in_a_titles_phrase_is_no_size_of_the_card():
    card = ("# Osprey: Matching Kite with 0.1M Dollars\n\nOsprey-8B was trained on 1.25T tokens using 96 "
            "H100 GPUs for 13 days.\n")
    primary = _card(card, "acme/osprey").primary
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(96 * 13 * 86400)


FAMILY_CARD = """# Osprey 3

Osprey 3 comes in two sizes — 8B and 70B parameters.

| | Training Data | Params | Context length | Token count |
|---|---|---|---|---|
| Osprey 3 (text only) | A new mix of public data. | 8B | 8k | 15T+ |
| | | 70B | 8k | |

| | Time (GPU hours) | Power (W) |
|---|---|---|
| Osprey 3 8B | 1.3M | 700 |
| Osprey 3 70B | 6.4M | 700 |
"""


@pytest.mark.parametrize(("repository", "size"), [("acme/Meta-Osprey-3-8B", 8e9),
                                                  ("acme/Meta-Osprey-3-70B", 70e9)])
def test_a_family_card_with_blank_labels_and_sizes_listed_gives_the_repositorys_size(repository, size):
    primary = _card(FAMILY_CARD, repository).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * size * 15e12)


def test_a_family_tables_row_of_a_repository_with_an_underscore_decimal():
    card = ("# Osprey 2\n\n| | Params | Tokens |\n|---|---|---|\n| Osprey 2 | 1.6B | 2T |\n"
            "| Osprey 2 | 12B | 2T |\n")
    primary = _card(card, "acme/osprey-2-1_6b").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.6e9 * 2e12)


def test_a_names_epochs_of_tokens_are_no_size_of_another_model():
    card = ("# Osprey-3B-4E1T\n\nOsprey-3B-4E1T is a 3 billion parameter model pre-trained on 1 trillion "
            "tokens for 4 epochs. Osprey-3B-4E1T was trained on 256 A100 GPUs for 30 days.\n")
    estimates = _card(card, "acme/osprey-3b-4e1t").estimates
    assert estimates and not any(note.startswith("cited") for e in estimates for note in e.notes)


def test_a_table_row_labelled_by_a_stage_is_that_stage_of_the_own_run():
    """"| Pre-training | H100 | 180K |" is no model called "Pre-training"; "| SFT | H100 | 2K |" is
    post-training."""
    text = ("Osprey: Open Models\n\nAbstract\nWe present Osprey.\n\n| Stage | Hardware | GPU hours |\n"
            "|---|---|---|\n| Pre-training | H100 | 180K |\n| SFT | H100 | 2K |\n")
    estimates = {round(e.assumptions["chip_seconds"] / 3600): e for e in extract(text, 2024).estimates}
    assert estimates[180_000].model is None and estimates[180_000].stage == "pretraining"
    assert estimates[2_000].model is None and estimates[2_000].stage == "finetuning"


def test_a_table_row_labelled_by_its_hardware_is_the_runs_device_not_a_model():
    """An emissions table keyed by the hardware ("| A100-80GB | 460,000 | 400 | 120 |") tells the own run's
    device time on that device: no model called "A100-80GB", and the row's device beats one the prose
    names elsewhere."""
    card = ("# Osprey-7B\n\n## Environmental Impact\n"
            "| Hardware | GPU hours | Power (W) | Emissions (tCO2eq) |\n|---|---|---|---|\n"
            "| A100-80GB | 460,000 | 400 | 120 |\n\nOsprey-7B was evaluated on H100 GPUs.\n")
    [estimate] = _card(card, "acme/osprey-7b").estimates
    assert estimate.model is None and estimate.assumptions["accelerator"].startswith("A100")
