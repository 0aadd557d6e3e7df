"""Joining a record spread over several payloads: a listing row and the detail (full text, model card)
fetched for it, by ``source_record_id``. Used by sources' :meth:`~scrapers.base.Source.combine`."""

from __future__ import annotations

import pandas as pd

PART = "_part"  # the column a source's parse marks each row's part in
LISTING = "listing"


def join_details(rows: pd.DataFrame, detail: str, columns: list[str], figure: str, *, copy_all: bool,
                 keep_unmatched: bool, take_names: bool = False) -> tuple[pd.DataFrame, list[str]]:
    """One row per record: its listing row with ``columns`` from its ``detail`` row — for every matched
    record with ``copy_all``, else only where the detail has a ``figure``. Where it has one, the
    detail's payload becomes the row's ``raw_sha256``/``fetched_at`` (the figure's source), and with
    ``take_names`` its non-empty ``model``. Listing rows without a detail are kept with
    ``keep_unmatched``. Returns the rows and the ids of details that have no listing row."""
    listed = rows[rows[PART] == LISTING].drop_duplicates("source_record_id", keep="last")
    details = rows[rows[PART] == detail].drop_duplicates("source_record_id", keep="last")
    wanted = rows.columns.union(pd.Index([*columns, figure]).unique())
    details = details.reindex(columns=wanted).set_index("source_record_id")
    listed = listed.set_index("source_record_id")
    matched = listed.index.intersection(details.index)
    has_figure = details.loc[matched, figure].notna()
    found = has_figure[has_figure].index
    take = matched if copy_all else found
    for column in columns:
        listed[column] = listed[column].astype(object) if column in listed else None
        listed.loc[take, column] = details.loc[take, column]
    if take_names:
        named = details.loc[found, "model"].dropna()
        listed.loc[named.index, "model"] = named
    listed.loc[found, ["raw_sha256", "fetched_at"]] = details.loc[found, ["raw_sha256", "fetched_at"]]
    orphans = list(details.index.difference(listed.index))
    joined = listed if keep_unmatched else listed.loc[matched]
    return joined.drop(columns=[PART]).reset_index(), orphans
