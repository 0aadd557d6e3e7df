"""``trends_history.csv``: every version's fits, so a reader sees how the estimates moved as data came."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

# the date of the data a version holds: the newest snapshot date of its inputs (see
# curation.store.snapshots), else its newest publication date among models with a compute figure
DATA_DATE = "data_date"
HISTORY_COLUMNS = ["version", "date", "subset", "era", "n", "growth_per_year", "doubling_months",
                   "doubling_months_ci90_low", "doubling_months_ci90_high", DATA_DATE]


def history_rows(version: int, date: str, records: list[dict[str, object]],
                 data_date: str | None = None) -> pd.DataFrame:
    """The history lines of one version's fit records; ``data_date`` (:data:`DATA_DATE`) defaults to
    the day the version was made."""
    rows = [{"version": version, "date": date, "subset": r.get("subset", "all"), "era": r["era"], "n": r["n"],
             "growth_per_year": r["growth_per_year"], "doubling_months": r["doubling_months"],
             "doubling_months_ci90_low": r["doubling_months_ci90"][0],
             "doubling_months_ci90_high": r["doubling_months_ci90"][1], DATA_DATE: data_date or date}
            for r in records]
    return pd.DataFrame(rows, columns=HISTORY_COLUMNS)


def data_date_of(models: pd.DataFrame, inputs: list[dict[str, object]] | None = None) -> str | None:
    """A version's :data:`DATA_DATE`: the newest snapshot date of its ``inputs`` (the manifest's),
    else the newest publication date among its models with a figure."""
    snapshots = [str(i["snapshot_date"]) for i in inputs or [] if i.get("snapshot_date")]
    if snapshots:
        return max(snapshots)
    dated = models.loc[models["training_compute_flop"].notna(), "publication_date"].dropna()
    return None if dated.empty else f"{dated.max():%Y-%m-%d}"


def append_history(path: Path, rows: pd.DataFrame) -> bool:
    """Append ``rows`` unless their version is already recorded; True when something was written."""
    if rows.empty:
        return False
    if path.exists():
        known = pd.read_csv(path, usecols=["version"])["version"]
        if int(rows["version"].iloc[0]) in set(known.astype(int)):
            return False
        _upgrade(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rows.to_csv(path, mode="a", header=not path.exists(), index=False, lineterminator="\n")
    return True


def read_history(path: Path) -> pd.DataFrame:
    """The whole history (empty with the right columns before the first version); lines written
    before :data:`DATA_DATE` existed are dated by the day of their version."""
    if not path.exists():
        return pd.DataFrame(columns=HISTORY_COLUMNS)
    history = pd.read_csv(path)
    if DATA_DATE not in history:
        history[DATA_DATE] = history["date"]
    return history


def _upgrade(path: Path) -> None:
    """Rewrite a history file written before :data:`DATA_DATE` with that column (so lines append)."""
    header = path.read_text(encoding="utf-8").split("\n", 1)[0].split(",")
    if DATA_DATE not in header:
        temporary = path.with_suffix(".tmp")
        read_history(path)[HISTORY_COLUMNS].to_csv(temporary, index=False, lineterminator="\n")
        temporary.replace(path)
