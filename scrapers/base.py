"""The contract every source follows.

A source has a ``name``, a default base URL (overridable as ``FLOPWATCH_<NAME>_URL``), fetches a
window — or the latest state — into landed raw payloads, and parses one payload into candidate rows.
Parsing emits plain column values; typing, validation and quarantine happen downstream, once, in
``schemas``. Sources never write curated data.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

import pandas as pd

from flopwatch.settings import Settings
from scrapers.http import PoliteSession
from scrapers.landing import Landing, Payload


class SourceError(RuntimeError):
    """A source failed as a whole (unreachable, unparseable payload, missing column).

    The message names the source, the payload or record, and the reason.
    """


@dataclass(frozen=True)
class Window:
    """A time window to fetch; ``None`` bounds mean open-ended. Sources without history ignore it."""

    since: date | None = None
    until: date | None = None


LATEST = Window()


class Source(ABC):
    """Base class of a flopwatch source. Subclasses live one per module in ``scrapers/``."""

    name: ClassVar[str]
    default_url: ClassVar[str]
    description: ClassVar[str] = ""

    def __init__(self, settings: Settings, http: PoliteSession | None = None) -> None:
        self.settings = settings
        self.http = http or PoliteSession(settings)

    @property
    def base_url(self) -> str:
        return self.settings.source_url(self.name, self.default_url)

    @abstractmethod
    def fetch(self, landing: Landing, window: Window = LATEST) -> list[Payload]:
        """Fetch ``window`` and land every payload; raise SourceError when the source fails."""

    @abstractmethod
    def parse(self, payload: Payload, content: bytes) -> pd.DataFrame:
        """Turn one payload into candidate rows (columns of ``schemas.candidate.CANDIDATE_COLUMNS``)."""
