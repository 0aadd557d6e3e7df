"""Real papers about training compute and energy (``realdata/web/paper_fulltext``, read in place): the
studies of other people's runs give no run of their own, the reports of a run give it."""

from __future__ import annotations

from pathlib import Path

import pytest

from curation.extract.engine import extract

# papers that estimate, measure or survey other people's training runs
STUDIES = [
    "md_cottier2024_arXiv2405.21015.md",
    "md_luccioni2023_arXiv2302.08476.md",
    "md_patterson2021_arXiv2104.10350.md",
    "md_schwartz2019_arXiv1907.10597.md",
    "md_strubell2019_arXiv1906.02243.md",
    "md_wu2021a_arXiv2111.00364.md",
]


def _text(realdata: Path, name: str) -> str:
    path = realdata / "web" / "paper_fulltext" / name
    if not path.is_file():
        pytest.skip(f"{path} is not in this copy of the recorded data")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", STUDIES)
def test_a_study_of_others_runs_gives_no_large_run_of_its_own(realdata, name):
    primary = extract(_text(realdata, name), 2022).primary
    assert primary is None or primary.value_flop < 1e21, (name, primary and primary.evidence[0].text)


def test_a_report_that_states_its_total_gives_it(realdata):
    # FLM-101B: "The total cost of FLM-101B is computed as 52.76 zettaFLOPs"
    primary = extract(_text(realdata, "md_li2025a_arXiv2309.03852.md"), 2023).primary
    assert primary is not None and primary.value_flop == pytest.approx(52.76e21)


def test_a_sparse_models_report_counts_its_active_parameters(realdata):
    # JetMoE-8B: 1.25T tokens, about 2B of its 8B parameters active per token
    primary = extract(_text(realdata, "md_shen2024_arXiv2404.07413.md"), 2024).primary
    assert primary is not None and 6 * 1.5e9 * 1.25e12 <= primary.value_flop <= 6 * 2.5e9 * 1.25e12
