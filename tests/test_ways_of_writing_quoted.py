"""Short texts of our own, in the shapes of sentences that Epoch AI's notes quote from real papers and
cards (see ``bench/epoch_quotes.py``): a learned tokenizer's training, a pod of unstated size, device
time listed by stage, a mixture's total named again, a GPU guessed from the year, a corpus built."""

from __future__ import annotations

import pytest

from curation.extract.device_sentences import device_counts
from curation.extract.engine import extract
from curation.extract.evidence import Span

TITLE = "Osprey: Open and Efficient Models\n\n1 Introduction\nWe introduce Osprey.\n\n2 Training\n"
A100_HOUR = 3600 * 312e12 * 0.3


def _primary(body: str, year: int = 2024):
    return extract(TITLE + body + "\n", year).primary


def _span(text: str) -> Span:
    return Span(text, 0, len(text))


# -- what device time is for ---------------------------------------------------------------------------

def test_training_a_learned_tokenizer_is_training():
    primary = _primary("The visual tokenizer training takes 64 A100 GPUs for 80 hours. The generator "
                       "training takes 16 A100 GPUs for 10 hours.")
    assert primary is not None
    assert primary.value_flop == pytest.approx(64 * 80 * A100_HOUR, rel=0.01)


def test_tokenizing_a_corpus_is_still_no_training():
    primary = _primary("Tokenizing the corpus takes 64 A100 GPUs for 80 hours. Training Osprey takes 16 "
                       "A100 GPUs for 10 hours.")
    assert primary is not None
    assert primary.value_flop == pytest.approx(16 * 10 * A100_HOUR, rel=0.01)


# -- machines of unstated size -------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "We train Osprey on a TPU v3 Pod for two days.",
    "We train Osprey on a Cloud TPU pod for two days.",
    "Osprey is trained on a GPU cluster for two days.",
    "We train on 4 GPU nodes for two days.",
])
def test_a_pod_or_cluster_of_unstated_size_is_no_count_of_one(sentence):
    assert device_counts(_span(sentence)) == []
    assert _primary(sentence) is None


@pytest.mark.parametrize(("sentence", "count"), [
    ("We train Osprey on a TPU v3-256 pod for two days.", 128),
    ("We train on 16 GPU nodes, each with 8 A100 GPUs, for two days.", 128),
    ("We train on a single V100 for two days.", 1),
])
def test_a_machine_sized_in_devices_still_counts(sentence, count):
    assert max(c for c, *_ in device_counts(_span(sentence))) == count


# -- device time listed by stage -----------------------------------------------------------------------

def test_each_item_of_a_stage_list_has_its_own_stage():
    text = ("Training time: Pretraining: 120K A100 hours Annealing: 30K A100 hours SFT: 900 A100 hours "
            "DPO: 200 A100 hours")
    estimates = [e for e in extract(TITLE + text + "\n", 2024).estimates if e.method == "hardware"]
    stages = {round(e.value_flop / A100_HOUR): e.stage for e in estimates}
    assert stages == {120_000: "pretraining", 30_000: "pretraining", 900: "finetuning", 200: "finetuning"}
    assert _primary(text).value_flop == pytest.approx(120_000 * A100_HOUR, rel=0.01)


# -- a mixture of experts' total, named again ------------------------------------------------------------

def test_a_mixtures_total_stays_a_total_where_a_name_repeats_it():
    primary = _primary("We scale our MoE model up to 30B total parameters and train it on 3T tokens. We "
                       "then train Osprey 30B on a corpus of 3T tokens.")
    assert primary is None or primary.value_flop < 0.5 * 6 * 30e9 * 3e12


def test_a_dense_size_the_text_never_calls_a_total_still_counts():
    primary = _primary("We train Osprey 30B on a corpus of 3T tokens.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 30e9 * 3e12)


# -- a GPU guessed from the year -------------------------------------------------------------------------

def test_a_gpu_guessed_from_the_year_does_not_outrank_a_stated_count():
    primary = _primary("Training the largest model required a total of 256 GPUs for 30 days. The largest "
                       "model has 2B parameters and processed a total of 400B tokens during training.")
    assert primary is not None and primary.method == "operation_counting"
    assert primary.value_flop == pytest.approx(6 * 2e9 * 400e9)
    assert any("conflict" in note for note in primary.notes)


def test_a_gpu_guessed_from_the_year_still_gives_a_figure_alone():
    primary = _primary("Training the largest model required a total of 256 GPUs for 30 days.", 2023)
    assert primary is not None and primary.assumptions["accelerator"] == "A100 SXM"
    assert primary.confidence == "Speculative"


# -- a corpus built, not said to be trained on -------------------------------------------------------------

def test_a_corpus_built_is_not_the_tokens_a_size_trained_on():
    primary = _primary("We introduce Osprey, a language model with about 90B parameters, by compiling a "
                       "multilingual corpus of 700B tokens. The 80B model was trained with 250B tokens.")
    assert primary is not None
    assert primary.assumptions["training_tokens"] == pytest.approx(250e9)


def test_a_size_and_a_token_count_alone_are_still_a_run():
    primary = _primary("Scaling up (up to 9B params, ~1 trillion tokens) gives the best results. Ablations "
                       "use 30B tokens.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 9e9 * 1e12)
