"""The retry queue of details: full texts and cards that an incremental source could not fetch.

A record whose detail failed for a temporary reason (a 5xx or 429 after the HTTP retries, a timeout,
a cut or unusable body) is saved with its listing metadata like any other, and its detail is queued in
the source's state. The queue decides, here and nowhere else:

- a queued record is not "known": a listing that shows it again fetches its detail as if it were new,
  and a run fetches the details that are due even when their record is not listed again;
- the first retry is due on the next run, the following ones after ``detail_retry_days`` × 1, 3, 7, …
  days (doubling), and after ``detail_retries`` failed attempts in all the detail is given up;
- a detail the server says does not exist (404, 410, 403 …) is never queued.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from schemas.handover import DetailMiss


@dataclass(frozen=True)
class RetryPolicy:
    """How often a failed detail is tried (see the module docstring)."""

    attempts: int = 5
    base_days: float = 1.0

    @classmethod
    def from_settings(cls, settings: object) -> RetryPolicy:
        return cls(int(getattr(settings, "detail_retries", cls.attempts)),
                   float(getattr(settings, "detail_retry_days", cls.base_days)))

    def next_try(self, failed_at: datetime, attempts: int) -> datetime:
        """When a detail that has failed ``attempts`` times is due again (the next run after the first)."""
        return failed_at + timedelta(days=self.base_days * (2 ** (attempts - 1) - 1))


@dataclass
class QueueChange:
    """What one run did to a source's queue."""

    queued: list[DetailMiss]  # failed this run for a temporary reason, to be retried
    resolved: list[str]  # queued before, fetched this run
    given_up: list[DetailMiss]  # failed for a permanent reason, or for the last allowed time
    pending: int  # entries in the queue after the run


def pending_ids(queue: list[dict]) -> frozenset[str]:
    """The record ids waiting for their detail."""
    return frozenset(str(entry["record_id"]) for entry in queue)


def due(queue: list[dict], now: datetime | None = None) -> tuple[DetailMiss, ...]:
    """The queued details whose next try has come, oldest first."""
    now = now or datetime.now(UTC)
    ready = [entry for entry in queue if datetime.fromisoformat(entry["next_try"]) <= now]
    return tuple(DetailMiss.from_dict(entry) for entry in sorted(ready, key=lambda e: e["first_failed"]))


def update_queue(queue: list[dict], tried: set[str], misses: list[DetailMiss], policy: RetryPolicy,
                 now: datetime | None = None) -> tuple[list[dict], QueueChange]:
    """The queue after a run that ``tried`` the details of these record ids (the due ones and any
    listed again) and failed to get ``misses``. A queued record that was tried and not missed is
    resolved; a missed one is queued (again) with one more attempt, or given up."""
    now = now or datetime.now(UTC)
    stamp = now.isoformat(timespec="seconds")
    missed = {miss.record_id: miss for miss in misses}
    before = {str(entry["record_id"]): entry for entry in queue}
    kept = [entry for key, entry in before.items() if key not in tried and key not in missed]
    resolved = [key for key in before if key in tried and key not in missed]
    queued, given_up = [], []
    for record_id, miss in missed.items():
        earlier = before.get(record_id, {})
        attempts = int(earlier.get("attempts", 0)) + 1
        if not miss.temporary or attempts >= policy.attempts:
            given_up.append(miss)
            continue
        queued.append(miss)
        listing = miss.listing or (DetailMiss.from_dict(earlier).listing if earlier else None)
        kept.append({**DetailMiss(record_id, miss.url, miss.reason, miss.status, listing).to_dict(),
                     "attempts": attempts, "first_failed": earlier.get("first_failed", stamp),
                     "last_failed": stamp,
                     "next_try": policy.next_try(now, attempts).isoformat(timespec="seconds")})
    return kept, QueueChange(queued, resolved, given_up, len(kept))
