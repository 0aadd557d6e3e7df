"""Extraction on the sentences Epoch AI quotes from papers and model cards in its compute notes.

    .venv/bin/python bench/epoch_quotes.py [--show wrong|none|right] [--limit 40]

Epoch's notes often quote the sentence a figure came from ("We trained on 256 A100 GPUs for 68
hours"). Those are real authors' words, on texts none of the labelled sets hold. For every model of the
Epoch snapshots in ``../shared/realdata/epoch`` whose notes (training compute, time, parameters,
dataset size) quote at least one sentence, this joins the quotes under a short title naming the model
and runs extraction on them, then compares the primary with Epoch's figure. It prints how many get a
primary within 2× ("right"), a primary further off ("wrong"), and none.

Read the figures for what they are: a quote is a fragment, often without the facts the figure needs
(no duration, no parameter count), and Epoch's figure may add a base model's compute, use another
utilization or estimate by another method, so "wrong" mixes extraction errors with labelling
conventions. It is a source of real ways of writing to study, by failure class, not a score to tune.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from curation.extract.engine import extract  # noqa: E402

EPOCH = ROOT.parent / "shared" / "realdata" / "epoch"
NOTE_COLUMNS = ("Training compute notes", "Training time notes", "Parameters notes", "Dataset size notes")
QUOTE = re.compile(r'"([^"]{30,2000})"|“([^”]{30,2000})”')


@dataclass(frozen=True)
class Quoted:
    """A model of Epoch's snapshots and the sentences its notes quote."""

    model: str
    year: int | None
    flop: float
    quotes: tuple[str, ...]


def quoted_models(folder: Path) -> list[Quoted]:
    """One record per model (the first snapshot that gives it a compute figure wins)."""
    models: dict[str, Quoted] = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                name = row.get("Model") or row.get("System") or ""
                try:
                    flop = float(row.get("Training compute (FLOP)") or "")
                except ValueError:
                    continue
                if not name or name in models:
                    continue
                notes = " ".join(row.get(column) or "" for column in NOTE_COLUMNS)
                quotes = tuple(a or b for a, b in QUOTE.findall(notes))
                if quotes:
                    date = row.get("Publication date") or ""
                    models[name] = Quoted(name, int(date[:4]) if date[:4].isdigit() else None, flop, quotes)
    return list(models.values())


def outcome(record: Quoted) -> tuple[str, float | None, str]:
    """("right" | "wrong" | "none", the primary's FLOP, its first evidence) for one model's quotes."""
    body = "\n\n".join(record.quotes)
    text = f"{record.model}\n\nAbstract\nWe introduce {record.model}.\n\n2 Training\n{body}\n"
    primary = extract(text, record.year).primary
    if primary is None:
        return "none", None, ""
    ratio = max(primary.value_flop, record.flop) / min(primary.value_flop, record.flop)
    evidence = " ".join(primary.evidence[0].text.split())
    return ("right" if ratio <= 2 else "wrong"), primary.value_flop, evidence


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", choices=("wrong", "none", "right"), help="list the models of one outcome")
    parser.add_argument("--limit", type=int, default=40, help="models listed at most")
    args = parser.parse_args(argv)
    if not EPOCH.is_dir():
        print(f"skipped: {EPOCH} is absent (a fresh clone without ../shared)")
        return 0
    counts = {"right": 0, "wrong": 0, "none": 0}
    shown = 0
    for record in quoted_models(EPOCH):
        kind, flop, evidence = outcome(record)
        counts[kind] += 1
        if kind == args.show and shown < args.limit:
            shown += 1
            got = f"{flop:.2g}" if flop else "-"
            name = " ".join(record.model.split())
            print(f"{name} ({record.year}): Epoch {record.flop:.2g}, primary {got}")
            for quote in record.quotes:
                print(f"    quote: {' '.join(quote.split())[:300]}")
            if evidence:
                print(f"    evidence: {evidence[:200]}")
    total = sum(counts.values())
    print(f"{total} models with quoted sentences: {counts['right']} within 2x, {counts['wrong']} further "
          f"off, {counts['none']} no primary")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
