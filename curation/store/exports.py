"""``flopwatch export``: a version's models in the shape a reader's tools already take.

- ``epoch``: a CSV with Epoch AI's own column names and cell conventions (ISO dates, "True" for a
  set flag, empty cells for nothing), so a notebook written for Epoch's ``notable_ai_models.csv``
  reads it unchanged; flopwatch's own columns follow Epoch's, under names Epoch does not use;
- ``csv``: ``models.csv`` as published (flopwatch's column names, see DATA_DICTIONARY.md);
- ``parquet``: ``models.parquet`` as published (typed columns).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from curation.store.csv_cells import neutralized

FORMATS = ("epoch", "csv", "parquet")
# flopwatch column -> Epoch AI's column name (their current public tables')
EPOCH_NAMES: dict[str, str] = {
    "model": "Model",
    "organization": "Organization",
    "publication_date": "Publication date",
    "domain": "Domain",
    "parameters": "Parameters",
    "training_compute_flop": "Training compute (FLOP)",
    "training_compute_lower_flop": "Training compute lower bound",
    "training_compute_upper_flop": "Training compute upper bound",
    "compute_evidence": "Training compute notes",
    "training_dataset_size": "Training dataset size (gradients)",
    "confidence": "Confidence",
    "link": "Link",
    "country": "Country (of organization)",
    "notable": "Notability criteria",
    "hardware": "Training hardware",
    "hardware_quantity": "Hardware quantity",
    "training_time_hours": "Training time (hours)",
    "training_cost_usd_2023": "Training compute cost (2023 USD)",
    "training_power_draw_w": "Training power draw (W)",
    "frontier_model": "Frontier model",
    "compute_method": "Training compute estimation method",
}
# flopwatch's own columns, after Epoch's
FLOPWATCH_EXTRA: dict[str, str] = {
    "model_id": "flopwatch model id",
    "training_compute_source": "flopwatch compute source",
    "compute_conflict": "flopwatch compute conflict",
    "sources": "flopwatch sources",
    "in_frontier_table": "flopwatch in Epoch frontier table",
    "in_large_scale_table": "flopwatch in Epoch large-scale table",
    "derived_from": "flopwatch derived from",
    "arxiv_id": "flopwatch arXiv id",
    "doi": "flopwatch DOI",
}
# Epoch's "Notability criteria" holds why a model is notable; an export can only say that it is
NOTABLE_CELL = "notable (flopwatch export)"


def epoch_table(models: pd.DataFrame) -> pd.DataFrame:
    """``models`` with Epoch AI's column names and cell conventions (see the module docstring)."""
    table = models.sort_values(["publication_date", "model"], na_position="last", kind="stable")
    out = pd.DataFrame(index=table.index)
    for column, name in {**EPOCH_NAMES, **FLOPWATCH_EXTRA}.items():
        values = table[column]
        if column == "notable":
            values = values.map(lambda flag: NOTABLE_CELL if flag else "")
        elif column == "frontier_model":
            values = values.map(lambda flag: "True" if flag else "")
        elif column == "publication_date":
            values = values.dt.strftime("%Y-%m-%d")
        out[name] = values
    return out.reset_index(drop=True)


def export_models(models: pd.DataFrame, version_dir: Path, fmt: str, out: Path) -> Path:
    """Write ``models`` (of the version in ``version_dir``) to ``out`` in ``fmt``; returns ``out``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (use one of {', '.join(FORMATS)})")
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "epoch":
        text = neutralized(epoch_table(models)).to_csv(index=False, lineterminator="\n")
        out.write_text(text, encoding="utf-8")
    elif fmt == "csv":
        out.write_bytes((version_dir / "models.csv").read_bytes())
    else:
        out.write_bytes((version_dir / "models.parquet").read_bytes())
    return out
