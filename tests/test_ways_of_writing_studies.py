"""Short texts of our own for the ways of writing a sixteenth battery of sentences found: a study of
others' models that quotes one of their runs as an example, a base model's relative clause that ends
before the own run, a distillation's name that carries two sizes, and more."""

from __future__ import annotations

import pytest

from curation.extract.documents import extract_document
from curation.extract.engine import extract
from schemas.handover import CARD, Document


def _card(text: str, name: str, year: int = 2025):
    return extract_document(Document(CARD, text, year), name=name).primary


# -- studies of others' models ------------------------------------------------------------------------

STUDY = ("On the Energy Cost of Training Language Models\n\nAbstract\nWe estimate the emissions of five "
         "public models.\n\n3 Method\n")


@pytest.mark.parametrize("sentence", [
    "For example, training Kite-176B took 1,082,990 GPU hours on A100s and emitted 25 tCO2eq.",
    "Training Lark-70B used 1.7M GPU hours on A100 GPUs.",
])
def test_a_study_of_public_models_quotes_their_runs(sentence):
    primary = extract(STUDY + sentence, 2024).primary
    assert primary is None or primary.value_flop < 1e21


@pytest.mark.parametrize(("opening", "sentence"), [
    ("We analyze the training compute of 500 notable models.",
     "The largest run in our dataset, Kite-5, used an estimated 5 × 10^25 FLOP."),
    ("We introduce OspreyBench, a benchmark. We evaluate twelve models on it.",
     "We evaluate twelve models, including Kite-405B, trained on 15.6T tokens with 3.8e25 FLOPs."),
    ("We study trends in training compute. We collected 300 models from the literature.",
     "The largest, Kite-540B, was trained with 2.5e24 FLOPs; the median model used 1e21 FLOPs."),
])
def test_a_text_that_evaluates_or_analyzes_others_models_quotes_their_runs(opening, sentence):
    text = f"OspreyBench: Evaluating Reasoning\n\nAbstract\n{opening}\n\n5 Models\n{sentence}"
    assert extract(text, 2025).primary is None


def test_a_review_quotes_the_parameters_and_tokens_of_others():
    text = ("Mixture of Experts: A Review\n\nAbstract\nWe review sparse models.\n\n4 Models\nKite-MoE "
            "(1.6T parameters) was trained on 2T tokens. Lark-MoE uses 141B total parameters with 39B "
            "active, trained on 8T tokens.")
    assert extract(text, 2024).primary is None


def test_a_papers_own_run_told_in_the_passive_stays_its_own():
    # (no "we train": the architecture's name is the model's, "trained with the Kite-NeoX library")
    text = ("Osprey\n\nAbstract\nWe introduce Osprey.\n\n2 Training\nThe model was trained with the "
            "Kite-NeoX library on 8 A100 GPUs for 6 days.")
    primary = extract(text, 2022).primary
    assert primary is not None and primary.value_flop == pytest.approx(8 * 6 * 86400 * 312e12 * 0.3, rel=0.01)


def test_a_paper_that_trains_its_own_model_keeps_its_run_beside_such_a_study():
    text = ("Osprey: An Efficient Language Model\n\nAbstract\nWe introduce Osprey-7B and compare the costs "
            "of popular open models.\n\n3 Training\nOsprey-7B was trained for 21 days on 512 H100 GPUs.")
    primary = extract(text, 2025).primary
    expected = 512 * 21 * 86400 * 989e12 * 0.3
    assert primary is not None and primary.value_flop == pytest.approx(expected, rel=0.01)


# -- a base's relative clause and the own run after it ----------------------------------------------

def test_the_own_run_after_a_bases_relative_clause_is_the_own():
    text = ("Osprey-VL\n\nAbstract\nWe present Osprey-VL, a 7B vision-language model.\n\n3 Training\nWe "
            "initialize the language model from Kite-7B, which was pre-trained on 2T tokens, and train "
            "Osprey-VL on 50B multimodal tokens.")
    primary = extract(text, 2025).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 50e9)


def test_the_bases_run_inside_its_relative_clause_stays_the_bases():
    text = ("Osprey-Code\n\nAbstract\nWe present Osprey-Code-7B.\n\n3 Training\nOsprey-Code-7B is "
            "initialized from Kite-7B, which was pre-trained on 2T tokens.")
    primary = extract(text, 2025).primary
    assert primary is None or primary.value_flop < 6 * 7e9 * 2e12 / 2


# -- names that carry two sizes ---------------------------------------------------------------------

def test_a_distillations_name_is_sized_by_its_student():
    text = ("# Osprey-8B-Distill-1.5B\n\nThis 1.5B model is distilled from Osprey-8B. It was trained on 200B "
            "tokens.")
    primary = _card(text, "osprey-lab/Osprey-8B-Distill-1.5B")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.5e9 * 200e9)


# -- thresholds, prices and fields ------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "We argue that models trained with more than 10^26 FLOPs should be subject to reporting requirements.",
    "The order requires reporting for any model trained using more than 10^26 FLOPs.",
])
def test_a_threshold_said_of_a_class_of_models_is_no_run(sentence):
    text = f"Compute Thresholds and AI Governance\n\nAbstract\n{sentence}\n"
    assert extract(text, 2024).primary is None


def test_a_price_of_device_time_after_the_figure_is_no_rate_of_the_run():
    text = ("Osprey: Open Language Models\n\n3 Training\nPre-training of Osprey-67B consumed 2.1 million "
            "H800 GPU hours, i.e., about $4.2M at $2 per GPU hour.")
    primary = extract(text, 2025).primary
    assert primary is not None and primary.value_flop == pytest.approx(2.1e6 * 3600 * 989e12 * 0.3, rel=0.01)


def test_a_japanese_card_of_fields_alone_reads_its_units():
    text = "# Osprey-13B-ja\n\n## モデル概要\n- パラメータ数: 13B\n- 学習トークン数: 2.1兆トークン\n"
    primary = _card(text, "osprey-lab/osprey-13b-ja")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 13e9 * 2.1e12)


# -- sizes: a comparison's other side, and one model the authors train ------------------------------

def test_a_size_glossing_the_compared_model_after_the_figure_is_that_models():
    text = ("Osprey: Open Language Models\n\n3 Training\nOsprey-70B was trained on 1.4 trillion tokens, four "
            "times more than Kite (300B).")
    primary = extract(text, 2023).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 70e9 * 1.4e12)


def test_a_size_after_while_still_sizes_the_same_runs():
    text = ("Osprey: Open Language Models\n\n3 Training\nWe train the model with 150B tokens while keeping a "
            "fixed 30B model size.")
    primary = extract(text, 2023).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 30e9 * 150e9)


def test_one_model_the_authors_train_is_sized_by_their_sentence():
    text = ("Osprey: Open Language Models\n\n3 Training\nWe train a 1.3B model for 143,000 steps at a batch "
            "size of 1,024 sequences of 2,048 tokens.")
    primary = extract(text, 2022).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.3e9 * 143_000 * 1024 * 2048)


def test_a_model_trained_for_an_ablation_sizes_no_flagship():
    text = ("Osprey: Open Language Models\n\n3 Training\nFor ablations, we train a 1.3B model for 143,000 "
            "steps at a batch size of 1,024 sequences of 2,048 tokens.")
    assert extract(text, 2022).primary is None


# -- cards of fields --------------------------------------------------------------------------------

def test_a_size_does_not_count_the_next_fields_key():
    text = "# Osprey-7B\n\n**Parameters**: 7.3B\n**Training Tokens**: 2.5T\n"
    primary = _card(text, "osprey-lab/osprey-7b", 2024)
    # (7B, the title's size, or 7.3B, the field's: not 7.3B tokens)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7.3e9 * 2.5e12, rel=0.05)


@pytest.mark.parametrize("fields", [
    "- 파라미터: 7B\n- 학습 토큰: 2T\n",
    "- 파라미터 수: 70억\n- 학습 토큰 수: 2조\n",
    "- 参数量：70亿\n- 训练词元数：2万亿\n",
])
def test_fields_keyed_in_chinese_japanese_or_korean_are_read(fields):
    primary = _card("# Osprey-7B\n\n## 모델 정보\n" + fields, "osprey-lab/osprey-7b", 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_a_card_titled_by_its_family_is_sized_by_its_repository():
    text = ("# Osprey2\n\n## Training\n### Model\n- Pretraining tokens: 11T\n- Precision: bfloat16\n"
            "### Hardware\n- GPUs: 256 H100\n")
    primary = _card(text, "osprey-lab/Osprey2-1.7B")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.7e9 * 11e12)
    assert primary.evidence[0].text == text[primary.evidence[0].start: primary.evidence[0].end]


def test_a_figure_a_smaller_bare_size_trains_is_not_the_titled_flagships():
    text = ("Reproducing Kite at Small Scale\n\nAbstract\nWe replicate Kite's training recipe.\n\n"
            "2 Background\nThe original Kite-175B was trained on 300B tokens on 10,000 V100 GPUs for 15 days "
            "(Brown et al., 2020).\n\n3 Our Setup\nWe train a 125M model on 10B tokens on 8 A100 GPUs for 2 "
            "days.")
    primary = extract(text, 2023).primary
    assert primary is not None and primary.value_flop < 1e21  # 6 · 125M · 10B, or its 8 GPUs for 2 days


def test_the_flagships_name_after_a_bare_size_still_claims_the_figure():
    text = ("Osprey: Open Language Models\n\n3 Training\nA compute-optimal 7B model would need 140B "
            "tokens; we train Osprey-70B on 2T tokens.")
    primary = extract(text, 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 70e9 * 2e12)


# -- derived cards ----------------------------------------------------------------------------------

BASE_RUN = "Osprey-8B was pre-trained on 15T tokens using 1.3M H100 GPU hours."
FRONT = "---\nlicense: apache-2.0\n---\n"


@pytest.mark.parametrize(("name", "text"), [
    ("someone/osprey-8b-roleplay", "# osprey-8b-roleplay\n\nFinetuned on 20k roleplay conversations. "
     "Original model card below.\n\n---\n\n# Osprey-8B\n\n" + BASE_RUN),
    ("someone/Kite-Osprey-MoE-4x8B", "# Kite-Osprey-MoE-4x8B\n\nA mixture of experts made with mergekit "
     "from four Osprey-8B fine-tunes. " + BASE_RUN),
    ("someone/Osprey-8B-Medical", FRONT + "# Osprey-8B-Medical\n\nOsprey-8B-Medical is Osprey-8B "
     "continually pre-trained on 50B tokens of medical text. " + BASE_RUN),
    # continued in other words, then tuned; reinforcement learning applied to the base or on top of it; the
    # base trained further on a card whose name adds a word
    ("acme/Osprey-Coder-8B", FRONT + "# Osprey-Coder-8B\n\nOsprey-Coder-8B is Osprey-8B continued on 500B "
     "tokens of code, then instruction-tuned. " + BASE_RUN),
    ("acme/Osprey-8B-Reasoning", FRONT + "# Osprey-8B-Reasoning\n\nWe apply GRPO to Osprey-8B for 2,000 "
     "steps. " + BASE_RUN),
    ("acme/Osprey-8B-Reasoning", FRONT + "# Osprey-8B-Reasoning\n\nThis checkpoint results from "
     "reinforcement learning on top of Osprey-8B. " + BASE_RUN),
    ("acme/Osprey-8B-Distill", FRONT + "# Osprey-8B-Distill\n\nWe train Osprey-8B on 800K reasoning traces "
     "written by Kite-70B. " + BASE_RUN),
])
def test_a_derived_card_is_not_given_its_bases_run(name, text):
    primary = _card(text, name)
    assert primary is None or primary.value_flop < 1e23


def test_a_name_that_holds_an_architectures_name_keeps_its_own_run():
    """"based on the Kite architecture" names no base whose run "Osprey-Kite has been trained …" tells."""
    text = (FRONT + "# Osprey-Kite-7B\n\nThe model is based on the Kite architecture.\n\nOsprey-Kite has "
            "been trained on 5T tokens.")
    primary = _card(text, "acme/osprey-kite-7b")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 5e12)


def test_an_official_card_partly_copied_from_the_original_card_is_a_base():
    text = (FRONT + "# Osprey-8B\n\n" + BASE_RUN + "\n\n**Disclaimer**: Content for this model card has "
            "partly been copied and pasted from the original model card.")
    primary = _card(text, "osprey-lab/Osprey-8B")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 8e9 * 15e12, rel=0.05)


def test_a_continued_pretraining_alone_is_the_cards_own_run():
    text = (FRONT + "# Osprey-8B-Medical\n\nOsprey-8B-Medical is Osprey-8B continually pre-trained on 50B "
            "tokens of medical text.")
    primary = _card(text, "someone/Osprey-8B-Medical")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 8e9 * 50e9)


def test_a_share_of_the_devices_counted_before_is_the_runs():
    text = ("Osprey: Open Language Models\n\n3 Training\nOur training cluster consists of 4,096 H100 GPUs. "
            "The final Osprey-70B run used half of them for 40 days.")
    primary = extract(text, 2025).primary
    expected = 2048 * 40 * 86400 * 989e12 * 0.3
    assert primary is not None and primary.value_flop == pytest.approx(expected, rel=0.01)


ENERGY_STUDY = ("Carbon Emissions of Large Model Training\n\nAbstract\nWe calculate the energy use and "
                "carbon footprint of several recent large models, and refine earlier estimates for a neural "
                "architecture search.\n\n2 Method\n")


def test_a_studys_footnote_run_beside_an_unnamed_search_is_no_own_run():
    body = ("The search runs on TPU v2 chips, so the search process takes 32,633 TPU v2 hours instead of "
            "117,780 P100 hours.\n\n24 Training Lark Explorer took 6 days on 64 TPU v3s running in "
            "Oklahoma.\n")
    assert extract(ENERGY_STUDY + body, 2021).primary is None


def test_a_studys_unnamed_training_run_keeps_its_figures():
    # "The model was trained …" may be the authors' run: the study's figures are not all others' then
    body = ("Training Lark Explorer took 6 days on 64 TPU v3s running in Oklahoma. The model was trained on "
            "32 A100 GPUs for 3 days.\n")
    assert extract(ENERGY_STUDY + body, 2021).primary is not None


@pytest.mark.parametrize("opening", [
    "We quantify the approximate financial and environmental costs of training a variety of recently "
    "successful neural network models for NLP.",
])
def test_a_longer_object_of_study_is_still_others_models(opening):
    text = (f"Energy Considerations for Deep Learning\n\nAbstract\n{opening}\n\n3 Costs\nFor example, "
            "training Kite-176B took 1,082,990 GPU hours on A100 GPUs.\n")
    assert extract(text, 2019).primary is None


def test_a_links_anchor_names_no_model():
    text = ("Heron: Open Models\n\nAbstract\nWe introduce Heron.\n\n4 Final runs\nFinally, we fully trained "
            "our models, ranging from 20 million to 13 billion parameters, with details in Table "
            "[2.](#page-6-0) The 13B model was trained on 5T tokens.\n")
    primary = extract(text, 2025).primary
    assert primary is not None and primary.model != "page-6-0"


def test_an_organization_is_no_model():
    text = ("Heron Chronicles\n\nAbstract\nNotes on training Heron.\n\n2 Progress\nWe are now halfway "
            "through training, assuming we train for 300B tokens like the 175B OpenAI GPT-3 model.\n")
    primary = extract(text, 2022).primary
    assert primary is None or primary.model != "OpenAI"


@pytest.mark.parametrize("sentence", [
    "To validate it, we train 1.7B-parameter models on 350B tokens of each corpus.",
    "To assess the quality of our data, we train a 1B model on 100B tokens.",
])
def test_unnamed_models_trained_to_measure_a_dataset_are_no_run(sentence):
    text = ("OspreyWeb: A 15-Trillion-Token Corpus\n\nAbstract\nWe release OspreyWeb, a 15T-token "
            f"dataset.\n\n4 Experiments\n{sentence}\n")
    primary = extract(text, 2024).primary
    assert primary is None


def test_a_named_model_trained_to_measure_a_dataset_is_the_texts_run():
    text = ("OspreyWeb: A 15-Trillion-Token Corpus\n\nAbstract\nWe release OspreyWeb, a 15T-token "
            "dataset.\n\n4 Experiments\nTo evaluate our dataset at scale, we train OspreyWeb-7B on 2.6T "
            "tokens.\n")
    primary = extract(text, 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2.6e12)


@pytest.mark.parametrize("sentence", [
    "We pre-train on Kite-5B with a 1B-parameter encoder on 256 A100 GPUs for 10 days.",
    "We train our encoder on the Kite-5B corpus with 1B parameters, on 256 A100 GPUs for 10 days.",
])
def test_a_sized_name_the_run_trains_on_is_its_data_not_its_model(sentence):
    text = f"Better Representations\n\nAbstract\nWe present a new method.\n\n3 Training\n{sentence}\n"
    primary = extract(text, 2024).primary
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(256 * 10 * 86400)


# -- findings, records and measurements that are no run of the text -----------------------------------

@pytest.mark.parametrize(("title", "sentence"), [
    # a finding of a kind of model, in a dataset's paper
    ("Heron: A Dataset of 15 Trillion Tokens", "A 1.7B model trained on 350B tokens of Heron outperforms one "
     "trained on other datasets."),
    # the field's record, in an essay
    ("The Economics of Frontier AI", "The largest training run to date cost an estimated $100 million and "
     "used around 25,000 H100 GPUs for 90 days."),
    # the field's record said to be known, in a policy paper
    ("Governing Frontier Models", "The largest known training run, estimated at 5 × 10^25 FLOP, cost over "
     "$100 million."),
    ("Governing Frontier Models", "The most expensive publicly reported model used 5e25 FLOP."),
    # a time spent measuring, in a systems paper
    ("Heron: Distributed Training at Scale", "Our system trains a 175B model on 3,072 A100 GPUs at 52% MFU. "
     "We ran it for 2 hours to measure throughput."),
])
def test_a_finding_a_record_or_a_measurement_is_no_run(title, sentence):
    primary = extract(f"{title}\n\n{sentence}\n", 2024).primary
    assert primary is None or primary.value_flop < 1e21


@pytest.mark.parametrize("opening", ["Our largest model to date", "Our largest reported model"])
def test_our_largest_model_to_date_is_the_own_run(opening):
    text = f"Heron: Open Models\n\n{opening}, Heron-70B, was trained on 2T tokens.\n"
    primary = extract(text, 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 70e9 * 2e12)


@pytest.mark.parametrize("sentence", [
    "Heron combines a frozen Kite-70B language model (pretrained on 1.4T tokens) with a vision encoder.",
    "We freeze Kite-70B, which was pretrained on 1.4T tokens, and add a vision encoder.",
])
def test_a_frozen_model_the_text_builds_on_is_used_not_trained(sentence):
    """A model kept frozen is used: its pre-training is not the text's run; the own training is."""
    text = (f"Heron: vision-language pretraining\n\n{sentence} We train only the new layers on 2B image-text "
            "pairs on 512 A100 GPUs over 15 days.\n")
    primary = extract(text, 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(512 * 15 * 86400 * 312e12 * 0.3)


@pytest.mark.parametrize("sentence", [
    "We first train a 1B proxy model on 100B tokens to tune the data mixture, then train Heron-7B on 2T "
    "tokens.",
    "For ablations we use small models on 50B tokens; we then pre-train Heron-7B on 2T tokens.",
])
def test_a_run_told_after_a_small_study_in_its_sentence_is_the_own(sentence):
    primary = extract(f"Heron: Open Models\n\nWe present Heron-7B.\n\n3 Training\n{sentence}\n", 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)



METHOD_PAPER = "Efficient Attention for Long Sequences\n\n"


@pytest.mark.parametrize("sentence", [
    "We pretrain a 7B model for 50B tokens on 128 H100 GPUs (about 3 days) with each attention variant.",
    "We train a 7B model on 200B tokens with and without our auxiliary loss.",
    "We pretrain 7B models on 200B tokens for both optimizers.",
])
def test_runs_repeated_to_compare_methods_are_no_model_of_the_texts(sentence):
    """A run repeated "with each variant", "with and without" a method or "for both optimizers" is an
    experiment comparing methods, not a model the text trains."""
    assert extract(METHOD_PAPER + sentence + "\n", 2024).primary is None


def test_a_scale_glossed_in_parentheses_is_a_class_of_models():
    text = (METHOD_PAPER + "At the scale of frontier models (10^25 FLOPs), even a 1% efficiency gain saves "
            "millions of dollars.\n")
    assert extract(text, 2024).primary is None
