"""arXiv's API and renderings, below the source: the Atom feeds (both the older per-element-namespace
format and the 2025+ one), the search query for a submission-date window, the
halving of windows that exceed the API's per-query cap, the polite lister, the pre-filter and the
full-text fetcher. :mod:`scrapers.sources.arxiv` (the source) builds on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from io import BytesIO
from urllib.parse import urlencode
from xml.etree.ElementTree import Element  # types only; parsing goes through defusedxml

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from pypdf import PdfReader

from schemas.handover import PERMANENT_STATUSES
from schemas.identifiers import normalize_arxiv_id, versioned_id
from scrapers.http import FetchError, PoliteSession, Response

NS = {"atom": "http://www.w3.org/2005/Atom", "arxiv": "http://arxiv.org/schemas/atom",
      "opensearch": "http://a9.com/-/spec/opensearch/1.1/"}
DEFAULT_CATEGORIES = ("cs.LG", "cs.CL", "cs.CV", "cs.AI", "stat.ML")
QUERY_CAP = 30_000  # the API returns at most this many results for one query



class ArxivFeedError(RuntimeError):
    """The API answered with an error feed, or with something that is not an Atom feed."""


@dataclass
class ArxivEntry:
    """One paper as the API lists it."""

    arxiv_id: str
    version: int | None
    title: str
    abstract: str
    authors: list[str]
    categories: list[str]
    primary_category: str | None
    published: str | None
    updated: str | None
    doi: str | None = None
    journal_ref: str | None = None
    links: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class FeedPage:
    """One page of results and where it sits in the whole result set."""

    total: int
    start: int
    per_page: int
    entries: list[ArxivEntry]
    url: str = ""  # the page's URL, when fetched


def _text(element: Element, path: str) -> str | None:
    found = element.find(path, NS)
    if found is None or found.text is None:
        return None
    return " ".join(found.text.split())


def parse_feed(content: bytes, query: str) -> FeedPage:
    """A page of the API's Atom feed; an error feed or a malformed body raises ArxivFeedError naming
    ``query``. ``totalResults`` 0 is an empty page, not an error."""
    try:
        root = ElementTree.fromstring(content)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise ArxivFeedError(f"arxiv: query {query!r}: not a well-formed Atom feed ({exc})") from exc
    if root.tag != f"{{{NS['atom']}}}feed":
        raise ArxivFeedError(f"arxiv: query {query!r}: not an Atom feed (root element {root.tag})")
    entries = []
    for entry in root.findall("atom:entry", NS):
        if _text(entry, "atom:title") == "Error":
            reason = _text(entry, "atom:summary") or "unspecified error"
            raise ArxivFeedError(f"arxiv: query {query!r}: the API answered with an error: {reason}")
        entries.append(_entry(entry))
    return FeedPage(
        total=int(_text(root, "opensearch:totalResults") or 0),
        start=int(_text(root, "opensearch:startIndex") or 0),
        per_page=int(_text(root, "opensearch:itemsPerPage") or len(entries)),
        entries=entries,
    )


def _entry(entry: Element) -> ArxivEntry:
    arxiv_id, version = normalize_arxiv_id(_text(entry, "atom:id") or "")
    links = {}
    for link in entry.findall("atom:link", NS):
        kind = link.get("title") or ("abs" if link.get("rel") == "alternate" else link.get("rel", "link"))
        links[kind] = link.get("href", "")
    primary = entry.find("arxiv:primary_category", NS)
    return ArxivEntry(
        arxiv_id=arxiv_id, version=version,
        title=_text(entry, "atom:title") or "",
        abstract=_text(entry, "atom:summary") or "",
        authors=[" ".join((a.text or "").split()) for a in entry.findall("atom:author/atom:name", NS)],
        categories=[c.get("term", "") for c in entry.findall("atom:category", NS)],
        primary_category=primary.get("term") if primary is not None else None,
        published=_text(entry, "atom:published"), updated=_text(entry, "atom:updated"),
        doi=_text(entry, "arxiv:doi"), journal_ref=_text(entry, "arxiv:journal_ref"), links=links,
    )


def window_query(since: datetime, until: datetime, categories: tuple[str, ...] = DEFAULT_CATEGORIES) -> str:
    """``search_query`` for papers in ``categories`` submitted in [since, until]."""
    cats = " OR ".join(f"cat:{c}" for c in categories)
    return f"({cats}) AND submittedDate:[{since:%Y%m%d%H%M} TO {until:%Y%m%d%H%M}]"


TimeSpan = tuple[datetime, datetime]


def split_window(since: datetime, until: datetime) -> tuple[TimeSpan, TimeSpan]:
    """Two halves of a window whose results exceed the per-query cap (minute resolution, no overlap)."""
    if until - since < timedelta(minutes=2):
        raise ValueError(f"window {since:%Y-%m-%d %H:%M} – {until:%Y-%m-%d %H:%M} cannot be split further")
    middle = since + (until - since) / 2
    middle = middle.replace(second=0, microsecond=0)
    return (since, middle), (middle + timedelta(minutes=1), until)


@dataclass
class WindowListing:
    """What listing a window gave: its entries (each once), the URL of the page each came from (by
    versioned id), and the pages that could not be read."""

    entries: list[ArxivEntry] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: int = 0
    page_url: dict[str, str] = field(default_factory=dict)


class ArxivLister:
    """Lists a submission-date window through the API: pages with ``start``/``max_results`` and halves
    the window while its total exceeds the per-query cap. Every response goes to ``on_page`` (the
    caller lands it) before it is parsed, so nothing fetched is lost."""

    def __init__(self, session: PoliteSession, base_url: str,
                 categories: tuple[str, ...] = DEFAULT_CATEGORIES, page_size: int = 100,
                 cap: int = QUERY_CAP) -> None:
        self.session = session
        self.base_url = base_url
        self.categories = categories
        self.page_size = page_size
        self.cap = cap

    def url(self, query: str, start: int) -> str:
        params = {"search_query": query, "sortBy": "submittedDate", "sortOrder": "ascending",
                  "start": start, "max_results": self.page_size}
        return f"{self.base_url}?{urlencode(params)}"

    def _page(self, query: str, start: int, listing: WindowListing,
              on_page: Callable[[Response], None]) -> FeedPage:
        url = self.url(query, start)
        listing.requests += 1
        try:
            response = self.session.get(url)
        except FetchError as exc:
            if exc.status == 400 and exc.body:
                parse_feed(exc.body, query)  # an error feed: raises with the API's own reason
            raise
        on_page(response)
        page = parse_feed(response.content, query)
        page.url = response.url
        return page

    def list_window(self, since: datetime, until: datetime, on_page: Callable[[Response], None],
                    listing: WindowListing | None = None) -> WindowListing:
        """Every entry submitted in [since, until]; a malformed later page is recorded and skipped."""
        listing = listing or WindowListing()
        query = window_query(since, until, self.categories)
        first = self._page(query, 0, listing, on_page)
        if first.total > self.cap:
            for half_since, half_until in split_window(since, until):
                self.list_window(half_since, half_until, on_page, listing)
            return listing
        seen = {(e.arxiv_id, e.version) for e in listing.entries}
        pages = [first]
        for start in range(len(first.entries), first.total, self.page_size):
            try:
                pages.append(self._page(query, start, listing, on_page))
            except ArxivFeedError as exc:
                listing.page_errors.append(f"{exc} (page start={start})")
        for page in pages:
            for entry in page.entries:
                if (entry.arxiv_id, entry.version) not in seen:
                    seen.add((entry.arxiv_id, entry.version))
                    listing.entries.append(entry)
                    listing.page_url[versioned_id(entry.arxiv_id, entry.version)] = page.url
        return listing


# Papers worth a full-text fetch: their title or abstract says they train, pre-train or introduce a
# model. Deliberately broad (a missed paper costs more than a fetched one); FLOPWATCH_ARXIV_PREFILTER
# replaces it, and a backfill with --all skips it.
DEFAULT_PREFILTER = (
    r"\b(?:we\s+(?:pre-?)?train|pre-?train(?:ed|ing)?\b|train(?:ed|ing)?\s+(?:on|for)\b|training\s+(?:a|our|the)\b"
    r"|we\s+(?:introduce|present|release|propose)\s+\w*\s*(?:a|an|our)?\s*(?:new\s+)?(?:\w+\s+){0,3}model"
    r"|(?:language|foundation|vision|multimodal|diffusion)\s+models?\b)"
)


def likely_reports_training(entry: ArxivEntry, pattern: str = DEFAULT_PREFILTER) -> bool:
    """Whether a paper's title or abstract suggests it reports a training run (see DEFAULT_PREFILTER)."""
    return re.search(pattern, f"{entry.title}\n{entry.abstract}", re.IGNORECASE) is not None


def pdf_text(content: bytes) -> str:
    """The text of a PDF (pypdf), page by page."""
    reader = PdfReader(BytesIO(content))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


@dataclass
class FullText:
    """A paper's full text as fetched: which rendering, from where, and its bytes."""

    kind: str  # "html" or "pdf"
    url: str
    response: Response


class FullTextFetcher:
    """Fetches ``<base>html/<id>`` and falls back to ``<base>pdf/<id>``."""

    def __init__(self, session: PoliteSession, base_url: str) -> None:
        self.session = session
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.rejected: list[tuple[str, Response]] = []  # bodies that came but were not a paper (to land)

    def url_of(self, entry: ArxivEntry, kind: str = "html") -> str:
        return f"{self.base_url}{kind}/{versioned_id(entry.arxiv_id, entry.version)}"

    def fetch(self, entry: ArxivEntry) -> FullText:
        """The HTML rendering if there is one, else the PDF; FetchError when neither can be had. The
        error's status is the server's when every try was refused for good (404, 410 …), else None:
        a network failure, an error status worth retrying or a body that is not a paper."""
        versioned = versioned_id(entry.arxiv_id, entry.version)
        errors, statuses = [], []
        for kind in ("html", "pdf"):
            url = self.url_of(entry, kind)
            try:
                response = self.session.get(url)
            except FetchError as exc:
                errors.append(str(exc))
                statuses.append(exc.status)
                continue
            unusable = not_a_paper(kind, response.content, response.complete)
            if unusable:
                self.rejected.append((kind, response))
                errors.append(f"{url}: {unusable}")
                statuses.append(None)
                continue
            return FullText(kind, url, response)
        status = statuses[-1] if all(status in PERMANENT_STATUSES for status in statuses) else None
        raise FetchError(f"arxiv {versioned}: no full text ({'; '.join(errors)})", status)


MIN_PAPER_TEXT = 1000  # characters of visible text: less is an error or login page, not a paper
_TAG = re.compile(rb"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.DOTALL | re.IGNORECASE)


def not_a_paper(kind: str, content: bytes, complete: bool = True) -> str | None:
    """Why a fetched full text cannot be the paper, or None. An HTML rendering is an HTML page with at
    least MIN_PAPER_TEXT characters of visible text (an error page served with 200 has a few dozen)
    and, when the server did not mark where the body ends (``complete`` False), its closing
    ``</html>``; a PDF starts with ``%PDF-`` and ends with its ``%%EOF`` marker (a cut download does
    not)."""
    if kind == "pdf":
        if content.lstrip()[:5] != b"%PDF-":
            return "not a PDF" if content.strip() else "empty body"
        if b"%%EOF" not in content[-2048:]:
            return f"PDF without its end-of-file marker (cut short at {len(content):,} bytes?)"
        return None
    if b"<html" not in content[:2000].lower():
        return "not an HTML page" if content.strip() else "empty body"
    visible = len(b" ".join(_TAG.sub(b" ", content).split()))
    if visible < MIN_PAPER_TEXT:
        return f"an HTML page with {visible} characters of text, not a paper"
    if not complete and not content.rstrip().lower().endswith(b"</html>"):
        return f"an HTML page cut short after {len(content):,} bytes (no </html>, no length announced)"
    return None


def full_text_to_plain(kind: str, content: bytes) -> str:
    """Plain text of a fetched full text: PDFs through pypdf, HTML left to the extraction's markup
    stripping."""
    if kind == "pdf":
        return pdf_text(content)
    return content.decode("utf-8", errors="replace")
