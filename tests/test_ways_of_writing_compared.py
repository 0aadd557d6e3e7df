"""Short texts of our own for figures that sit beside the text's own run but are not it: a compared
model's figures in the parenthesis that glosses its name or in a clause of its own, a future, a
counterfactual or a foreseen run, trends and thresholds of models in general, an essay's figures of named
models and the authors' estimate of one, a derived card's base glossed in a relative clause with a number
that has a thousands comma, one of the models a comparison takes in; and the own run beside them (a
clause after a semicolon that tells it, a budget "we train" with, a compared model in an aside or a
closed relative clause before the own figure, the own model glossed on the compared side)."""

from __future__ import annotations

import pytest

from curation.extract.documents import extract_document
from schemas.handover import CARD, PAPER, Document
from tests.osprey_texts import CARD as CARD_HEAD
from tests.osprey_texts import primary_of


@pytest.mark.parametrize("body", [
    "Table 3 compares against Finch-65B (1.4T tokens, 1.0e24 FLOPs).",
    "Baselines include Finch-65B (1.0e24 FLOPs) and Lark-13B.",
    "We compare Osprey with Finch-65B (1.0e24 FLOPs).",
    "Osprey-7B outperforms Finch-65B (trained on 1,024 A100 GPUs for 30 days) on most tasks.",
    "Our model was trained to match the quality of Finch (3.1e23 FLOPs) with far less compute.",
    # a share of the compared model's compute
    "Osprey-7B uses 3.7% of the compute of Finch-70B (6.3e24 FLOPs).",
    "Osprey-7B needs a fraction of the training compute used by Finch-70B (6.3e24 FLOPs).",
])
def test_figures_glossing_a_compared_model_are_that_models(body):
    assert primary_of(body) is None


@pytest.mark.parametrize("body", [
    "Osprey-7B scores 64.2 on MMLU, outperforming Finch-13B trained on 2T tokens with 1.6e23 FLOPs.",
    "Osprey-7B is competitive with Lark-8B trained using 1.5e23 FLOPs.",
    "Osprey-7B surpasses Finch-13B, which was trained with 1.6e23 FLOPs, on every benchmark.",
])
def test_figures_in_the_participle_phrase_of_a_compared_model_are_that_models(body):
    """ "outperforming Finch-13B trained on … with 1.6e23 FLOPs": the phrase tells the compared run."""
    assert primary_of(body) is None


@pytest.mark.parametrize("body", [
    "Compared with Finch-3, which used 3.1e23 FLOPs, Osprey-7B needs only 4.2e22 FLOPs.",
    "Osprey-7B rivals Finch-13B, which required 3.1e23 FLOPs, at 4.2e22 FLOPs.",
    "Osprey-7B is better than Finch-13B, which takes 3.1e23 FLOPs, and needs only 4.2e22 FLOPs.",
])
def test_a_compared_models_relative_clause_in_the_active_keeps_its_figure(body):
    """ ", which used 3.1e23 FLOPs": a relative clause that spends, as one that is trained, tells the
    compared run; the own figure after it is the primary."""
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(4.2e22)


@pytest.mark.parametrize("body", [
    "Osprey-7B matches Finch-13B, which was trained on 2T tokens, while using only 4.2e22 FLOPs.",
    "Osprey-7B, trained on 1T tokens with 4.2e22 FLOPs, outperforms Finch-13B.",
    "Osprey-7B outperforms our Osprey-3B trained with 4.2e22 FLOPs.",
])
def test_the_own_run_beside_a_compared_models_phrase_keeps_its_figure(body):
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(4.2e22)


@pytest.mark.parametrize("body", [
    "Compared with Finch-13B (trained on 1T tokens), v2 is trained on 2T tokens.",
    "Compared with Finch-13B, which was trained on 1T tokens, the new version is trained on 2T tokens.",
    "In contrast to Finch-13B (1T tokens), this model was trained on 2T tokens.",
    "Like Finch-13B (Lee et al., 2024), the model is trained on 2T tokens.",
])
def test_the_main_clause_after_an_opening_comparison_is_the_cards_own_run(body):
    """Whatever its subject ("v2", "the new version"), a clause that is trained after the comparison that
    opens the sentence tells the card's run; the compared model's figure stays its own."""
    primary = _card_primary(body)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def _card_primary(body: str):
    return extract_document(Document(CARD, CARD_HEAD + body + "\n", 2024), name="acme/Osprey-7B").primary


def test_for_comparison_opening_a_sentence_still_makes_it_the_others():
    assert _card_primary("For comparison, Finch-13B was trained on 2T tokens.") is None


@pytest.mark.parametrize(("body", "flop"), [
    ("We train the policy for 2 days on a single RTX 3090. In comparison, Finch-RT required 64 TPU v4 "
     "chips for 3 weeks.", 2 * 86400 * 71e12 * 0.3),
    ("Finch-RT required 64 TPU v4 chips for 3 weeks. By comparison, we train Osprey for 2 days on 8 A100 "
     "GPUs.", 8 * 2 * 86400 * 312e12 * 0.3),
])
def test_in_comparison_sets_another_run_beside_the_own(body, flop):
    primary = primary_of(body, head="Osprey: robot learning\n\n")
    assert primary is not None and primary.value_flop == pytest.approx(flop, rel=0.01)


def test_the_own_model_glossed_before_the_comparison_keeps_its_figure():
    primary = primary_of("We compare Osprey-7B (4e22 FLOPs) against Finch-65B (1.0e24 FLOPs).")
    assert primary is not None and primary.value_flop == pytest.approx(4e22)


@pytest.mark.parametrize("body", [
    "Future work will scale Osprey to 70B parameters and 15T tokens.",
    "In the future, we hope to train Osprey-70B on 15T tokens.",
    "We will further scale Osprey to 70B parameters and 10T tokens.",
    # a question, a condition or advice about a run is no run either
    "What would happen if we trained a 10B model on 1T tokens?",
    "Can a 10B model trained on 1T tokens match Finch?",
    "Our scaling law suggests training a 30B model on 600B tokens.",
    "We recommend pre-training a 30B model on at least 600B tokens.",
    "Scaling laws suggest that a compute-optimal 30B model should see 600B tokens.",
    # others' runs, with others' models as the subject
    "Prior open models were trained on up to 1.4T tokens with up to 65B parameters.",
    "Existing LLMs with 30B parameters typically use 2T tokens.",
])
def test_a_future_run_is_no_run(body):
    assert primary_of(body) is None


def test_a_clause_that_tells_the_run_is_not_governed_by_the_generation_before_it():
    primary = primary_of("Generating the synthetic data with a 70B teacher consumed 200,000 H100 hours; "
                         "Osprey-1B itself was trained on 500B tokens.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1e9 * 500e9)


def test_a_bases_run_in_a_relative_clause_with_a_thousands_comma_stays_the_bases():
    card = ("---\nlicense: apache-2.0\nbase_model: acme/Finch-8B\n---\n# Finch-8B-Instruct\n\n"
            "This model is a fine-tuned version of Finch-8B, which was pre-trained on 15T tokens on "
            "16,000 H100 GPUs.\n")
    extraction = extract_document(Document(CARD, card, 2024), name="acme/Finch-8B-Instruct")
    assert extraction.derived_from == "acme/Finch-8B" and extraction.primary is None


@pytest.mark.parametrize("sentence", ["We train Osprey-70B with a compute budget of 8 × 10^23 FLOPs.",
                                      "Osprey-70B and Osprey-7B are trained using a compute budget of 8 × "
                                      "10^23 FLOPs."])
def test_we_train_with_a_compute_budget_is_the_run(sentence):
    primary = primary_of(sentence)
    assert primary is not None and primary.value_flop == pytest.approx(8e23)
    hypothetical = "For a compute budget of 8 × 10^23 FLOPs, the optimal model has 70B parameters."
    assert primary_of(hypothetical) is None


@pytest.mark.parametrize("body", [
    "At 1e23 FLOPs, the compute-optimal model has 10B parameters.",
    "Loss falls smoothly with compute; at about 3e22 FLOPs, the curves of both methods cross.",
])
def test_a_figure_after_at_that_opens_its_clause_is_a_point_on_a_curve(body):
    assert primary_of(body) is None


@pytest.mark.parametrize(("body", "own"), [
    ("Our model uses only 4e22 FLOPs, while Finch-540B used 2.5e24 FLOPs.", 4e22),
    ("Finch-540B (2.5e24 FLOPs) remains the largest dense model.", None),
    ("This is 10x less than the 2.5e24 FLOPs used to train Finch-540B.", None),
    ("Compared with the 2.5e24 FLOPs of Finch-540B, Osprey-7B needs only 4.2e22 FLOPs.", 4.2e22),
    # the own run restated after the compared model's gloss
    ("Osprey-7B used 65% fewer FLOPs than Finch-7B (2.2e23 FLOPs), i.e. about 7.7e22 FLOPs.", 7.7e22),
    # a slice of hardware is no other model
    ("Training on a single TPU v3-8 took 36 hours.", 36 * 3600 * 4 * 123e12 * 0.3),
    # another model's training in a relative clause after its name, even a name without a size
    ("Following Finch (Lee et al., 2023), which was trained on 15T tokens, we train Osprey-7B on 2T tokens.",
     6 * 7e9 * 2e12),
    # a budget set equal to another's is still the run's
    ("We train Osprey-7B on 2T tokens, the same data budget as Finch-7B [12].", 6 * 7e9 * 2e12),
    # device counts each beside its duration ("in 3 days"), another's after "unlike" or glossing its name
    ("Unlike Finch, which required 2,048 A100 GPUs for 21 days, Osprey trains on 64 A100s in 3 days.",
     64 * 3 * 86400 * 312e12 * 0.3),
    ("Osprey was trained in 3 days on 64 A100 GPUs, about 1% of the compute used for Finch (2,048 GPUs, "
     "21 days).", 64 * 3 * 86400 * 312e12 * 0.3),
])
def test_another_models_figure_in_its_own_clause_is_that_models(body, own):
    primary = primary_of(body)
    if own is None:
        assert primary is None
    else:
        assert primary is not None and primary.value_flop == pytest.approx(own, rel=0.01)


@pytest.mark.parametrize("body", [
    "In 2022, the largest training runs reached 2.5e24 FLOPs.",
    "Training compute for frontier models doubles every 6 months, reaching 5e25 FLOP in 2024.",
    "Models trained with over 1e26 FLOP must be reported to the government.",
    "Today's largest training runs use about 5e25 FLOP.",  # a verb of use in the plural
])
def test_trends_and_thresholds_of_models_in_general_are_no_run(body):
    assert primary_of(body) is None


@pytest.mark.parametrize("body", [
    "The recent Finch-65B model (1.4T tokens on 2,048 A100s) is a strong baseline.",
    "Among open models, Finch-65B used the most compute: 1M A100 GPU-hours.",
    "With 1M A100 GPU-hours, Finch-65B is among the most expensive open models.",
    "At 2.5e24 FLOPs, Finch-540B's training run was the largest of its time.",
])
def test_another_model_as_the_subject_after_a_scene_setting_phrase_or_glossed(body):
    assert primary_of(body) is None


def test_a_relative_clause_with_whose_training_is_the_named_models_and_the_own_clause_keeps_its_unit():
    primary = primary_of("Unlike Finch-65B, whose training took 1M A100 GPU-hours, Osprey-7B needs only 80K.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(80e3 * 3600)


ESSAY = "On the Limits of Scaling\n\nAbstract\nWe argue that scaling alone is not enough.\n\n2 Background\n"


@pytest.mark.parametrize("body", [
    "The largest model to date, Finch-540B, used 2.5e24 FLOPs.",
    "For example, Finch-175B needed 3.1e23 FLOPs to train.",
])
def test_an_essay_that_trains_nothing_gives_a_named_models_figure_to_that_model(body):
    assert primary_of(body, head=ESSAY) is None


def test_a_paper_that_trains_its_own_models_keeps_an_unclaimed_name_s_run():
    head = ("Learning Visual Models From Language\n\nAbstract\nWe study pre-training.\n\n2 Approach\n"
            "We train a series of 5 ResNets. ")
    body = "The largest ResNet model, RN50x64, took 18 days to train on 592 V100 GPUs."
    primary = primary_of(body, head=head)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(592 * 18 * 86400)


@pytest.mark.parametrize("body", [
    "A naive implementation would have taken 2 million GPU hours.",
    "Had we trained Osprey-70B on all 15T tokens, the run would have used 6.3e24 FLOPs.",
    "Without our method, training Osprey-7B would have taken 90 days on 1,024 A100 GPUs.",
    # a cost foreseen, before or after its figure, and a run that could be done again
    "We anticipate that Osprey-400B will require roughly 4e25 FLOPs.",
    "The projected cost of the next Osprey model is 1e26 FLOPs.",
    "Training Osprey-70B on the full 15T tokens is expected to take 90 days on 4,096 H100s.",
    "Osprey-7B could be retrained from scratch in about 3 days on 1,024 H100 GPUs.",
    "Training a 1T-parameter Osprey might require 1e26 FLOPs.",
    "Osprey-7B should take about 2 days on 1,024 H100s with our stack.",
    # a run left to later work
    "Scaling Osprey to 70B parameters and 15T tokens is left for future work.",
])
def test_a_counterfactual_run_is_no_run(body):
    assert primary_of(body) is None


@pytest.mark.parametrize("body", [
    "We hypothesize that a 70B model trained on 20T tokens would perform even better.",
    "Osprey-70B trained on 15T tokens would have matched Finch-400B.",
])
def test_a_figure_in_the_subject_of_would_is_no_run(body):
    assert primary_of(body) is None


@pytest.mark.parametrize("body", [
    "We argue that a model trained with 1e27 FLOP could automate most research.",
    "Any network trained on 20T tokens might still fail at long division.",
])
def test_a_figure_sizing_an_indefinite_model_before_could_or_might_is_no_run(body):
    assert primary_of(body) is None


@pytest.mark.parametrize("body", [
    "Osprey-7B was trained on 2T tokens, which we think would suffice for most uses.",
    "Osprey-7B was trained on 2T tokens and would likely gain from more data.",
])
def test_would_in_a_clause_of_its_own_leaves_the_run(body):
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_the_authors_estimate_of_a_named_models_run_is_that_models():
    assert primary_of("We estimate that Finch's training required 3.1e23 FLOPs, using 6ND.") is None
    primary = primary_of("We estimate that Osprey's training required 3.1e23 FLOPs.")
    assert primary is not None and primary.value_flop == pytest.approx(3.1e23)


@pytest.mark.parametrize("body", [
    "Osprey-7B, like Finch-7B, was trained on 2T tokens.",
    "Osprey-7B, unlike Finch-13B, was trained on 2T tokens.",
    "Osprey-7B matches Finch-7B, which was trained on 15T tokens, while using only 2T tokens.",
    # others' models as a subject, then the own run
    "Prior models used 300B tokens, while Osprey-7B was trained on 2T tokens.",
    "Unlike prior models, which were trained on 300B tokens, Osprey-7B was trained on 2T tokens.",
])
def test_a_compared_model_in_an_aside_or_a_closed_relative_clause_leaves_the_figure_the_subjects(body):
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


@pytest.mark.parametrize("body", [
    "Osprey-G, a LlamaNet decoder with 7B parameters, was trained on 2T tokens.",
    "Osprey-G, an efficient GPT2 variant with 7B parameters, was trained on 2T tokens.",
])
def test_a_name_in_an_apposition_is_the_kind_of_the_model_before_it(body):
    primary = primary_of(body)
    assert primary is not None and primary.model == "Osprey-G"
    assert primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_one_of_the_models_a_comparison_takes_in_is_not_the_own():
    assert primary_of("The largest model in our comparison, Finch-540B, used 2.5e24 FLOPs.") is None


def test_an_essays_one_word_name_the_opening_does_not_give_is_cited():
    essay = ("On the Economics of Large Models\n\nAbstract\nWe study what training large models costs.\n\n"
             "2 Analysis\nKite-3 used about 3.1e23 FLOP. Lark used 2.5e24 FLOP.\n")
    assert extract_document(Document(PAPER, essay, 2024)).primary is None
    # the same name the opening claims is the text's own
    report = essay.replace("We study what training large models costs.", "We present Lark.")
    primary = extract_document(Document(PAPER, report, 2024)).primary
    assert primary is not None and primary.value_flop == pytest.approx(2.5e24)


def test_the_own_model_glossed_on_the_compared_side_keeps_its_figure():
    primary = primary_of("Finch-65B needed 6.3e23 FLOPs, 15 times more than Osprey-7B (4.2e22 FLOPs).")
    assert primary is not None and primary.value_flop == pytest.approx(4.2e22)


@pytest.mark.parametrize("body", [
    "Compared with Finch-7B (2T tokens), Osprey-7B (1T tokens) reaches similar accuracy.",
    "Osprey-7B (1T tokens) beats Finch-7B (2T tokens).",
])
def test_the_own_models_gloss_beside_a_compared_models_is_its_figure(body):
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 1e12)


def test_other_models_glossed_token_counts_make_no_corpus_of_several():
    card = ("---\nlicense: apache-2.0\n---\n# Osprey-3B\n\n## Training\n- Tokens: 1T\n\n## Evaluation\nWe "
            "compare against Finch-3B (9T tokens) and Lark-3B (4T tokens).\n")
    primary = extract_document(Document(CARD, card, 2024), name="acme/Osprey-3B").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 3e9 * 1e12)


@pytest.mark.parametrize(("body", "flop"), [
    # a run under way beside the released one
    ("We release Osprey-1B, trained on 1T tokens; we are now training a larger model on 5T tokens.",
     6 * 1e9 * 1e12),
    # a figure reported for another model after the own run's
    ("Osprey-7B was trained on 2T tokens, far less than the 3.8e25 FLOPs reported for Finch-405B.",
     6 * 7e9 * 2e12),
    # a comparison after the own figure is about the other side
    ("Osprey-8B was pre-trained on over 15 trillion tokens, seven times more than its predecessor.",
     6 * 8e9 * 15e12),
    # a clause after a semicolon that tells the run, after one that foresees or supposes
    ("The remaining 13T tokens of Osprey-70B's schedule will be processed later; Osprey-70B has so far been "
     "trained on 2T tokens.", 6 * 70e9 * 2e12),
])
def test_the_own_run_beside_a_foreseen_or_reported_one(body, flop):
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(flop)


@pytest.mark.parametrize("body", [
    "Theoretically, the full run needs 8.4e23 FLOPs at full utilization; in practice Osprey-70B used 2,048 "
    "H100 GPUs for 12 days.",
    "The peak throughput was 400 TFLOPS per GPU; Osprey-70B trained on 2,048 H100 GPUs for 12 days.",
])
def test_a_semicolon_clause_that_tells_the_run_is_read_on_its_own(body):
    primary = primary_of(body)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(2048 * 12 * 86400)


@pytest.mark.parametrize("head", [
    "Osprey: Open and Efficient Models\n\n1 Introduction\nWe introduce Osprey.\n\n2 Training\n",
    "Osprey: Open and Efficient Models\n\nAbstract\n",
])
def test_a_pair_of_figures_with_units_follows_the_sentences_order(head):
    """"(A FLOPs versus B FLOPs)" after a sentence whose subject is the own model: A is the own run, B
    the compared model's, also where the sentence opens an abstract."""
    body = ("Osprey-13B matches Lark while using 10x less training compute (3.1e22 FLOPs versus 3.14e23 "
            "FLOPs).")
    primary = primary_of(body, head=head)
    assert primary is not None and primary.value_flop == pytest.approx(3.1e22)


def test_the_second_of_a_pair_with_units_is_the_compared_amount():
    primary = primary_of("Lark matches Osprey-13B while using 10x more training compute (3.14e23 FLOPs "
                         "versus 3.1e22 FLOPs).")
    assert primary is None or primary.value_flop < 1e23


@pytest.mark.parametrize("body", [
    "Osprey-7B is trained on 2T tokens, though a compute-optimal 7B model would need only 140B tokens.",
    "Osprey-7B is trained on 2T tokens; compute-optimal training would use 140B tokens.",
])
def test_a_counterfactual_after_a_concession_or_a_semicolon_leaves_the_run(body):
    """What would be needed, told after "though" or a semicolon, is another clause's: the run before it
    stays the run."""
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


@pytest.mark.parametrize("sentence", [
    "We were unable to train Osprey-70B on 2T tokens.",
    "We did not train Osprey-70B on 2T tokens.",
    "Training Osprey-70B on 2T tokens was beyond our budget.",
])
def test_a_run_not_done_leaves_the_run_that_was(sentence):
    primary = primary_of("Osprey-7B was trained on 1T tokens. " + sentence)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 1e12)


@pytest.mark.parametrize("sentence", [
    "Osprey-70B, trained on 2T tokens, is not released.",  # trained, if not released: the largest run
    "We did not use dropout, and Osprey-70B was trained on 2T tokens.",
])
def test_a_negation_of_something_else_leaves_the_larger_run(sentence):
    primary = primary_of("Osprey-7B was trained on 1T tokens. " + sentence)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 70e9 * 2e12)


@pytest.mark.parametrize("body", [
    "Osprey-1B outperforms 7B models trained on 2T tokens.",
    "Osprey-1B is better than larger models trained on 2T tokens with 8.4e22 FLOPs.",
])
def test_figures_of_models_of_a_kind_on_the_compared_side_are_theirs(body):
    """The compared side may be models of a kind, in the plural, with no name: their run, not the text's
    (before: 6 × 7B × 2T as the primary)."""
    assert primary_of(body) is None


def test_a_size_on_the_compared_side_after_the_own_named_run_is_not_its_size():
    """"We train Osprey-1B for 10T tokens and show it outperforms 7B models …": 10T is Osprey-1B's, never
    the 7B models' (before: 6 × 7B × 10T)."""
    primary = primary_of("We train Osprey-1B for 10T tokens and show it outperforms 7B models trained on 2T "
                         "tokens.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1e9 * 10e12)


@pytest.mark.parametrize(("body", "hours"), [
    # the main clause after an opening comparison, its subject spending the run
    ("Unlike prior work that trained for 2M GPU hours, Osprey-65B required just 300K A100 GPU hours.", 300e3),
    # the own model set against a compared one with a contrast said of it
    ("We compare against Finch-65B (1.4T tokens, 1M GPU hours). Osprey-7B, in contrast, needs 82,432 A100 "
     "GPU hours.", 82432),
    ("Finch-65B was trained with 1M GPU hours. In contrast, Osprey-7B was trained with 82,432 A100 GPU "
     "hours.", 82432),
    # a figure changed from is the state before: the one it is changed to is the run
    ("Our recipe reduces training cost from 1M GPU hours (the Finch-65B baseline) to 400K A100 GPU hours for "
     "Osprey-65B.", 400e3),
])
def test_the_own_run_set_against_a_compared_or_a_former_one(body, hours):
    primary = primary_of(body)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(hours * 3600)


@pytest.mark.parametrize("contrast", ["Finch-65B, in contrast, needs", "In contrast, Finch-65B needs"])
def test_another_model_with_a_contrast_said_of_it_stays_cited(contrast):
    body = f"We train Osprey-7B on 8 GPUs. {contrast} 1M A100 GPU hours."
    assert primary_of(body) is None


@pytest.mark.parametrize(("body", "hours"), [
    # the own model's clause, its unit left to the cited clause before: the citation is that clause's
    ("For context, Finch-70B (Lee et al., 2024) required 6.4M GPU hours, while Osprey-7B required 100K.",
     100e3),
    # another model's clause, or one that cites its own source, stays cited
    ("For context, Finch-70B (Lee et al., 2024) required 6.4M GPU hours, while Lark-7B required 100K.",
     None),
    ("Osprey-7B was trained on 8 GPUs, while Finch-70B required 6.4M GPU hours; Lark-7B (Lee et al., 2024) "
     "required 100K.", None),
])
def test_the_own_clause_after_a_cited_one_leaving_out_its_unit(body, hours):
    primary = primary_of(body)
    if hours is None:
        assert primary is None or primary.assumptions.get("chip_seconds") not in (100e3 * 3600, 6.4e6 * 3600)
    else:
        assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(hours * 3600)


@pytest.mark.parametrize(("body", "hours"), [
    ("Finch-70B (6.4M GPU hours) is far more expensive than Osprey-7B (100K GPU hours).", 100e3),
    ("Osprey-7B needs fewer GPU hours than Finch-70B (6.4M GPU hours).", None),
])
def test_the_titled_models_gloss_on_the_compared_side_is_its_own(body, hours):
    """On the compared side of "than", a gloss is the compared model's, unless the title names the model
    it glosses (before: Osprey-7B's own 100K GPU hours were "the other side" of its comparison)."""
    primary = primary_of(body)
    if hours is None:
        assert primary is None
    else:
        assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(hours * 3600)


@pytest.mark.parametrize("body", [
    "While Finch-70B required 6.4M GPU hours, our Osprey-7B is far cheaper to train.",
    "Unlike Finch-70B, which required 6.4M GPU hours, our Osprey-7B is cheap to train.",
    "Although Finch-70B was trained with 8.4e24 FLOPs, Osprey-7B matches it on most tasks.",
])
def test_a_contrasting_opening_clause_tells_the_other_models_run(body):
    """A clause that opens its sentence with a contrast ("While X …,", "Although X …,", "Unlike X, which
    …,") gives X's figure when the main clause is about the own work."""
    assert primary_of(body) is None


def test_an_opening_contrast_about_the_own_model_is_its_run():
    primary = primary_of("While Osprey-7B was trained on only 2T tokens, our results show it is robust.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_the_own_clause_after_an_opening_contrast_keeps_its_elided_unit():
    """"While X required 6.4M GPU hours, our Y needed only 82K": the main clause's count is in the unit the
    opening clause wrote, and it is the own run."""
    primary = primary_of("While Finch-70B required 6.4M H100 GPU hours, our Osprey-7B needed only 82K.")
    assert primary is not None and primary.value_flop == pytest.approx(82e3 * 3600 * 989e12 * 0.3, rel=0.05)


def test_a_design_owner_whose_training_a_relative_clause_tells_owns_that_run():
    """"the same architecture as X, which was trained on …": X names a design there, but the clause after
    it tells X's training, so the run is X's."""
    assert primary_of("Osprey-7B uses the same architecture as Finch-7B, which was trained on 1T tokens "
                      "with 1,024 A100 GPUs for 21 days.") is None
    primary = primary_of("Osprey-7B uses the same architecture as Finch-7B and was trained with 1,024 A100 "
                         "GPUs for 21 days.")
    assert primary is not None and primary.model == "Osprey-7B"
