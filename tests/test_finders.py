"""Each evidence finder on short sentences shaped like real papers' and model cards'."""

from __future__ import annotations

import pytest

from curation.extract.context import eligible
from curation.extract.device_sentences import find_device_counts
from curation.extract.device_time import find_hardware, unknown_accelerators
from curation.extract.evidence import FINETUNING, HARDWARE, OPERATION_COUNTING, REPORTED
from curation.extract.finders import find_reported, find_table_totals
from curation.extract.operation_counting import find_operation_counting


def hardware(text: str, year: int | None = None) -> list:
    """Every hardware-method estimate: device time ("GPU-hours") and device counts with a duration."""
    return find_hardware(text, year) + find_device_counts(text, year)


def only(estimates):
    assert len(estimates) == 1, estimates
    return estimates[0]


@pytest.mark.parametrize(("sentence", "flop"), [
    ("The final model was trained with 3.14E+23 FLOPs in total over the whole run.", 3.14e23),
    ("Training the model took 3.14 × 10^23 floating point operations on our cluster.", 3.14e23),
    ("We estimate that pre-training used roughly 1e24 FLOP across all of the stages.", 1e24),
    ("Our largest model used ~4.30E+23 FLOPs during pre-training on the full corpus.", 4.3e23),
    ("The largest model consumed 3,640 petaflop/s-days of compute during pre-training.", 3640 * 8.64e19),
    ("Training this network took about 2 zetta FLOPs in total on our own hardware.", 2e21),
    ("The run needed 5.76 × 10²³ FLOPs in total, which we spent over three months.", 5.76e23),
])
def test_reported_totals_are_read(sentence, flop):
    estimate = only(find_reported(sentence))
    assert estimate.method == REPORTED and estimate.value_flop == pytest.approx(flop)
    assert eligible(estimate)
    assert sentence[estimate.evidence[1].start: estimate.evidence[1].end] == estimate.evidence[1].text


@pytest.mark.parametrize("sentence", [
    "Each forward pass of the model needs 3.5e11 FLOPs per token at inference time in our setup.",
    "Given a compute budget of 1e25 FLOPs, the optimal model would have 40 billion parameters.",
    "The H100 delivers a peak of 9.89e14 FLOPs on dense matrix multiplications with bfloat16.",
    "GPT-3 (Brown et al., 2020) was trained with 3.14e23 FLOPs according to the original paper.",
    "Compute spans from 4e+21 to 8e+23 FLOPs in the large-scale era of machine learning.",
])
def test_figures_that_are_not_this_texts_training_total_are_not_eligible(sentence):
    assert not any(eligible(e) for e in find_reported(sentence))


def test_flattened_table_row_with_agreeing_pf_days_and_flop():
    text = ("Model\nTotal train\ncompute\n(PF-days)\nTotal train\ncompute\n(flops)\nParams\n"
            "Small 2.60E+00 2.25E+20 125 300\nLarge 3.64E+03 3.14E+23 174,600 300\n")
    estimates = find_table_totals(text)
    assert [e.model for e in estimates] == ["Small", "Large"]
    large = estimates[1]
    assert large.value_flop == 3.14e23 and large.confidence == "Confident"


def test_table_of_projected_optimal_budgets_is_not_eligible():
    text = ("Table 3: Estimated optimal training FLOPs and training tokens\nParameters FLOPs Tokens\n"
            "175 Billion 3.85e+24 3.7 Trillion\n")
    assert not any(eligible(e) for e in find_table_totals(text))


@pytest.mark.parametrize(("sentence", "flop", "accelerator"), [
    ("We trained the model on 1024 TPU v3 chips for 2 weeks using data parallelism.",
     1024 * 14 * 86400 * 123e12 * 0.3, "TPU v3"),
    ("DistilBERT was trained on 8 × 16GB V100 GPUs for approximately 90 hours.",
     8 * 90 * 3600 * 125e12 * 0.33, "V100"),
    ("Pre-training the model took 2.788M H800 GPU hours in total.",
     2.788e6 * 3600 * 989.4e12 * 0.3, "H800"),
    ("In total, 1720320 GPU hours on A100-80GB were used to train the model.",
     1720320 * 3600 * 312e12 * 0.3, "A100 SXM"),
    ("The model was trained for 4 days on 8 A100s with a cosine schedule.",
     8 * 4 * 86400 * 312e12 * 0.3, "A100 SXM"),
    ("Training took 3.5 days on 8 P100 GPUs.",  # short, and FP32: the P100 has no tensor units
     8 * 3.5 * 86400 * 10.6e12 * 0.33, "P100"),
])
def test_hardware_time_estimates(sentence, flop, accelerator):
    estimate = only(hardware(sentence))
    assert estimate.method == HARDWARE and estimate.value_flop == pytest.approx(flop, rel=1e-3)
    assert estimate.assumptions["accelerator"] == accelerator
    assert "default" in estimate.assumptions["utilization_source"]


def test_tpu_v3_core_days_count_half_a_chip():
    estimate = only(hardware("The model was trained for a total of 2.5k TPUv3-core days on our pods."))
    assert estimate.value_flop == pytest.approx(2500 / 2 * 86400 * 123e12 * 0.3)


def test_stated_mfu_and_precision_are_used():
    estimate = only(hardware(
        "We reach 46.2% MFU in fp32 when training on 64 A100 GPUs for 10 days in total."))
    assert estimate.assumptions["utilization"] == pytest.approx(0.462)
    assert estimate.assumptions["peak_flop_per_second"] == 19.5e12


def test_unknown_accelerator_gives_no_hardware_estimate_and_is_named():
    sentence = "We trained on 512 Z9000 chips for 3 weeks using our own framework."
    assert hardware(sentence) == []
    assert unknown_accelerators(sentence) == ["Z9000"]
    assert unknown_accelerators("We trained on 512 A100 GPUs for 3 weeks.") == []


def test_inference_hardware_is_not_training():
    assert not any(eligible(e) for e in hardware(
        "For inference we host the model on 8 A100 GPUs for 3 days of evaluation."))
    assert not any(eligible(e) for e in hardware(
        "Serving the trained model took 8 A100 GPUs for 3 days of evaluation traffic."))


def test_operation_counting_pairs_parameters_and_tokens_in_one_sentence():
    estimate = only(find_operation_counting(
        "We verify this by training a more compute-optimal 70B model, called Chinchilla, "
        "on 1.4 trillion tokens."))
    assert estimate.method == OPERATION_COUNTING
    assert estimate.value_flop == pytest.approx(6 * 70e9 * 1.4e12)


def test_operation_counting_prefers_active_parameters_and_counts_epochs():
    estimate = only(find_operation_counting(
        "The model has 47B total parameters but 13B active parameters and saw 100B tokens for 2 epochs."))
    assert estimate.assumptions["active_parameters"] is True
    assert estimate.value_flop == pytest.approx(6 * 13e9 * 100e9 * 2)


def test_fine_tuning_compute_is_reported_separately():
    estimate = only(hardware("Fine-tuning the released base model took 64 A100 GPUs for 2 days."))
    assert estimate.stage == FINETUNING


def test_a_table_row_with_only_a_hash_under_a_compute_header_is_no_figure():
    text = ("| file | training compute (FLOP) | sha256 |\n|---|---|---|\n"
            "| weights.bin | unknown | 9f3e7a01c2 |\n")
    assert find_table_totals(text) == []


def test_anchor_words_are_found_leftmost_longest_like_one_alternation():
    import re

    from curation.extract.anchors import ANCHOR_LIST, _occurrences
    text = ("we trained on 64 tpuv3 chips and 8 a100 gpus (a10g for inference): 3.1e23 flops, "
            "12 petaflop/s-days, 2t tokens, 7b params; the core score on tpu v4 devices — "
            "on 8 × h100 “gpus”, 1,000 gpu·hours ≈ 3×10²³ flop").lower()
    alternation = re.compile("|".join(re.escape(word) for word in ANCHOR_LIST))
    assert _occurrences(text) == [(m.start(), m.end(), m.group(0)) for m in alternation.finditer(text)]
    # an accelerator's longer forms are left to their first word ("tpuv3" to "tpu", "a10g" to "a10"): a
    # hit's start is what an anchor gives; "petaflop" still beats "flop"
    found = {(start, word) for start, _, word in _occurrences(text)}
    expected = {("tpuv3", "tpu"), ("a10g", "a10"), ("petaflop", "petaflop")}
    assert {(text.index(written), word) for written, word in expected} <= found


def test_the_anchor_automaton_keeps_to_its_fast_size():
    from curation.extract.anchors import ANCHOR_LIST
    assert len(ANCHOR_LIST) <= 96  # past about a hundred words its scan of every text slows threefold
