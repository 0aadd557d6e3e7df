"""Every source's recorded cases, served on 127.0.0.1 and checked against their expectations; and the
contributor tools around them (record, new-source, sources)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from flopwatch.cases import all_cases, cases_folder, check_expectations, load_case, run_case
from flopwatch.cli import main
from scrapers import available_sources, sources_folder

CASES = all_cases()


def test_every_source_has_at_least_one_recorded_case():
    with_cases = {case.source for case in CASES}
    assert set(available_sources()) <= with_cases


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_recorded_case(case, tmp_path):
    _, problems = run_case(case, tmp_path / "data")
    assert not problems, f"{case.id}: " + "; ".join(problems)
    assert (tmp_path / "data" / "raw" / case.source).is_dir()  # landed like any run


def test_a_wrong_expectation_is_reported(tmp_path):
    case = next(c for c in CASES if c.id == "epoch:notable")
    validated, _ = run_case(case, tmp_path / "data")
    wrong = {"candidates": 4, "rows": [{"model": "AlexNet", "training_compute_flop": 4.7e18},
                                       {"model": "GPT-5"}]}
    problems = check_expectations(validated, wrong)
    assert len(problems) == 3
    assert "3 valid candidates, expected 4" in problems[0]
    assert "training_compute_flop is 4.7e+17" in problems[1]
    assert "no candidate with model = 'GPT-5'" in problems[2]


def test_record_saves_the_responses_with_provenance_and_pins_expectations(loopback, tmp_path):
    target_dir = cases_folder(available_sources()["epoch"])
    loopback.file("/data/notable_ai_models.csv", target_dir / "notable.csv", "text/csv")
    url = loopback.url_for("/data/notable_ai_models.csv")
    try:
        assert main(["record", "epoch", url, "--name", "recorded_test",
                     "--env", "FLOPWATCH_EPOCH_TABLES=notable_ai_models"]) == 0
        case = load_case(target_dir / "recorded_test.yaml", "epoch")
        assert case.provenance[0]["url"] == url and len(case.provenance[0]["sha256"]) == 64
        assert case.expect["candidates"] == 3 and case.expect["quarantined"] == 1
        assert not run_case(case, tmp_path / "data")[1]  # the new case passes as recorded
    finally:
        for path in target_dir.glob("recorded_test*"):
            path.unlink()


def test_new_source_is_discovered_passes_its_case_and_goes_away_with_its_module(tmp_path, capsys):
    root = Path(sources_folder())
    try:
        assert main(["new-source", "demo_src"]) == 0
        assert "demo_src" in available_sources()
        case = next(c for c in all_cases() if c.source == "demo_src")
        assert not run_case(case, tmp_path / "data")[1]
        capsys.readouterr()
        assert main(["sources", "--json"]) == 0
        assert "FLOPWATCH_DEMO_SRC_URL" in {k for row in json.loads(capsys.readouterr().out)
                                            if row["name"] == "demo_src" for k in row["settings"]}
        assert main(["new-source", "demo_src"]) == 2  # never overwrites
    finally:
        (root / "demo_src.py").unlink(missing_ok=True)
        shutil.rmtree(root / "cases" / "demo_src", ignore_errors=True)
    assert "demo_src" not in available_sources()
