"""Merge validated candidates into one row per model, with provenance and conflicts.

:mod:`curation.resolve.rules` decides which records are one model; this module gives each model its id
(kept from the previous version; never reused), takes each field by the merge policy and writes the
long provenance table.

Merge policy (``training_compute_flop`` and its method, evidence and confidence): a figure a paper or
card reports itself (a compute-extracting source's ``reported`` estimate) > a curated source's value
(Epoch) > a flopwatch estimate from hardware or operation counting. ``training_compute_source`` names
the source that won; ``compute_conflict`` is set when the model's records disagree by more than 3×.
Membership flags (``notable``, ``frontier_model``, the Epoch tables listing the model): set when any
record sets them. Every other field: the first value in source order (the order of ``FLOPWATCH_SOURCES``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from curation.resolve.rules import Resolution, Rules, resolve
from schemas.candidate import EPOCH_NUMBER_COLUMNS, MEMBERSHIP_FLAGS
from schemas.curated import LINK_COLUMNS, MODEL_COLUMNS, SOURCE_VALUE_COLUMNS, CuratedModel
from schemas.validate import QUARANTINE_COLUMNS, ROW_QUARANTINED

_SPACE = re.compile(r"\s+")

# Candidate fields carried into the curated table.
MERGED_FIELDS = [
    "model", "publication_date", "organization", "domain", "country", "parameters",
    "training_compute_flop", "training_dataset_size", "compute_method", "compute_evidence",
    "confidence", "hardware", "link", "arxiv_id", "doi", *EPOCH_NUMBER_COLUMNS,
]
# the figure and what belongs to it travel together from the record that wins
COMPUTE_FIELDS = ["training_compute_flop", "compute_method", "compute_evidence", "confidence",
                  "training_compute_lower_flop", "training_compute_upper_flop"]
REPORTED = "reported"
CONFLICT_FACTOR = 3.0


def model_key(name: str) -> str:
    """A model name with whitespace trimmed and collapsed, case kept."""
    return _SPACE.sub(" ", str(name)).strip()


def new_model_id(key: str) -> str:
    """A model id derived from its first key, so a rebuild from raw payloads gives the same ids."""
    return "fw_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def with_optional_columns(candidates: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``candidates`` with the columns only some sources fill (Epoch's figures and flags)
    added as nulls where a frame lacks them."""
    frame = candidates.copy()
    for column in [*EPOCH_NUMBER_COLUMNS, *MEMBERSHIP_FLAGS]:
        if column not in frame:
            frame[column] = None
    return frame


def split_duplicates(candidates: pd.DataFrame,
                     record_key: str = "model") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Keep one row per record (by default the model name) within each payload; quarantine the others
    with a reason. Of duplicated rows, the one with the most filled fields is kept (the first on a tie).
    """
    if candidates.empty:
        return candidates, pd.DataFrame(columns=QUARANTINE_COLUMNS)
    frame = with_optional_columns(candidates)
    frame["_key"] = frame[record_key].map(model_key)
    frame["_filled"] = frame[MERGED_FIELDS].notna().sum(axis=1)
    frame["_order"] = range(len(frame))
    ranked = frame.sort_values(["raw_sha256", "_key", "_filled", "_order"],
                               ascending=[True, True, False, True])
    duplicated = ranked.duplicated(["raw_sha256", "_key"], keep="first")
    kept_rows = ranked[~duplicated].set_index(["raw_sha256", "_key"])["source_row"]
    lines = []
    for _, row in ranked[duplicated].iterrows():
        kept = kept_rows.loc[(row["raw_sha256"], row["_key"])]
        lines.append({
            "source": row["source"], "record": row["source_record_id"], "row": row["source_row"],
            "model": row["model"], "column": record_key,
            "check": f"{record_key} unique within payload (row {kept} with more filled fields kept)",
            "value": row[record_key], "action": ROW_QUARANTINED, "raw_sha256": row["raw_sha256"],
        })
    kept = frame[~duplicated.reindex(frame.index)].drop(columns=["_key", "_filled", "_order"])
    return kept.reset_index(drop=True), pd.DataFrame(lines, columns=QUARANTINE_COLUMNS)


@dataclass
class Merged:
    """The curated table, every source value behind it, and why each record joined its model."""

    models: pd.DataFrame
    model_sources: pd.DataFrame
    links: pd.DataFrame
    id_events: list[dict[str, str]]  # merges of previous ids (change rows)


def merge_models(candidates: pd.DataFrame, previous: pd.DataFrame | None = None,
                 paper_sources: Collection[str] = (), estimating_sources: Collection[str] = (),
                 previous_links: pd.DataFrame | None = None, rules: Rules | None = None) -> Merged:
    """Resolve ``candidates`` (in source precedence order) into models. ``previous`` (the last published
    models) and ``previous_links`` (its ``model_sources``) keep ids stable; ``paper_sources``' records
    without a compute figure only join models; ``estimating_sources`` give flopwatch's own estimates."""
    if candidates.empty:
        return _no_models()
    frame = with_optional_columns(candidates.reset_index(drop=True))
    frame["model"] = frame["model"].map(model_key)
    prev = previous if previous is not None and not previous.empty else None
    resolution = resolve(frame, prev, previous_links, paper_sources, rules or Rules())
    frame["_cluster"] = resolution.cluster
    frame["_order"] = np.arange(len(frame))
    frame["_rule"], frame["_detail"] = resolution.rule, resolution.detail

    # a cluster of paper records none of which has a figure is a paper, not a model
    papers = set(paper_sources)
    creates = ~frame["source"].isin(papers) | frame["training_compute_flop"].notna()
    frame = frame[frame["_cluster"].isin(frame.loc[creates, "_cluster"])]
    if frame.empty:  # only papers without a figure: no model yet
        return _no_models()

    ids, events = _assign_ids(frame, resolution.previous_ids, prev)
    events += _splits(frame, ids, previous_links)
    frame["model_id"] = frame["_cluster"].map(ids)
    _mark_derived(frame, resolution, ids)
    models = _wide(frame, set(estimating_sources))
    return Merged(CuratedModel.validate(models[MODEL_COLUMNS].reset_index(drop=True)),
                  _long(frame), _links(frame), events)


def _no_models() -> Merged:
    return Merged(CuratedModel.validate(pd.DataFrame(columns=MODEL_COLUMNS)),
                  pd.DataFrame(columns=SOURCE_VALUE_COLUMNS), pd.DataFrame(columns=LINK_COLUMNS), [])


def merge_candidates(candidates: pd.DataFrame, previous: pd.DataFrame | None = None,
                     paper_sources: Collection[str] = ()) -> pd.DataFrame:
    """The curated table alone (see :func:`merge_models`)."""
    return merge_models(candidates, previous, paper_sources).models


def _assign_ids(frame: pd.DataFrame, previous_ids: dict[int, list[str]],
                prev: pd.DataFrame | None) -> tuple[dict[int, str], list[dict[str, str]]]:
    """A model id per cluster: its previous model's id; with several, the first (the others are recorded
    as merged into it); else a new id from its first name, never one used before."""
    used = set(prev["model_id"]) if prev is not None else set()
    first = frame.sort_values("_order").drop_duplicates("_cluster")
    ids, events = {}, []
    for cluster, name in zip(first["_cluster"], first["model"], strict=True):
        known = previous_ids.get(int(cluster), [])
        if known:
            ids[cluster] = known[0]
            events += [{"change": "merged", "model_id": known[0], "model": name, "field": "model_id",
                        "old": other, "new": known[0]} for other in known[1:]]
            continue
        candidate, attempt = new_model_id(name), 1
        while candidate in used:
            attempt += 1
            candidate = new_model_id(f"{name}#{attempt}")
        ids[cluster] = candidate
        used.add(candidate)
    return ids, events


def _splits(frame: pd.DataFrame, ids: dict[int, str],
            previous_links: pd.DataFrame | None) -> list[dict[str, str]]:
    """Change rows for models split off an earlier one: records that belonged to a previous model now
    make a model with a new id while that previous id lives on elsewhere."""
    if previous_links is None or previous_links.empty:
        return []
    owner = dict(zip(zip(previous_links["source"], previous_links["source_record_id"], strict=True),
                     previous_links["model_id"], strict=True))
    kept, earlier = set(ids.values()), set(owner.values())
    events = {}
    columns = ["_cluster", "source", "source_record_id", "model"]
    for cluster, source, record, name in frame[columns].itertuples(index=False):
        before = owner.get((source, record))
        now = ids[cluster]
        if before and before != now and before in kept and now not in earlier:
            events[now] = {"change": "split", "model_id": now, "model": name, "field": "model_id",
                           "old": before, "new": now}
    return list(events.values())


def _mark_derived(frame: pd.DataFrame, resolution: Resolution, ids: dict[int, str]) -> None:
    """A derived record's base model id (``derived_from``), and its link row saying how it was found."""
    frame["derived_from"] = None
    known = {cluster: model_ids[0] for cluster, model_ids in resolution.previous_ids.items()}
    for index, (base, how) in resolution.bases.items():
        if index not in frame.index:
            continue
        base_id = ids.get(base) or known.get(base)
        if base_id is None or base_id == frame.at[index, "model_id"]:
            continue
        frame.at[index, "derived_from"] = base_id
        frame.at[index, "_rule"], frame.at[index, "_detail"] = "derived from", f"{how}: model {base_id}"


def _compute_rank(frame: pd.DataFrame, estimating: set[str]) -> pd.Series:
    """0: a figure the text reports itself; 1: a curated source's value; 2: a flopwatch estimate."""
    own = frame["source"].isin(estimating)
    reported = frame["compute_method"].astype("string").str.lower().eq(REPORTED).fillna(False)
    return pd.Series(np.where(own & reported, 0, np.where(own, 2, 1)), index=frame.index)


def _wide(frame: pd.DataFrame, estimating: set[str]) -> pd.DataFrame:
    ordered = frame.sort_values("_order")
    groups = ordered.groupby("model_id", sort=False)
    wide = groups[[f for f in MERGED_FIELDS if f not in COMPUTE_FIELDS]].first()
    with_figure = ordered[ordered["training_compute_flop"].notna()].assign(
        _rank=_compute_rank(ordered[ordered["training_compute_flop"].notna()], estimating))
    best = with_figure.sort_values(["_rank", "_order"]).drop_duplicates("model_id").set_index("model_id")
    for column in COMPUTE_FIELDS:
        wide[column] = best[column].reindex(wide.index)
    wide["training_compute_source"] = best["source"].reindex(wide.index)
    spread = with_figure.groupby("model_id")["training_compute_flop"].agg(lambda v: v.max() / v.min())
    wide["compute_conflict"] = (spread.reindex(wide.index) > CONFLICT_FACTOR).fillna(False).astype(bool)
    wide["derived_from"] = groups["derived_from"].first()
    for flag in ["notable", *MEMBERSHIP_FLAGS]:  # any record that says so
        wide[flag] = groups[flag].agg(lambda flags: bool(flags.fillna(False).any()))
    wide["sources"] = groups["source"].agg(lambda names: ";".join(sorted(set(names))))
    wide = wide.reset_index()
    repeated = wide["model"].duplicated(keep="first")  # distinct models a source names alike
    if repeated.any():
        named = wide.loc[repeated]
        wide.loc[repeated, "model"] = named["model"] + " (" + named["model_id"] + ")"
    return wide.sort_values(["publication_date", "model"], na_position="last", kind="stable")


def _text(value: object) -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return format(value, ".12g")
    return str(value)


def _long(frame: pd.DataFrame) -> pd.DataFrame:
    """``model_sources``: one row per (record, field with a value)."""
    fields = [f for f in MERGED_FIELDS if f not in ("compute_evidence", "link")]
    melted = frame.melt(id_vars=["model_id", "source", "source_record_id", "link", "raw_sha256",
                                 "compute_evidence", "_order"], value_vars=fields, var_name="field")
    melted = melted[melted["value"].notna()]
    melted["value"] = melted["value"].map(_text)
    melted["evidence"] = melted["compute_evidence"].where(melted["field"] == "training_compute_flop")
    melted = melted.rename(columns={"link": "url"}).sort_values(["model_id", "_order"], kind="stable")
    return melted[SOURCE_VALUE_COLUMNS].reset_index(drop=True)


def _links(frame: pd.DataFrame) -> pd.DataFrame:
    """``links``: why each record belongs to its model (the rule and what it compared)."""
    links = frame.rename(columns={"model": "record_model", "_rule": "rule", "_detail": "detail"})
    return links.sort_values(["model_id", "_order"], kind="stable")[LINK_COLUMNS].reset_index(drop=True)
