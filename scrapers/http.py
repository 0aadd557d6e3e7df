"""One polite HTTP session shared by every source.

Owns timeouts, retries (exponential backoff with jitter, honouring ``Retry-After``), a per-host
minimum interval between requests, a cap on response size, the User-Agent and conditional GET.
It knows nothing of sources or of the landing zone.
"""

from __future__ import annotations

import contextlib
import logging
import re
import socket
import threading
import time
import weakref
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from flopwatch.settings import Settings

log = logging.getLogger(__name__)

RETRY_STATUSES = (429, 500, 502, 503, 504)
SENT_KEPT = 1000
_SESSIONS: weakref.WeakSet[PoliteSession] = weakref.WeakSet()  # every live session, for stop_all_requests


def stop_all_requests() -> None:
    """End every session's requests at once (the run was interrupted): bodies being read are cut off
    (their sockets shut down, which wakes a blocked read), and no new request starts."""
    for session in list(_SESSIONS):
        session.stop()


class FetchError(RuntimeError):
    """A URL could not be fetched; the message names the URL and the reason. An HTTP error keeps its
    status and the start of its body (APIs explain errors there)."""

    def __init__(self, message: str, status: int | None = None, body: bytes = b"",
                 reason: str | None = None, unreachable: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.body = body
        self.reason = reason or message  # the message without the URL, where the raiser gave one
        self.unreachable = unreachable  # the host cannot be resolved or refuses connections


def is_unreachable(error: BaseException | None) -> bool:
    """Whether ``error`` or an error it was raised from is a host that cannot be resolved or refuses
    connections: a wrong URL or no network, which retrying for a minute will not mend."""
    seen = 0
    while error is not None and seen < 20:
        if isinstance(error, FetchError) and error.unreachable:
            return True
        if isinstance(error, urllib3.exceptions.NameResolutionError):
            return True
        if isinstance(error, urllib3.exceptions.NewConnectionError) and "refused" in str(error).lower():
            return True
        if isinstance(error, urllib3.exceptions.MaxRetryError):
            error = error.reason
        else:
            error = error.__cause__ or error.__context__ or (error.args[0] if error.args and isinstance(
                error.args[0], BaseException) else None)
        seen += 1
    return False


class SourceDeadline(FetchError):
    """The source's time for this run (``FLOPWATCH_SOURCE_TIMEOUT``) is spent: no more requests."""


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

    def increment(self, method=None, url=None, response=None, error=None, _pool=None,  # type: ignore[no-untyped-def]
                  _stacktrace=None):
        """As urllib3's, but a host that cannot be resolved or refuses connections is not retried."""
        if error is not None and is_unreachable(error):
            raise urllib3.exceptions.MaxRetryError(_pool, url, error) from error
        return super().increment(method, url, response, error, _pool, _stacktrace)

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
    complete: bool = True  # the server marked where the body ends (a length, or chunked encoding)

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
        self.deadline: float | None = None  # monotonic time after which no request is made
        self.deadline_seconds = 0.0
        self.stopped = False
        self._open: set[requests.Response] = set()  # responses whose bodies are being read
        _SESSIONS.add(self)

    def stop(self) -> None:
        """Refuse new requests and cut off the bodies being read (see :func:`stop_all_requests`)."""
        self.stopped = True
        with self._lock:
            open_now = list(self._open)
        for resp in open_now:
            sock = getattr(getattr(resp.raw, "_connection", None), "sock", None)
            with contextlib.suppress(OSError):
                if sock is not None:
                    sock.shutdown(socket.SHUT_RDWR)

    def set_deadline(self, seconds: float | None) -> None:
        """Allow this session's requests ``seconds`` from now in all (None: no limit): a request after
        it fails at once, and a body still arriving at it is abandoned (see :class:`SourceDeadline`)."""
        self.deadline = None if seconds is None else time.monotonic() + seconds
        self.deadline_seconds = seconds or 0.0

    def _check_deadline(self, url: str) -> None:
        if self.stopped:
            raise FetchError(f"{url}: not fetched, the run was interrupted", reason="the run was interrupted")
        if self.deadline is not None and time.monotonic() >= self.deadline:
            reason = (f"not fetched, the source's {self.deadline_seconds:g} s for this run are spent "
                      f"(FLOPWATCH_SOURCE_TIMEOUT)")
            raise SourceDeadline(f"{url}: {reason}", reason=reason)

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
        self._check_deadline(url)
        self._wait_for_host(url)
        headers = validators.headers() if validators else {}
        timeout = (self.settings.http_connect_timeout, self.settings.http_read_timeout)
        started = time.monotonic()
        try:
            with self._session.get(url, headers=headers, timeout=timeout, stream=True) as resp, \
                    self._reading(resp):
                if resp.status_code == 304:
                    return Response(url, 304, b"", "", validators or Validators(), dict(resp.headers))
                if resp.status_code >= 400:
                    body = next(resp.iter_content(chunk_size=1 << 16), b"")
                    reason = f"HTTP {resp.status_code} {resp.reason}"
                    raise FetchError(f"{url}: {reason}", resp.status_code, body, reason)
                content, complete = self._read_capped(url, resp, started)
        except requests.RequestException as exc:
            reason = self._reason(exc)
            raise FetchError(f"{url}: {reason}", reason=reason, unreachable=is_unreachable(exc)) from exc
        return Response(
            url=url,
            status=resp.status_code,
            content=content,
            content_type=resp.headers.get("Content-Type", ""),
            validators=Validators(resp.headers.get("ETag"), resp.headers.get("Last-Modified")),
            headers=dict(resp.headers),
            complete=complete,
        )

    @contextlib.contextmanager
    def _reading(self, resp: requests.Response) -> Iterator[None]:
        with self._lock:
            self._open.add(resp)
        try:
            yield
        finally:
            with self._lock:
                self._open.discard(resp)

    def _read_capped(self, url: str, resp: requests.Response, started: float) -> tuple[bytes, bool]:
        """The body, within the size limit and the total deadline (a read timeout alone never ends a
        body that trickles in a byte at a time), complete as announced; and whether the server marked
        its end (a Content-Length, or chunked encoding), so that a cut could have been told."""
        limit, deadline = self.settings.http_max_bytes, self.settings.http_total_timeout
        by_source = self.deadline is not None and self.deadline - started < deadline
        if by_source:
            deadline = self.deadline - started
        declared = resp.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise _failed(url, f"response of {int(declared):,} bytes exceeds the {limit:,}-byte limit")
        chunks, size = [], 0
        for chunk in _arriving(resp):  # as it arrives, so that the deadline is checked
            if self.stopped:
                raise _failed(url, f"cut off after {size:,} bytes, the run was interrupted")
            size += len(chunk)
            if size > limit:
                raise _failed(url, f"response exceeds the {limit:,}-byte limit")
            if time.monotonic() - started > deadline:
                spent = (f"cut off, the source's {self.deadline_seconds:g} s for this run are spent "
                         f"(FLOPWATCH_SOURCE_TIMEOUT)" if by_source else f"not complete after {deadline:g} s")
                raise _failed(url, f"body {spent} ({size:,} bytes received{_of(declared)})")
            chunks.append(chunk)
        if self.stopped:
            raise _failed(url, f"cut off after {size:,} bytes, the run was interrupted")
        content = b"".join(chunks)
        encoded = resp.headers.get("Content-Encoding", "identity").lower() not in ("", "identity")
        if declared and declared.isdigit() and not encoded and len(content) != int(declared):
            raise _failed(url, f"truncated body: {len(content):,} of {int(declared):,} bytes")
        chunked = "chunked" in resp.headers.get("Transfer-Encoding", "").lower()
        return content, bool(declared and declared.isdigit()) or chunked

    def _reason(self, exc: requests.RequestException) -> str:
        """What went wrong, in words ("timed out: no data for 60 s", "body ended after 1,700,000 of
        1,800,000 bytes", "connection refused"), not urllib3's nested repr cut in the middle."""
        text = str(exc)
        if isinstance(exc, requests.exceptions.ConnectTimeout) or "ConnectTimeoutError" in text:
            return f"no connection within {self.settings.http_connect_timeout:g} s"
        if isinstance(exc, requests.exceptions.ReadTimeout) or "Read timed out" in text:
            return f"timed out: no data for {self.settings.http_read_timeout:g} s"
        cut = _INCOMPLETE.search(text)
        if cut:
            got, more = int(cut.group(1)), int(cut.group(2))
            return f"body ended after {got:,} of {got + more:,} bytes"
        known = next((phrase for phrase in _PLAIN_REASONS if phrase.lower() in text.lower()), None)
        if known:
            return f"{known} ({type(exc).__name__})"
        return f"{type(exc).__name__}: {_short(exc)}"

    def close(self) -> None:
        self._session.close()


def _arriving(resp: requests.Response) -> Iterator[bytes]:
    """The body in the pieces the network delivers (``iter_content`` waits for whole chunks, so a
    body trickling in a byte at a time would never reach a deadline check), decoded, with urllib3's
    errors raised as the requests errors ``iter_content`` would raise."""
    while True:
        try:
            chunk = resp.raw.read1(1 << 16, decode_content=True)
        except urllib3.exceptions.ReadTimeoutError as exc:
            raise requests.exceptions.ConnectionError(exc) from exc
        except urllib3.exceptions.ProtocolError as exc:
            raise requests.exceptions.ChunkedEncodingError(exc) from exc
        except urllib3.exceptions.DecodeError as exc:
            raise requests.exceptions.ContentDecodingError(exc) from exc
        if not chunk:
            return
        yield chunk


_INCOMPLETE = re.compile(r"IncompleteRead\((\d+) bytes read, (\d+) more expected\)")
_PLAIN_REASONS = ("connection refused", "connection reset by peer",
                  "remote end closed connection without response", "name or service not known",
                  "temporary failure in name resolution", "no route to host", "certificate verify failed",
                  "too many redirects")


def _failed(url: str, reason: str) -> FetchError:
    return FetchError(f"{url}: {reason}", reason=reason)


def _of(declared: str | None) -> str:
    return f" of {int(declared):,}" if declared and declared.isdigit() else ""


def _short(exc: BaseException, limit: int = 200) -> str:
    text = str(exc).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def unreachable_reason(url: str, timeout: float = 3.0) -> str | None:
    """Why ``url``'s host cannot be reached at all (it cannot be resolved, or refuses or ignores
    connections within ``timeout`` seconds), or None. A URL reached through a proxy (``HTTPS_PROXY``
    and the like) is not checked: the proxy decides."""
    parts = urlsplit(url)
    if not parts.hostname or requests.utils.get_environ_proxies(url):
        return None
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return None
    except socket.gaierror as exc:
        return f"{parts.hostname} cannot be resolved ({exc.strerror or exc})"
    except TimeoutError:
        return f"{parts.hostname}:{port} did not answer within {timeout:g} s"
    except OSError as exc:
        return f"{parts.hostname}:{port}: {(exc.strerror or str(exc)).lower()}"
