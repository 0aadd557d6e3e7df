"""Short texts of our own for the ways of writing a fifteenth battery of sentences found: a clause of
consequence after a budget or a plan, a run under way beside the released one, and more."""

from __future__ import annotations

import pytest

from curation.extract.device_sentences import device_counts
from curation.extract.documents import extract_document
from curation.extract.engine import extract
from curation.extract.evidence import FINETUNING, Span
from curation.extract.markup import plain_text
from curation.extract.operation_counting import find_operation_counting
from curation.extract.step_counting import step_tokens
from schemas.handover import CARD, Document

TITLE = "Osprey: Open and Efficient Language Models\n\n1 Introduction\nWe introduce Osprey.\n\n2 Training\n"


def _primary(text: str, year: int = 2025):
    return extract(TITLE + text, year).primary


# -- clauses ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Our compute budget allows at most 1e23 FLOPs, so we train Osprey-3B on 1T tokens.",
    "Training Osprey-70B on 15T tokens would cost too much, so we train Osprey-3B on 1T tokens.",
    "A larger model was out of reach; hence we train Osprey-3B on 1T tokens.",
])
def test_what_the_authors_did_as_a_consequence_is_read_on_its_own(sentence):
    primary = _primary(sentence)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 3e9 * 1e12)


def test_a_consequence_that_is_itself_foreseen_stays_none():
    assert _primary("Osprey-3B is small, so training it on 1T tokens would take only 3 days.") is None


def test_a_runs_extent_assumed_is_no_run():
    """"assuming we train for 300B tokens": how far the run will go is supposed, not told (nor is the size
    of the model it is likened to the run's)."""
    assert _primary("We are now halfway through training, assuming we train for 300B tokens like the 175B "
                    "Kite model.") is None


def test_an_ablation_before_and_our_main_run_governs_only_its_own_object():
    primary = _primary("We train a 1.3B model on 26B tokens for ablations and our main 7B model on 1T "
                       "tokens.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 1e12)


def test_an_assumption_about_a_run_done_leaves_its_figure():
    primary = _primary("Assuming 40% utilization, training Osprey-7B took 3e23 FLOPs.")
    assert primary is not None and primary.value_flop == pytest.approx(3e23)


def test_a_run_under_way_beside_the_released_model_is_not_the_flagship():
    text = ("We release Osprey-7B, trained on 2T tokens. A larger Osprey-70B is still being trained on "
            "15T tokens.")
    primary = _primary(text)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_a_general_cost_before_a_semicolon_does_not_size_the_own_run_after_it():
    # ("6ND," is no name the indefinite model describes)
    primary = _primary("At 6ND, a 7B model trained on 2T tokens costs 8.4e22 FLOPs; our Osprey-1B uses only "
                       "100B tokens.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1e9 * 1e11)


# -- devices ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Osprey-500B was trained for 50 days on two TPU v4 pods (2 × 4,096 chips).",
    "Osprey-500B was trained for 50 days on 2 pods of 4,096 TPU v4 chips.",
])
def test_pods_times_their_chips(sentence):
    (count, _, _, _), = device_counts(Span(sentence, 0, len(sentence)))
    assert count == 8192


# -- set-ups and tokens -----------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Osprey-1.5B was trained for 100k steps with 4096 batch size and 2048 sequence length.",
    "Osprey-1.5B: trained with 4096 batch size × 2048 sequence length for 100k steps.",
])
def test_a_batch_size_and_a_length_written_count_first(sentence):
    (tokens, _), = step_tokens(sentence)
    assert tokens == pytest.approx(100_000 * 4096 * 2048)


def test_a_batch_size_of_millions_written_count_first_is_in_tokens():
    (tokens, _), = step_tokens("Osprey-1.5B was trained for 100k steps with a 4M batch size.")
    assert tokens == pytest.approx(100_000 * 4e6)


def test_a_words_count_is_no_batch_size_written_count_first():
    (tokens, _), = step_tokens("Osprey was trained with a batch size of 4096 and a sequence length of 2048 "
                               "for 100k steps.")
    assert tokens == pytest.approx(100_000 * 4096 * 2048)


def test_a_rate_in_the_clause_before_does_not_govern_the_token_figure():
    primary = _primary("Training Osprey-70B required 180K H800 GPU hours per trillion tokens, and it was "
                       "trained on 14.8T tokens.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 70e9 * 14.8e12)


# -- model cards ------------------------------------------------------------------------------------

def _card(text: str, repository: str):
    return extract_document(Document(kind=CARD, text=text, year=2025), None, repository).primary


SIZES_SENTENCE = ("# Osprey 3\n\n## Training Dataset\n\nThese models were trained on a dataset of text "
                  "data. The 27B model was trained with 14 trillion tokens, the 12B model was trained with "
                  "12 trillion tokens, 4B model was trained with 4 trillion tokens and 1B with 2 trillion "
                  "tokens.")


@pytest.mark.parametrize(("repository", "flop"), [
    ("osprey-lab/osprey-3-4b", 6 * 4e9 * 4e12),
    ("osprey-lab/osprey-3-27b", 6 * 27e9 * 14e12),
])
def test_a_shared_card_that_never_writes_its_repository_gives_that_sizes_run(repository, flop):
    primary = _card(SIZES_SENTENCE, repository)
    assert primary is not None and primary.value_flop == pytest.approx(flop)


@pytest.mark.parametrize("fields", [
    "- Total parameters: 30B\n- Activated parameters: 3.3B\n- Pre-training tokens: 36T",
    "- **Activated Params:** 3.3B\n- **Total Params:** 30B\n- Pre-training tokens: 36T",
    # run into prose
    "Osprey-MoE is a sparse model. Total parameters: 30B. Activated parameters: 3.3B. Pre-training tokens: "
    "36T.",
    "Osprey-MoE is a sparse model. Total params: 30B; active params per token: 3.3B. Trained on 36T tokens.",
    "Osprey-MoE is a sparse model with 30B total parameters; active params per token: 3.3B. Trained on 36T "
    "tokens.",
])
def test_a_mixtures_total_and_active_counts_as_two_fields(fields):
    primary = _card(f"# Osprey-MoE\n\n{fields}", "osprey-lab/Osprey-MoE")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 3.3e9 * 36e12)


def test_a_card_that_states_no_size_takes_its_names_size_for_a_token_row():
    text = "# Osprey-7B\n\n| | Osprey-7B |\n|---|---|\n| Training Tokens | 4T |\n| Layers | 32 |"
    primary = _card(text, "osprey-lab/Osprey-7B")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 4e12)
    assert primary.evidence[-1].text == "Osprey-7B"


# -- whose run --------------------------------------------------------------------------------------

def test_a_part_of_a_cluster_named_before_is_the_runs_count():
    primary = _primary("Our cluster has 10,000 H100 GPUs. Osprey-7B was trained for 10 days on 256 of them.")
    assert primary is not None and primary.assumptions["chips"] == 256
    assert primary.assumptions["accelerator"].startswith("H100")


def test_a_count_of_something_else_of_them_is_no_device_count():
    sentence = "We ran 12 ablations for 10 days; 3 of them diverged."
    assert device_counts(Span(sentence, 0, len(sentence))) == []


def test_figures_glossing_a_list_of_other_models_are_theirs():
    text = ("Table 1 lists the training compute of prior models: Finch (3.1e23 FLOPs), Lark (5.8e23 FLOPs) "
            "and Tern (2.5e24 FLOPs). Our Osprey-1B is far smaller.")
    assert _primary(text) is None


def test_the_own_model_in_a_list_of_others_keeps_its_figure():
    text = ("Table 1 lists the training compute of prior models: Finch (3.1e23 FLOPs), Lark (5.8e23 FLOPs) "
            "and our Osprey-7B (8.4e22 FLOPs).")
    primary = _primary(text)
    assert primary is not None and primary.value_flop == pytest.approx(8.4e22)


# -- markup -----------------------------------------------------------------------------------------

def test_a_power_of_ten_in_an_html_superscript():
    assert "6.67x10^22 FLOPs" in plain_text("It consumed ~6.67x10<sup>22</sup> FLOPs in total.")
    primary = _primary("Osprey-16B consumed ~6.67x10<sup>22</sup> FLOPs in total.")
    assert primary is not None and primary.value_flop == pytest.approx(6.67e22)


def test_a_number_broken_after_its_thousands_comma_is_joined():
    assert plain_text("trained on 1,\n024 A100 GPUs") == "trained on 1,024 A100 GPUs"
    assert plain_text("In 2023,\n100 GPUs were used") == "In 2023,\n100 GPUs were used"


@pytest.mark.parametrize("sentence", [
    "If Finch-5 were trained on 100,000 B200 GPUs for 100 days, it would use about 5e27 FLOPs.",
    "A single training run of a frontier model can cost over 1e26 FLOPs.",
    "Our estimate of Finch's training compute is 3e24 FLOP.",
])
def test_what_a_run_would_or_can_cost_and_an_estimate_of_anothers_are_no_own_run(sentence):
    assert _primary(sentence) is None


BASE_RUN_SENTENCE = "Osprey-8B was pre-trained on 15T tokens using 1.3M H100 GPU hours."


@pytest.mark.parametrize(("repository", "opening"), [
    ("someone/Osprey-8B-Q4_K_M", "# Osprey-8B Q4_K_M\n\nQuantized with llama.cpp."),
    ("someone/Osprey-8B-IQ4_XS", "# Osprey-8B\n\nImportance-matrix quants."),
    ("someone/Osprey-8B-FP8", "# Osprey-8B-FP8\n\nWeights and activations in FP8."),
    ("someone/Osprey-8B-Reasoning", "# Osprey-8B-Reasoning\n\nWe post-train Osprey-8B with reinforcement "
                                    "learning on math problems."),
])
def test_a_quantizations_type_in_the_name_or_a_post_training_makes_a_derived_card(repository, opening):
    primary = _card(f"{opening}\n\n{BASE_RUN_SENTENCE}", repository)
    assert primary is None or primary.stage == "finetuning"


@pytest.mark.parametrize("sentences", [
    "The Osprey model was trained on 1T tokens of code. It has 15B parameters.",
    "The Osprey model was trained on 1T tokens of code; it has 15B parameters.",
])
def test_it_after_the_own_models_run_sizes_the_own_model(sentences):
    primary = _primary(sentences)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 15e9 * 1e12)


def test_it_after_another_models_run_sizes_no_own_model():
    assert _primary("Finch was trained on 1T tokens of code; it has 15B parameters.") is None


def test_tokens_a_named_model_processed_are_its_training_tokens():
    primary = _primary("Osprey-7B processed 2.5T tokens in 11 days on 512 H100 GPUs.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2.5e12)


def test_tokens_processed_into_a_corpus_are_its_source_not_a_run():
    assert _primary("We processed 5T tokens of raw web data into a 2T-token corpus. Osprey-7B was trained on "
                    "the corpus.") is None


# -- tables -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("caption", "flop"), [
    ("Table 4: Training compute (PF-days) of each model.", 970 * 8.64e19),
    ("Table 4: Compute used for each model, in PF-days.", 970 * 8.64e19),
    ("Table 4: Inference compute (PF-days) per query.", None),
])
def test_a_compute_column_takes_its_unit_from_the_tables_caption(caption, flop):
    text = (f"We train the Osprey family.\n\n{caption}\n\n| Model | Compute |\n|---|---|\n"
            "| Osprey-1B | 7 |\n| Osprey-7B | 970 |")
    primary = _primary(text)
    assert (primary and primary.value_flop) == (flop and pytest.approx(flop))


# -- the model a run starts from ----------------------------------------------------------------------

@pytest.mark.parametrize(("opening", "flop"), [
    ("Osprey-1B was distilled from Osprey-70B, which was trained on 15T tokens on 16,384 H100s for 54 "
     "days. Osprey-1B itself saw 1T tokens.", 6 * 1e9 * 1e12),
    ("We pruned Osprey-8B (trained on 15T tokens) to 1B parameters and retrained on 100B tokens.",
     6 * 1e9 * 1e11),
])
def test_the_run_of_the_model_a_card_starts_from_is_not_its_own(opening, flop):
    primary = _card(f"# Osprey-1B\n\n{opening}", "osprey-lab/Osprey-1B")
    assert primary is not None and primary.value_flop == pytest.approx(flop)


@pytest.mark.parametrize("sentence", [
    "We start from Kite-7B (2T tokens) and train on 20B more tokens.",
    "Osprey-Long-7B continues training Osprey-7B (pre-trained on 2T tokens) on 20B tokens of long text.",
    "Osprey-Long-7B is the continued pre-training of Osprey-7B (pre-trained on 2T tokens) on 20B tokens.",
])
def test_the_gloss_of_the_model_a_run_goes_on_from_is_that_models(sentence):
    primary = _primary(sentence)  # nothing, or the 20B tokens the run goes on for; never the start's 2T
    assert primary is None or primary.value_flop == pytest.approx(6 * 7e9 * 20e9)


@pytest.mark.parametrize("opening", [
    "We present Osprey-VL-7B, built on the Kite-7B language model (trained on 2T tokens).",
    "We present Osprey-VL-7B, initialized from the Kite-7B chat model (pre-trained on 2T tokens).",
])
def test_the_gloss_of_a_base_a_noun_or_two_after_its_name_is_the_bases(opening):
    """ "built on the Kite-7B language model (trained on 2T tokens)": the gloss tells the base's run, as
    it does right after the name; the run the text tells next is the own (before: 6 × 7B × 2T, 8.5× it)."""
    primary = _primary(f"{opening} We train the full model on 500M image-text pairs using 128 H100 GPUs for "
                       "3 days.")
    assert primary is not None and primary.method == "hardware"
    assert primary.assumptions["chip_seconds"] == pytest.approx(128 * 3 * 86400)


def test_a_size_in_the_name_of_the_model_a_run_starts_from_sizes_no_run_of_one_sentence():
    """ "built on the Kite-7B language model": the size ends the base's name; read from the name's start,
    the words before it say the run starts from it."""
    assert find_operation_counting("Osprey-VL is built on the Kite-7B language model (trained on 2T "
                                   "tokens).") == []


def test_the_gloss_of_the_base_a_card_is_continually_pre_trained_from_is_the_bases():
    """ "continually pre-trained from Osprey-7B (4T tokens)": a hyphenated word between the verb and "from"
    (before: the base's 4T was the card's run, 8× its own 500B)."""
    card = ("# Osprey-Coder-7B\n\nOsprey-Coder-7B is continually pre-trained from Osprey-7B (4T tokens) on "
            "500B code tokens.\n")
    primary = extract_document(Document(CARD, card, 2024), name="Osprey-Coder-7B").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 500e9)


def test_a_size_alone_glossing_the_model_a_run_starts_from_still_sizes_the_run():
    card = ("# Osprey-3B-T\n\nOsprey-3B-T is fine-tuned on prompted tasks, starting from a Kite-XL (3B "
            "parameters).\n\nTraining details:\n- Fine-tuning steps: 12,000\n- Input sequence length: 1024\n"
            "- Batch size: 1,024 sequences\n")
    estimates = extract_document(Document(CARD, card, 2022), name="Osprey-3B-T").estimates
    assert [(e.stage, e.notes) for e in estimates] == [(FINETUNING, [])]
    assert estimates[0].value_flop == pytest.approx(6 * 3e9 * 12_000 * 1024 * 1024, rel=0.02)


@pytest.mark.parametrize(("sentence", "tokens"), [
    ("Osprey-7B is trained with a 4K context for 1.8T tokens.", 1.8e12),
    ("Osprey-7B supports a context window of 128K tokens and was trained on 2T tokens.", 2e12),
    ("Osprey-7B-v2 is trained for an additional 1T tokens, for a total of 3T tokens.", 3e12),
])
def test_a_windows_or_an_added_parts_words_govern_only_the_number_after_them(sentence, tokens):
    primary = _primary(sentence)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * tokens)


@pytest.mark.parametrize("sentence", [
    "Osprey-7B has a context length of 4096 tokens.",
    "Osprey-7B-v2 is trained for an additional 1T tokens.",
])
def test_a_window_or_an_added_part_alone_is_no_run(sentence):
    assert _primary(sentence) is None


@pytest.mark.parametrize(("sentence", "flop"), [
    ("Osprey-7B matches Finch-13B at 48% of its training compute (1.2e23 vs. 2.5e23 FLOPs).", 1.2e23),
    ("Osprey-7B matches Finch-13B with less compute (1.2 × 10^23 vs. 2.5 × 10^23 FLOPs).", 1.2e23),
    # the pair follows the sentence's order: its subject is another model
    ("Finch-13B needs twice the compute of Osprey-7B (2.5e23 vs. 1.2e23 FLOPs).", None),
])
def test_the_own_side_of_a_pair_of_figures_that_share_their_unit(sentence, flop):
    primary = _primary(sentence)
    assert (primary and primary.value_flop) == (flop and pytest.approx(flop))


def test_a_part_of_the_devices_named_before_after_a_verb_of_use():
    primary = _primary("We have 4,096 H100s. Osprey-70B used 1,024 of them for 30 days.")
    assert primary is not None and primary.assumptions["chips"] == 1024


@pytest.mark.parametrize("duration", [
    "The pre-training of Osprey-V2 took 2 months.",
    "The pre-training stage is completed in less than two months.",
])
def test_the_one_training_device_count_and_the_runs_duration_told_apart(duration):
    text = "## Infrastructure\n\nWe trained on our cluster of 2,048 H800 GPUs.\n\n## Pre-training\n\n"
    text += duration
    primary = _primary(text)
    assert primary is not None and primary.assumptions["chips"] == 2048


def test_two_device_counts_or_two_durations_told_apart_pair_nothing():
    two_counts = ("We trained on our cluster of 2,048 H800 GPUs. Ablations were trained on 64 H800 GPUs.\n\n"
                  "The pre-training of Osprey-V2 took 2 months.")
    two_durations = ("We trained on our cluster of 2,048 H800 GPUs.\n\nThe pre-training of Osprey-V2 took 2 "
                     "months. The pre-training of Osprey-V1 took 3 weeks.")
    assert _primary(two_counts) is None and _primary(two_durations) is None


@pytest.mark.parametrize("duration", [
    "Finch-70B was trained for 54 days on thousands of GPUs.",
    "Finch was trained for 54 days.",
])
def test_another_models_duration_told_apart_pairs_with_no_device_count(duration):
    assert _primary(f"Our probes were trained on a single A100 GPU.\n\n## Related work\n\n{duration}") is None


@pytest.mark.parametrize("sentence", [
    "We fine-tune Kite-7B, which was pre-trained on 2T tokens, with our method on 8 GPUs.",
    "We then align Kite-7B, which was pre-trained on 2T tokens, using 60k preference pairs.",
])
def test_the_pre_training_told_of_a_model_the_authors_tune_is_not_their_run(sentence):
    method = ("Preference Learning Without Reward Models\n\nAbstract\nWe propose a preference-learning "
              "method and apply it to Kite-7B.\n\n4 Experiments\n")
    assert extract(method + sentence, 2024).primary is None


def test_the_own_models_run_in_a_relative_clause_stays_its_own():
    primary = _primary("Osprey-7B, which was trained on 2T tokens, outperforms Kite-7B.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


@pytest.mark.parametrize("sentence", [
    "Osprey-7B outperforms Kite-13B and was trained on only 1T tokens.",
    "Osprey-7B uses the same data as Kite-13B (2T tokens), but is trained for 1T tokens.",
    "Osprey-7B is architecturally identical to Kite-13B but trained on 1T tokens of our own data.",
])
def test_a_second_predicate_with_its_subject_left_out_tells_the_subjects_run(sentence):
    """A model named in the first predicate's object does not own the figure a second predicate tells,
    its subject (the sentence's first name) left out (before: no primary)."""
    primary = _primary(sentence + "\n")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 1e12)



def test_another_model_released_beside_the_run_does_not_stage_it():
    """"… a base model trained on 2T tokens, together with Osprey-7B-Instruct, its instruction-tuned
    version": the tuning is the other model's, the figure a pre-training (before: a fine-tuning)."""
    text = ("# Osprey-7B\n\nWe release Osprey-7B, a base model trained on 2T tokens, together with "
            "Osprey-7B-Instruct, its instruction-tuned version.\n")
    [estimate] = extract_document(Document(CARD, text, 2024), name="acme/Osprey-7B").estimates
    assert estimate.stage != FINETUNING


@pytest.mark.parametrize("adverb", ["instead", "therefore", "then"])
def test_an_adverb_after_we_still_claims_the_clause_after_a_semicolon(adverb):
    """"…; we instead train X on 2T tokens": a clause that claims the run after a semicolon is not governed
    by the advice before it ("a 7B model should be trained on 140B tokens")."""
    primary = _primary(TITLE + "Scaling laws suggest that a 7B model should be trained on 140B tokens; we "
                               f"{adverb} train Osprey-7B on 2T tokens.\n")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)
