"""Hugging Face model cards: open-weight models whose cards report GPU hours, hardware and tokens.

A fetch lists models through the Hub API (``<FLOPWATCH_HF_URL>/api/models``, sorted by
``lastModified`` by default so that a nightly run sees every model created *or* modified since its
saved point; filters: pipeline tag, minimum downloads and likes; paging through the ``Link`` header),
lands every listing page, then fetches each new or changed model's card
(``/<repo_id>/raw/main/README.md``). Parsing reads the card's YAML front matter (base_model, datasets,
license, co2_eq_emissions) and hands its body over as a document for curation's extraction. A
fine-tune (its ``base_model`` is another repo) is linked to its base. ``HF_TOKEN``, when set, is sent
as a bearer token and never logged.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from datetime import UTC, date, datetime
from typing import ClassVar
from urllib.parse import urlencode

import pandas as pd
from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict
from requests.utils import parse_header_links

from schemas.handover import CARD as CARD_TEXT
from schemas.handover import DOCUMENT, Document
from schemas.identifiers import arxiv_ids_in
from schemas.model_cards import base_model_of, front_matter
from scrapers.base import LATEST, PayloadRejected, Source, SourceError, Window
from scrapers.http import FetchError
from scrapers.landing import Landing, Payload
from scrapers.parts import LISTING, PART, join_details

log = logging.getLogger(__name__)

CARD = "card"
CARD_COLUMNS = ["training_compute_flop", "compute_method", "compute_evidence", "confidence", "parameters",
                "hardware", "base_model", "training_dataset_size", "arxiv_id"]


class HuggingFaceSettings(BaseSettings):
    """The Hugging Face source's own settings, ``FLOPWATCH_HF_<FIELD>`` (and ``HF_TOKEN``)."""

    model_config = SettingsConfigDict(env_prefix="FLOPWATCH_HF_", extra="ignore")

    sort: str = "lastModified"  # or createdAt, downloads, likes (no saved point then: max_models caps)
    pipeline_tag: str = "text-generation"  # empty for every task
    min_downloads: int = 1000
    min_likes: int = 0
    page_size: int = 100
    max_models: int = 1000  # cards fetched per run at most
    delay: float = 1.0  # seconds between requests to the Hub
    overlap_days: float = 1.0
    first_lookback_days: float = 2.0
    token: SecretStr | None = Field(None, validation_alias=AliasChoices("HF_TOKEN", "FLOPWATCH_HF_TOKEN"))


def record_id(repo_id: str, last_modified: str | None) -> str:
    """One state of a repo: ``meta-llama/Llama-2-7b@2024-04-17T08:40:48.000Z``."""
    return f"{repo_id}@{last_modified or 'unknown'}"


# an arXiv id as a citation writes it: "arXiv:2304.02643", "eprint={2311.03079}", "abs/2311.03079"
CITED_ARXIV = re.compile(r"(?:arxiv\s*[:/]\s*|eprint\s*=\s*[{\"]?\s*|abs/)(\d{4}\.\d{4,5})", re.IGNORECASE)
BIBTEX_ENTRY = re.compile(r"@\w+\s*\{[^@]*?\n\s*\}", re.DOTALL)
HEADING = re.compile(r"^#{1,6}\s*(.+)$", re.MULTILINE)
TOOL_SECTION = re.compile(r"environmental impact|carbon|emission|co2", re.IGNORECASE)


def not_a_card(content: bytes) -> str | None:
    """Why a fetched README cannot be a model card, or None: a card is text (no NUL bytes), not empty,
    and not an HTML page (an error or login page served with 200)."""
    head = content[:2000].lstrip().lower()
    if not head:
        return "empty body"
    if head.startswith((b"<!doctype html", b"<html")):
        return "an HTML page, not a model card"
    if b"\x00" in content:
        return "binary content, not a model card"
    return None


def own_paper(body: str) -> str | None:
    """The arXiv paper a card is about: the one it links or asks to be cited for most often (at least
    twice, more than any other; an id in a BibTeX entry counts twice, as the card's own citation). A
    section on environmental impact cites tools, not the card's own paper (the Hub's card template
    cites the ML CO2 calculator's paper there), so its ids do not count; a card that cites several
    papers equally names none."""
    counts: Counter[str] = Counter()
    starts = [m.start() for m in HEADING.finditer(body)]
    for start, end in zip([0, *starts], [*starts, len(body)], strict=True):
        section = body[start:end]
        heading = HEADING.match(section)
        if heading and TOOL_SECTION.search(heading.group(1)):
            continue
        counts.update(arxiv_ids_in(section))
        for entry in BIBTEX_ENTRY.findall(section):
            counts.update({found: 2 for found in set(CITED_ARXIV.findall(entry))})
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


class HuggingFaceSource(Source):
    """Model cards on the Hugging Face Hub."""

    name = "huggingface"
    default_url = "https://huggingface.co"
    description = "Hugging Face Hub model listings and model cards (YAML front matter + GPU-hours tables)."
    setting_name = "hf"  # FLOPWATCH_HF_URL, FLOPWATCH_HF_*
    incremental = True
    extracts_compute = True
    settings_class = HuggingFaceSettings
    record_key = "source_record_id"
    options: ClassVar[tuple[str, ...]] = ("pipeline_tag",)

    @property
    def hub(self) -> HuggingFaceSettings:
        """This source's own settings (``FLOPWATCH_HF_*``, ``HF_TOKEN``)."""
        return self.own  # type: ignore[return-value]

    def http_headers(self) -> dict[str, str]:
        """The bearer token, when ``HF_TOKEN`` is set."""
        token = self.own.token.get_secret_value() if self.own is not None and self.own.token else None
        return {"Authorization": f"Bearer {token}"} if token else {}

    @property
    def base_url(self) -> str:
        return super().base_url.rstrip("/")

    def listing_url(self) -> str:
        params = {"sort": self.hub.sort, "direction": -1, "limit": self.hub.page_size}
        if self.hub.pipeline_tag:
            params["pipeline_tag"] = self.hub.pipeline_tag
        return f"{self.base_url}/api/models?{urlencode(params)}"

    def fetch(self, landing: Landing, window: Window = LATEST) -> list[Payload]:
        """Land the listing pages back to ``window.since`` and the cards of new or changed models."""
        since = _timestamp(window.since)
        url: str | None = self.listing_url()
        payloads, wanted, page = [], [], 0
        page_of: dict[str, Payload] = {}  # each wanted model's listing page, which a retry joins its card to
        while url and len(wanted) < self.hub.max_models:
            page += 1
            try:
                response = self.http.get(url)
            except FetchError as exc:
                raise SourceError(f"huggingface: listing page {page} ({url}): {exc.reason}") from exc
            listing_page = landing.land(f"{LISTING} {page}.json", response)
            payloads.append(listing_page)
            try:
                models = _listing(response.content)
            except ValueError as exc:  # an error page or a cut body: the window was not listed whole
                raise SourceError(f"huggingface: listing page {page} ({url}): {exc}") from exc
            reached_since = False
            for entry in models:
                stamp = entry.get(self._time_field())
                if since and self.hub.sort in ("lastModified", "createdAt") and stamp and stamp < since:
                    reached_since = True
                    break
                if self._wanted(entry, window.known):
                    wanted.append(entry)
                    page_of[record_id(entry["id"], entry.get("lastModified"))] = listing_page
            url = None if reached_since else _next_link(response.headers.get("Link", ""))
        cards = [(record_id(e["id"], e.get("lastModified")), e["id"]) for e in wanted[: self.hub.max_models]]
        listed = {key for key, _ in cards}
        retries = [miss for miss in window.retry if miss.record_id not in listed and miss.listing is not None
                   and _safe_repo_id(miss.record_id.rsplit("@", 1)[0])]
        for key, repo in [*cards, *((miss.record_id, miss.record_id.rsplit("@", 1)[0]) for miss in retries)]:
            card_url = f"{self.base_url}/{repo}/raw/main/README.md"
            try:
                response = self.http.get(card_url)
            except FetchError as exc:
                landing.miss(key, card_url, str(exc), exc.status, page_of.get(key))
                log.warning("huggingface %s: no model card, kept with its listing only: %s", repo, exc)
                continue
            unusable = not_a_card(response.content)
            if unusable:
                landing.land(f"rejected {CARD} {key}.md", response, cache=False)
                landing.miss(key, card_url, f"{card_url}: {unusable}", None, page_of.get(key))
                log.warning("huggingface %s: %s; kept with its listing only", repo, unusable)
                continue
            payloads.append(landing.land(f"{CARD} {key}.md", response))
        for miss in retries:  # the listing page a retried card joins
            if miss.listing is not None and miss.listing not in payloads:
                payloads.append(miss.listing)
        return payloads

    def _time_field(self) -> str:
        return "createdAt" if self.hub.sort == "createdAt" else "lastModified"

    def _wanted(self, entry: dict, known: frozenset[str]) -> bool:
        return (isinstance(entry.get("id"), str) and _safe_repo_id(entry["id"])
                and record_id(entry["id"], entry.get("lastModified")) not in known
                and (entry.get("downloads") or 0) >= self.hub.min_downloads
                and (entry.get("likes") or 0) >= self.hub.min_likes)

    def parse(self, payload: Payload, content: bytes) -> pd.DataFrame:
        """A listing page gives one row per wanted model; a card gives its figure and base model."""
        if payload.name.startswith(LISTING):
            return self._parse_listing(payload, content)
        if payload.name.startswith(CARD):
            return self._parse_card(payload, content)
        raise PayloadRejected(f"huggingface: payload {payload.name}: neither a listing page nor a card")

    def _parse_listing(self, payload: Payload, content: bytes) -> pd.DataFrame:
        try:
            models = _listing(content)
        except ValueError as exc:
            raise PayloadRejected(f"huggingface: listing {payload.url}: {exc}") from exc
        rows = [{
            "source": self.name, "source_record_id": record_id(m["id"], m.get("lastModified")),
            "model": m["id"].split("/")[-1], "publication_date": str(m.get("createdAt") or "")[:10],
            "link": f"{self.base_url}/{m['id']}", "raw_sha256": payload.sha256,
            "fetched_at": payload.fetched_at, PART: LISTING,
        } for m in models if isinstance(m.get("id"), str) and _safe_repo_id(m["id"])]
        return pd.DataFrame(rows)

    def _parse_card(self, payload: Payload, content: bytes) -> pd.DataFrame:
        key = payload.name.removeprefix(f"{CARD} ").removesuffix(".md")
        repo = key.rsplit("@", 1)[0]
        try:
            meta, body = front_matter(content.decode("utf-8", errors="replace"))
        except ValueError as exc:
            raise PayloadRejected(f"huggingface: card {repo} ({payload.url}): {exc}") from exc
        row: dict[str, object] = {"source": self.name, "source_record_id": key, "raw_sha256": payload.sha256,
                                  "fetched_at": payload.fetched_at, PART: CARD,
                                  "model": repo,  # the name extraction reads the card under
                                  "base_model": base_model_of(meta, repo)}
        row["arxiv_id"] = own_paper(body)
        row[DOCUMENT] = Document(CARD_TEXT, body)
        return pd.DataFrame([row])

    def combine(self, rows: pd.DataFrame) -> pd.DataFrame:
        """One row per model state: the listing's metadata with its card's figure and base model."""
        if rows.empty or PART not in rows:
            return rows
        # listing rows of models whose card was not fetched (filtered out, or known) are not candidates
        joined, _ = join_details(rows, CARD, CARD_COLUMNS, "compute_method", copy_all=True,
                                 keep_unmatched=False)
        return joined

    def current(self, candidates: pd.DataFrame) -> pd.DataFrame:
        """The latest state of each repo."""
        repo = candidates["source_record_id"].str.rsplit("@", n=1).str[0]
        ordered = candidates.assign(_repo=repo).sort_values("source_record_id", kind="stable")
        return ordered.drop_duplicates("_repo", keep="last").drop(columns="_repo").reset_index(drop=True)


REPO_ID = re.compile(r"[A-Za-z0-9][\w.-]{0,95}/[A-Za-z0-9][\w.-]{0,95}")


def _safe_repo_id(repo: str) -> bool:
    """Whether ``repo`` is an ``owner/name`` id the Hub could have made. Anything else ("../../etc",
    a URL, a very long string) would put the card's request outside the configured base or its payload
    outside the landing folder: it is skipped with a warning naming it."""
    if REPO_ID.fullmatch(repo) and ".." not in repo:
        return True
    log.warning("huggingface: listing entry %r is not an owner/name repo id; skipped", repo[:200])
    return False


def _listing(content: bytes) -> list[dict]:
    try:
        models = json.loads(content)
    except ValueError as exc:
        raise ValueError(f"not JSON ({exc})") from exc
    if not isinstance(models, list):
        raise ValueError(f"a JSON {type(models).__name__}, not a list of models")
    return [m for m in models if isinstance(m, dict)]


def _next_link(header: str) -> str | None:
    for link in parse_header_links(header) if header else []:
        if link.get("rel") == "next":
            return link.get("url")
    return None


def _timestamp(value: date | datetime | None) -> str | None:
    """An ISO timestamp comparable with the Hub's ``2024-04-17T08:40:48.000Z``."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    if value.tzinfo:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.strftime("%Y-%m-%dT%H:%M:%S")
