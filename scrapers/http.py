"""One polite HTTP session shared by every source.

Owns timeouts, retries (exponential backoff with jitter, honouring ``Retry-After``), a per-host
minimum interval between requests, a cap on response size, the User-Agent and conditional GET.
It knows nothing of sources or of the landing zone.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from flopwatch.settings import Settings

log = logging.getLogger(__name__)

RETRY_STATUSES = (429, 500, 502, 503, 504)
SENT_KEPT = 1000


class FetchError(RuntimeError):
    """A URL could not be fetched; the message names the URL and the reason. An HTTP error keeps its
    status and the start of its body (APIs explain errors there)."""

    def __init__(self, message: str, status: int | None = None, body: bytes = b"") -> None:
        super().__init__(message)
        self.status = status
        self.body = body


class _CappedRetry(Retry):
    """urllib3 retry whose ``Retry-After`` wait is capped, so a hostile header cannot stall a run."""

    max_retry_after: float = 300.0
    min_backoff: float = 0.0  # a retry never comes sooner than the host's minimum interval

    def get_backoff_time(self) -> float:
        return max(super().get_backoff_time(), self.min_backoff)

    def get_retry_after(self, response):  # type: ignore[no-untyped-def]
        seconds = super().get_retry_after(response)
        if seconds is None:  # the IETF RateLimit header, or its older RateLimit-Reset form
            seconds = ratelimit_reset(response.headers.get("RateLimit", "")
                                      or f"t={response.headers.get('RateLimit-Reset', '')}")
        if seconds is None:
            return None
        return min(seconds, self.max_retry_after)

    def new(self, **kw):  # type: ignore[no-untyped-def]
        retry = super().new(**kw)
        retry.max_retry_after = self.max_retry_after
        retry.min_backoff = self.min_backoff
        return retry


_RESET = re.compile(r"(?:^|[;,\s])t=(\d+(?:\.\d+)?)")


def ratelimit_reset(header: str) -> float | None:
    """Seconds until the quota resets, from an IETF ``RateLimit`` header (``"api";r=0;t=55``)."""
    match = _RESET.search(header or "")
    return float(match.group(1)) if match else None


@dataclass(frozen=True)
class Validators:
    """What a previous response said about its content, for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass
class Response:
    """A completed GET: ``not_modified`` responses carry no body."""

    url: str
    status: int
    content: bytes
    content_type: str
    validators: Validators
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class PoliteSession:
    """A ``requests`` session with flopwatch's manners; safe to share between threads."""

    def __init__(self, settings: Settings, min_interval: float | None = None,
                 headers: dict[str, str] | None = None) -> None:
        """``min_interval`` overrides ``settings.http_min_interval`` (a source with stricter manners);
        ``headers`` are sent with every request (e.g. a token: never put them in messages or logs)."""
        self.settings = settings
        self.min_interval = settings.http_min_interval if min_interval is None else min_interval
        retry = _CappedRetry(
            total=settings.http_retries,
            connect=settings.http_retries,
            read=settings.http_retries,
            status=settings.http_retries,
            backoff_factor=settings.http_backoff_factor,
            backoff_max=settings.http_backoff_max,
            backoff_jitter=settings.http_backoff_factor,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=frozenset({"GET", "HEAD"}),
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        retry.max_retry_after = settings.http_max_retry_after
        retry.min_backoff = self.min_interval
        self._session = requests.Session()
        adapter = HTTPAdapter(max_retries=retry)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._session.headers["User-Agent"] = settings.user_agent
        self._session.headers.update(headers or {})
        self._last_request: dict[str, float] = {}
        self._lock = threading.Lock()
        self.requests = 0  # GETs issued (a retried GET counts once)
        self.sent: deque[float] = deque(maxlen=SENT_KEPT)  # when the latest GETs left (monotonic s)

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc
        with self._lock:
            now = time.monotonic()
            ready_at = self._last_request.get(host, -1e9) + self.min_interval
            wait = max(0.0, ready_at - now)
            self._last_request[host] = now + wait
            self.requests += 1
            self.sent.append(now + wait)
        if wait:
            time.sleep(wait)

    def get(self, url: str, validators: Validators | None = None) -> Response:
        """GET ``url`` (conditionally when ``validators`` are given); raise FetchError on failure."""
        self._wait_for_host(url)
        headers = validators.headers() if validators else {}
        timeout = (self.settings.http_connect_timeout, self.settings.http_read_timeout)
        try:
            with self._session.get(url, headers=headers, timeout=timeout, stream=True) as resp:
                if resp.status_code == 304:
                    return Response(url, 304, b"", "", validators or Validators(), dict(resp.headers))
                if resp.status_code >= 400:
                    body = next(resp.iter_content(chunk_size=1 << 16), b"")
                    raise FetchError(f"{url}: HTTP {resp.status_code} {resp.reason}", resp.status_code, body)
                content = self._read_capped(url, resp)
        except requests.RequestException as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {_short(exc)}") from exc
        return Response(
            url=url,
            status=resp.status_code,
            content=content,
            content_type=resp.headers.get("Content-Type", ""),
            validators=Validators(resp.headers.get("ETag"), resp.headers.get("Last-Modified")),
            headers=dict(resp.headers),
        )

    def _read_capped(self, url: str, resp: requests.Response) -> bytes:
        limit = self.settings.http_max_bytes
        declared = resp.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(f"{url}: response of {int(declared):,} bytes exceeds the {limit:,}-byte limit")
        chunks, size = [], 0
        for chunk in resp.iter_content(chunk_size=1 << 16):
            size += len(chunk)
            if size > limit:
                raise FetchError(f"{url}: response exceeds the {limit:,}-byte limit")
            chunks.append(chunk)
        content = b"".join(chunks)
        encoded = resp.headers.get("Content-Encoding", "identity").lower() not in ("", "identity")
        if declared and declared.isdigit() and not encoded and len(content) != int(declared):
            raise FetchError(f"{url}: truncated body: {len(content):,} of {int(declared):,} bytes")
        return content

    def close(self) -> None:
        self._session.close()


def _short(exc: BaseException, limit: int = 200) -> str:
    text = str(exc).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
