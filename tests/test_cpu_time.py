"""Short texts of our own for runs on CPU cores, as papers wrote them before accelerators trained models."""

from __future__ import annotations

import pytest

from curation.extract.cpu_time import CPU_CORE_BY_YEAR, find_cpu_time
from curation.extract.engine import extract

TITLE = "Osprey: Distributed Training of Word Vectors\n\n1 Introduction\nWe train Osprey.\n\n3 Training\n"
AVX_CORE = 2.6e9 * 16  # the server core of 2011-2013
UTILIZATION_UP_TO_2017 = 0.33


def _primary(body: str, year: int = 2013):
    return extract(TITLE + body + "\n", year).primary


@pytest.mark.parametrize(("body", "core_seconds"), [
    ("Training took 14 days on 180 CPU cores.", 180 * 14 * 86400),
    ("We trained the model using 2,000 CPU core-days.", 2000 * 86400),
    ("The network was trained on a cluster of 1,000 machines (16,000 cores) for three days.",
     16000 * 3 * 86400),
    ("Training used 40,000 core-hours on our Xeon cluster.", 40000 * 3600),
    ("We parallelize training over 64 cores; one epoch takes 2 hours and we train for 20 epochs.",
     64 * 40 * 3600),
])
def test_cpu_core_time_in_prose(body, core_seconds):
    primary = _primary(body)
    assert primary is not None
    assert primary.assumptions["chip_seconds"] == pytest.approx(core_seconds)
    assert primary.assumptions["peak_flop_per_second"] == AVX_CORE
    assert primary.value_flop == pytest.approx(core_seconds * AVX_CORE * UTILIZATION_UP_TO_2017)
    assert primary.confidence == "Speculative"


def test_a_column_of_products_under_a_header_that_names_them():
    table = ("Table 6: Models trained on our cluster.\nModel\nSmall\nLarge\nTraining time\n"
             "[days x CPU cores]\n2 x 140\n14 x 180\n")
    primary = _primary(table)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(14 * 180 * 86400)
    assert "14 x 180" in primary.evidence[-1].text


@pytest.mark.parametrize("body", [
    # cores beside accelerators feed them
    "The agent was trained on 256 GPUs and 128,000 CPU cores for 10 months.",
    "A GPU with 3,584 CUDA cores trained the model in 2 days.",
    # a wafer's cores are no CPU's
    "Training took 2 days on 850,000 cores of a Cerebras wafer.",
    # core time of no named processor or machine may be any core's
    "In total, the project used about 25 million core hours.",
])
def test_cores_that_are_no_cpu_run(body):
    estimates = extract(TITLE + body + "\n", 2019).estimates
    assert not any(str(e.assumptions.get("accelerator", "")).startswith("server CPU") for e in estimates)


def test_a_word_that_holds_an_accelerators_letters_is_none():
    primary = _primary("Figure 2: INPUT and OUTPUT layers.\n\nTraining took 14 days on 180 CPU cores.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(180 * 14 * 86400)


def test_each_era_has_its_core_and_no_year_gives_none():
    years = [until for until, *_ in CPU_CORE_BY_YEAR]
    assert years == sorted(years)
    assert find_cpu_time(TITLE + "Training took 14 days on 180 CPU cores.", None) == []
    newer = _primary("Training took 14 days on 180 CPU cores.", 2021)
    assert newer is not None and newer.assumptions["peak_flop_per_second"] > AVX_CORE
