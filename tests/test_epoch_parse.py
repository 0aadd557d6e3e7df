"""Parsing Epoch AI's real CSV snapshots across their schema drift, and rejecting bad bodies."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from flopwatch.settings import load_settings
from schemas.validate import validate_candidates
from scrapers.base import SourceError
from scrapers.landing import Payload
from scrapers.sources.epoch import EpochSource


def _payload(name: str, content: bytes) -> Payload:
    return Payload("epoch", name, f"http://127.0.0.1/{name}", f"raw/epoch/{name}",
                   hashlib.sha256(content).hexdigest(), len(content), "text/csv",
                   "2026-11-26T03:00:00+00:00")


def parse(name: str, content: bytes):
    return EpochSource(load_settings()).parse(_payload(name, content), content)


def _csv_rows(path: Path) -> int:
    with open(path, newline="", encoding="utf-8") as handle:
        return sum(1 for _ in csv.DictReader(handle))


@pytest.mark.parametrize("snapshot", [
    "notable_2024", "notable_2025_04", "notable_2025_12", "all_2025_03",
    "frontier_2025_11", "large_scale_2025_11",
])
def test_every_real_snapshot_parses_with_almost_no_quarantine(epoch_snapshots, snapshot):
    path = epoch_snapshots[snapshot]
    frame = parse(path.name.split("_20")[0] + ".csv", path.read_bytes())
    assert len(frame) == _csv_rows(path)
    validated = validate_candidates(frame)
    removed = validated.quarantine[validated.quarantine["action"] == "row quarantined"]
    assert removed["record"].nunique() <= 0.01 * len(frame)
    with_compute = validated.candidates["training_compute_flop"].notna().sum()
    assert with_compute > 0.3 * len(frame)


def test_epoch_2024_schema_with_system_column_loads(epoch_snapshots):
    path = epoch_snapshots["notable_2024"]
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("System,")
    frame = parse("notable_ai_models.csv", path.read_bytes())
    gpt3 = frame[frame["model"] == "GPT-3 175B (davinci)"].iloc[0]
    assert float(gpt3["training_compute_flop"]) == pytest.approx(3.14e23)
    assert gpt3["country"] == "United States of America"  # from "Country (from Organization)"


def test_2025_country_column_of_organization_is_read(epoch_snapshots):
    frame = parse("notable_ai_models.csv", epoch_snapshots["notable_2025_12"].read_bytes())
    assert frame["country"].notna().mean() > 0.9


def test_multi_line_quoted_cells_survive(epoch_snapshots):
    frame = parse("notable_ai_models.csv", epoch_snapshots["notable_2025_12"].read_bytes())
    assert frame["compute_evidence"].fillna("").str.contains("\n").sum() >= 3


def test_record_ids_and_arxiv_ids_come_from_the_row(epoch_snapshots):
    frame = parse("notable_ai_models.csv", epoch_snapshots["notable_2025_12"].read_bytes())
    row = frame[frame["link"].fillna("").str.contains("arxiv.org/abs/2005.14165")].iloc[0]
    assert row["arxiv_id"] == "2005.14165"
    assert row["source_record_id"] == f"notable_ai_models:{row['model']}"
    assert frame["notable"].all()


def test_missing_optional_columns_become_nulls():
    frame = parse("all_ai_models.csv", b"Model,Publication date\nTinyNet,2020-01-02\n")
    validated = validate_candidates(frame)
    assert len(validated.candidates) == 1
    assert validated.candidates["training_compute_flop"].isna().all()


@pytest.mark.parametrize("header", ["Name,Publication date", "Model,Date"])
def test_missing_required_column_names_the_file_and_column(header):
    with pytest.raises(SourceError, match=r"epoch: all_ai_models.csv: required column missing"):
        parse("all_ai_models.csv", f"{header}\nA,2020-01-01\n".encode())


def test_html_error_page_served_as_csv_is_rejected():
    page = b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>"
    with pytest.raises(SourceError, match=r"notable_ai_models\.csv.*HTML"):
        parse("notable_ai_models.csv", page)


def test_empty_body_is_rejected():
    with pytest.raises(SourceError, match="empty"):
        parse("notable_ai_models.csv", b"  \n")


def test_truncated_csv_ending_inside_a_quoted_cell_is_rejected(epoch_snapshots, realdata):
    content = epoch_snapshots["notable_2025_12"].read_bytes()
    cut = content.index(b'"', len(content) // 2) + 5  # just inside a quoted cell
    with pytest.raises(SourceError, match=r"truncated|well-formed"):
        parse("notable_ai_models.csv", content[:cut])


def test_binary_body_is_rejected():
    with pytest.raises(SourceError, match="not UTF-8"):
        parse("notable_ai_models.csv", b"\x89PNG\r\n\x1a\n\xff\xfe")
