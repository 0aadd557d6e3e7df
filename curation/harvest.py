"""What each source contributes to a version, through one path for every source.

A run fetches each source's window (a snapshot source's window is "now": everything it holds) into an
:class:`Increment`; :func:`harvest` turns it into a :class:`Harvest`: the inputs the version is built
from and, on demand, the source's current candidates. Where the two kinds differ is decided here,
once: an incremental source saves the window's new records as a batch and contributes all its
batches; a snapshot source contributes this run's payloads, or the latest version's when its fetch or
parse failed, or when its valid rows fell by more than ``FLOPWATCH_MAX_SHRINK`` or a column lost every
value (its last good data).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from curation.collect import Parsed, collect_candidates
from curation.pending import QueueChange, RetryPolicy, due, pending_ids, update_queue
from curation.run_report import FAILED, SourceOutcome, fail, filled_columns, note_queue, record_outcome
from curation.store.batches import BatchStore, SourceState, window_label
from curation.store.publish import previous_payloads
from flopwatch.layout import DataLayout
from schemas.handover import DetailMiss, Payload, SourceLike, Window
from schemas.validate import Validated


@dataclass
class Increment:
    """What one fetch of a source landed, the window it covered, and the details it could not have."""

    window: Window
    payloads: list[Payload]
    misses: list[DetailMiss] = field(default_factory=list)
    parsed: list[Parsed] | None = None  # the payloads parsed in batches on workers, when they were


def plan_window(source: SourceLike, data_dir: Path, now: datetime | None = None,
                known: frozenset[str] | None = None) -> Window:
    """The window tonight's run of ``source`` fetches (from its saved point minus the overlap, or "now"
    for a snapshot source), with the record ids it has already collected (``known``, read from its
    batches when not given) less those whose detail is queued, and the queued details due now."""
    state = SourceState.load(data_dir, source.name)
    window = source.default_window(state.saved_until(), now or datetime.now(UTC).replace(tzinfo=None))
    known = BatchStore(data_dir, source.name).known() if known is None else known
    return replace(window, known=known - pending_ids(state.pending), retry=due(state.pending))


DEFAULT_MAX_SHRINK = 0.10  # FLOPWATCH_MAX_SHRINK
_STATE_LOCK = threading.Lock()  # windows of one backfill may finish concurrently


def save_window(data_dir: Path, source: str, batch: str, validated: Validated, increment: Increment,
                advance_saved_point: bool, policy: RetryPolicy | None = None) -> tuple[int, QueueChange]:
    """Write the new records of a window as a batch, then (and only then) save the source's state:
    the nightly saved point, or the window as done for a backfill, and its queue of details to retry
    (see :mod:`curation.pending`). Returns how many records were new and what changed in the queue."""
    candidates = validated.candidates
    new = candidates[~candidates["source_record_id"].isin(increment.window.known)]
    label = window_label(increment.window.since, increment.window.until)
    if len(new):
        BatchStore(data_dir, source).write(batch, new, increment.payloads, label)
    tried = {miss.record_id for miss in increment.window.retry} | set(new["source_record_id"].astype(str))
    with _STATE_LOCK:
        state = SourceState.load(data_dir, source)
        if advance_saved_point:
            state.processed_until = increment.window.until.isoformat(timespec="minutes")
        else:
            state.windows_done = sorted({*state.windows_done, label})
        state.pending, change = update_queue(state.pending, tried, increment.misses, policy or RetryPolicy())
        state.save(data_dir, source)
    return len(new), change


def collect_window(source: SourceLike, data_dir: Path, batch: str, increment: Increment,
                   advance_saved_point: bool = False) -> tuple[Validated, int, QueueChange]:
    """Parse and validate one window of an incremental source and save it as a batch (a backfill's
    window is then done; a nightly one moves the saved point). Returns the result, the new count and
    what changed in the source's queue of details to retry."""
    validated = collect_candidates(source, increment.payloads, data_dir, increment.parsed)
    policy = RetryPolicy.from_settings(getattr(source, "settings", None))
    new, change = save_window(data_dir, source.name, batch, validated, increment, advance_saved_point, policy)
    return validated, new, change


def pending_count(data_dir: Path, source: str) -> int:
    """How many of ``source``'s details wait in its retry queue."""
    return len(SourceState.load(data_dir, source).pending)


def known_records(data_dir: Path, source: str) -> frozenset[str]:
    """The record ids ``source`` has collected in any batch (not fetched again)."""
    return BatchStore(data_dir, source).known()


def windows_done(data_dir: Path, source: str) -> set[str]:
    """The labels of the backfill windows ``source`` has finished."""
    return set(SourceState.load(data_dir, source).windows_done)


@dataclass
class Harvest:
    """One source's contribution to a version: its inputs and, on demand, its current candidates.

    A snapshot source is parsed only when :meth:`candidates` is asked for, so an unchanged night costs
    no parsing; a parse failure then falls back to the latest version's payloads."""

    source: SourceLike
    outcome: SourceOutcome
    data_dir: Path
    inputs: list[dict[str, object]]
    quarantine: list[pd.DataFrame] = field(default_factory=list)
    payloads: list[Payload] = field(default_factory=list)  # a snapshot source's, parsed on demand
    fallback: list[Payload] = field(default_factory=list)
    previous_version: int | None = None
    kept: bool = False  # the latest version's data, not a fresh fetch: its counts are not this run's
    previous_valid: int = 0  # a snapshot source's valid rows in the latest version (0: unknown)
    previous_filled: list[str] = field(default_factory=list)  # and the columns that held values
    _candidates: pd.DataFrame | None = None

    def candidates(self) -> pd.DataFrame:
        """The source's current validated candidates."""
        if self._candidates is None:
            self._candidates = self._parse_snapshot()
        return self._candidates

    def _parse_snapshot(self) -> pd.DataFrame:
        try:
            validated = collect_candidates(self.source, self.payloads, self.data_dir)
        except Exception as exc:
            if self.kept:
                raise
            fail(self.outcome, exc, self.previous_version)
            self._refuse()
            validated = collect_candidates(self.source, self.payloads, self.data_dir)
        shrink = None if self.kept or self.payloads is self.fallback else self._shrunk(validated)
        if shrink is not None:
            fail(self.outcome, shrink, self.previous_version)
            self._refuse()
            validated = collect_candidates(self.source, self.payloads, self.data_dir)
        self.inputs = [p.to_dict() for p in self.payloads]
        if self.kept:
            self.outcome.valid = len(validated.candidates)
            self.outcome.filled = filled_columns(validated.candidates)
        else:
            record_outcome(self.outcome, validated)
            self.quarantine.append(validated.quarantine)
        return validated.candidates

    def _refuse(self) -> None:
        """Fall back to the latest version's payloads; this run's new ones are refused for good (the
        next run downloads them whole instead of taking a "not modified" for them)."""
        kept = {payload.sha256 for payload in self.fallback}
        DataLayout(self.data_dir).refuse_payloads([p.sha256 for p in self.payloads if p.sha256 not in kept])
        self.payloads = self.fallback

    def _shrunk(self, validated: Validated) -> ValueError | None:
        """The refusal of a snapshot that lost more than the allowed share of the source's valid rows
        since the latest version (a download cut short at a row boundary parses as a smaller table),
        or every value of a column it had (a changed or broken export), unless the operator accepted
        it (``--accept-shrink SOURCE``); None when it did not shrink."""
        settings = getattr(self.source, "settings", None)
        limit = getattr(settings, "max_shrink", DEFAULT_MAX_SHRINK)
        if not self.previous_valid or self.source.name in getattr(settings, "accept_shrink", ()):
            return None
        now = len(validated.candidates)
        lost = sorted(set(self.previous_filled) - set(filled_columns(validated.candidates, share=0)))
        if lost and now:
            return ValueError(
                f"{self.source.name}: no value left in column(s) {', '.join(lost)}, which the latest version "
                f"had: a changed or broken export is not published; if it is right, run with --accept-shrink "
                f"{self.source.name}")
        if now >= (1 - limit) * self.previous_valid:
            return None
        return ValueError(
            f"{self.source.name}: {now:,} valid rows against {self.previous_valid:,} in the latest version "
            f"(-{1 - now / self.previous_valid:.0%}, more than the {limit:.0%} allowed): a cut-short or "
            f"emptied download is not published; if the source really shrank, run with --accept-shrink "
            f"{self.source.name}")


def harvest(source: SourceLike, increment: Increment | None, data_dir: Path, run_id: str,
            outcome: SourceOutcome, latest_manifest: dict | None, previous_version: int | None,
            kept: bool = False, quarantine: list[pd.DataFrame] | None = None) -> Harvest:
    """``source``'s contribution to the version this run builds. ``increment`` is what this run fetched
    (None when the fetch failed, or with ``kept``: the source is taken as the latest version has it);
    ``quarantine`` adds what collecting it elsewhere set aside (a backfill's windows)."""
    if not source.incremental:
        fallback = previous_payloads(latest_manifest, source.name)
        payloads = increment.payloads if increment is not None else fallback
        if increment is not None:
            outcome.fetched = len(payloads)
        before = ((latest_manifest or {}).get("sources") or {}).get(source.name) or {}
        return Harvest(source, outcome, data_dir, [p.to_dict() for p in payloads], list(quarantine or []),
                       payloads=payloads, fallback=fallback, previous_version=previous_version, kept=kept,
                       previous_valid=int(before.get("valid") or 0),  # a failed source's: its kept data
                       previous_filled=list(before.get("filled") or []))
    quarantine = list(quarantine or [])
    if increment is not None:
        outcome.fetched = len(increment.payloads)
        try:
            validated, new, change = collect_window(source, data_dir, run_id, increment,
                                                    advance_saved_point=True)
            record_outcome(outcome, validated)
            quarantine.append(validated.quarantine)
            window = window_label(increment.window.since, increment.window.until)
            outcome.note = f"{new:,} new of {len(validated.candidates):,} in {window}"
            note_queue(outcome, change)
        except Exception as exc:
            fail(outcome, exc, previous_version)
    if outcome.status == FAILED or increment is None:  # else note_queue counted it
        outcome.pending = pending_count(data_dir, source.name)
    candidates, records = current_candidates(source, data_dir)
    if kept:
        outcome.valid = len(candidates)
    return Harvest(source, outcome, data_dir, records, quarantine, previous_version=previous_version,
                   kept=kept, _candidates=candidates)


def current_candidates(source: SourceLike, data_dir: Path) -> tuple[pd.DataFrame, list[dict[str, object]]]:
    """The candidates an incremental source has collected over all its batches, and those batches."""
    store = BatchStore(data_dir, source.name)
    records = store.records()
    candidates = store.candidates(records)
    return (source.current(candidates) if not candidates.empty else candidates), records
