"""Type and validate candidate rows; quarantine the rows that fail, with their reasons.

Nothing is dropped silently: every rejected row appears in the returned quarantine table with the
source, the record, the column, the check it failed and the offending value.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from schemas.candidate import (
    CANDIDATE_COLUMNS,
    DATE_COLUMNS,
    FLAG_COLUMNS,
    NUMBER_COLUMNS,
    ROW_COLUMNS,
    SOFT_COLUMNS,
    TEXT_COLUMNS,
    Candidate,
)

QUARANTINE_COLUMNS = [
    "source", "record", "row", "model", "column", "check", "value", "action", "raw_sha256",
]
ROW_QUARANTINED = "row quarantined"
VALUE_DROPPED = "value dropped"


@dataclass
class Validated:
    """Rows that passed, and one quarantine line per (row, failed check).

    A failure in one of ``SOFT_COLUMNS`` nulls that value and keeps the row (action "value dropped");
    any other failure removes the row (action "row quarantined").
    """

    candidates: pd.DataFrame
    quarantine: pd.DataFrame


def empty_candidates() -> pd.DataFrame:
    """A zero-row candidate table with the schema's dtypes."""
    return type_candidates(pd.DataFrame(columns=CANDIDATE_COLUMNS))[0]


def _blank(values: pd.Series) -> pd.Series:
    return values.isna() | (values.astype("string").str.strip() == "")


def type_candidates(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[dict[str, object]]]:
    """Convert a source's plain values to the schema's types; report values that do not convert."""
    frame = raw.reindex(columns=CANDIDATE_COLUMNS).reset_index(drop=True)
    failures: list[dict[str, object]] = []
    for column in TEXT_COLUMNS:
        text = frame[column].astype("str").str.strip()
        frame[column] = text.mask(text == "")
    for column in NUMBER_COLUMNS + ROW_COLUMNS:
        original = frame[column]
        numbers = pd.to_numeric(original, errors="coerce")
        bad = numbers.isna() & ~_blank(original)
        failures += _failures(frame, bad, column, "is a number", original)
        frame[column] = numbers.astype("Int64") if column in ROW_COLUMNS else numbers.astype(float)
    for column in DATE_COLUMNS:
        original = frame[column]
        dates = pd.to_datetime(original.astype("string"), errors="coerce", format="ISO8601")
        bad = dates.isna() & ~_blank(original)
        failures += _failures(frame, bad, column, "is a date (YYYY-MM-DD)", original)
        # a parsable date a nanosecond timestamp cannot hold ("2263-01-01", "0099-01-01") fails the row,
        # not the whole table
        far = dates.notna() & ~dates.dt.year.between(1678, 2261)
        failures += _failures(frame, far, column, "is a date between 1678 and 2261", original)
        frame[column] = dates.mask(far).astype("datetime64[ns]")
    for column in FLAG_COLUMNS:
        frame[column] = frame[column].astype("boolean")
    return frame, failures


def _failures(
    frame: pd.DataFrame, mask: pd.Series, column: str, check: str, values: pd.Series
) -> list[dict[str, object]]:
    return [
        {"index": index, "column": column, "check": check, "value": values[index]}
        for index in frame.index[mask.to_numpy(dtype=bool)]
    ]


def validate_candidates(raw: pd.DataFrame) -> Validated:
    """Type, check and split ``raw`` candidate rows into valid rows and a quarantine table."""
    frame, failures = type_candidates(raw)
    try:
        Candidate.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        row_level = cases[cases["index"].notna()]
        table_level = cases[cases["index"].isna()]
        if not table_level.empty:
            first = table_level.iloc[0]
            raise ValueError(
                f"candidate table is malformed: column {first['column']!r} failed "
                f"{first['check']!r} ({len(table_level)} table-level failures)"
            ) from errors
        failures += [
            {"index": int(case["index"]), "column": case["column"], "check": case["check"],
             "value": case["failure_case"]}
            for _, case in row_level.iterrows()
        ]
    for failure in failures:
        failure["action"] = VALUE_DROPPED if failure["column"] in SOFT_COLUMNS else ROW_QUARANTINED
        if failure["action"] == VALUE_DROPPED:
            frame.loc[failure["index"], failure["column"]] = None
    bad_rows = sorted({f["index"] for f in failures if f["action"] == ROW_QUARANTINED})
    quarantine = pd.DataFrame(
        [_quarantine_line(frame, failure) for failure in failures], columns=QUARANTINE_COLUMNS
    )
    valid = frame.drop(index=bad_rows)
    valid = Candidate.validate(valid).reset_index(drop=True)
    return Validated(valid, quarantine)


def _quarantine_line(frame: pd.DataFrame, failure: dict[str, object]) -> dict[str, object]:
    row = frame.loc[failure["index"]]
    return {
        "source": row["source"], "record": _shown(row["source_record_id"]), "row": row["source_row"],
        "model": _shown(row["model"]), "column": failure["column"], "check": failure["check"],
        "value": _shown(failure["value"]), "action": failure["action"], "raw_sha256": row["raw_sha256"],
    }


SHOWN = 300  # characters of an offending text a quarantine line quotes


def _shown(value: object) -> object:
    """A long text cut for the quarantine file, saying how long it was (the raw payload keeps it)."""
    if isinstance(value, str) and len(value) > SHOWN:
        return f"{value[:SHOWN]}… ({len(value):,} characters)"
    return value
