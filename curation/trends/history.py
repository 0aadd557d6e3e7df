"""``trends_history.csv``: every version's fits, so a reader sees how the estimates moved as data came."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

HISTORY_COLUMNS = ["version", "date", "subset", "era", "n", "growth_per_year", "doubling_months",
                   "doubling_months_ci90_low", "doubling_months_ci90_high"]


def history_rows(version: int, date: str, records: list[dict[str, object]]) -> pd.DataFrame:
    """The history lines of one version's fit records."""
    rows = [{"version": version, "date": date, "subset": r.get("subset", "all"), "era": r["era"], "n": r["n"],
             "growth_per_year": r["growth_per_year"], "doubling_months": r["doubling_months"],
             "doubling_months_ci90_low": r["doubling_months_ci90"][0],
             "doubling_months_ci90_high": r["doubling_months_ci90"][1]} for r in records]
    return pd.DataFrame(rows, columns=HISTORY_COLUMNS)


def append_history(path: Path, rows: pd.DataFrame) -> bool:
    """Append ``rows`` unless their version is already recorded; True when something was written."""
    if rows.empty:
        return False
    if path.exists():
        known = pd.read_csv(path, usecols=["version"])["version"]
        if int(rows["version"].iloc[0]) in set(known.astype(int)):
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    rows.to_csv(path, mode="a", header=not path.exists(), index=False, lineterminator="\n")
    return True


def read_history(path: Path) -> pd.DataFrame:
    """The whole history (empty with the right columns before the first version)."""
    if not path.exists():
        return pd.DataFrame(columns=HISTORY_COLUMNS)
    return pd.read_csv(path)
