"""The runs behind ``flopwatch eval linking``: labelled cards resolved with Epoch's tables, and Epoch
snapshots replayed pair by pair, both parsed from recorded files as the sources parse what they fetch."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pandas as pd

from curation.resolve.evaluation import CardLink, RenameCheck, card_links, rename_checks
from curation.resolve.merge import Merged, merge_models
from flopwatch.recorded import card_candidates, epoch_candidates
from flopwatch.settings import Settings


def newest(folder: Path, table: str) -> Path:
    """The newest snapshot of ``table`` in ``folder`` (``notable_ai_models_2025-12-27.csv``)."""
    found = sorted(folder.glob(f"{table}_*.csv"))
    if not found:
        raise FileNotFoundError(f"no {table}_<date>.csv snapshot in {folder}")
    return found[-1]


def table_of(path: Path) -> str:
    """``notable_ai_models_2025-12-27.csv`` → ``notable_ai_models`` (the table the source fetches)."""
    return path.stem.rsplit("_", 1)[0]


def run_card_links(settings: Settings, cards: Path, epoch: Path) -> list[CardLink]:
    """Every labelled card resolved together with the newest notable and all-models snapshots."""
    with open(cards / "labels.csv", newline="", encoding="utf-8") as handle:
        labels = list(csv.DictReader(handle))
    tables = [(path, table_of(path)) for path in (newest(epoch, "notable_ai_models"),
                                                   newest(epoch, "all_ai_models"))]
    texts = [(row["hf_repo_id"], (cards / row["file"]).read_bytes()) for row in labels]
    records = pd.concat([epoch_candidates(settings, tables), card_candidates(settings, texts)],
                        ignore_index=True)
    return card_links(merge_models(records, estimating_sources=["huggingface"]), labels)


def run_rename_checks(settings: Settings, epoch: Path, renames: Path) -> list[RenameCheck]:
    """For each labelled pair of snapshots: the older one built alone, the newer one on top of it."""
    pairs: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    with open(renames, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            pairs[(row["old_snapshot"], row["new_snapshot"])].append(row)
    alone: dict[str, Merged] = {}
    checks = []
    for (old, new), labels in pairs.items():
        if old not in alone:
            alone[old] = merge_models(epoch_candidates(settings, [(epoch / old, table_of(epoch / old))]))
        before = alone[old]
        after = merge_models(epoch_candidates(settings, [(epoch / new, table_of(epoch / new))]),
                             before.models, previous_links=before.model_sources)
        pair = f"{old.removesuffix('.csv')} -> {new.removesuffix('.csv')}"
        checks += rename_checks(pair, before, after, labels)
    return checks
