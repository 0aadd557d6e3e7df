"""Short texts of our own for parts and totals: a figure stated as a total after an "each", a run's part
of a project's device time with its unit left out, a part set against the whole it is "out of", a
number whose decimal point is no clause's end; a card's time field keyed with its unit in parentheses,
"Training time (GPU hours)", "Training time (days)", also as a two-cell table row; experts chosen "per
token", which make no figure per token; and a sentence keyed by training, "Pre-training: 2.5T tokens."."""

from __future__ import annotations

import pytest

from curation.extract.engine import extract

H100_HOUR = 3600 * 989.4e12  # an H100's dense BF16 peak for an hour, in FLOP


def _paper(body: str) -> str:
    return ("Osprey: Open Code Models\n\nAbstract\nWe introduce Osprey-34B, a code model.\n\n3 Training\n"
            + body)


def _ratio(a: float, b: float) -> float:
    return max(a, b) / min(a, b)


# -- a total after an "each" ------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Osprey-34B sees each of its 500B unique tokens four times, for 2T training tokens in total.",
    "Each document is seen twice; Osprey-34B is trained on 2T tokens overall.",
])
def test_a_figure_stated_as_a_total_is_no_figure_per_item(sentence):
    primary = extract(_paper(sentence), 2024).primary
    assert primary is not None and _ratio(primary.value_flop, 6 * 34e9 * 2e12) < 1.01


def test_a_figure_after_each_is_still_per_item_when_no_total_is_stated():
    """Each shard's tokens are no run's: the run's own 1T is read, not the larger per-shard figure."""
    text = _paper("Osprey-34B is trained on 1T tokens. The corpus is split so that each shard holds 3T "
                  "tokens.")
    primary = extract(text, 2024).primary
    assert primary is not None and _ratio(primary.value_flop, 6 * 34e9 * 1e12) < 1.01


# -- a run's part of a project's device time ------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "In total we spent 2.3M GPU hours on H100 GPUs across all experiments, of which the final Osprey-34B "
    "run used 1.1M.",
    "In total we spent 2.3M GPU hours on H100 GPUs across all experiments, of which the final run took 1.1M.",
    "The final Osprey-34B run took 1.1M H100 GPU hours, out of 2.3M GPU hours for the whole project.",
    "In total, training all Osprey models took 2.3M H100 GPU hours, of which Osprey-34B accounted for 1.1M.",
    # after a semicolon, the final run named, its unit left out
    "The hyperparameter sweep used 2.3M H100 GPU hours; the final Osprey-34B run used 1.1M.",
])
def test_the_final_runs_part_of_a_projects_device_time_is_its_own(sentence):
    primary = extract(_paper(sentence), 2024).primary
    assert primary is not None and primary.method == "hardware"
    assert primary.assumptions["chip_seconds"] == pytest.approx(1.1e6 * 3600)
    assert primary.assumptions["accelerator"].startswith("H100")


@pytest.mark.parametrize(("sentence", "hours"), [
    ("We used 2M H100 GPU hours in total for all experiments, of which the final model used about 40%.", 8e5),
    ("We used 2M H100 GPU hours in total for all experiments; Osprey-34B used 40%.", None),
])
def test_the_final_runs_share_of_a_projects_device_time(sentence, hours):
    """A share told of the whole's part ("of which the final model used about 40%") is that share of the
    whole's count; a share another clause's model is said to use is no count of a run."""
    primary = extract(_paper(sentence), 2024).primary
    if hours is None:
        assert primary is None
    else:
        assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(hours * 3600)


def test_a_projects_total_alone_is_still_no_runs():
    text = _paper("In total we spent 2.3M GPU hours on H100 GPUs across all experiments.")
    assert extract(text, 2024).primary is None


# -- a decimal point is no clause's end ---------------------------------------------------------------

def test_a_count_with_its_unit_is_not_cut_at_its_decimal_point():
    """ "needs only 172.8K GPU hours": the clause gives its unit, and 172 hours is no reading of it."""
    text = _paper("Per trillion tokens, Kite-67B requires 300.6K GPU hours on H800s, while Osprey-34B needs "
                  "only 172.8K GPU hours.")
    times = [estimate.assumptions["chip_seconds"] for estimate in extract(text, 2024).estimates
             if estimate.method == "hardware"]
    assert 172 * 3600 not in times
    assert 172.8e3 * 3600 in times


# -- a card's field keyed with its unit in parentheses --------------------------------------------------

CARD_HEAD = "# Osprey-34B\n\n## Training\n\n"


@pytest.mark.parametrize("fields", [
    "Training time (GPU hours): 184,320\nGPU type: H100\n",
    "- **Training time (GPU hours):** 184,320\n- **Hardware:** H100\n",
    "| Training time (GPU hours) | 184,320 |\n| Hardware | H100 |\n",
])
def test_a_training_time_field_in_device_hours_is_device_time(fields):
    primary = extract(CARD_HEAD + fields, 2024).primary
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(184_320 * 3600)


@pytest.mark.parametrize(("fields", "days"), [
    ("Training time (days): 14\nHardware: 64 H100\n", 14),
    ("| Training time (days) | 14 |\n| Hardware | 64 x H100 |\n", 14),
    ("Training time (hours): 36\nHardware: 64 H100\n", 1.5),
])
def test_a_bare_training_time_is_in_the_unit_its_key_names(fields, days):
    primary = extract(CARD_HEAD + fields, 2024).primary
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(64 * days * 86400)


# -- a routing "per token" and a field keyed by training inside prose ---------------------------------------

def test_experts_per_token_are_routing_not_a_figure_per_token():
    text = ("Osprey: Open Models\n\nAbstract\nWe introduce Osprey-MoE.\n\n3 Training\nOsprey-MoE activates "
            "2 of its 16 experts per token (6B active parameters, 48B total) and was trained on 4T tokens.")
    primary = extract(text, 2024).primary
    assert primary is not None and _ratio(primary.value_flop, 6 * 6e9 * 4e12) < 1.01


@pytest.mark.parametrize("text", [
    "# Osprey-7B\n\nOsprey-7B is a 7B model. Pre-training: 2.5T tokens.",
    "# Osprey-7B\n\nOsprey-7B is a 7B model. Pre-training: 2.5T tokens. Continued pre-training on 500B code "
    "tokens followed.",
    "Osprey: A Model\n\nAbstract\nWe introduce Osprey-7B.\n\n3 Training\nOsprey-7B is a 7B model. "
    "Pre-training: 2.5T tokens. Fine-tuning: 2B tokens.",
])
def test_a_sentence_keyed_by_training_gives_the_runs_tokens(text):
    """ "Pre-training: 2.5T tokens." is the run's, though short for prose and beside another figure (a
    continued pre-training's 500B alone was read before: 6× too little)."""
    primary = extract(text, 2024).primary
    assert primary is not None and _ratio(primary.value_flop, 6 * 7e9 * 2.5e12) < 1.01


def test_corpora_sized_without_a_training_key_are_still_one_of_several():
    text = ("Osprey: A Model\n\nAbstract\nWe introduce Osprey-7B.\n\n3 Data\nThe web corpus holds 2.5T "
            "tokens. The code corpus holds 500B tokens.")
    assert extract(text, 2024).primary is None


def test_a_count_for_each_of_two_named_models_the_second_leaving_out_its_unit():
    """ "86K H100 hours for Osprey-7B and 737K for Osprey-34B": the second count is Osprey-34B's run in the
    first's unit (before: it was not read, and the 7B's run was the primary)."""
    text = _paper("Training took 86K H100 hours for Osprey-7B and 737K for Osprey-34B.")
    primary = extract(text, 2024).primary
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(737e3 * 3600)
    assert primary.model == "Osprey-34B"
