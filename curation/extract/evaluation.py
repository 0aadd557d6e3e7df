"""Measure extraction against a labelled corpus: per file, the primary against Epoch's figure and why
it missed; totals by split, kind and how the text states its compute.

A corpus folder holds the texts and a ``labels.csv`` in one of two formats: papers (``file, kind
(paper|negative), model, epoch_compute_flop, epoch_publication_date, how_stated, split``) or model cards
(``file, kind (base|derived), epoch_model, epoch_compute_flop, …``). Each text goes through the same
step the pipeline runs (:func:`~curation.extract.documents.extract_document`), as a paper or a card.

Failure classes, decided per file:

- ``within 2x`` / ``within 3x``: the primary is that close to Epoch's figure;
- ``abstained`` (right answer): no primary where the text does not state what is needed;
- ``no estimate``: no primary although the text states it;
- ``right figure not chosen``: an eligible estimate within 2x exists, but the primary is another run;
- ``right figure ruled out``: an estimate within 2x exists but its context marked it not eligible;
- ``wrong figure``: no estimate comes within 2x (wrong arithmetic, hardware, or run);
- ``false primary``: a negative text (survey, benchmark, theory) given a primary;
- ``base compute taken``: a derived card given pre-training compute as its own.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

from curation.extract.context import eligible
from curation.extract.documents import extract_document
from curation.extract.evidence import PRETRAINING
from schemas.handover import CARD, PAPER, Document

SPLITS = ("tune", "check")
NOT_STATED = ("not stated", "none")
FALSE_PRIMARY_FLOP = 1e21  # the bar a negative text's primary must stay under


@dataclass
class FileResult:
    """One labelled text's outcome."""

    file: str
    split: str
    kind: str
    how_stated: str
    expected_flop: float | None
    primary_flop: float | None
    ratio: float | None
    outcome: str
    method: str | None = None
    model: str | None = None
    confidence: str | None = None
    stage: str | None = None
    evidence: str | None = None


def ratio(a: float, b: float) -> float:
    """How many times apart two positive figures are (≥ 1)."""
    return max(a, b) / min(a, b)


def read_labels(folder: Path) -> list[dict[str, str]]:
    """The rows of ``folder/labels.csv``; a clear error when it is missing or not a corpus label file."""
    path = folder / "labels.csv"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no labels.csv (a corpus folder holds its texts and labels.csv)")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    needed = {"file", "kind", "epoch_compute_flop", "how_stated", "split"}
    missing = needed - set(rows[0] if rows else ())
    if missing:
        raise ValueError(f"{path}: not a corpus label file, missing columns {sorted(missing)}")
    return rows


def _stated(how_stated: str) -> bool:
    return not how_stated.strip().lower().startswith(NOT_STATED)


def _base_compute(rows: list[dict[str, str]]) -> dict[str, float]:
    """Epoch's compute per model name among the labelled base texts (a derived card's base figure)."""
    return {row.get("epoch_model") or row.get("model", ""): float(row["epoch_compute_flop"])
            for row in rows if row["epoch_compute_flop"]}


def evaluate_file(folder: Path, row: dict[str, str], base_compute: dict[str, float]) -> FileResult:
    """Run extraction on one labelled text and decide its outcome."""
    text = (folder / row["file"]).read_text(encoding="utf-8", errors="replace")
    date = row.get("epoch_publication_date") or ""
    year = int(date[:4]) if date[:4].isdigit() else None
    kind = row["kind"]
    document = Document(CARD if kind in ("base", "derived") else PAPER, text, year)
    extraction = extract_document(document, name=row.get("hf_repo_id") or None)
    primary = extraction.primary
    expected = float(row["epoch_compute_flop"]) if row["epoch_compute_flop"] else None
    result = FileResult(row["file"], row["split"], kind, row["how_stated"], expected,
                        primary.value_flop if primary else None, None, "")
    if primary is not None:
        result.method, result.model, result.confidence = primary.method, primary.model, primary.confidence
        result.stage = primary.stage
        result.evidence = " ".join(primary.evidence[0].text.split())[:300]
    if kind == "negative":
        false = primary is not None and primary.value_flop >= FALSE_PRIMARY_FLOP
        result.outcome = "false primary" if false else ("small primary" if primary else "abstained")
        return result
    if kind == "derived":
        base = base_compute.get(row.get("epoch_model", ""))
        took_base = primary is not None and primary.stage == PRETRAINING and (
            base is None or ratio(primary.value_flop, base) <= 3)
        result.outcome = ("base compute taken" if took_base
                          else "fine-tuning figure" if primary is not None else "abstained")
        return result
    if primary is not None and expected:
        result.ratio = ratio(primary.value_flop, expected)
    result.outcome = _miss_class(result, extraction.estimates, expected, _stated(row["how_stated"]))
    return result


def _miss_class(result: FileResult, estimates: list, expected: float | None, stated: bool) -> str:
    if result.ratio is not None and result.ratio <= 2:
        return "within 2x"
    if result.ratio is not None and result.ratio <= 3:
        return "within 3x"
    if result.primary_flop is None:
        return "no estimate" if stated else "abstained"
    close = [e for e in estimates if expected and ratio(e.value_flop, expected) <= 2]
    if any(eligible(e) and e.stage == PRETRAINING for e in close):
        return "right figure not chosen"
    if close:
        return "right figure ruled out"
    return "wrong figure"


def evaluate(folder: Path, split: str = "all") -> list[FileResult]:
    """Every labelled text in ``folder`` (of ``split``: tune, check or all), in label order."""
    rows = read_labels(folder)
    base = _base_compute(rows)
    chosen = [row for row in rows if split == "all" or row["split"] == split]
    return [evaluate_file(folder, row, base) for row in chosen]


def _tally(results: list[FileResult]) -> dict[str, object]:
    scored = [r for r in results if r.kind in ("paper", "base")]
    stated = [r for r in scored if _stated(r.how_stated)]
    negatives = [r for r in results if r.kind == "negative"]
    derived = [r for r in results if r.kind == "derived"]
    tally: dict[str, object] = {}
    if scored:
        tally.update(
            files=len(scored), stated=len(stated),
            within_2x=sum(r.outcome == "within 2x" for r in stated),
            within_3x=sum(r.outcome in ("within 2x", "within 3x") for r in stated),
            no_estimate=sum(r.primary_flop is None for r in stated),
            not_stated_within_2x=sum(r.outcome == "within 2x" for r in scored if r not in stated),
            not_stated_abstained=sum(r.outcome == "abstained" for r in scored),
        )
    if negatives:
        tally.update(negatives=len(negatives),
                     negatives_false_primary=sum(r.outcome == "false primary" for r in negatives),
                     negatives_any_primary=sum(r.primary_flop is not None for r in negatives))
    if derived:
        tally.update(derived=len(derived),
                     derived_base_compute_taken=sum(r.outcome == "base compute taken" for r in derived),
                     derived_finetuning_figure=sum(r.outcome == "fine-tuning figure" for r in derived))
    return tally


def how_stated_group(how_stated: str) -> str:
    """The first way of stating named in a ``how_stated`` label ("GPU-hours; 6ND …" → "GPU-hours")."""
    return how_stated.split(":")[0].split(";")[0].strip() or "?"


def totals(results: list[FileResult]) -> dict[str, object]:
    """Tallies overall and by split, by kind and by how the text states its compute."""
    groups: dict[str, dict[str, list[FileResult]]] = {"split": defaultdict(list), "kind": defaultdict(list),
                                                      "how_stated": defaultdict(list)}
    for r in results:
        groups["split"][r.split].append(r)
        groups["kind"][r.kind].append(r)
        groups["how_stated"][how_stated_group(r.how_stated)].append(r)
    by = {name: {key: _tally(rs) for key, rs in sorted(group.items())} for name, group in groups.items()}
    return {"all": _tally(results), **by}


def report(results: list[FileResult]) -> dict[str, object]:
    """The JSON shape of ``flopwatch eval extraction --json``: ``{"files": [...], "totals": {...}}``."""
    return {"files": [asdict(r) for r in results], "totals": totals(results)}
