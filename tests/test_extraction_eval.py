"""``flopwatch eval extraction``: its outcomes on a small corpus of our own, and the regression bar on the
real corpus's tune split."""

from __future__ import annotations

import json

import pytest

from curation.extract.documents import extract_document
from curation.extract.evaluation import evaluate, read_labels, totals
from curation.extract.evidence import HARDWARE
from flopwatch.cli import main
from schemas.handover import CARD, PAPER, Document

LABELS = """\
file,kind,arxiv_id,model,epoch_compute_flop,epoch_publication_date,epoch_parameters,source,how_stated,split
heron.txt,paper,,Heron-7B,8.4e+22,2024-03-01,7e9,own,6ND params+tokens,tune
gull.txt,paper,,Gull,5e+21,2023-05-01,,own,GPU-hours,check
tern.txt,paper,,Tern,1e+20,2022-01-01,,own,not stated: outside the text,tune
survey.txt,negative,,,,,,own,negative: survey,check
"""
TEXTS = {
    "heron.txt": "We introduce Heron-7B. Heron-7B, a 7B parameter model, was trained on 2 trillion tokens.",
    "gull.txt": "We trained Gull on 64 A100 GPUs for 3 days.",
    "tern.txt": "We describe Tern, a model for birdsong.",
    "survey.txt": "Other groups trained models such as Osprey-70B (Smith et al., 2023) with 1e24 FLOP.",
}


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "labels.csv").write_text(LABELS, encoding="utf-8")
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_outcomes_and_totals(corpus):
    results = {r.file: r for r in evaluate(corpus)}
    assert results["heron.txt"].outcome == "within 2x"
    assert results["gull.txt"].outcome == "wrong figure"  # 64 × 3 days of A100 is 1.5e21: 3.4x off
    assert results["tern.txt"].outcome == "abstained"
    assert results["survey.txt"].outcome == "abstained"
    tally = totals(list(results.values()))
    assert tally["all"]["within_2x"] == 1 and tally["all"]["stated"] == 2
    assert tally["split"]["check"]["negatives"] == 1


def test_cli_json_shape_and_split(corpus, capsys):
    assert main(["eval", "extraction", str(corpus), "--split", "tune", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"files", "totals"}
    assert [f["file"] for f in report["files"]] == ["heron.txt", "tern.txt"]
    assert {"primary_flop", "expected_flop", "ratio", "outcome", "evidence"} <= set(report["files"][0])


def test_cli_names_a_folder_without_labels(tmp_path, capsys):
    assert main(["eval", "extraction", str(tmp_path)]) == 1
    assert "no labels.csv" in capsys.readouterr().err


# What extraction reaches on the real corpus's tune split (see the closing note of issue 12); a change
# that lowers it fails here. Negatives and derived cards must stay clean.
TUNE_BAR = {"papers": 22, "cards": 29}
TUNE_BAR_3X = {"papers": 24, "cards": 30}


@pytest.mark.parametrize("kind", ["papers", "cards"])
def test_tune_split_does_not_regress(realdata, kind):
    results = evaluate(realdata / "corpus" / kind, "tune")
    tally = totals(results)["all"]
    assert tally["within_2x"] >= TUNE_BAR[kind], [(r.file, r.outcome) for r in results]
    assert tally["within_3x"] >= TUNE_BAR_3X[kind], [(r.file, r.outcome) for r in results]
    assert tally.get("derived_base_compute_taken", 0) == 0
    assert tally.get("negatives_false_primary", 0) == 0


@pytest.mark.parametrize("kind", ["papers", "cards"])
def test_every_estimate_quotes_its_text_and_names_its_hardware_assumptions(realdata, kind):
    folder = realdata / "corpus" / kind
    for row in read_labels(folder):
        document_kind = CARD if kind == "cards" else PAPER
        text = (folder / row["file"]).read_text(encoding="utf-8", errors="replace")
        date = row.get("epoch_publication_date") or ""
        year = int(date[:4]) if date[:4].isdigit() else None  # as the evaluation runs it (year defaults on)
        extraction = extract_document(Document(document_kind, text, year), name=row.get("hf_repo_id") or None)
        for estimate in extraction.estimates:  # every estimate, the primary among them
            for span in estimate.evidence:
                assert extraction.text[span.start:span.end] == span.text, row["file"]
            if estimate.method == HARDWARE:
                for key in ("accelerator", "peak_flop_per_second", "precision", "utilization"):
                    assert estimate.assumptions.get(key), (row["file"], key)
