"""Short texts of our own in the shapes of surveys and position papers: figures of several models
quoted in one sentence, the two ends of a span "from X to Y", and a cluster's time in service; and the
names such texts write ("Kite 3.1 405B", a name that ends its sentence)."""

from __future__ import annotations

import pytest

from curation.extract.context import eligible
from curation.extract.engine import extract
from curation.extract.model_names import looks_like_a_model, model_before

HEAD = "Compute Thresholds in Practice\n\nAbstract\nWe discuss thresholds.\n\n2 Background\n"


def _estimates(body: str):
    return extract(HEAD + body + "\n", 2025).estimates


def test_figures_of_several_models_quoted_with_hearsay_are_all_cited():
    estimates = _estimates("Kite-4 is estimated to have used around 2e25 FLOP, Finch Ultra 5e25 FLOP, and "
                           "Wren 3.1 405B 3.8e25 FLOP.")
    assert len(estimates) == 3 and not any(eligible(e) for e in estimates)


def test_the_ends_of_a_span_of_figures_are_no_runs():
    estimates = _estimates("Training compute has grown from about 1e15 FLOP (Kite-5) to over 1e25 FLOP "
                           "(Wren-4) in thirty years.")
    assert estimates and not any(eligible(e) for e in estimates)


def test_a_clusters_time_in_service_is_no_training_run():
    estimates = _estimates("Our cluster of 2,048 H100 GPUs delivers 1.4 exaFLOPS and has been in operation "
                           "for 18 months, and has been used for 12 months by three teams.")
    assert not any(eligible(e) for e in estimates)


def test_a_cluster_that_has_been_training_for_a_time_is_a_run():
    primary = extract("Osprey\n\nOur cluster of 512 A100 GPUs has been used for 21 days to train Osprey.\n",
                      2024).primary
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(512 * 21 * 86400)


@pytest.mark.parametrize(("name", "model"), [("Wren 3.1 405B", True), ("Wren 2 70B", True),
                                             ("With 7B", False), ("Wren", False), ("LM 2 1.6B", False)])
def test_a_family_with_its_version_and_size_apart_is_a_model(name, model):
    assert looks_like_a_model(name) is model


def test_a_name_that_ends_its_sentence_leaves_the_point():
    sentence = "The training compute was 8e22 FLOPs for Osprey-70B."
    assert model_before(sentence, sentence.index("8e22")) == "Osprey-70B"


def test_a_statistics_subject_is_no_run():
    estimates = _estimates("The median training run in our sample used 256 GPUs for 10 days.")
    assert estimates and not any(eligible(e) for e in estimates)


def test_a_clusters_time_in_service_under_a_training_heading_is_still_no_run():
    text = ("Osprey\n\n3 Training\nOur shared cluster of 1,024 A100 GPUs has been running since 2021, for 20 "
            "months.\n")
    assert not any(eligible(e) for e in extract(text, 2023).estimates)


def test_a_run_told_in_the_same_words_several_times_is_no_survey_of_many_runs():
    run = "Both phases of training ran on 128 A100 GPUs for a total of 20,051 A100 hours."
    others = "The first phase took 1.6 days. The second phase took 4.9 days on 128 A100 GPUs."
    text = "Osprey Diffusion\n\nAbstract\nWe introduce Osprey Diffusion.\n\n2 Training\n" + \
        "\n\n".join([f"{run} {others}"] * 3) + "\n"
    primary = extract(text, 2023).primary
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(20051 * 3600)


@pytest.mark.parametrize("body", ["The Act presumes systemic risk above 10^25 FLOP.",
                                  "Reporting requirements apply above 1e26 FLOP of training compute."])
def test_a_threshold_a_rule_sets_is_no_run(body):
    """A threshold set by a rule need not name models ("… presumes systemic risk above 10^25 FLOP"); it is
    a bound, not a run (before: the text's primary)."""
    estimates = extract(f"Trends in the Cost of Training Frontier Models\n\n{body}\n", 2025).estimates
    assert estimates and not any(eligible(e) for e in estimates)


def test_a_models_training_as_the_subject_tells_of_that_model():
    """"For example, training Kite-3 required …" in an essay that trains nothing is Kite-3's run, as "Kite-3
    required …" is; and "The" of the title "The Cost of …" is no own model's name."""
    text = ("The Cost of Training\n\nAbstract\nWe propose a standard for reporting the energy used to train "
            "models.\n\n1 Introduction\nFor example, training Kite-3 required about 3.6 × 10^23 FLOPs.\n")
    estimates = extract(text, 2025).estimates
    assert estimates and not any(eligible(e) for e in estimates)


def test_the_authors_lower_bound_on_their_own_run_stays_a_run():
    text = ("Heron: Open Models\n\nAbstract\nWe introduce Heron.\n\n3 Training\n"
            "We trained Heron-70B with more than 3e24 FLOPs, as we report in Table 2.\n")
    primary = extract(text, 2025).primary
    assert primary is not None and primary.value_flop == pytest.approx(3e24)


@pytest.mark.parametrize("body", [
    "Our dataset includes 300 models; the largest, Finch-Ultra, was trained with 5e25 FLOPs.",
    "Our dataset includes 300 models. The largest, Finch-Ultra, was trained with 5e25 FLOPs.",
    "Among the 120 notable systems in our database, Finch-Ultra used the most compute: 5e25 FLOPs.",
])
def test_a_member_of_the_collection_a_text_gathers_is_no_run_of_its_own(body):
    """A sentence that tells what the text's dataset or sample holds, or a bare superlative right after
    one, gives its members' figures."""
    estimates = extract(f"Trends in the Cost of Training Frontier Models\n\n{body}\n", 2025).estimates
    assert estimates and not any(eligible(e) for e in estimates)


def test_the_largest_of_the_own_models_is_still_the_own_run():
    primary = extract("Wren: Open Models\n\nWe train three models. The largest, Wren-7B, was trained with "
                      "8.4e22 FLOPs.\n", 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(8.4e22)


@pytest.mark.parametrize("title, body", [
    ("Wren-Quant: 2-bit Quantization", "Quantizing Finch-405B (pre-trained with 3.8e25 FLOPs) takes 6 hours "
                                       "on a single H100."),
    ("Wren-Serve: Fast Inference", "Serving Finch-70B (trained on 15T tokens with 6.3e24 FLOPs) needs 64 "
                                   "GPUs."),
])
def test_a_model_a_sentence_opens_by_using_is_used_not_trained(title, body):
    """A sentence whose subject is a use of a model ("Quantizing X …") uses X: X's figures there are
    cited."""
    assert extract(f"{title}\n\n{body}\n", 2025).primary is None
