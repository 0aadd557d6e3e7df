"""Short texts of our own for runs told beside other works: a method credited to a cited work in a
sentence whose run is the authors', a kind of model illustrated by an example, one of a set of studied
models, a run's steps before its tokens, and a project's total beside the final run's part of it."""

from __future__ import annotations

import pytest

from curation.extract.engine import extract
from curation.extract.evidence import sentence_around
from curation.extract.flagship_counting import introduced_as_own, trains
from tests.osprey_texts import CARD, TITLE, primary_of

OSPREY_7B_ON_1_4T = 6 * 7e9 * 1.4e12



# -- a method credited to a cited work ---------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "Following Finch et al. (2022), we train Osprey-7B on 1.4T tokens.",
    "Following Finch et al., we train Osprey-7B on 1.4T tokens.",
    "Following [12], we train Osprey-7B on 1.4T tokens.",
    "Similar to Finch et al. [4], we train Osprey-7B on 1.4T tokens.",
    "We follow the recipe of Finch et al. (2023) and train Osprey-7B on 1.4T tokens.",
    "We follow Finch et al. and train Osprey-7B on 1.4T tokens.",
    "As in Finch and Lark (2020), Osprey-7B is pre-trained on 1.4T tokens.",
])
def test_a_method_credited_to_a_cited_work_keeps_the_run_the_authors(body):
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(OSPREY_7B_ON_1_4T)


@pytest.mark.parametrize("body", [
    "Finch et al. trained a 1.5B model for 100B tokens on 64 GPUs for a week.",
    "Finch et al. (2022) train Kite-70B on 1.4T tokens.",
    "Following the release of Kite, Finch et al. trained Kite-70B on 1.4T tokens.",
    "We follow Finch et al., who trained Kite-70B on 1.4T tokens.",
])
def test_a_cited_works_own_run_stays_cited(body):
    assert primary_of(body) is None


def test_et_al_before_a_year_or_a_mark_ends_no_sentence():
    text = "Some models exist. Following Finch et al. (2022), we train Osprey-7B. Finch et al. Then more."
    at = text.index("we train")
    assert sentence_around(text, at, at + 8).text.startswith("Following Finch et al. (2022), we")
    at = text.index("Then")
    assert sentence_around(text, at, at + 4).text.startswith("Then")


# -- a kind of model illustrated by an example, and a set of studied models --------------------------

@pytest.mark.parametrize("body", [
    "Large language models such as Kite-65B are trained on 1.4 trillion tokens using 2048 A100 GPUs for "
    "21 days.",
    "Training a model like Kite (70B parameters, 1.4T tokens) costs roughly 5.8e23 FLOPs.",
    "Our benchmark evaluates 30 models. The largest, with 540B parameters, was trained on 780B tokens.",
    # the kind capitalized, opening the sentence
    "Models such as Kite-400B, trained with 3.8e25 FLOPs, exceed the threshold.",
])
def test_an_examples_or_a_studied_models_run_is_not_the_texts(body):
    assert primary_of(body) is None


@pytest.mark.parametrize(("body", "flop"), [
    ("Osprey-7B, like Kite, is trained on 1.4T tokens.", OSPREY_7B_ON_1_4T),
    ("We train three models. The largest, with 13B parameters, was trained on 1T tokens.", 6 * 13e9 * 1e12),
])
def test_the_texts_own_run_beside_an_example_or_a_superlative(body, flop):
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(flop)


# -- steps, then tokens; a project's total and the final run's part -----------------------------------

def test_a_runs_steps_before_its_tokens_are_no_per_step_figure():
    primary = primary_of("Osprey-7B is pre-trained for 1M steps on 1.4T tokens.")
    assert primary is not None and primary.value_flop == pytest.approx(OSPREY_7B_ON_1_4T)


def test_the_final_runs_part_of_a_projects_total():
    primary = primary_of("In total, the project consumed around 3M GPU hours, of which the final Osprey run "
                         "used 1.1M H100 hours.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(1.1e6 * 3600)


def test_a_sized_parts_time_its_unit_left_out_after_of_which():
    """ "…, of which the 2B model consumed 245K": the part's own run in the whole's unit (before: the
    whole's 300K, a sum over all models, was the primary)."""
    primary = primary_of("The total training cost for all models was 300K A100 hours, of which the 2B model "
                         "consumed 245K.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(245e3 * 3600)


# -- what claims a model as the text's own ----------------------------------------------------------------

def test_a_claim_does_not_reach_across_a_semicolon():
    assert not trains("We also see that models emit substantial emissions; training Kite on GPUs costs more.")
    assert trains("We then further pre-train Osprey on 1T tokens.")


def test_a_name_is_claimed_only_as_a_whole_word():
    text = TITLE + "We train our probes on gymnasium recordings. The NAS row is an estimate.\n"
    assert not introduced_as_own(text, "NAS")
    assert introduced_as_own(TITLE + "We train NAS on 1T tokens.\n", "NAS")


def test_a_studied_models_table_row_is_cited_when_the_name_hides_in_a_word():
    body = ("We estimate the cost of training the models of others.\n\n"
            "| Model | Hardware | Hours |\n|---|---|---|\n"
            "| NAS | P100x8 | 274,120 |\n| Kite-2 | V100x64 | 79 |\n\n"
            "We train our probes on gymnasium recordings.\n")
    assert primary_of(body) is None


# -- results after the run, sizes told by the family's name, a set-up told twice ----------------------------

def test_citations_of_the_results_a_run_reached_do_not_cite_the_run():
    primary = primary_of("In particular, our largest model, Osprey-3.8B, pre-trained with 3.2T tokens "
                         "achieves 71.2 on MMLU [HBB+21] and 54.9 on HumanEval [CTJ+21].")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 3.8e9 * 3.2e12)


def test_a_family_that_comes_in_sizes_gives_its_flagship():
    body = ("Osprey models come in two sizes, where the Jumbo version, at 178B parameters, is the "
            "largest.\n\nOur model was trained on 300B tokens drawn from publicly available resources.")
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 178e9 * 300e9)


def test_a_family_compared_with_another_model_gives_no_flagship_size():
    body = ("Osprey models come in two sizes, and outperform Kite (178B parameters).\n\n"
            "Our model was trained on 300B tokens.")
    primary = primary_of(body)
    assert primary is None or primary.value_flop != pytest.approx(6 * 178e9 * 300e9)


def test_another_sizes_set_up_told_again_is_still_that_sizes_run():
    body = ("We train Osprey, a 600B-parameter mixture of experts, in 4 days on 2048 TPU v3 cores.\n\n"
            "Our best dense model (2.3B parameters) was trained on 2048 TPU v3 cores for 6 weeks. "
            "Training to convergence took 6 weeks on 2048 TPU v3 cores, the strongest dense baseline.")
    primary = primary_of(body, year=2020)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(1024 * 4 * 86400)


def test_the_abstract_after_a_long_list_of_authors_still_names_the_own_model():
    authors = "\n".join(f"Author{i} Surname{i}, University of Somewhere {i}, Department of Things"
                        for i in range(80))
    text = (f"O SPREY T ECHNICAL R EPORT\n{authors}\n\nA BSTRACT\nIn this report, we introduce Osprey, a "
            "series of language models. The flagship model, Osprey-72B, shows strong performance.\n\n"
            "2 Pre-training\nAll Osprey models were pre-trained on over 7 trillion tokens.\n")
    primary = extract(text, 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 72e9 * 7e12)


@pytest.mark.parametrize(("body", "flop"), [
    ("The total number of tokens used for pre-training Osprey-20B is 2.6T.", 6 * 20e9 * 2.6e12),
    ("The number of training tokens for Osprey-20B is 2.6 trillion.", 6 * 20e9 * 2.6e12),
    # a range over the family's sizes: the top is the largest's
    ("We release Osprey in 1.8B, 7B and 20B sizes. The total number of tokens used for pre-training the "
     "1.8B, 7B, and 20B models ranges from 2.0T to 2.6T.", 6 * 20e9 * 2.6e12),
])
def test_a_token_count_named_before_its_figure(body, flop):
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(flop)


def test_software_credited_far_before_the_figure_is_still_credit():
    primary = primary_of("Osprey was implemented using JAX (Finch et al., 2018) and the Lark JAX Ecosystem "
                         "(Wren et al., 2020) and was then trained on 64 TPUv3 chips for 4 weeks.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(64 * 28 * 86400)


def test_devices_credited_to_their_maker_keep_the_run_the_authors():
    primary = primary_of("Osprey was trained on 64 A100 GPUs (NVIDIA, 2020) for 10 days.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(64 * 10 * 86400)


def test_devices_followed_by_a_citation_of_authors_stay_cited():
    primary = primary_of("Kite-175B used 10,000 V100 GPUs (Smith et al., 2021) over 14 days.")
    assert primary is None


@pytest.mark.parametrize("body", [
    "For comparison, our model was trained on 64 A100 GPUs for 10 days.",
    "For reference, we trained Osprey on 64 A100 GPUs for 10 days.",
])
def test_the_authors_own_run_given_for_comparison_is_theirs(body):
    primary = primary_of(body)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(64 * 10 * 86400)


def test_another_models_run_given_for_reference_is_cited():
    assert primary_of("For reference, Kite-70B was trained on 64 A100 GPUs for 10 days.") is None
    assert primary_of("For reference, Kite-70B needs 965 GFLOPs per image and was trained for 5 epochs on 3B "
                      "images [12].") is None


@pytest.mark.parametrize("body", [
    "We present Osprey-7B. As a reference point, training Kite-70B took 6.4M H100 hours.",
    "We present Osprey-7B. Kite-70B, the previous state of the art, was trained on 15T tokens with 6.4M GPU "
    "hours. Osprey-7B matches it with 2T tokens.",
])
def test_another_models_run_after_a_reference_point_or_with_an_apposition_is_cited(body):
    """ "As a reference point," opens a sentence about another's run, as "For reference," does, and a
    phrase in apposition after the name ("Kite-70B, the previous state of the art, was trained …") leaves
    the name the subject (before: Kite-70B's 6.4M GPU hours were Osprey's paper's primary)."""
    primary = primary_of(body)
    assert primary is None or primary.value_flop < 1e24


@pytest.mark.parametrize("body", [
    "We reproduce Kite-7B with its public recipe on 256 A100 GPUs for 30 days as a baseline.",
    "Our re-implementation of the baseline was trained on 64 V100 GPUs for 10 days.",
])
def test_a_baseline_the_authors_train_again_is_not_their_model(body):
    assert primary_of(body) is None


def test_the_own_run_set_against_a_reproduced_baseline_stays_the_own():
    primary = primary_of("Unlike the baseline we re-implement, Osprey-7B is trained on 256 A100 GPUs for "
                         "30 days.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(256 * 30 * 86400)


def test_a_cards_own_run_given_for_reference_is_the_cards():
    primary = primary_of("For reference, Osprey-7B was trained on 64 A100 GPUs for 10 days.", head=CARD)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(64 * 10 * 86400)


@pytest.mark.parametrize(("body", "flop"), [
    # the compared model's figure in parentheses after its name, and an alternative set aside
    ("Training Osprey used 60% fewer FLOPs than Kite (3e23 FLOPs), about 1.2e23 FLOPs.", 1.2e23),
    ("Our recipe trains Osprey with 2e22 FLOPs instead of 6e22 FLOPs.", 2e22),
    # a project's total with its failed runs beside the final run's part of it
    ("The total project compute, including failed runs, was 5e23 FLOPs, of which the final Osprey run used "
     "2e23 FLOPs.", 2e23),
])
def test_the_runs_own_figure_beside_a_compared_or_a_project_figure(body, flop):
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(flop)


def test_tokens_of_the_final_run_named_so_are_the_runs():
    primary = primary_of("Sweeps used 125M models. The final Osprey-7B run used 1.5T tokens.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 1.5e12)


def test_runs_counted_together_are_a_total_beside_one_runs_count():
    primary = primary_of("We train four 1B models on 20B tokens; in total these runs consumed 30,000 H100 "
                         "GPU hours.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1e9 * 20e9)
    # (runs repeated "from each corpus" to compare data are experiments, no model of the text's)
    assert primary_of("To compare corpora, we train 1B models on 20B tokens from each corpus; in total these "
                      "runs consumed 30,000 H100 GPU hours.") is None
