"""Short texts of our own for training compute stated as a total, written other ways: a budget the run
was trained with, petaflop/s-days in scientific notation, a multiplier before an SI prefix, the compute
of a formula's own run, a card's compute field with its derivation after it; and tokens from a table of
the data mixture."""

from __future__ import annotations

import pytest

from tests.osprey_texts import CARD, primary_of


@pytest.mark.parametrize(("body", "flop"), [
    ("Osprey was trained with a compute budget of 2.5e23 FLOPs.", 2.5e23),
    ("Osprey's compute budget was 2.5e23 FLOPs.", 2.5e23),  # a named run's budget, in the past
    ("The largest model we train, Osprey-7B, used a training budget of 8.4e22 FLOPs.", 8.4e22),
    ("Osprey was trained on a compute budget of 6 × 10^23 FLOPs following known scaling laws.", 6e23),
    ("In total, the Osprey training run amounted to 2.9 × 10^3 petaflop/s-days.", 2.9e3 * 8.64e19),
    ("Pre-training Osprey took roughly 2 million exaFLOPs.", 2e24),
    ("Our compute-optimal Osprey model was trained with C = 5.76 × 10^23 FLOPs.", 5.76e23),
    # a thousands suffix on petaflop/s-days; a mantissa in E-notation before an SI prefix
    ("Training Osprey required 3.64k pfs-days of compute.", 3.64e3 * 8.64e19),
    ("Training Osprey consumed 1.2 thousand petaflop/s-days.", 1.2e3 * 8.64e19),  # a multiplier in words
    ("Training Osprey took 3.14e5 exaFLOPs.", 3.14e23),
    # one-letter prefixes in a count's plural, beyond any machine's rate
    ("Training Osprey took 3.14e8 PFLOPs.", 3.14e23),
    ("Training Osprey took 314,000 EFLOPs.", 3.14e23),
    # a count in words before the unit
    ("Training Osprey required roughly 314 sextillion floating point operations.", 3.14e23),
    # a day of a rate at another prefix than peta
    ("Pre-training Osprey used 4 exaFLOP/s-days of compute.", 4e3 * 8.64e19),
    ("Osprey's run took 900 teraflop/s-days.", 0.9 * 8.64e19),
    ("Training Osprey took 12,000 TF-days.", 12 * 8.64e19),  # the prefix abbreviated
    ("Osprey needed 2.4 EF-days.", 2.4e3 * 8.64e19),
    # a formula's inputs named by the authors' own run
    ("With N = 7B and D = 2T, our run used C = 6ND = 8.4e22 FLOPs.", 8.4e22),
])
def test_a_total_written_other_ways(body, flop):
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(flop)


def test_a_cards_compute_field_with_its_derivation():
    primary = primary_of("Compute: 2.5e23 FLOPs (6 × 7B × 6T)", head=CARD)
    assert primary is not None and primary.value_flop == pytest.approx(2.5e23)


@pytest.mark.parametrize("body", [
    # a budget that is a plan, and a worked example's inputs
    "We plan to train Osprey-2 with a compute budget of 1e25 FLOPs.",
    "The compute budget for a 70B model was set at 6e23 FLOPs in our plan.",
    "For N = 70B and D = 1.4T, this gives C = 5.9e23 FLOPs.",
    # the first person that names no run of the authors' own
    "For N = 70B and D = 1.4T our estimate gives C = 5.9e23 FLOPs.",
])
def test_a_plan_or_a_worked_example_is_no_total(body):
    assert primary_of(body) is None


@pytest.mark.parametrize(("body", "flop"), [
    ("One epoch costs 6 × 10^20 FLOPs, and we train Osprey for 3 epochs.", 1.8e21),
    ("We train Osprey for 12 epochs at 1.5e20 FLOPs per epoch.", 1.8e21),
    ("The training FLOPs per epoch are 2 × 10^19; we train for 40 epochs.", 8e20),
    # a word that is no unit after the figure
    ("Training FLOPs per epoch were 1.8e22 and Osprey was trained for 3 epochs.", 5.4e22),
    ("The total training compute was 2.5e23 in all.", 2.5e23),
    # one epoch the whole run: its cost is the run's
    ("We train Osprey for one epoch, which costs 6e20 FLOPs.", 6e20),
])
def test_a_figure_per_epoch_counts_times_the_epochs(body, flop):
    primary = primary_of(body)
    assert (primary and primary.value_flop) == (flop and pytest.approx(flop))


@pytest.mark.parametrize("body", ["One epoch of Osprey costs 6e20 FLOPs.",
                                  "Compute per epoch: 2e19 FLOPs. Osprey converges quickly.",
                                  # the epochs of another stage
                                  "Pre-training costs 6e20 FLOPs per epoch; fine-tuning runs for 3 epochs."])
def test_a_figure_per_epoch_without_the_epochs_is_no_total(body):
    assert primary_of(body) is None


@pytest.mark.parametrize(("body", "low", "high"), [
    # a budget the run was trained with, or a label and then what was done
    ("Osprey-3B is trained with a token budget of 2T tokens.", 3.6e22, 3.6e22),
    ("Osprey was trained with a 6 × 10^24 FLOP budget.", 6e24, 6e24),
    ("Compute budget: we trained Osprey on 4,096 A100s for 35 days.", 5e23, 2.5e24),
    ("Compute budget: training Osprey took 35 days on 4,096 A100s.", 5e23, 2.5e24),
    # a named run's budget "for" it, told in the past
    ("The total compute budget for Osprey was 6e22 FLOPs (about 700 petaflop/s-days).", 5.9e22, 6.1e22),
    # the budget "for training", told as a fact
    ("Osprey-3B has 3B parameters. The total token budget for training is 2T tokens.", 3.6e22, 3.6e22),
    # a formula's inputs named by the authors' own training
    ("We train Osprey with N = 7B parameters on D = 2T tokens.", 8.4e22, 8.4e22),
])
def test_a_budget_or_a_formula_of_the_own_run(body, low, high):
    primary = primary_of(body)
    assert primary is not None and low * 0.99 <= primary.value_flop <= high * 1.01


def test_a_budget_given_for_training_is_still_a_condition():
    assert primary_of("Given a compute budget for training of 1e23 FLOPs, the optimal model has 10B "
                      "parameters and sees 1.7T tokens.") is None


# -- tokens from a table of the data mixture -----------------------------------------------------------------

MIXTURE = "## Training Data\n\n| Source | Tokens |\n|---|---|\n| Web | 1.2T |\n| Code | 300B |\n"


@pytest.mark.parametrize(("table", "tokens"), [
    (MIXTURE + "| Total | 1.55T |\n", 1.55e12),  # its total row
    (MIXTURE, 1.5e12),  # its rows summed
    ("| Dataset | Tokens (B) | Epochs |\n|---|---|---|\n| Web | 1000 | 1 |\n| Books | 50 | 2 |\n", 1.1e12),
])
def test_a_data_mixture_table_gives_the_tokens_when_no_sentence_does(table, tokens):
    primary = primary_of(table + "\nOsprey-7B has 7B parameters.", head=CARD)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * tokens)


def test_a_stated_token_count_wins_over_the_corpus_table():
    primary = primary_of(MIXTURE + "| Total | 3T |\n\nWe train Osprey-7B on 2.46T tokens of it.", head=CARD)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2.46e12)


def test_a_table_of_models_is_no_data_mixture():
    table = "| Model | Tokens |\n|---|---|\n| Kite-7B | 1T |\n| Wren-7B | 2T |\n"
    primary = primary_of(table + "\nOsprey-7B has 7B parameters.", head=CARD)
    assert primary is None


@pytest.mark.parametrize(("body", "epochs"), [
    ("We train Osprey-7B for 2 epochs. The dataset contains 800B tokens.", 2),
    ("The dataset contains 800B tokens. Osprey-7B is trained on it for 3 epochs.", 3),
    ("The pre-training corpus of Osprey-7B contains 800B tokens, which we train on for two epochs.", 2),
    ("We train Osprey-7B for 2 epochs on our 800B-token corpus.", 2),
    # a fine-tuning's epochs are not the pre-training's
    ("We fine-tune Osprey-7B for 3 epochs. The pre-training dataset contains 800B tokens.", 1),
])
def test_epochs_told_beside_the_sentence_that_sizes_the_dataset(body, epochs):
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 800e9 * epochs)


def test_device_time_in_e_notation():
    primary = primary_of("Osprey required 5e5 GPU-hours on A100s.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(5e5 * 3600)


@pytest.mark.parametrize("body", [
    "All experiments were run on a machine with four Tesla M40 GPUs; training took 9 days.",
    "All our experiments use four Tesla M40 GPUs, and training Osprey takes 9 days.",
])
def test_a_set_up_shared_by_all_experiments_with_the_runs_own_time_is_the_run(body):
    primary = primary_of(body)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(4 * 9 * 86400)


@pytest.mark.parametrize("body", [
    "We trained Osprey on four Tesla M40 GPUs; all experiments took 9 days.",
    "All experiments were conducted on 8 V100s, and took about 500 GPU hours in total.",
])
def test_a_time_said_of_all_experiments_is_still_no_run(body):
    assert primary_of(body) is None


def test_a_runs_time_beside_the_projects_total_is_the_run():
    primary = primary_of("Osprey was trained on 8 V100s for 3 days, and all experiments took 500 GPU hours.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(8 * 3 * 86400)


# -- a card's token count written other ways -----------------------------------------------------------

@pytest.mark.parametrize("body", [
    "Osprey-7B was trained on 2T+ tokens.",
    "The model has been trained on a dataset of 2 trillion of tokens.",
    # a short field under a heading about training, though the field never says so
    "Tokens: 2T",
    "- Data: 2 trillion tokens",
])
def test_a_cards_token_count_written_so(body):
    primary = primary_of(body, head=CARD)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_a_field_under_a_heading_of_evaluation_is_no_training_count():
    card = CARD.replace("## Training", "## Evaluation")
    assert primary_of("- Data: 2 trillion tokens", head=card) is None


@pytest.mark.parametrize("body", ["The cluster delivers 15 PFLOPs of sustained throughput.",
                                  "Each node of the cluster reaches 2.5 PFLOPs."])
def test_a_machines_rate_in_one_letter_prefixes_is_no_total(body):
    assert primary_of(body) is None


@pytest.mark.parametrize("sweep", [
    "We ran a hyperparameter sweep of 300 small runs, which together used about 2e23 FLOPs.",
    "Our 300 exploratory runs used about 2e23 FLOPs.",
    "The hyperparameter search used about 2e23 FLOPs.",
])
def test_a_sweep_of_many_runs_gives_way_to_the_final_run(sweep):
    """A figure said of many runs, a sweep or a search of settings sums them: the final run's figure
    beside it is the run's."""
    primary = primary_of(sweep + " The final Osprey-2B run used 5e22 FLOPs.")
    assert primary is not None and primary.value_flop == pytest.approx(5e22)


@pytest.mark.parametrize("total", [
    "Training the whole Osprey family consumed 1.1M H100 GPU hours.",
    "Training the Osprey family took 1.1M H100 GPU hours.",
    "Across all model sizes, pre-training used 1.1M H100 GPU hours.",
])
def test_a_familys_total_gives_way_to_its_flagships_run(total):
    primary = primary_of("Osprey-30B was trained on 1,024 H100 GPUs for 24 days. " + total)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(1024 * 24 * 86400)


@pytest.mark.parametrize(("body", "hours"), [
    # the whole named first, the run a part of it, its unit left out
    ("In total, we used 1.2 million A100 GPU hours, of which the final Osprey-7B run took 180,000.", 180e3),
    ("Including all ablations and failed runs, the project used 2M H100 hours; the final training run used "
     "400K.", 400e3),
])
def test_the_final_run_told_as_a_part_of_a_whole_is_the_run(body, hours):
    """A whole with the run told after it as its part ("…, of which the final run took 180,000", "…; the
    final training run used 400K") is no run: the part is (before: the whole, or none)."""
    primary = primary_of(body)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(hours * 3600)


@pytest.mark.parametrize("body", [
    "Osprey-1B took 2 days on 8 A100 GPUs. Across 5 seeds, training Osprey-1B took 80 A100 GPU-days.",
    "A single run of Osprey-1B takes 16 A100 GPU-days; all 5 seeds took 80 A100 GPU-days.",
])
def test_the_time_of_all_a_runs_seeds_gives_way_to_one_run(body):
    primary = primary_of(body)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(16 * 86400)
