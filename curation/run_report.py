"""What a run did, for the CLI, the Prefect artifacts and the version manifest."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import pandas as pd

from curation.pending import QueueChange
from curation.trends.subsets import REGISTRY
from schemas.validate import VALUE_DROPPED, Validated

OK = "ok"
HEADLINE_SUBSETS = frozenset(name for name, subset in REGISTRY.items() if subset.headline)
SUMMARY_SUBSETS = frozenset(name for name, subset in REGISTRY.items() if subset.summary)
FAILED = "failed"
INCOMPLETE = "incomplete"  # the source's listing was read, but details failed and wait in its queue


@dataclass
class SourceOutcome:
    """One source in one run."""

    name: str
    status: str = OK  # ok | incomplete | failed
    error: str | None = None
    fetched: int = 0  # payloads fetched this run (304s count as fetched)
    parsed: int = 0  # candidate rows parsed
    valid: int = 0
    quarantined: int = 0  # rows removed by quarantine
    values_dropped: int = 0  # single values dropped by quarantine
    kept_from_version: int | None = None  # on failure: whose data was kept
    note: str = ""  # e.g. why nothing was parsed
    filled: list[str] = field(default_factory=list)  # candidate columns with values in >= 5% of valid rows
    queued: int = 0  # details (full texts, cards) that failed this run for a temporary reason
    given_up: int = 0  # details not found, or failed for the last allowed time
    pending: int = 0  # details in the source's retry queue after the run
    detail_error: str | None = None  # why the first of them failed

    def line(self) -> str:
        """One line for the terminal."""
        if self.status == FAILED:
            kept = (f"kept its data from version {self.kept_from_version:04d}"
                    if self.kept_from_version else "no earlier data to keep")
            return f"{self.name}: FAILED ({self.error}); {kept}{self._queue_text()}"
        if self.status == INCOMPLETE:
            return (f"{self.name}: INCOMPLETE ({self.queued} full texts or cards not fetched, e.g. "
                    f"{self.detail_error}); {self.note or f'{self.valid} valid rows'}{self._queue_text()}")
        if self.note:
            return f"{self.name}: {self.fetched} payloads, {self.note}{self._queue_text()}"
        return (f"{self.name}: {self.fetched} payloads, {self.parsed} rows parsed, "
                f"{self.valid} valid, {self.quarantined} quarantined, {self.values_dropped} values dropped"
                f"{self._queue_text()}")

    def _queue_text(self) -> str:
        parts = [f"{self.pending} pending retry" if self.pending else "",
                 f"{self.given_up} given up" if self.given_up else ""]
        return "".join(f"; {part}" for part in parts if part)


@dataclass
class RunReport:
    """The outcome of one nightly run."""

    run_id: str
    status: str = "unchanged"  # published | unchanged
    version: int | None = None
    previous_version: int | None = None
    reason: str = ""
    sources: dict[str, SourceOutcome] = field(default_factory=dict)
    rows: int = 0
    changes: dict[str, int] = field(default_factory=dict)
    added_models: list[dict[str, object]] = field(default_factory=list)
    fits: list[dict[str, object]] = field(default_factory=list)
    quarantine_file: str | None = None
    quarantined: int = 0
    storage: dict[str, int] = field(default_factory=dict)  # files and bytes shared with the previous version

    @property
    def failed_sources(self) -> list[str]:
        """The sources that failed, or whose details failed this run (the run exits 3)."""
        return [name for name, outcome in self.sources.items() if outcome.status in (FAILED, INCOMPLETE)]

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def storage_line(self) -> str:
        """How much the version added to the data folder, e.g. "Stored 120 kB new; 9 of 12 files
        (11.2 MB) shared with the previous version." (empty before a version is written)."""
        if not self.storage:
            return ""
        s = self.storage
        return (f"Stored {_size(s['total_bytes'] - s['bytes'])} new; {s['files']} of {s['total_files']} "
                f"files ({_size(s['bytes'])}) shared with the previous version.")

    def markdown(self) -> str:
        """The run summary shown as a Prefect artifact."""
        if self.status == "published":
            head = f"Published version **{self.version:04d}** ({self.rows} models). {self.storage_line()}"
        else:
            head = f"No new version: {self.reason}."
        lines = [f"# flopwatch run {self.run_id}", "", head, "", "## Sources", "",
                 "| source | status | fetched | parsed | valid | quarantined | values dropped "
                 "| pending retry |",
                 "|---|---|---|---|---|---|---|---|"]
        for outcome in self.sources.values():
            status = {OK: OK, INCOMPLETE: f"incomplete: {outcome.queued} details queued, e.g. "
                                          f"{outcome.detail_error}"}.get(outcome.status,
                                                                         f"failed: {outcome.error}")
            lines.append(f"| {outcome.name} | {status} | {outcome.fetched} | {outcome.parsed} | "
                         f"{outcome.valid} | {outcome.quarantined} | {outcome.values_dropped} | "
                         f"{outcome.pending} |")
        if self.changes:
            lines += ["", "## Models", "",
                      ", ".join(f"{count} {kind}" for kind, count in self.changes.items()) + "."]
        if self.fits:
            lines += ["", "## Trend", "", "| subset | era | n | growth/yr | doubling (months) | 90% CI |",
                      "|---|---|---|---|---|---|"]
            for fit in self.fits:
                if fit.get("subset", "all") not in HEADLINE_SUBSETS:
                    continue
                low, high = fit["doubling_months_ci90"]
                lines.append(f"| {fit.get('subset', 'all')} | {fit['era']} | {fit['n']} | "
                             f"{_num(fit['growth_per_year'], 'x')} | "
                             f"{_num(fit['doubling_months'])} | "
                             f"{_num(low)}–{_num(high)} |")
        if self.quarantine_file:
            lines += ["", f"{self.quarantined} quarantine lines in `{self.quarantine_file}`."]
        return "\n".join(lines) + "\n"


def _num(value: object, suffix: str = "") -> str:
    return "—" if value is None else f"{float(value):.2f}{suffix}"


def record_outcome(outcome: SourceOutcome, validated: Validated) -> None:
    """Count what parsing gave into the source's outcome."""
    quarantine = validated.quarantine
    dropped = quarantine["action"] == VALUE_DROPPED
    outcome.valid = len(validated.candidates)
    outcome.filled = filled_columns(validated.candidates)
    outcome.values_dropped = int(dropped.sum())
    outcome.quarantined = len(quarantine[~dropped].drop_duplicates(["record", "row", "check"]))
    outcome.parsed = outcome.valid + outcome.quarantined


def filled_columns(candidates: pd.DataFrame, share: float = 0.05) -> list[str]:
    """The columns that hold a value in at least ``share`` of the rows (0: in any row)."""
    if candidates.empty:
        return []
    return sorted(str(c) for c in candidates.columns
                  if candidates[c].notna().any() and candidates[c].notna().mean() >= share)


def note_queue(outcome: SourceOutcome, change: QueueChange) -> None:
    """Count what a run did to the source's queue of details; details that failed for a temporary
    reason make the source incomplete (the run exits 3, and names one reason)."""
    outcome.queued, outcome.given_up = len(change.queued), len(change.given_up)
    outcome.pending = change.pending
    if change.queued:
        outcome.status = INCOMPLETE if outcome.status == OK else outcome.status
        outcome.detail_error = change.queued[0].reason


def fail(outcome: SourceOutcome, exc: BaseException, previous_version: int | None) -> None:
    """Mark ``outcome`` failed with ``exc``'s message; its data is kept from ``previous_version``."""
    outcome.status = FAILED
    outcome.error = str(exc).strip("'\"")
    outcome.kept_from_version = previous_version


def _size(count: int) -> str:
    if count < 1000:
        return f"{count} bytes"
    return f"{count / 1e3:.1f} kB" if count < 1e6 else f"{count / 1e6:.1f} MB"
