"""Measuring entity resolution against labelled truth: model cards → their Epoch model, and model ids
kept through Epoch's renames.

Card links: a base card is *right* when its record ends in the model that holds its labelled Epoch
row, *wrong* when it ends in a model holding other Epoch rows, *missing* otherwise. A derived card
(fine-tune, quantized copy) is *derived* when its model is its own and its ``derived_from`` is the
labelled base's model, *merged* when it ended inside an Epoch model, *wrong base* or *unlinked*
otherwise.

Renames (pairs of snapshots, labelled by reading them): a true rename *kept* its id, *lost* it (a new
id) or got a *wrong* one (another model's); a removed model's id must go to no model and an added
model must get no earlier id (*wrong* otherwise).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from curation.resolve.merge import Merged

RIGHT, WRONG, MISSING = "right", "wrong", "missing"
DERIVED, MERGED, WRONG_BASE, UNLINKED = "derived", "merged", "wrong base", "unlinked"
KEPT, LOST = "kept", "lost"


@dataclass
class CardLink:
    """One labelled card and where resolution put it."""

    file: str
    split: str
    kind: str  # base | derived
    repo: str
    expected: str  # the Epoch model (for a derived card: its base's)
    linked: str  # the Epoch row(s) its model holds, "; "-joined
    derived_from: str  # the Epoch row(s) of the model it is derived from
    outcome: str
    rule: str  # the rule and detail that placed its record


@dataclass
class RenameCheck:
    """One labelled pair of snapshots' names and what happened to the id."""

    pair: str
    kind: str  # rename | removed | added
    old: str
    new: str
    outcome: str
    detail: str


def _epoch_names(merged: Merged, epoch_source: str) -> dict[str, set[str]]:
    """model_id → the Epoch record names in that model."""
    epoch = merged.links[merged.links["source"] == epoch_source]
    return epoch.groupby("model_id")["record_model"].agg(set).to_dict()


def card_links(merged: Merged, labels: list[dict[str, str]], card_source: str = "huggingface",
               epoch_source: str = "epoch") -> list[CardLink]:
    """Each labelled card's outcome (see the module docstring)."""
    names = _epoch_names(merged, epoch_source)
    cards = merged.links[merged.links["source"] == card_source]
    repo_of = cards["source_record_id"].str.rsplit("@", n=1).str[0]
    derived_of = merged.models.set_index("model_id")["derived_from"] \
        if "derived_from" in merged.models else pd.Series(dtype=object)
    found = []
    for label in labels:
        rows = cards[repo_of == label["hf_repo_id"]]
        expected = label["epoch_model"]
        if rows.empty:
            found.append(CardLink(label["file"], label["split"], label["kind"], label["hf_repo_id"], expected,
                                  "", "", MISSING if label["kind"] == "base" else UNLINKED, "no record"))
            continue
        row = rows.iloc[-1]
        linked = names.get(row["model_id"], set())
        base_id = derived_of.get(row["model_id"])
        base_names = names.get(base_id, set()) if isinstance(base_id, str) else set()
        if label["kind"] == "base":
            outcome = RIGHT if expected in linked else (WRONG if linked else MISSING)
        elif linked:
            outcome = MERGED
        else:
            outcome = DERIVED if expected in base_names else (WRONG_BASE if base_names else UNLINKED)
        found.append(CardLink(label["file"], label["split"], label["kind"], label["hf_repo_id"], expected,
                              "; ".join(sorted(linked)), "; ".join(sorted(base_names)), outcome,
                              f"{row['rule']}: {row['detail']}".rstrip(": ")))
    return found


def rename_checks(pair: str, before: Merged, after: Merged, labels: list[dict[str, str]],
                  epoch_source: str = "epoch") -> list[RenameCheck]:
    """Each labelled name of one pair of snapshots: did the id follow the model?"""
    def ids(merged: Merged) -> dict[str, str]:
        links = merged.links[merged.links["source"] == epoch_source]
        return dict(zip(links["record_model"], links["model_id"], strict=True))

    old_ids, new_ids = ids(before), ids(after)
    holder = {model_id: name for name, model_id in old_ids.items()}
    taken = {model_id: name for name, model_id in new_ids.items()}
    checks = []
    for label in labels:
        old, new, kind = label["old_model"], label["new_model"], label["kind"]
        if kind == "rename":
            old_id, new_id = old_ids.get(old), new_ids.get(new)
            if old_id is not None and old_id == new_id:
                outcome, detail = KEPT, old_id
            elif new_id in holder:
                outcome, detail = WRONG, f"got the id of {holder[new_id]!r}"
            else:
                outcome, detail = LOST, f"new id {new_id}"
        elif kind == "removed":
            heir = taken.get(old_ids.get(old, ""))
            outcome, detail = (WRONG, f"its id went to {heir!r}") if heir else (KEPT, "id retired")
        else:
            before_name = holder.get(new_ids.get(new, ""))
            outcome, detail = (WRONG, f"got the id of {before_name!r}") if before_name else (KEPT, "new id")
        checks.append(RenameCheck(pair, kind, old, new, outcome, detail))
    return checks


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def card_totals(links: list[CardLink]) -> dict[str, object]:
    """Precision and recall of base-card links, and derived cards' outcomes."""
    base = [c for c in links if c.kind == "base"]
    right = sum(c.outcome == RIGHT for c in base)
    wrong = sum(c.outcome == WRONG for c in base)
    derived = [c for c in links if c.kind == "derived"]
    return {"base": len(base), "right": right, "wrong": wrong, "missing": len(base) - right - wrong,
            "precision": _ratio(right, right + wrong), "recall": _ratio(right, len(base)),
            "derived": len(derived), "derived_linked": sum(c.outcome == DERIVED for c in derived),
            "derived_merged": sum(c.outcome == MERGED for c in derived)}


def rename_totals(checks: list[RenameCheck]) -> dict[str, object]:
    """Renames kept, lost and wrong; ids handed to a different model (over every labelled name)."""
    renames = [c for c in checks if c.kind == "rename"]
    kept = sum(c.outcome == KEPT for c in renames)
    return {"renames": len(renames), "kept": kept, "lost": sum(c.outcome == LOST for c in renames),
            "kept_share": _ratio(kept, len(renames)),
            "wrong_ids": sum(c.outcome == WRONG for c in checks),
            "non_renames": len(checks) - len(renames)}


def report(links: list[CardLink], checks: list[RenameCheck]) -> dict[str, object]:
    """The JSON shape of ``flopwatch eval linking --json``: every outcome, wrong links first, and the
    totals per split."""
    order = {WRONG: 0, MERGED: 0, WRONG_BASE: 0, MISSING: 1, UNLINKED: 1, LOST: 1}
    splits = sorted({c.split for c in links})
    return {
        "cards": [asdict(c) for c in sorted(links, key=lambda c: order.get(c.outcome, 2))],
        "renames": [asdict(c) for c in sorted(checks, key=lambda c: order.get(c.outcome, 2))],
        "totals": {"cards": {"all": card_totals(links),
                             **{s: card_totals([c for c in links if c.split == s]) for s in splits}},
                   "renames": rename_totals(checks)},
    }
