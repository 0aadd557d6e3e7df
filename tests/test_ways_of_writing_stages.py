"""A run told with the next stage in the same sentence: the figure read is the pre-training's, whatever
stage the sentence goes on to; a pre-training told stage by stage, with no training verb: the stages'
tokens summed; and a low-rank adapter's training, a fine-tuning."""

from __future__ import annotations

import pytest

from curation.extract.engine import extract
from curation.extract.evidence import FINETUNING
from curation.extract.stage_tokens import stage_tokens
from tests.osprey_texts import CARD, primary_of


@pytest.mark.parametrize("sentence", [
    "Osprey took 8 hours to pre-train and 3 hours to fine-tune on 4 V100 GPUs.",
    "Osprey took 8 hours of pre-training and 3 hours of fine-tuning on 4 V100 GPUs.",
    # the units between the next figure and its stage
    "Osprey took 32 V100 GPU-hours for the base model and 12 V100 GPU-hours for fine-tuning.",
])
def test_a_time_for_pre_training_before_a_time_for_fine_tuning_is_the_pre_trainings(sentence):
    primary = primary_of(sentence)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(4 * 8 * 3600)


@pytest.mark.parametrize("other_use", ["evaluation took another 2 days on 8 GPUs",
                                       "inference benchmarking used 8 GPUs for 2 days"])
def test_another_use_of_the_devices_told_after_and_is_a_clause_of_its_own(other_use):
    """ "…, and evaluation took another 2 days on 8 GPUs": the evaluation is that clause's, not the run's
    (before: the run before it was read as evaluation too, no primary)."""
    primary = primary_of(f"Osprey-7B was trained on 512 H100 GPUs for 16 days, and {other_use}.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(512 * 16 * 86400)


def test_a_fine_tuning_time_alone_stays_fine_tuning():
    assert primary_of("Fine-tuning Osprey took 8 hours on 4 V100 GPUs and 3 hours to evaluate.") is None


@pytest.mark.parametrize("sentence", [
    "We use 2T tokens for pre-training and 10B tokens for fine-tuning.",
    "Pre-training uses 2T tokens and fine-tuning uses 10B tokens.",
    "During pre-training the model sees 2T tokens, and 10B tokens are used for instruction tuning.",
    # the pre-training told after the fine-tuning, "after" between
    "Osprey was fine-tuned on 10B tokens after pre-training on 2T tokens.",
])
def test_tokens_for_pre_training_beside_tokens_for_fine_tuning_are_the_runs(sentence):
    primary = primary_of("Osprey has 7B parameters. " + sentence)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_a_corpus_sized_without_a_word_of_training_is_still_not_paired():
    text = "Osprey has 7B parameters. The web corpus holds 2T tokens and the code corpus 300B tokens."
    assert primary_of(text) is None


def test_what_follows_a_semicolon_is_another_clause():
    primary = primary_of("Osprey was trained on 32 V100s for 5 days; inference on a protein takes 10 s.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(32 * 5 * 86400)


def test_a_citation_after_a_semicolon_still_credits_the_run_before_it():
    assert primary_of("Kite was trained on 512 V100s for 21 days; see Smith et al. (2021).") is None


# -- a pre-training told stage by stage --------------------------------------------------------------

@pytest.mark.parametrize(("body", "tokens"), [
    # a table headed with stages, a post-training row left out
    ("## Training\n\n| Stage | Tokens | Context |\n|---|---|---|\n| Pretraining | 12T | 4K |\n"
     "| Long-context | 100B | 32K |\n| SFT | 20B | 4K |\n", 12.1e12),
    # a table whose rows are stages, its tokens in the header's unit, with a total row
    ("## Training\n\n| | Tokens (B) |\n|---|---|\n| Phase 1 | 9000 |\n| Phase 2 | 3000 |\n"
     "| Total | 12000 |\n", 12e12),
    # lines and list items that each name a stage and its tokens
    ("## Training\n\nStage 1: 10T tokens\nStage 2: 2T tokens\nStage 3: 0.5T tokens (long context)\n",
     12.5e12),
    ("## Training\n\n- Stage 1 (general): 10 trillion tokens\n- Stage 2 (reasoning): 2 trillion tokens\n",
     12e12),
    # sentences one after another in a paragraph, each opening with its stage
    ("## Training\n\nPre-training has three stages. Stage 1 uses 10T tokens of web text. Stage 2 uses 1.5T "
     "tokens of curated data. Stage 3 (annealing) uses 0.5T tokens.\n", 12e12),
    ("## Training\n\nWe train in two phases. In phase 1 the model sees 10T tokens. In phase 2 it sees 2T "
     "tokens.\n", 12e12),
])
def test_a_pre_training_told_stage_by_stage_sums_its_stages(body, tokens):
    assert [found for found, _ in stage_tokens(body)] == [pytest.approx(tokens)]


@pytest.mark.parametrize("sentence", [
    "Osprey-7B was trained in two phases: 1.8T tokens of web data followed by 200B tokens of curated data, "
    "2T tokens in total.",
    "Osprey-7B was trained in two phases, 1.8T tokens followed by 200B tokens, for a total of 2T tokens.",
])
def test_stages_told_with_their_total_are_not_summed_again(sentence):
    """The whole told beside its stages is their sum already (before: 1.8T + 200B + 2T, twice the run)."""
    primary = primary_of(sentence)
    assert primary is not None and primary.assumptions["training_tokens"] == pytest.approx(2e12)


def test_a_continuation_told_next_is_a_stage_of_the_run():
    """"We pre-train X on 2T tokens, then continue pre-training on 500B tokens": one run of 2.5T (before:
    2T)."""
    primary = primary_of("We pre-train Osprey-7B on 2T tokens, then continue pre-training on 500B tokens of "
                         "long documents.")
    assert primary is not None and primary.assumptions["training_tokens"] == pytest.approx(2.5e12)


def test_phases_sized_with_hyphenated_token_counts_are_summed():
    primary = primary_of("Osprey-14B is pre-trained in two phases: a 10T-token general phase and a 2T-token "
                         "annealing phase.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 14e9 * 12e12)


def test_stages_summed_with_the_size_of_the_cards_model():
    primary = primary_of("Stage 1: 10T tokens\nStage 2: 2T tokens\n", head=CARD)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 12e12)


@pytest.mark.parametrize("body", [
    # a data pipeline's stages
    "## Dataset\n\nStage 1 (crawl): 30T tokens\nStage 2 (deduplication): 12T tokens\n",
    # a single line is no list of stages
    "## Training\n\nStage 1: 10T tokens\n\nWe then evaluate.\n",
    # a table whose rows are not all stages
    "## Training\n\n| | Tokens |\n|---|---|\n| Pretraining | 12T |\n| Web | 8T |\n",
    # stage sentences with another sentence between them, or in two paragraphs
    "## Training\n\nStage 1 uses 10T tokens. We then change the mixture. Stage 2 uses 2T tokens.\n",
    "## Training\n\nWe train in stages. Stage 1 uses 10T tokens.\n\nWe evaluate it. Stage 2 uses 2T "
    "tokens.\n",
])
def test_what_is_no_pre_training_told_in_stages(body):
    assert stage_tokens(body) == []


def test_each_item_of_a_list_of_uses_has_its_own_use():
    primary = primary_of("The compute we used: preprocessing (3,000 CPU hours), hyperparameter search (9,000 "
                         "GPU hours), and the final Osprey run (50,000 GPU hours on A100).")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(50e3 * 3600)


def test_a_schedules_peak_is_no_machines():
    primary = primary_of("The final model, Osprey-7B, was trained for 2T tokens with a peak learning rate of "
                         "3e-4.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


@pytest.mark.parametrize("sentence", [
    "A LoRA adapter for Kite-7B trained on 50M tokens of medical text for 2 epochs on one A100 (6 hours).",
    "We train Osprey with QLoRA on one A100 GPU for 6 hours.",
])
def test_a_low_rank_adapters_training_is_a_fine_tuning(sentence):
    """A LoRA or QLoRA adapter is trained on a model that exists: its device time is a fine-tuning's."""
    estimates = extract("Osprey\n\nAbstract\nWe introduce Osprey.\n\n2 Training\n" + sentence, 2025).estimates
    assert estimates and all(estimate.stage == FINETUNING for estimate in estimates)


def test_a_run_of_one_epoch_and_a_hyphenated_instruction_tuning_phase():
    """"For one epoch, which takes 5 hours": the epoch's time is the run's; the "instruction-tuning"
    phase after it is a fine-tuning, not a larger pre-training."""
    primary = primary_of("In the pre-training phase, we train the projector for one epoch, which takes "
                         "about 5 hours on 8 A100 GPUs. In the instruction-tuning phase, we train the whole "
                         "model, which takes about 20 hours on 8 A100 GPUs.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(8 * 5 * 3600)


def test_a_time_per_epoch_with_no_count_of_epochs_is_still_no_run():
    assert primary_of("One epoch takes about 5 hours on 8 A100 GPUs.") is None


def test_a_pre_trainings_time_then_a_fine_tunings_after_the_devices_is_the_pre_trainings():
    """"We train all models with 8× A100s. Pre-training completes within 4 hours. Fine-tuning completes
    within 10 hours.": the run is 4 hours on 8 GPUs (before: 10 hours, marked a fine-tuning and a sum)."""
    primary = primary_of("We train all models with 8× A100s. Pre-training on our captions completes within 4 "
                         "hours. Fine-tuning on our instructions completes within 10 hours.")
    assert primary is not None and primary.stage != FINETUNING
    assert primary.assumptions["chip_seconds"] == pytest.approx(8 * 4 * 3600)


def test_another_part_of_training_from_another_models_checkpoint_is_the_own_run():
    """"Starting from the Kite-7B checkpoint (trained on 2T tokens), we continue training for another 500B
    tokens": the added part is the own continued training, Kite's 2T another model's."""
    text = ("Osprey-Code: Open Code Models\n\nStarting from the Kite-7B checkpoint (trained on 2T tokens), "
            "we continue training for another 500B tokens to obtain Osprey-Code-7B.\n")
    primary = extract(text, 2024).primary
    assert primary is not None and primary.assumptions["training_tokens"] == pytest.approx(500e9)
    assert primary.value_flop == pytest.approx(6 * 7e9 * 500e9)


def test_another_part_of_the_own_run_stays_a_stage():
    text = ("Osprey: Open Models\n\nWe train Osprey-7B on 2T tokens, then for another 500B tokens at a "
            "longer context.\n")
    primary = extract(text, 2024).primary
    assert primary is not None and primary.assumptions["training_tokens"] >= 2e12


@pytest.mark.parametrize("sentence", [
    # a long-context variant named with its context length, continued from another model
    "We extend the context window of Kite-7B to 128K tokens by continued pre-training on 10B tokens, "
    "yielding Osprey-7B-128K.",
    "Osprey-7B-128K is Kite-7B further pre-trained on 10B tokens of long documents.",
])
def test_a_continued_pre_training_of_another_model_is_the_own_run(sentence):
    primary = extract(f"Osprey: Long-Context Models\n\n{sentence}\n", 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 10e9)


def test_another_models_continued_pre_training_in_a_relative_clause_stays_its_own():
    text = "Osprey: Models\n\nOsprey-7B beats Kite-7B, which was further pre-trained on 2T tokens.\n"
    assert extract(text, 2024).primary is None


@pytest.mark.parametrize("rest", ["not including the fine-tuning stage, which takes another 5 days",
                                  "excluding fine-tuning"])
def test_a_time_said_to_leave_fine_tuning_out_is_the_pre_trainings(rest):
    primary = primary_of(f"Training Osprey takes roughly 3 weeks on 64 A100 GPUs, {rest}.")
    assert primary is not None and primary.value_flop == pytest.approx(64 * 21 * 86400 * 312e12 * 0.3,
                                                                        rel=0.05)


def test_a_run_before_plus_a_fine_tuning_figure_is_the_pre_trainings():
    """", plus 2 days of supervised fine-tuning on 32 GPUs" adds another stage's figure: the run before it
    is the pre-training's."""
    primary = primary_of("We used 256 H100 GPUs for a total of 16 days, plus 2 days of supervised "
                         "fine-tuning on 32 GPUs.")
    assert primary is not None and primary.value_flop == pytest.approx(256 * 16 * 86400 * 989e12 * 0.3,
                                                                        rel=0.05)
