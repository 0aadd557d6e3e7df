"""What a source hands over to curation, as plain types both layers import.

A source fetches :class:`Payload` s (raw files landed with their sha256) and parses each into candidate
rows; a row whose figures are still to be read from a text carries a :class:`Document` in its
``document`` column (a paper's full text, a model card's body), which curation's extraction turns into
estimates. A source that cannot be read raises :class:`SourceError`; one unusable payload raises
:class:`PayloadRejected`. :class:`SourceLike` is the part of a source curation calls.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import ClassVar, Protocol

import pandas as pd

DOCUMENT = "document"  # the candidate column that carries a row's Document until extraction
PAPER = "paper"
CARD = "card"


class SourceError(RuntimeError):
    """A source failed as a whole (unreachable, unparseable payload, missing column).

    The message names the source, the payload or record, and the reason.
    """


class PayloadRejected(SourceError):
    """One payload cannot be parsed, but the source's other payloads can: the payload is quarantined
    with this reason and the run goes on (e.g. one malformed page of a paged listing)."""


@dataclass(frozen=True)
class Payload:
    """A landed raw payload, as the parse step sees it."""

    source: str
    name: str  # the source's own name for the payload, e.g. an Epoch table
    url: str
    path: str  # relative to the data folder
    sha256: str
    bytes: int
    content_type: str
    fetched_at: str  # ISO 8601, UTC
    last_modified: str | None = None  # the server's Last-Modified header, when it sent one

    def read(self, data_dir: Path) -> bytes:
        """The payload's bytes, checked against its recorded sha256."""
        content = (data_dir / self.path).read_bytes()
        digest = hashlib.sha256(content).hexdigest()
        if digest != self.sha256:
            raise ValueError(f"raw payload {self.path} changed on disk: sha256 {digest} != {self.sha256}")
        return content

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_dict(cls, record: dict[str, object]) -> Payload:
        fields = cls.__dataclass_fields__
        return cls(**{key: record[key] for key in fields if key in record})  # type: ignore[arg-type]


# HTTP statuses that say a detail does not exist (or may not be had): fetching it again will not help.
PERMANENT_STATUSES = frozenset({400, 401, 403, 404, 405, 410, 451})


@dataclass(frozen=True)
class DetailMiss:
    """A record's detail (a paper's full text, a model card) that a fetch could not have: which record,
    from where, why, and the landed listing payload the record's row comes from (so that a later
    retry can join the detail to it). ``status`` is the HTTP status when the server answered one;
    None for a network failure, a timeout, a cut or unusable body."""

    record_id: str
    url: str
    reason: str
    status: int | None = None
    listing: Payload | None = None

    @property
    def temporary(self) -> bool:
        """Whether a later fetch may succeed: everything except a status that says the detail does not
        exist or may not be had (404, 410, 403 and the like)."""
        return self.status not in PERMANENT_STATUSES

    def to_dict(self) -> dict[str, object]:
        record = asdict(self)
        record["listing"] = self.listing.to_dict() if self.listing else None
        return record

    @classmethod
    def from_dict(cls, record: dict[str, object]) -> DetailMiss:
        listing = record.get("listing")
        return cls(str(record["record_id"]), str(record["url"]), str(record["reason"]),
                   record.get("status"),  # type: ignore[arg-type]
                   Payload.from_dict(listing) if isinstance(listing, dict) else None)


@dataclass(frozen=True)
class Window:
    """A time window to fetch; ``None`` bounds mean open-ended. A snapshot source's window is "now":
    it fetches everything it holds.

    ``known`` holds the source record ids already collected, which an incremental source does not
    fetch again; ``retry`` the details that failed on an earlier run and are due to be fetched again
    (their records are not in ``known``)."""

    since: date | datetime | None = None
    until: date | datetime | None = None
    known: frozenset[str] = field(default_factory=frozenset)
    retry: tuple[DetailMiss, ...] = ()


LATEST = Window()


@dataclass(frozen=True)
class Document:
    """A text whose training-compute figures curation reads: where it came from and what it is.

    ``kind`` is :data:`PAPER` (a paper that names the model it trains) or :data:`CARD` (a model card,
    whose model is its repository); ``year`` is the publication year when known (older papers used
    older hardware)."""

    kind: str
    text: str
    year: int | None = None


class SourceLike(Protocol):
    """What curation needs of a source (``scrapers.base.Source`` implements it)."""

    name: ClassVar[str]
    incremental: ClassVar[bool]
    paper_source: ClassVar[bool]
    extracts_compute: ClassVar[bool]
    record_key: ClassVar[str]

    def parse(self, payload: Payload, content: bytes) -> pd.DataFrame: ...

    def combine(self, rows: pd.DataFrame) -> pd.DataFrame: ...

    def current(self, candidates: pd.DataFrame) -> pd.DataFrame: ...

    def default_window(self, saved_until: datetime | None, now: datetime) -> Window: ...
