"""Candidate validation: bad rows are quarantined with source, record, column, check and value."""

from __future__ import annotations

import pandas as pd

from schemas.validate import ROW_QUARANTINED, VALUE_DROPPED, validate_candidates

SHA = "ab" * 32


def _rows(*rows: dict) -> pd.DataFrame:
    base = {"source": "epoch", "raw_sha256": SHA, "fetched_at": "2026-11-26T03:00:00+00:00"}
    return pd.DataFrame([{**base, "source_record_id": f"t:{r['model']}", "source_row": i + 1, **r}
                         for i, r in enumerate(rows)])


def test_absurd_compute_and_future_year_are_quarantined_with_reasons():
    validated = validate_candidates(_rows(
        {"model": "Sane", "publication_date": "2020-05-28", "training_compute_flop": "3.14e23"},
        {"model": "Absurd", "publication_date": "2021-01-01", "training_compute_flop": "1e40"},
        {"model": "Future", "publication_date": "2099-01-01", "training_compute_flop": "1e20"},
    ))
    assert list(validated.candidates["model"]) == ["Sane"]
    q = validated.quarantine.set_index("model")
    assert q.loc["Absurd", "column"] == "training_compute_flop"
    assert "1e+31" in q.loc["Absurd", "check"]
    assert q.loc["Future", "column"] == "publication_date"
    assert "1950" in q.loc["Future", "check"]
    assert set(q["record"]) == {"t:Absurd", "t:Future"} and set(q["source"]) == {"epoch"}
    assert set(q["action"]) == {ROW_QUARANTINED}


def test_unparseable_number_and_date_are_reported_with_the_raw_text():
    validated = validate_candidates(_rows(
        {"model": "A", "publication_date": "2020-01-01", "parameters": "about 7B"},
        {"model": "B", "publication_date": "last spring"},
    ))
    assert validated.candidates.empty
    values = dict(zip(validated.quarantine["column"], validated.quarantine["value"], strict=True))
    assert values == {"parameters": "about 7B", "publication_date": "last spring"}


def test_zero_or_negative_parameters_and_unknown_confidence_fail():
    validated = validate_candidates(_rows(
        {"model": "A", "publication_date": "2020-01-01", "parameters": "0"},
        {"model": "B", "publication_date": "2020-01-01", "confidence": "Wrong"},
        {"model": "C", "publication_date": "2020-01-01", "confidence": "Likely"},
    ))
    assert list(validated.candidates["model"]) == ["C"]
    assert set(validated.quarantine["column"]) == {"parameters", "confidence"}


def test_bad_descriptive_value_is_dropped_but_the_model_kept():
    validated = validate_candidates(_rows(
        {"model": "A", "publication_date": "2020-01-01", "training_compute_flop": "1e21",
         "training_dataset_size": "14180000,14180000"},
    ))
    assert len(validated.candidates) == 1
    assert pd.isna(validated.candidates.loc[0, "training_dataset_size"])
    assert validated.candidates.loc[0, "training_compute_flop"] == 1e21
    assert list(validated.quarantine["action"]) == [VALUE_DROPPED]


def test_blank_model_name_is_quarantined_not_dropped_silently():
    validated = validate_candidates(_rows({"model": "  ", "publication_date": "2020-01-01"}))
    assert validated.candidates.empty
    assert validated.quarantine.loc[0, "column"] == "model"
    assert validated.quarantine.loc[0, "row"] == 1


def test_text_is_trimmed_and_blank_text_becomes_null():
    validated = validate_candidates(_rows(
        {"model": " GPT-2 ", "publication_date": "2019-02-14", "organization": "  "}))
    assert validated.candidates.loc[0, "model"] == "GPT-2"
    assert pd.isna(validated.candidates.loc[0, "organization"])


def test_a_date_no_timestamp_can_hold_quarantines_its_row_not_the_table():
    # found by the property test: "2263-01-01" parses, but not as a nanosecond timestamp
    result = validate_candidates(_rows({"model": "Far", "publication_date": "2263-01-01"},
                                       {"model": "Near", "publication_date": "2020-01-01"}))
    assert list(result.candidates["model"]) == ["Near"]
    assert list(result.quarantine["check"]) == ["is a date between 1678 and 2261"]
    assert list(result.quarantine["action"]) == [ROW_QUARANTINED]
