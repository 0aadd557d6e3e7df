"""The contract every source follows.

A source has a ``name``, a default base URL (overridable as ``FLOPWATCH_<NAME>_URL``), fetches a
window — or the latest state — into landed raw payloads, and parses one payload into candidate rows.
Parsing emits plain column values — and, for a figure still to be read from a text, a
:class:`~schemas.handover.Document` in the row's ``document`` column; extraction, typing, validation
and quarantine happen downstream, once, in ``curation`` and ``schemas``. Sources never write curated
data and import nothing of curation.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime, timedelta
from typing import ClassVar

import pandas as pd
from pydantic_settings import BaseSettings

from flopwatch.settings import Settings
from schemas.handover import LATEST, Document, Payload, PayloadRejected, SourceError, Window
from scrapers.http import PoliteSession, is_unreachable
from scrapers.landing import Landing

__all__ = ["LATEST", "Document", "Payload", "PayloadRejected", "Source", "SourceError", "Window"]


class Source(ABC):
    """Base class of a flopwatch source. Subclasses live one per module in ``scrapers/``."""

    name: ClassVar[str]
    default_url: ClassVar[str]
    description: ClassVar[str] = ""
    # <NAME> in its settings, FLOPWATCH_<NAME>_URL and the like; the source's name when empty
    setting_name: ClassVar[str] = ""
    # An incremental source fetches only what is new since its saved point; its candidates accumulate
    # in batches (``data/batches/<source>/``). A snapshot source (the default) re-reads everything.
    incremental: ClassVar[bool] = False
    # A paper source describes papers: a record without a compute figure links to the model that
    # shares its identifier, but never creates a model of its own.
    paper_source: ClassVar[bool] = False
    # Its compute figures are flopwatch's own extraction from a text (arXiv, cards), not a curated value:
    # a figure the text reports ranks above a curated one, an estimate below it.
    extracts_compute: ClassVar[bool] = False
    # The column that identifies a record within one payload (duplicates of it are quarantined).
    record_key: ClassVar[str] = "model"
    # The source's own settings (a pydantic BaseSettings with env prefix FLOPWATCH_<NAME>_), if any
    settings_class: ClassVar[type[BaseSettings] | None] = None
    # Per-run options a backfill may set (e.g. arXiv's categories); see :meth:`configure`.
    options: ClassVar[tuple[str, ...]] = ()

    def __init__(self, settings: Settings, http: PoliteSession | None = None,
                 own: BaseSettings | None = None) -> None:
        """``own`` replaces the source's own settings (default: ``settings_class()`` from the
        environment); a ``delay`` among them sets the session's minimum interval between requests."""
        self.settings = settings
        self.own = own if own is not None else (self.settings_class() if self.settings_class else None)
        self.http = http or PoliteSession(settings, min_interval=getattr(self.own, "delay", None),
                                          headers=self.http_headers())

    def http_headers(self) -> dict[str, str]:
        """Headers sent with every request (e.g. a token); never logged."""
        return {}

    @property
    def base_url(self) -> str:
        return self.settings.source_url(self.setting_name or self.name, self.default_url)

    @classmethod
    def url_setting(cls, settings: Settings) -> tuple[str, str]:
        """The environment variable that sets this source's base URL, and its value now."""
        name = cls.setting_name or cls.name
        return settings.source_url_variable(name), settings.source_url(name, cls.default_url)

    @classmethod
    def setting_values(cls, settings: Settings) -> dict[str, str]:
        """The environment variables that configure this source, with their current values (secrets
        masked): its base URL, and the fields of its own settings class, if it declares one."""
        prefix = f"FLOPWATCH_{(cls.setting_name or cls.name).upper()}_"
        values = {f"{prefix}URL": settings.source_url(cls.setting_name or cls.name, cls.default_url)}
        own = cls.settings_class() if cls.settings_class else None
        for field_name, info in type(own).model_fields.items() if own is not None else ():
            alias = getattr(info.validation_alias, "choices", [None])[0]
            value = getattr(own, field_name)
            shown = "***" if value is not None and "Secret" in type(value).__name__ else value
            text = "" if shown is None else str(shown)
            text = ",".join(map(str, shown)) if isinstance(shown, list) else text
            values[alias if isinstance(alias, str) else f"{prefix}{field_name.upper()}"] = text
        return values

    def configure(self, **options: object) -> None:
        """Apply per-run options (a backfill's ``--categories``, ``--all``) to the source's own settings;
        None means "as configured". An option the source does not declare in ``options`` is refused."""
        given = {key: value for key, value in options.items() if value is not None}
        unknown = sorted(set(given) - set(self.options))
        if unknown:
            takes = ", ".join(self.options) or "none"
            raise ValueError(f"{self.name}: unknown option(s) {', '.join(unknown)} (it takes: {takes})")
        if given and self.own is not None:
            self.own = self.own.model_copy(update=given)

    def default_window(self, saved_until: datetime | None, now: datetime) -> Window:
        """The window a nightly run fetches. A snapshot source's is "now" (everything it holds); an
        incremental source's runs from its saved point minus its ``overlap_days`` (or, the first time,
        ``first_lookback_days`` back) to now."""
        if not self.incremental:
            return Window(None, now)
        overlap = float(getattr(self.own, "overlap_days", 0.0))
        lookback = getattr(self.own, "first_lookback_days", None)
        if saved_until is None:
            return Window(now - timedelta(days=lookback) if lookback is not None else None, now)
        return Window(saved_until - timedelta(days=overlap), now)

    def fetch_window(self, landing: Landing, window: Window = LATEST) -> list[Payload]:
        """:meth:`fetch` within the source's time for one run (``FLOPWATCH_SOURCE_TIMEOUT``): once it is
        spent, every further request fails at once (the flows call this, not ``fetch``). A host that
        cannot be reached fails at once too, with a line naming the setting of the source's URL."""
        self.http.set_deadline(self.settings.source_timeout)
        try:
            return self.fetch(landing, window)
        except SourceError as exc:
            if not is_unreachable(exc):
                raise
            variable = self.settings.source_url_variable(self.setting_name or self.name)
            raise SourceError(f"{exc}; is {variable}={self.base_url} right, and is the network up?") from exc
        finally:
            self.http.set_deadline(None)

    @abstractmethod
    def fetch(self, landing: Landing, window: Window = LATEST) -> list[Payload]:
        """Fetch ``window`` and land every payload; raise SourceError when the source fails."""

    @abstractmethod
    def parse(self, payload: Payload, content: bytes) -> pd.DataFrame:
        """Turn one payload into candidate rows (columns of ``schemas.candidate.CANDIDATE_COLUMNS``).

        Raise PayloadRejected when this payload alone is unusable, SourceError when the source is."""

    def combine(self, rows: pd.DataFrame) -> pd.DataFrame:
        """Join the rows parsed from one run's payloads before validation (a source whose record is
        spread over several payloads, e.g. a listing and a full text, joins them here)."""
        return rows

    def current(self, candidates: pd.DataFrame) -> pd.DataFrame:
        """Of the validated candidates an incremental source has collected over time, the ones that
        are current: by default the latest row of each record id."""
        return candidates.drop_duplicates("source_record_id", keep="last").reset_index(drop=True)
