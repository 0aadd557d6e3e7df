"""arXiv: new ML papers every night, any historical window on demand, with full text and compute.

A fetch lists a submission-date window through the API (``FLOPWATCH_ARXIV_URL``), lands every feed
page, and for each paper not collected before (an arXiv id *and* version) that passes the pre-filter
lands its full text: the HTML rendering, else the PDF (``FLOPWATCH_ARXIV_FULLTEXT_URL``). Parsing
turns listing pages into paper rows (metadata) and full texts into documents whose primary estimate
curation's extraction reads; :meth:`ArxivSource.combine` joins the two per paper. Politeness: one
request at a time and ``FLOPWATCH_ARXIV_DELAY`` seconds (default 3) between requests, as arXiv asks.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, ClassVar

import pandas as pd
from pydantic import field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from pypdf.errors import PyPdfError

from schemas.handover import DOCUMENT, PAPER, Document
from schemas.identifiers import normalize_arxiv_id, versioned_id, year_of_arxiv_id
from scrapers.base import LATEST, PayloadRejected, Source, SourceError, Window
from scrapers.feeds.arxiv import (
    DEFAULT_CATEGORIES,
    DEFAULT_PREFILTER,
    ArxivEntry,
    ArxivFeedError,
    ArxivLister,
    FullTextFetcher,
    full_text_to_plain,
    likely_reports_training,
    parse_feed,
)
from scrapers.http import FetchError, Response
from scrapers.landing import Landing, Payload
from scrapers.parts import LISTING, PART, join_details

log = logging.getLogger(__name__)

FULLTEXT = "fulltext"
# Columns a full text contributes to its paper's row; the rest come from the listing.
FULLTEXT_COLUMNS = ["training_compute_flop", "compute_method", "compute_evidence", "confidence",
                    "parameters", "hardware"]


class ArxivSettings(BaseSettings):
    """The arXiv source's own settings, ``FLOPWATCH_ARXIV_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="FLOPWATCH_ARXIV_", extra="ignore")

    delay: float = 3.0  # seconds between requests (arXiv asks for 3)
    fulltext_url: str = "https://arxiv.org/"
    categories: Annotated[list[str], NoDecode] = list(DEFAULT_CATEGORIES)
    prefilter: str = DEFAULT_PREFILTER  # regex over title + abstract; see feeds.arxiv.DEFAULT_PREFILTER
    fetch_all: bool = False  # fetch every paper's full text, not only those the pre-filter keeps
    page_size: int = 200
    overlap_days: float = 3.0  # nightly runs re-list this much before the saved point
    first_lookback_days: float = 2.0  # the first nightly run, with no saved point, lists this far back

    @field_validator("categories", mode="before")
    @classmethod
    def _split_commas(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value


def paper_model_name(title: str) -> str:
    """What to call a paper's model until a better name is known: the short name before a colon
    ("Llama 2: Open Foundation…" → "Llama 2"), else the whole title."""
    head, colon, _ = title.partition(":")
    if colon and 1 <= len(head.split()) <= 4:
        return head.strip()
    return title.strip()


class ArxivSource(Source):
    """Papers in the ML categories of arXiv, with their full texts' compute evidence."""

    name = "arxiv"
    default_url = "https://export.arxiv.org/api/query"
    description = "arXiv API listings of ML papers, full texts (HTML, else PDF) and their compute."
    incremental = True
    extracts_compute = True
    settings_class = ArxivSettings
    paper_source = True
    record_key = "source_record_id"
    options: ClassVar[tuple[str, ...]] = ("categories", "fetch_all")

    @property
    def arxiv(self) -> ArxivSettings:
        """This source's own settings (``FLOPWATCH_ARXIV_*``, updated by :meth:`configure`)."""
        return self.own  # type: ignore[return-value]

    def fetch(self, landing: Landing, window: Window = LATEST) -> list[Payload]:
        """Land the window's listing pages and the full texts of new papers the pre-filter keeps."""
        now = datetime.now(UTC).replace(tzinfo=None)
        since, until = _as_datetime(window.since), _as_datetime(window.until, end_of_day=True) or now
        since = since or until - timedelta(days=self.arxiv.first_lookback_days)
        lister = ArxivLister(self.http, self.base_url, tuple(self.arxiv.categories), self.arxiv.page_size)
        stamp = f"{since:%Y%m%d%H%M}-{until:%Y%m%d%H%M}"
        payloads: list[Payload] = []

        landed: dict[str, Payload] = {}  # listing pages by URL: a paper's page is what a retry joins to

        def land_page(response: Response) -> None:
            start = re.search(r"[?&]start=(\d+)", response.url)
            payload = landing.land(f"{LISTING} {stamp} start {start.group(1) if start else 0}.xml", response)
            payloads.append(payload)
            landed[response.url] = payload

        span = f"{since:%Y-%m-%d %H:%M} – {until:%Y-%m-%d %H:%M}"
        try:
            listing = lister.list_window(since, until, land_page)
        except FetchError as exc:  # the URL holds the whole query: name the page instead
            page = re.search(r"[?&]start=(\d+)", str(exc))
            raise SourceError(f"arxiv: window {span}: listing page start={page.group(1) if page else 0}: "
                              f"{exc.reason}") from exc
        except ArxivFeedError as exc:
            raise SourceError(f"arxiv: window {span}: {exc}") from exc
        if listing.page_errors:  # the window was not listed whole: it is listed again next run
            more = len(listing.page_errors) - 1
            raise SourceError(f"arxiv: window {span}: {listing.page_errors[0]}"
                              + (f" (and {more} more pages)" if more else ""))
        fetcher = FullTextFetcher(self.http, self.arxiv.fulltext_url)
        wanted = [(versioned_id(e.arxiv_id, e.version), e) for e in listing.entries]
        wanted = [(key, e) for key, e in wanted if key not in window.known and self.wants_full_text(e)]
        listed = {key for key, _ in wanted}
        retries = [miss for miss in window.retry if miss.record_id not in listed and miss.listing is not None]
        for key, entry in [*wanted, *((miss.record_id, _entry_of(miss.record_id)) for miss in retries)]:
            fetcher.rejected.clear()
            try:
                full = fetcher.fetch(entry)
            except FetchError as exc:
                page = landed.get(listing.page_url.get(key, ""))
                landing.miss(key, fetcher.url_of(entry), str(exc), exc.status, page)
                log.warning("arxiv %s: no full text, the paper is kept with its metadata only: %s", key, exc)
                full = None
            for kind, response in fetcher.rejected:  # kept as evidence, never parsed
                landing.land(f"rejected {FULLTEXT} {key}.{kind}", response, cache=False)
            if full is not None:
                payloads.append(landing.land(f"{FULLTEXT} {key}.{full.kind}", full.response))
        for miss in retries:  # the listing page a retried full text joins
            if miss.listing is not None and miss.listing not in payloads:
                payloads.append(miss.listing)
        return payloads

    def wants_full_text(self, entry: ArxivEntry) -> bool:
        """Whether to fetch ``entry``'s full text: always with ``fetch_all``, else by the pre-filter."""
        return self.arxiv.fetch_all or likely_reports_training(entry, self.arxiv.prefilter)

    def parse(self, payload: Payload, content: bytes) -> pd.DataFrame:
        """A listing page gives one metadata row per paper; a full text gives its primary estimate."""
        if payload.name.startswith(LISTING):
            return self._parse_listing(payload, content)
        if payload.name.startswith(FULLTEXT):
            return self._parse_full_text(payload, content)
        raise PayloadRejected(f"arxiv: payload {payload.name}: neither a listing page nor a full text")

    def _parse_listing(self, payload: Payload, content: bytes) -> pd.DataFrame:
        try:
            page = parse_feed(content, payload.url)
        except ArxivFeedError as exc:
            raise PayloadRejected(str(exc)) from exc
        rows = [{
            "source": self.name, "source_record_id": versioned_id(e.arxiv_id, e.version),
            "model": paper_model_name(e.title), "publication_date": (e.published or "")[:10],
            "link": e.links.get("abs") or f"https://arxiv.org/abs/{versioned_id(e.arxiv_id, e.version)}",
            "arxiv_id": e.arxiv_id, "doi": e.doi, "paper_title": e.title, "paper_version": e.version,
            "categories": ";".join(e.categories), "primary_category": e.primary_category,
            "raw_sha256": payload.sha256, "fetched_at": payload.fetched_at, PART: LISTING,
        } for e in page.entries]
        return pd.DataFrame(rows)

    def _parse_full_text(self, payload: Payload, content: bytes) -> pd.DataFrame:
        key, _, kind = payload.name.removeprefix(f"{FULLTEXT} ").rpartition(".")
        try:
            text = full_text_to_plain(kind, content)
        except (PyPdfError, ValueError, OSError) as exc:
            raise PayloadRejected(f"arxiv: full text {key} ({payload.url}): unreadable {kind}: {exc}") \
                from exc
        try:
            arxiv_id = normalize_arxiv_id(key)[0]
        except ValueError:
            arxiv_id = key
        return pd.DataFrame([{"source": self.name, "source_record_id": key, "arxiv_id": arxiv_id,
                              "raw_sha256": payload.sha256, "fetched_at": payload.fetched_at,
                              PART: FULLTEXT, DOCUMENT: Document(PAPER, text, year_of_arxiv_id(arxiv_id))}])

    def combine(self, rows: pd.DataFrame) -> pd.DataFrame:
        """One row per paper version: the listing's metadata with the full text's estimate. The full
        text's payload becomes the row's ``raw_sha256`` when it gave an estimate (the figure's source)."""
        if rows.empty or PART not in rows:
            return rows
        joined, orphans = join_details(rows, FULLTEXT, FULLTEXT_COLUMNS, "training_compute_flop",
                                       copy_all=False, keep_unmatched=True, take_names=True)
        if orphans:
            log.warning("arxiv: %d full text(s) without a listing entry in this run are ignored: %s",
                        len(orphans), ", ".join(orphans[:5]))
        return joined

    def current(self, candidates: pd.DataFrame) -> pd.DataFrame:
        """The latest collected version of each paper (a new version replaces the older one)."""
        ordered = candidates.assign(_v=candidates["paper_version"].fillna(0)).sort_values("_v", kind="stable")
        return ordered.drop_duplicates("arxiv_id", keep="last").drop(columns="_v").reset_index(drop=True)


def _entry_of(key: str) -> ArxivEntry:
    """The entry a queued full text is fetched for: only its id and version matter."""
    arxiv_id, version = normalize_arxiv_id(key)
    return ArxivEntry(arxiv_id, version, "", "", [], [], None, None, None)


def _as_datetime(value: date | datetime | None, end_of_day: bool = False) -> datetime | None:
    """A naive UTC datetime; a bare date is its first minute, or its last with ``end_of_day``."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    return datetime(value.year, value.month, value.day, *((23, 59) if end_of_day else (0, 0)))
