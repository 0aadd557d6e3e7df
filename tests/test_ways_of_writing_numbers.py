"""Short texts of our own for numbers and units written in conventions other than the usual ones: digits
grouped by an apostrophe, a decimal comma, token counts in metric units, device time in node-hours."""

from __future__ import annotations

import pytest

from curation.extract.date_ranges import date_range_durations
from curation.extract.device_sentences import find_device_counts
from curation.extract.engine import extract
from curation.extract.markup import plain_text

CARD = "---\nlicense: apache-2.0\n---\n"


# -- digits grouped by an apostrophe -------------------------------------------------------------------

def test_digits_grouped_by_an_apostrophe_are_one_number():
    assert plain_text("Steps: 12'200; batch 1'024; 1’000’000 tokens.") == \
        "Steps: 12200; batch 1024; 1000000 tokens."


@pytest.mark.parametrize("text", [
    "the '90s, Heron's 7B and x['1000']",  # quotes and possessives
    "a height of 5'11 and 1'2345",  # not a group of three digits
])
def test_an_apostrophe_that_groups_no_digits_stays(text):
    assert plain_text(text) == text


def test_a_set_up_with_apostrophe_groups_counts_every_step():
    card = CARD + ("# Heron-1B\n\nHeron-1B is a 1.1B parameter language model.\n\n## Training details\n"
                   "- Training steps: 250'000\n- Batch size: 1'024 sequences\n- Sequence length: 2'048 "
                   "tokens\n- Hardware: 64 A100 GPUs\n")
    primary = extract(card, 2024, "acme/Heron-1B").primary
    assert primary is not None
    assert primary.assumptions["training_tokens"] == pytest.approx(250_000 * 1024 * 2048)


# -- token counts in metric units ------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "read"), [
    ("trained on ~ 5,500 GT mainly from web data.", "trained on ~ 5,500B tokens mainly from web data."),
    ("during the first 50 GT of training.", "during the first 50B tokens of training."),
    ("Heron is pretrained on 14 Teratokens of text.", "Heron is pretrained on 14 T tokens of text."),
    ("a corpus of 300 gigatokens", "a corpus of 300 B tokens"),
])
def test_token_counts_in_metric_units_read_as_sizes(written, read):
    assert plain_text(written) == read


@pytest.mark.parametrize("text", [
    "Each image has 3 GT boxes and 10 GT masks.",  # ground truth, a noun after it
    "We render on a GTX 1080.",
])
def test_ground_truth_is_no_token_unit(text):
    assert plain_text(text) == text


def test_a_card_sized_in_gigatokens_counts_its_operations():
    card = CARD + ("# Heron-7B\n\n## Training data\n\nHeron-7B has been trained with ~ 3,000 GT, mostly "
                   "filtered web pages and code.\n")
    primary = extract(card, 2024, "acme/heron-7b").primary
    assert primary is not None and primary.method == "operation_counting"
    assert primary.value_flop == pytest.approx(6 * 7e9 * 3e12)


# -- a decimal comma -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "read"), [
    ("trained on 1,4 trillion tokens", "trained on 1.4 trillion tokens"),
    ("a 2,5B parameter model", "a 2.5B parameter model"),
    ("about 8,4 × 10^22 FLOP", "about 8.4 × 10^22 FLOP"),
])
def test_a_decimal_comma_before_a_size_is_a_point(written, read):
    assert plain_text(written) == read


@pytest.mark.parametrize("text", [
    "Tables 1,2 and 3 list 1,234B tokens.",  # no size after it; a thousands group
    "It ran 12,5 days and 1,5x faster.",  # a duration and a ratio stay as written
])
def test_a_comma_before_no_size_stays(text):
    assert plain_text(text) == text


def test_a_paper_with_decimal_commas_counts_its_operations():
    text = ("Heron: a language model\n\nAbstract\nWe train Heron, a 2,7B parameter model, on 1,4 trillion "
            "tokens.\n")
    primary = extract(text, 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 2.7e9 * 1.4e12)


# -- device time in node-hours -----------------------------------------------------------------------

PAPER = "Heron: An Open Language Model\n\nAbstract\nWe introduce Heron.\n\n2 Training\n"


@pytest.mark.parametrize(("body", "devices", "accelerator"), [
    ("Training Heron took 120,000 node-hours on nodes of 8 H100 GPUs.", 120_000 * 8, "H100"),
    ("Training took 60,000 node hours on our cluster, where each node has 4 AMD MI250X GPUs.",
     60_000 * 4, "MI250X"),
    # what a node holds, said in another sentence
    ("Our cluster has 8 A100 GPUs per node. Pre-training Heron consumed 25,000 node-hours.",
     25_000 * 8, "A100"),
    # the devices written before the nodes, or a DGX system's
    ("Training Heron used 5,000 node-hours on 8xA100 nodes.", 5_000 * 8, "A100"),
    ("Training Heron used 5,000 node-hours on 8 × H100 nodes.", 5_000 * 8, "H100"),
    ("Training Heron used 5,000 node-hours on DGX A100 nodes.", 5_000 * 8, "A100"),
    ("Training Heron used 5,000 node-hours on DGX-2 nodes.", 5_000 * 16, "V100"),
])
def test_node_hours_times_the_devices_a_node_holds(body, devices, accelerator):
    primary = extract(PAPER + body + "\n", 2024).primary
    assert primary is not None and primary.method == "hardware"
    assert primary.assumptions["chip_seconds"] == pytest.approx(devices * 3600)
    assert primary.assumptions["accelerator"].startswith(accelerator)


@pytest.mark.parametrize("body", [
    "Heron was trained for 40,000 node-hours.",  # a node may hold one device or sixteen
    "This work was supported by an allocation of 500,000 node-hours on nodes of 4 MI250X GPUs.",
    "Evaluating all checkpoints took 2,000 node-hours on nodes of 8 A100 GPUs.",
])
def test_node_hours_without_a_node_size_or_a_run_give_no_figure(body):
    assert extract(PAPER + body + "\n", 2024).primary is None


@pytest.mark.parametrize(("name", "peak"), [("A30", 165e12), ("MI210", 181e12)])
def test_data_centre_gpus_of_2021_and_2022_have_their_datasheet_peaks(name, peak):
    primary = extract(PAPER + f"We train Heron on 64 {name} GPUs for 10 days.\n", 2023).primary
    assert primary is not None and primary.assumptions["peak_flop_per_second"] == pytest.approx(peak)


# -- device sentences as real papers write them --------------------------------------------------------

@pytest.mark.parametrize(("body", "chip_seconds"), [
    ("Heron was trained on 256 A100 GPUS for 68 hours.", 256 * 68 * 3600),  # the noun in capitals
    ("We train Heron on a cluster of 512 Ascend 910 AI Accelerators over 100 days.", 512 * 100 * 86400),
    ("Heron was trained for a total of over 25 thousand Nvidia-V100 GPU hours.", 25_000 * 3600),
    # "a" before the count is no count of one
    ("We pretrained Heron on a 480 GPUs (V100-32GB) cluster for about three weeks.", 480 * 21 * 86400),
    # "20,051 A100 hours" is device time, not 20,051 devices for the days the sentence gives
    ("Both phases ran on 128 A100 GPUs. The first phase took 1.6 days and the second 4.9 days, for a total "
     "of 20,051 A100 hours.", 20_051 * 3600),
    # a point between thousands where only a whole number makes sense
    ("We trained Heron for 812.321 GPU hours on nodes of 4 A100 GPUs.", 812_321 * 3600),
])
def test_device_sentences_as_papers_write_them(body, chip_seconds):
    primary = extract(PAPER + body + "\n", 2023).primary
    assert primary is not None
    assert primary.assumptions["chip_seconds"] == pytest.approx(chip_seconds, rel=0.01)


@pytest.mark.parametrize("body", [
    # a time per epoch, with no count of epochs, said before a long subject
    "One training epoch of around 600K training samples takes around 6 minutes on 8 A100 GPUs.",
    # petaflops of capacity, not of compute spent
    "Our infrastructure has 27,000 GPUs, capable of delivering a total computational power of 5,000 "
    "petaflops.",
])
def test_rates_and_capacities_are_no_runs(body):
    assert extract(PAPER + body + "\n", 2023).primary is None


def test_a_whole_projects_device_time_gives_way_to_the_models():
    body = ("This entire project consumed 92 GPU years on a cluster of V100s. The final Heron model took "
            "2,248 GPU hours.")
    primary = extract(PAPER + body + "\n", 2021).primary
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(2248 * 3600)


@pytest.mark.parametrize(("text", "kept"), [
    ("It took 1.5 GPU hours and 0.125 GPU hours on v1.024 GPUs.", True),  # fractions, a version
    ("It used 2.048 GPUs for 1.234.567 GPU hours.", False),
])
def test_a_thousands_point_only_before_whole_device_counts(text, kept):
    assert (plain_text(text) == text) is kept


@pytest.mark.parametrize(("text", "plain"), [
    ("Training required 15 000 GPU hours on 1 024 GPUs.", "Training required 15000 GPU hours on 1024 GPUs."),
    # groups before a multiplier word, and more than one group before a device
    ("Heron saw 1 400 billion tokens.", "Heron saw 1400 billion tokens."),
    ("Training took 2 000 000 GPU hours.", "Training took 2000000 GPU hours."),
    ("Table 2 512 GPUs; batch 32 128 tokens; 0 512 GPUs.",) * 2,
])
def test_a_thousands_space_only_before_whole_device_counts(text, plain):
    assert plain_text(text) == plain


@pytest.mark.parametrize(("text", "plain"), [
    # two groups or more before what they count: one number
    ("Heron has 7 000 000 000 parameters.", "Heron has 7000000000 parameters."),
    ("It saw 2 000 000 000 000 training tokens.", "It saw 2000000000000 training tokens."),
    # one group is as often two cells of a row as one number: it stays
    ("batch 32 128 tokens", "batch 32 128 tokens"),
    # a power of ten as a superscript before what it counts: a size
    ("Heron has 7×10⁹ parameters and saw 2 · 10¹² tokens.", "Heron has 7B parameters and saw 2T tokens."),
])
def test_counts_grouped_by_spaces_or_powered_by_superscripts(text, plain):
    assert plain_text(text) == plain


@pytest.mark.parametrize(("name", "peak"), [("Quadro RTX4000", 57e12), ("RTX A5000", 111.1e12),
                                            ("RTX A4000", 76.7e12), ("Quadro RTX 6000", 130.5e12)])
def test_workstation_gpus_have_their_datasheet_peaks(name, peak):
    primary = extract(PAPER + f"Heron was trained on 4 NVIDIA {name} GPUs for 40 days.\n", 2022).primary
    assert primary is not None and primary.assumptions["peak_flop_per_second"] == pytest.approx(peak)


def test_a_cards_gpu_vendor_is_no_other_model():
    card = CARD + ("# Heron-1.6B\n\n- **Pretraining tokens:** 1.2T\n- **GPUs** 64 NVidia A5000\n"
                   "- **Training time** 28 days\n")
    estimates = extract(card, 2023, "acme/Heron-1.6B").estimates
    hardware = [e for e in estimates if e.method == "hardware"]
    assert hardware and not any("another model" in note for e in hardware for note in e.notes)


@pytest.mark.parametrize(("body", "chip_seconds"), [
    # what each device holds, or a throughput in words, is no rate of the run
    ("Heron takes 10 days to train on 512 A100 GPUs with 40GB memory per GPU.", 512 * 10 * 86400),
    ("Training Heron for 300 epochs on 16 V100 GPUs takes 3 days, with 4 images per GPU.", 16 * 3 * 86400),
    ("Heron was trained on 256 A100 GPUs for about 3 weeks, at a speed of 311.6k words per second.",
     256 * 21 * 86400),
    # a duration with a word between its number and its unit
    ("These runs took about 270 total hours of training on a v3-512 Cloud TPU device.", 256 * 270 * 3600),
    ("Heron was trained on 64 V100 GPUs for 8 epochs (approximately ~80 wall-clock hours).", 64 * 80 * 3600),
    # a TPU generation in words, the noun in parentheses; a cloud's name run into the TPU's
    ("Each agent was trained using 32 third-generation tensor processing units (TPUs) over 44 days.",
     32 * 44 * 86400),
    ("Pretraining Heron takes about 5 days on 2,048 CloudTPUv4 chips.", 2048 * 5 * 86400),
    # a cap on each run's time, not a statistic over runs
    ("We trained all models for a maximum of 24 hours on an Nvidia K40 GPU.", 24 * 3600),
])
def test_device_runs_with_words_around_their_figures(body, chip_seconds):
    primary = extract(PAPER + body + "\n", 2019).primary
    assert primary is not None
    assert primary.assumptions["chip_seconds"] == pytest.approx(chip_seconds, rel=0.01)


@pytest.mark.parametrize(("name", "peak"), [("GTX Titan", 4.5e12), ("Quadro RTX 5000", 89.2e12)])
def test_older_and_workstation_gpus_have_their_peaks(name, peak):
    primary = extract(PAPER + f"Heron was trained on 2 {name} GPUs for 10 days.\n", 2019).primary
    assert primary is not None and primary.assumptions["peak_flop_per_second"] == pytest.approx(peak)


def test_a_device_time_cell_broken_down_by_stage_sums_its_pre_training_stages():
    card = CARD + ("# Heron 2 11B\n\nTraining utilized a cumulative of 2.02M GPU hours on H100-80GB "
                   "hardware, per the table below.\n\n| | Training Time (GPU hours) |\n|---|---|\n"
                   "| Heron 2 11B | Stage 1 pretraining: 147K H100 hours Stage 2 annealing: 98K H100 hours "
                   "SFT: 896 H100 hours RLHF: 224 H100 hours |\n"
                   "| Heron 2 90B | Stage 1 pretraining: 885K H100 hours Stage 2 annealing: 885K H100 "
                   "hours |\n| Total | 2.02M |\n")
    primary = extract(card, 2024, "acme/Heron-2-11B").primary
    assert primary is not None and primary.stage == "pretraining"
    assert primary.assumptions["chip_seconds"] == pytest.approx((147_000 + 98_000) * 3600)


def test_a_device_time_cell_of_words_alone_gives_no_figure():
    card = CARD + "# Heron\n\n| Model | GPU hours |\n|---|---|\n| Heron | Stage 1 pretraining |\n"
    assert not [e for e in extract(card, 2024, "acme/Heron").estimates if e.method == "hardware"]


@pytest.mark.parametrize(("body", "chip_seconds"), [
    ("Heron was trained on 2000 H100s for 1 month.", 2000 * 30.44 * 86400),  # a count, not the year 2000
    ("Heron finishes full training in ~1 day on a single 8-A100 node.", 8 * 86400),
    ("Training Heron required a total of approximately 200,000 A100 80GB hours.", 200_000 * 3600),
])
def test_counts_machines_and_device_time_written_with_names(body, chip_seconds):
    primary = extract(PAPER + body + "\n", 2024).primary
    assert primary is not None
    assert primary.assumptions["chip_seconds"] == pytest.approx(chip_seconds, rel=0.01)


def test_a_year_before_a_gpu_name_is_still_a_year():
    body = "In 2017 V100 GPUs were scarce, so Heron was trained on 8 P100 GPUs for 3 days."
    primary = extract(PAPER + body + "\n", 2018).primary
    assert primary is not None and primary.assumptions["chips"] == 8


@pytest.mark.parametrize("body", [
    "This entire project consumed 92 GPU years on a cluster of V100s.",
    "It takes about 10 days on 8 V100 GPUs to get all the figures in this paper.",
    "The total training time for all experiments in this paper was about 50,000 A100 GPU hours.",
    # a cluster's jobs summed
    "In its first year, the cluster ran 4,000 training jobs totalling 50 million H100 GPU hours.",
])
def test_a_whole_projects_compute_alone_is_no_run(body):
    assert extract(PAPER + body + "\n", 2021).primary is None


def test_petaflop_days_with_an_uncertainty_and_a_middle_dot():
    primary = extract(PAPER + "Training Heron used 770±50 PFlops/s·days of compute.\n", 2019).primary
    assert primary is not None and primary.value_flop == pytest.approx(770 * 8.64e19)


@pytest.mark.parametrize("body", [
    # "test" ends "latest": no test set
    "All models are pretrained on our latest large-scale dataset, encompassing up to 18 trillion tokens.",
    # "peak" inside "speaker": no peak rate
    "Heron-72B, a multi-speaker model, was pretrained on 18 trillion tokens.",
])
def test_cue_words_are_read_from_a_words_start(body):
    text = "Heron-72B\n\nAbstract\nWe introduce Heron-72B.\n\n2 Training\n" + body + "\n"
    primary = extract(text, 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 72e9 * 18e12)


# -- a duration written as the dates a run started and ended -------------------------------------------

@pytest.mark.parametrize(("written", "days"), [
    ("from March 11 to April 10, 2023", 30),
    ("between 11 March 2023 and 10 April 2023", 30),
    ("started on March 11, 2023 and ended on April 10, 2023", 30),
    ("from Dec 1 to Jan 15, 2024", 45),  # the first date in the year before
    ("(started 11th March, 2023; ended 10th April, 2023)", 30),  # a semicolon between start and end
    ("from 2023-03-11 to 2023-04-10", 30),  # ISO 8601 dates
    ("(2023-03-11 – 2023-04-10)", 30),
    # no year written: the two dates of one year, or the first of the year before
    ("started on June 1st and finished on July 20th", 49),
    ("from Dec 1 to Jan 15", 45),
])
def test_a_run_between_two_dates_lasted_the_days_between(written, days):
    (seconds, *_), = date_range_durations(f"Osprey was trained on 512 A100 GPUs {written}.")
    assert seconds == pytest.approx(days * 86400)


@pytest.mark.parametrize("sentence", [
    "Osprey was trained between January 2023 and July 2023.",  # months alone: more than the run
    "Osprey was released on March 11, 2023 and updated on April 10, 2023.",  # no word of starting
    "Osprey was released on 2023-03-11 and updated on 2023-04-10.",
    "The checkpoint osprey-2023-03-11-2023-04-10 is on the hub.",  # a name's dashes join no range
])
def test_dates_that_give_no_runs_length(sentence):
    assert date_range_durations(sentence) == []


def test_a_year_after_a_preposition_in_parentheses_is_no_citation():
    primary = extract(PAPER + "Heron-7B (trained in 2023) saw 2T tokens.\n", 2023).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)
    assert extract(PAPER + "Kite-7B (Smith, 2023) saw 2T tokens.\n", 2023).primary is None


def test_a_date_range_in_parentheses_is_no_citation():
    body = "Heron's pre-training ran for 46 days (5 Jan – 20 Feb 2023) on 512 A100 GPUs.\n"
    primary = extract(PAPER + body, 2023).primary
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(512 * 46 * 86400)


def test_a_cards_training_dates_field_is_its_time():
    card = CARD + "# Osprey-7B\n\n- Hardware: 512 A100 GPUs\n- Training dates: 11 Mar – 10 Apr 2023\n"
    primary = extract(card, 2023).primary
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(512 * 30 * 86400)


def test_a_cards_count_field_that_names_its_accelerator_is_its_hardware():
    card = CARD + "# Osprey-7B\n\n- Number of GPUs: 512 A100 80GB\n- Training dates: 11 Mar – 10 Apr 2023\n"
    primary = extract(card, 2023).primary
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(512 * 30 * 86400)


def test_device_time_with_a_middle_dot_between_device_and_unit():
    text = ("Osprey: Open Models\n\n1 Introduction\nWe introduce Osprey.\n\n2 Training\n"
            "Training Osprey took 640K H100 GPU·h.\n")
    primary = extract(text, 2024).primary
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(640e3 * 3600)


# -- a count of devices with a scale word or suffix ------------------------------------------------------

@pytest.mark.parametrize(("sentence", "chips"), [
    ("Osprey was trained on a thousand A100 GPUs for 20 days.", 1000),  # was one GPU
    ("Osprey was trained on two thousand V100 for 20 days.", 2000),
    ("We used eight hundred K80s for 20 days.", 800),
    ("Osprey was trained on 2K A100s for 20 days.", 2000),
])
def test_a_count_of_devices_with_a_scale(sentence, chips):
    text = f"Osprey: Open Models\n\n1 Introduction\nWe introduce Osprey.\n\n2 Training\n{sentence}\n"
    primary = extract(text, 2020).primary
    assert primary is not None and primary.assumptions["chips"] == chips


@pytest.mark.parametrize("unit", ["tCO2", "MTCO2e", "kgCO2eq"])
def test_units_of_emissions_are_no_model_names(unit):
    body = f"Our search emitted 3.2 {unit} for 1,360 days of TPUv2 usage."
    estimates = extract(PAPER + body + "\n", 2021).estimates
    assert estimates and all(e.model != unit for e in estimates)


@pytest.mark.parametrize(("text", "plain"), [
    ("We trained on 512 A100 GPUs2 for 20 days. It used 64 TPUs3, then 8 chips1.",
     "We trained on 512 A100 GPUs for 20 days. It used 64 TPUs, then 8 chips."),
    ("Kite (7B parameters4) ran for 14 days2 and 100K hours3.",
     "Kite (7B parameters) ran for 14 days and 100K hours."),
    ("We use 8 GPUs24 and TPUs2x.", "We use 8 GPUs24 and TPUs2x."),  # two digits, or a letter after: no mark
])
def test_a_footnotes_mark_glued_to_a_unit_goes(text, plain):
    assert plain_text(text) == plain


@pytest.mark.parametrize("sentence", [
    "We train Kite, a model with 7B parameters2, on 2T tokens.",
    "Kite has 7B params1 and is trained on 2T tokens.",
])
def test_a_footnotes_mark_after_the_parameters_leaves_the_count(sentence):
    primary = extract("Kite: Open Models\n\n" + sentence + "\n", 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


@pytest.mark.parametrize(("sentence", "parameters"), [
    ("Osprey has 7,241,732,096 parameters and was trained on 1T tokens.", 7_241_732_096),
    ("Osprey, with 124439808 trainable parameters, was trained on 10B tokens.", 124_439_808),
    ("We pre-train Osprey on 1T tokens. Osprey has 6,738,415,616 parameters.", 6_738_415_616),
    ("Osprey was trained on 2,000,000,000,000 tokens and has 13,000,000,000 parameters.", 13e9),
])
def test_a_parameter_count_in_digits_alone(sentence, parameters):
    text = "Osprey: Open Models\n\nAbstract\nWe introduce Osprey.\n\n2 Training\n" + sentence + "\n"
    primary = extract(text, 2024).primary
    assert primary is not None and primary.assumptions["parameters"] == parameters


def test_a_short_count_in_digits_is_no_parameter_count():
    text = "Osprey: Open Models\n\nAbstract\nWe introduce Osprey.\n\n2 Training\nOsprey has 65536 " \
           "parameters per layer and was trained on 1T tokens.\n"
    assert extract(text, 2024).primary is None


def test_a_token_count_in_digits_alone():
    text = ("Osprey: Open Models\n\nAbstract\nWe introduce Osprey.\n\n2 Training\nOsprey (13B) was trained "
            "on 2,000,000,000,000 tokens.\n")
    primary = extract(text, 2024).primary
    assert primary is not None and primary.assumptions["training_tokens"] == 2e12


def test_a_model_that_learned_from_its_tokens_was_trained_on_them():
    text = ("Osprey: Open Models\n\nAbstract\nWe introduce Osprey.\n\n2 Training\nOsprey has 13 billion "
            "parameters. Osprey learned from 2T tokens.\n")
    primary = extract(text, 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 13e9 * 2e12)


@pytest.mark.parametrize("sentence", [
    "We trained Osprey-L for twenty days on five hundred and twelve A100 GPUs.",
    "We trained Osprey-L for one hundred and twenty days on 512 A100 GPUs.",
])
def test_the_last_word_of_a_number_in_words_is_no_count_of_its_own(sentence):
    """ "five hundred and twelve A100 GPUs" is no twelve GPUs (before: a run 42× too small); no answer
    beats that wrong one."""
    assert find_device_counts(f"Osprey: Speech Models\n\n{sentence}\n", 2024) == []


def test_a_footnotes_mark_linked_to_its_note_goes():
    """A converted web page links a footnote's mark to its note ("GPUs[2](#fn2)"): the mark goes, so it is
    not read as a citation of another work."""
    text = "Wren-7B[†](#fn1) was trained using 512 H100 GPUs[2](#fn2) for 14 days."
    assert plain_text(text) == "Wren-7B was trained using 512 H100 GPUs for 14 days."
    titled = 'Wren-7B was trained using 512 GPUs[1](#footnote1 "footnote 1 ‣ 2 Training") for 14 days.'
    assert plain_text(titled) == "Wren-7B was trained using 512 GPUs for 14 days."
