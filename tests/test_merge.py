"""Merging candidates into one row per model, keyed on the whitespace-normalised name."""

from __future__ import annotations

import pandas as pd

from curation.resolve.merge import merge_candidates, model_key, new_model_id, split_duplicates
from schemas.validate import validate_candidates


def _candidates(*rows: dict, sha: str = "ab" * 32) -> pd.DataFrame:
    base = {"source": "epoch", "raw_sha256": sha, "fetched_at": "2026-11-26T03:00:00+00:00",
            "publication_date": "2023-01-01"}
    frame = pd.DataFrame([{**base, "source_record_id": f"t:{r['model']}", "source_row": i + 1, **r}
                          for i, r in enumerate(rows)])
    return validate_candidates(frame).candidates


def test_model_key_collapses_whitespace_and_keeps_case():
    assert model_key("  Granite 3.2\t 2B ") == "Granite 3.2 2B"
    assert model_key("CaLM") != model_key("CALM")


def test_names_differing_only_in_case_stay_apart():
    models = merge_candidates(_candidates({"model": "CaLM"}, {"model": "CALM"}))
    assert sorted(models["model"]) == ["CALM", "CaLM"]
    assert models["model_id"].nunique() == 2


def test_rows_of_two_tables_merge_and_earlier_source_wins_field_by_field():
    notable = _candidates({"model": "Granite 3.2 2B", "training_compute_flop": "1e23"}, sha="aa" * 32)
    all_models = _candidates({"model": "Granite 3.2 2B ", "training_compute_flop": "2e23",
                              "organization": "IBM"}, sha="bb" * 32)
    models = merge_candidates(pd.concat([notable, all_models], ignore_index=True))
    assert len(models) == 1
    row = models.iloc[0]
    assert row["training_compute_flop"] == 1e23 and row["organization"] == "IBM"
    assert row["sources"] == "epoch"


def test_duplicate_names_within_one_payload_keep_the_fuller_row_and_quarantine_the_other():
    candidates = _candidates(
        {"model": "SigLIP"},
        {"model": "SigLIP", "training_compute_flop": "1e22", "organization": "Google"},
    )
    kept, quarantine = split_duplicates(candidates)
    assert len(kept) == 1 and kept.iloc[0]["training_compute_flop"] == 1e22
    assert len(quarantine) == 1
    assert quarantine.iloc[0]["row"] == 1 and "row 2" in quarantine.iloc[0]["check"]


def test_same_name_in_two_payloads_is_not_a_duplicate():
    a = _candidates({"model": "X"}, sha="aa" * 32)
    b = _candidates({"model": "X"}, sha="bb" * 32)
    kept, quarantine = split_duplicates(pd.concat([a, b], ignore_index=True))
    assert len(kept) == 2 and quarantine.empty


def test_ids_are_deterministic_and_previous_ids_are_kept():
    first = merge_candidates(_candidates({"model": "A"}, {"model": "B"}))
    assert set(first["model_id"]) == {new_model_id("A"), new_model_id("B")}
    previous = first.assign(model_id=["fw_000000000001", "fw_000000000002"])
    again = merge_candidates(_candidates({"model": "B"}, {"model": "C"}), previous)
    ids = dict(zip(again["model"], again["model_id"], strict=True))
    assert ids["B"] == previous.set_index("model").loc["B", "model_id"]
    assert ids["C"] == new_model_id("C")


def test_notable_flag_is_true_when_any_source_marks_it():
    models = merge_candidates(_candidates({"model": "A", "notable": False}, {"model": "A ", "notable": True},
                                          sha="cc" * 32))
    assert bool(models.iloc[0]["notable"]) is True


def test_papers_without_a_figure_make_no_model_and_no_crash():
    from curation.resolve.merge import merge_models

    base = {"source": "arxiv", "fetched_at": "2026-11-26T03:00:00+00:00", "publication_date": "2024-01-02"}
    papers = validate_candidates(pd.DataFrame([
        {**base, "source_record_id": f"2401.0000{i}v1", "model": "Attention", "arxiv_id": f"2401.0000{i}",
         "raw_sha256": str(i) * 64} for i in (1, 2)])).candidates
    merged = merge_models(papers, paper_sources=["arxiv"], estimating_sources=["arxiv"])
    assert merged.models.empty and merged.links.empty
