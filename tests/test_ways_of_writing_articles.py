"""Short texts of our own for the ways of writing a twentieth round found, in the sentences Epoch quotes
and in whole documents written for it: an article and a model before a count of devices ("a 540B model
consumes 512 chips"), a TPU slice before "TPUs" ("v3-8 TPUs"), TPU v4 and v5p cores (two a chip) and
machines counted in words; the text's own name before a size after an article ("training an Osprey 540B
model consumes …"); a sparse model's cost told as a dense model's size; sizes written around the own
name ("With 40B parameters, Osprey is …", "Osprey comprises 40 layers with a total of 13B parameters")
and not another size in its sentence; a kind of model ("GPT-style") or software as no name; a study's
total; a pre-training told between commas; and the runs of others: in a text that argues a position,
of a model the authors serve, of a study of recent models, of a released checkpoint the authors use, in
what they evaluate, and in a paper that contributes a method and trains nothing."""

from __future__ import annotations

import pytest

from curation.extract.device_sentences import find_device_counts
from curation.extract.documents import extract_document
from curation.extract.model_names import looks_like_a_model
from schemas.handover import PAPER, Document
from tests.osprey_texts import primary_of

TITLE_OF_KITE = "Kite: Faster Decoding\n\n1 Introduction\nWe introduce Kite, a decoder.\n\n2 Training\n"


@pytest.mark.parametrize(("sentence", "chips"), [
    ("Training a 540B model consumes 512 TPU v4 chips for about 5 days.", 512),
    ("Training a 13B model requires 64 A100 GPUs for 10 days.", 64),
    ("Pre-training a 7B model needs 32 H100 GPUs for 3 weeks.", 32),
])
def test_a_model_between_an_article_and_the_devices_is_no_device_name(sentence, chips):
    found = find_device_counts(sentence, 2023)
    assert [e.assumptions["chips"] for e in found] == [chips]


def test_an_article_before_a_device_still_counts_one():
    found = find_device_counts("We trained the network on a single NVIDIA V100 GPU for 3 days.", 2019)
    assert [e.assumptions["chips"] for e in found] == [1]


@pytest.mark.parametrize(("sentence", "chips"), [
    ("We pre-train Osprey on v3-8 TPUs for 36 hours.", 4),
    ("We pre-train Osprey on a TPU v3-8 for 36 hours.", 4),
    ("We pre-train Osprey on v4-64 TPUs for two days.", 32),
])
def test_a_slice_written_before_tpus_counts_its_chips_of_its_generation(sentence, chips):
    found = find_device_counts(sentence, 2022)
    assert [(e.assumptions["chips"], e.assumptions["accelerator"]) for e in found] == \
        [(chips, "TPU v" + sentence.split(" v")[1][0])]


@pytest.mark.parametrize("name", ["v3-8", "v4-512", "v5e-256"])
def test_a_tpu_slice_is_no_model(name):
    assert not looks_like_a_model(name)


@pytest.mark.parametrize("name", ["InfiniBand", "RoCEv2", "NVSwitch"])
def test_the_network_between_devices_is_no_model(name):
    """ "1,024 × NVIDIA H100 SXM5 80GB (128 nodes), InfiniBand.": the fabric names no model (before: a copy
    of the card's run was "cited" as InfiniBand's)."""
    assert not looks_like_a_model(name)


def test_a_slice_names_no_model_the_text_uses():
    primary = primary_of("We use v3-8 TPUs for all our models. Pre-training Osprey takes about 36 hours.",
                         2020)
    assert primary is not None and primary.assumptions["chips"] == 4


def test_the_titles_name_before_a_size_is_the_own_model():
    primary = primary_of("Training an Osprey 540B model only consumes 512 TPU v4 chips and finishes in "
                         "about 5 days.", 2022)
    assert primary is not None and primary.value_flop == pytest.approx(512 * 275e12 * 0.3 * 5 * 86400)


@pytest.mark.parametrize("sentence", [
    "Training a 540B model consumes 512 TPU v4 chips for about 5 days.",
    "Training a dense 540B model consumes 512 TPU v4 chips for about 5 days.",
    # another model's name before the size, in a text titled by its own
    "Training a Heron 65B model requires 1,024 A100 GPUs for 21 days.",
])
def test_a_model_of_some_size_is_still_said_in_general(sentence):
    assert primary_of(sentence, 2022, head=TITLE_OF_KITE) is None


@pytest.mark.parametrize("sentence", [
    "Osprey-MoE has 269B parameters, with a computational cost comparable to a 32B dense model. "
    "It was pre-trained on 1.5T tokens.",
    "Osprey-MoE has 269B parameters and is FLOP-matched to a 32B dense model. It was pre-trained on 1.5T "
    "tokens.",
])
def test_a_sparse_models_cost_told_as_a_dense_size_is_its_count_per_token(sentence):
    primary = primary_of(sentence, 2022)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 32e9 * 1.5e12)


def test_a_dense_model_of_like_quality_is_no_count_per_token():
    primary = primary_of("Osprey-MoE has 269B parameters and reaches quality comparable to a 32B dense "
                         "model. It was pre-trained on 1.5T tokens.", 2022)
    assert primary is None or primary.value_flop != pytest.approx(6 * 32e9 * 1.5e12)


@pytest.mark.parametrize("sentence", [
    # the size first, the title's name as the subject after it
    "With 40 billion parameters, Osprey is a strong model.",
    "Boasting an impressive 40 billion parameters, Osprey is a welcome addition to open models.",
    # what the name is, then its size
    "Osprey is a decoder-only transformer with 40B parameters.",
    "Osprey is a strong model with about 40 billion parameters.",
])
def test_a_size_told_around_the_own_name_is_the_flagships(sentence):
    primary = primary_of(sentence + " Our pre-training corpus contains 1 trillion tokens.", 2023)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 40e9 * 1e12)


@pytest.mark.parametrize("sentence", [
    "With 70 billion parameters, Kite is a strong model.",
    "Osprey is a smaller model than Kite with 70B parameters.",
])
def test_a_size_told_of_another_name_is_not_the_flagships(sentence):
    assert primary_of(sentence + " Our pre-training corpus contains 1 trillion tokens.", 2023) is None


@pytest.mark.parametrize("sentence", [
    # the title's model as the subject, words of its build between it and its size
    "Osprey comprises 40 layers with a total of 13B parameters.",
    "Osprey is built with 13 billion parameters.",
    "Osprey scales to 13B parameters.",
    "Osprey features 13 billion parameters.",
    "Osprey, with its 13B parameters, is strong.",
    "The largest Osprey model has 13B parameters.",
    "Osprey is a transformer with 40 layers and 13B parameters.",
    "Osprey, a 13-billion-parameter language model, is our flagship.",
    # the size after what it measures
    "The total number of parameters in Osprey is 13B.",
    "Osprey has a total parameter count of 13B.",
    # "our" and the size before the name; a verb of using right before the size
    "Our 13B-parameter Osprey is a decoder-only transformer.",
    "Osprey uses 13B parameters.",
])
def test_more_ways_to_size_the_own_model(sentence):
    primary = primary_of(sentence + " The pre-training corpus contains 2 trillion tokens.", 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 13e9 * 2e12)


@pytest.mark.parametrize("sentence", [
    # words that make the size another model's, though the own model is the subject
    "Osprey is trained on data generated by a model with 70B parameters.",
    "Osprey reaches the accuracy of a 70B-parameter model.",
    "Osprey is evaluated against systems with up to 70B parameters.",
    "Osprey is designed to scale beyond 70B parameters.",
    "Osprey is the student of a 70B-parameter teacher.",
    "Osprey could be scaled to 70B parameters in future work.",
    # after an article, a size of another part or another role
    "Osprey uses a 70B model as its teacher.",
    "Osprey has a 300M-parameter vision encoder and a small decoder.",
    "Osprey has a 70B parameter reward model.",
    "Osprey uses 70B parameters of Kite as its teacher.",
])
def test_another_size_in_the_own_models_sentence_is_not_the_flagships(sentence):
    primary = primary_of("Osprey has 13 billion parameters. " + sentence
                         + " The pre-training corpus contains 2 trillion tokens.", 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 13e9 * 2e12)


@pytest.mark.parametrize(("sentence", "chips"), [
    # a TPU v4 or v5p chip holds two TensorCores, as a v2 or v3 chip does
    ("We pre-train Osprey with 128 TPU v4 cores for 12 days.", 64),
    ("We pre-train Osprey with 256 TPU v5p cores for 12 days.", 128),
    ("We pre-train Osprey with 128 TPU v4 chips for 12 days.", 128),
    # machines counted in words before the devices each holds
    ("Osprey was trained on eight 8×A100 nodes for 12 days.", 64),
    ("Osprey was trained on four 8-GPU A100 servers for 12 days.", 32),
])
def test_tpu_cores_and_machines_in_words(sentence, chips):
    primary = primary_of(sentence, 2023)
    assert primary is not None
    peak = primary.assumptions["peak_flop_per_second"]
    assert primary.value_flop == pytest.approx(chips * peak * 0.3 * 12 * 86400)


@pytest.mark.parametrize("name", ["GPT-style", "BERT-like", "Kite-based", "Heron-sized", "Lark-class"])
def test_a_kind_of_model_is_no_models_name(name):
    assert not looks_like_a_model(name)


def test_a_run_of_models_of_a_kind_carries_no_name():
    primary = primary_of("We train GPT-style models with 125M, 350M and 1.3B parameters on 26B tokens each.",
                         2022)
    assert primary is not None and primary.model is None
    assert primary.value_flop == pytest.approx(6 * 1.3e9 * 26e9)


@pytest.mark.parametrize("sentence", [
    "In total, the study used about 150,000 A100 GPU hours.",
    "In total, our experiments consumed 150,000 A100 GPU hours.",
    "Our experiments together took 150,000 A100 GPU hours.",
    "Our experiments used 150,000 A100 GPU hours in total.",
    "The total compute of our study was 3e22 FLOPs.",
])
def test_a_studys_total_is_no_run(sentence):
    primary = primary_of("We train 48 models; our largest model has 2.8B parameters and was trained on 200B "
                         "tokens. " + sentence, 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 2.8e9 * 200e9)


def test_an_inference_papers_experiments_give_no_run():
    """ "Our experiments used 1,000 GPU hours in total" in a paper that trains nothing (before: a primary
    of 1.07e21 FLOP for an inference engine)."""
    text = ("Osprey: Efficient Inference\n\nWe present Osprey, an inference engine. Serving Kite-70B on 8 "
            "H100 GPUs, Osprey achieves 3x throughput. Our experiments used 1,000 GPU hours in total.\n")
    assert extract_document(Document(PAPER, text, 2024)).primary is None


@pytest.mark.parametrize("sentence", [
    "In this study, we train Osprey on 64 A100 GPUs for 12 days.",
    "In our experiments, we train Osprey on 64 A100 GPUs for 12 days.",
])
def test_a_study_that_frames_the_run_keeps_it(sentence):
    primary = primary_of(sentence, 2023)
    assert primary is not None and primary.value_flop == pytest.approx(64 * 12 * 86400 * 312e12 * 0.3)


def test_a_pretraining_told_between_commas_is_that_figures_stage():
    primary = primary_of("We align Osprey-13B, a 13B-parameter model we pretrained on 1.5T tokens, with RLHF "
                         "to produce Osprey-Chat.", 2024)
    assert primary is not None and primary.stage == "pretraining"
    assert primary.value_flop == pytest.approx(6 * 13e9 * 1.5e12)


def test_a_fine_tuning_told_between_commas_stays_a_fine_tuning():
    primary = primary_of("We pretrain nothing ourselves: Osprey-13B, fine-tuned on 10B tokens of chat, is "
                         "our only model.", 2024)
    assert primary is None or primary.stage == "finetuning"


POSITION = ("Thresholds for Oversight\n\nAbstract\nWe argue that models trained with more than 1e26 FLOPs "
            "should be reported to regulators.\n\n2 Background\n")
SERVING = ("FastServe: Efficient Inference\n\nAbstract\nWe present FastServe, an inference system.\n\n"
           "5 Evaluation\n")


def test_a_position_papers_named_run_is_anothers():
    assert primary_of("Kite-405B was trained with 3.8 × 10^25 FLOPs on 16,384 H100 GPUs over 54 days.",
                      2024, head=POSITION) is None


@pytest.mark.parametrize("verb", ["serve", "deploy"])
def test_a_served_models_pre_training_is_anothers(verb):
    assert primary_of(f"We {verb} Kite-70B on 8 A100 GPUs for 24 hours. Kite-70B was pretrained on 2T tokens "
                      "with 1.7M GPU hours.", 2024, head=SERVING) is None


@pytest.mark.parametrize("name", ["PyTorch", "TensorFlow", "DeepSpeed", "JAX"])
def test_software_is_no_model(name):
    assert not looks_like_a_model(name)


ENERGY = ("Energy Considerations for Deep Learning\n\nAbstract\nWe quantify the energy and carbon costs of "
          "training recent NLP models.\n\n3 Results\n")


@pytest.mark.parametrize("sentence", [
    # the run's length and devices between the name and the verb; a name with a size word after a hyphen
    "Training Kite-base for 79 hours on 64 V100 GPUs used 1,507 kWh.",
    "A neural architecture search for Lark-big ran for about 274,120 GPU hours on P100 GPUs.",
])
def test_a_study_of_recent_models_reports_their_runs(sentence):
    assert primary_of(sentence, 2019, head=ENERGY) is None


def test_a_rate_a_system_sustains_is_no_total():
    assert primary_of("Osprey trains models with over 100B parameters on 400 GPUs, sustaining 15 petaflops.",
                      2020) is None


CIRCUITS = ("Circuits in the Wild\n\nAbstract\nWe reverse-engineer circuits for indirect object "
            "identification in Kite-7B.\n\n2 Setup\n")


def test_a_released_checkpoint_used_is_the_model_named_before():
    body = ("Kite-7B is a 7-billion-parameter decoder-only transformer trained on 2 trillion tokens. We use "
            "the publicly released checkpoint and run all analyses on a single A100 GPU.")
    assert primary_of(body, 2024, head=CIRCUITS) is None


@pytest.mark.parametrize("use", ["We fine-tune it with OspreyTune using only 100 GPU hours.",
                                 "We then evaluate this model with OspreyTune."])
def test_a_model_the_authors_use_by_a_pronoun_is_the_model_named_before(use):
    """ "Kite-70B was pre-trained on 15T tokens using 6.4M GPU hours. We fine-tune it …": "it" is Kite-70B,
    which the text uses and does not train (before: its 2.2e24 FLOP was the method paper's primary)."""
    head = "OspreyTune: Parameter-Efficient Fine-Tuning at Scale\n\n"
    body = f"Kite-70B was pre-trained on 15T tokens using 6.4M GPU hours. {use}"
    primary = primary_of(body, 2024, head=head)
    assert primary is None or primary.value_flop < 1e21


EMERGENCE = "Emergent Abilities Revisited\n\nAbstract\nWe revisit claims of emergence.\n\n3 Models\n"


def test_figures_in_what_the_authors_evaluate_are_others():
    body = ("We evaluate the Kite family (from 125M to 175B parameters, each trained on 300B tokens) and the "
            "Lark family (up to 540B parameters, trained on 780B tokens).")
    assert primary_of(body, 2024, head=EMERGENCE) is None


QUANTX = ("QuantX: 2-bit Quantization\n\nAbstract\nWe present QuantX, a post-training quantization method "
          "that compresses Kite-70B to 2 bits per weight.\n\n4 Experiments\n")


def test_a_method_papers_model_is_anothers():
    body = ("Kite-70B was trained on 2T tokens with 1,720,320 A100 GPU-hours. Quantizing it with QuantX "
            "takes 4 hours on one A100 GPU.")
    assert primary_of(body, 2024, head=QUANTX) is None


def test_a_method_paper_that_trains_keeps_its_runs():
    body = "We train Kite-1B with QuantX-aware training on 100B tokens using 64 A100 GPUs for 5 days."
    primary = primary_of(body, 2024, head=QUANTX)
    assert primary is not None and primary.value_flop > 1e20


def test_a_method_applied_to_train_a_model_keeps_its_run():
    head = ("A New Training Method\n\nAbstract\nWe propose a new training method for language models.\n\n"
            "3 Experiments\n")
    body = ("We apply it to train Osprey-7B. Osprey-7B was trained on 2T tokens using 512 A100 GPUs for 10 "
            "days.")
    primary = primary_of(body, 2024, head=head)
    assert primary is not None and primary.value_flop > 1e22


def test_a_claimed_model_the_authors_compare_keeps_its_run():
    head = ("Scaling Data for Small Models\n\nAbstract\nWe introduce Osprey, a family of small language "
            "models.\n\n3 Results\n")
    body = "We compare Osprey-7B (trained on 2T tokens) with Kite-7B (trained on 1T tokens)."
    primary = primary_of(body, 2024, head=head)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_a_dataset_with_a_longer_name_credited_to_its_authors_leaves_the_run_the_authors():
    primary = primary_of("We pre-train Osprey-7B for 1.5T tokens on a mixture of English-only web dataset "
                         "(Smith et al., 2019) and the dataset from Kite (Jones et al., 2021).", 2022)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 1.5e12)
    assert primary.stage == "pretraining"


def test_a_citation_after_the_pretraining_stretch_still_cites():
    body = "Kite-7B was pretrained on 2T tokens, as reported by Smith et al. (2023)."
    assert primary_of(body, 2023) is None
