"""What changed between two published versions: ``changes.csv`` for scripts, ``CHANGES.md`` for people."""

from __future__ import annotations

import math

import pandas as pd

CHANGE_COLUMNS = ["change", "model_id", "model", "field", "old", "new"]
CHANGE_KINDS = ("added", "removed", "changed", "renamed", "merged", "split")
_MARKDOWN_ROW_LIMIT = 300


def _text(value: object) -> str:
    """A value as it is compared and shown: dates as YYYY-MM-DD, numbers to 12 significant digits."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format(value, ".12g")
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def diff_models(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """One row per added or removed model, per renamed model, and per changed field, keyed by model_id."""
    old_rows = old.set_index("model_id")
    new_rows = new.set_index("model_id")
    fields = [c for c in new_rows.columns if c != "model" and c in old_rows.columns]
    rows: list[dict[str, str]] = []
    for model_id in new_rows.index.difference(old_rows.index, sort=False):
        rows.append({"change": "added", "model_id": model_id, "model": new_rows.at[model_id, "model"],
                     "field": "", "old": "", "new": ""})
    for model_id in old_rows.index.difference(new_rows.index, sort=False):
        rows.append({"change": "removed", "model_id": model_id, "model": old_rows.at[model_id, "model"],
                     "field": "", "old": "", "new": ""})
    common = new_rows.index.intersection(old_rows.index, sort=False)
    before = old_rows.loc[common, ["model", *fields]].map(_text)
    after = new_rows.loc[common, ["model", *fields]].map(_text)
    differs = before.ne(after)
    touched = differs.any(axis=1).to_numpy()
    before, after, differs = before[touched], after[touched], differs[touched]
    renamed = differs["model"].to_numpy()
    names = after["model"][renamed]
    frames = [pd.DataFrame(rows, columns=CHANGE_COLUMNS),
              pd.DataFrame({"change": "renamed", "model_id": after.index[renamed], "model": names,
                            "field": "model", "old": before["model"][renamed], "new": names})]
    if fields and len(differs):
        cells = differs[fields].stack()
        cells = cells[cells.to_numpy()].index  # (model_id, field) of every changed value, row by row
        ids = cells.get_level_values(0)
        frames.append(pd.DataFrame({
            "change": "changed", "model_id": ids, "model": after["model"].reindex(ids).to_numpy(),
            "field": cells.get_level_values(1), "old": before[fields].stack()[cells].to_numpy(),
            "new": after[fields].stack()[cells].to_numpy()}))
    rows = pd.concat([f.reset_index(drop=True) for f in frames if len(f)], ignore_index=True) \
        if any(len(f) for f in frames) else pd.DataFrame(columns=CHANGE_COLUMNS)
    changes = rows[CHANGE_COLUMNS]
    order = {kind: rank for rank, kind in enumerate(CHANGE_KINDS)}
    return changes.sort_values(
        ["change", "model", "field"], key=lambda s: s.map(order) if s.name == "change" else s,
        kind="stable",
    ).reset_index(drop=True)


def summarize_changes(changes: pd.DataFrame) -> dict[str, int]:
    """Models added, removed, renamed and changed (a model with several changed fields counts once)."""
    return {
        "added": int((changes["change"] == "added").sum()),
        "removed": int((changes["change"] == "removed").sum()),
        "renamed": int((changes["change"] == "renamed").sum()),
        "changed": int(changes.loc[changes["change"] == "changed", "model_id"].nunique()),
        "merged": int((changes["change"] == "merged").sum()),  # ids retired into another model's
        "split": int((changes["change"] == "split").sum()),  # new models split off an earlier one
    }


def _cell(text: str, limit: int = 80) -> str:
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def changes_markdown(changes: pd.DataFrame, old_label: str, new_label: str) -> str:
    """A readable account of ``changes`` from ``old_label`` to ``new_label``."""
    counts = summarize_changes(changes)
    lines = [f"# Changes from {old_label} to {new_label}", "",
             ", ".join(f"{count} {kind}" for kind, count in counts.items()) + " models.", ""]
    sections = [("Added", "added", False), ("Removed", "removed", False),
                ("Renamed", "renamed", True), ("Changed", "changed", True)]
    for title, kind, with_fields in sections:
        part = changes[changes["change"] == kind]
        if part.empty:
            continue
        lines += [f"## {title} ({len(part)} rows)", ""]
        if with_fields:
            lines += ["| model | field | old | new |", "|---|---|---|---|"]
            lines += [f"| {_cell(r.model)} | {r.field} | {_cell(r.old)} | {_cell(r.new)} |"
                      for r in part.head(_MARKDOWN_ROW_LIMIT).itertuples()]
        else:
            lines += [f"- {_cell(r.model)} (`{r.model_id}`)"
                      for r in part.head(_MARKDOWN_ROW_LIMIT).itertuples()]
        if len(part) > _MARKDOWN_ROW_LIMIT:
            lines.append(f"\n…and {len(part) - _MARKDOWN_ROW_LIMIT} more rows in changes.csv.")
        lines.append("")
    return "\n".join(lines)
