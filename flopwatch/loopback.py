"""The one loopback HTTP server of flopwatch's tests, recorded cases, demos and benchmarks.

It listens on 127.0.0.1 only (an ephemeral port unless told), answers from routes — static files
with ETags and conditional GET, or handler functions that simulate an API (paging with ``Link``
headers, filters) — lets a test inject faults before any route (a status, a delay, a body cut
short), and logs every request with its time and headers::

    with Loopback() as site:
        site.file("/data/models.csv", Path("models.csv"), "text/csv")
        site.route("/api/", lambda request: Reply(b"[]", content_type="application/json"))
        site.fail(Reply(b"busy", 503, headers={"Retry-After": "1"}), times=2)
        fetch(site.url_for("/data/models.csv"))
        assert site.paths("/data/") == ["/data/models.csv"] * 3
"""

from __future__ import annotations

import hashlib
import re
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit


@dataclass(frozen=True)
class Request:
    """A request as the server saw it: when (monotonic seconds), the path with its query, headers."""

    time: float
    method: str
    path: str
    headers: dict[str, str]

    @property
    def route(self) -> str:
        """The path without its query."""
        return urlsplit(self.path).path

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.path).query)

    def arg(self, name: str, default: str = "") -> str:
        """The first value of query parameter ``name``."""
        return self.query.get(name, [default])[0]


@dataclass
class Reply:
    """What to answer. ``delay`` waits before answering; ``cut_after`` sends only that many bytes of
    the body after announcing all of it, then closes the connection; ``reset_after`` sends that many
    bytes, then resets the connection (TCP RST); ``length=False`` announces no Content-Length (the
    body ends when the connection closes, so a cut cannot be told); ``drip`` sends the body one byte
    every ``drip`` seconds (a server that never quite stops)."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    cut_after: int | None = None
    drip: float = 0.0
    reset_after: int | None = None
    length: bool = True


Handler = Callable[[Request], Reply]
Fault = Reply | Callable[[Reply], Reply]  # a reply, or how to spoil the reply the route would give


@dataclass
class _Fault:
    reply: Fault
    times: int | None  # None: until cleared
    path: str | re.Pattern[str] | None  # a path prefix, a pattern searched in the path; None for every path

    def applies(self, route: str) -> bool:
        if self.path is None:
            return True
        if isinstance(self.path, re.Pattern):
            return self.path.search(route) is not None
        return route.startswith(self.path)


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:20] + '"'


def static(body: bytes, content_type: str, headers: dict[str, str] | None = None,
           status: int = 200) -> Handler:
    """A handler serving ``body`` with an ETag, answering a matching ``If-None-Match`` with 304."""
    etag = etag_of(body)

    def serve(request: Request) -> Reply:
        if status == 200 and request.headers.get("If-None-Match") == etag:
            return Reply(status=304, headers={"ETag": etag})
        return Reply(body, status, content_type, {"ETag": etag, **(headers or {})})
    return serve


def next_link(request: Request, **changes: object) -> str:
    """A ``Link: <…>; rel="next"`` header value: this request's URL with ``changes`` to its query."""
    params = {key: values[0] for key, values in request.query.items()} | changes
    host = request.headers.get("Host", "127.0.0.1")
    return f'<http://{host}{request.route}?{urlencode(params)}>; rel="next"'


class Loopback:
    """A threaded HTTP server on 127.0.0.1 (see the module docstring)."""

    def __init__(self, port: int = 0) -> None:
        self._routes: list[tuple[str | re.Pattern[str], str | None, Handler]] = []
        self._faults: list[_Fault] = []
        self._lock = threading.Lock()
        self.log: list[Request] = []
        self._server = _QuietServer(("127.0.0.1", port), self._handler_class())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    # life cycle
    def start(self) -> Loopback:
        if self._thread is None:
            self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    shutdown = stop

    def __enter__(self) -> Loopback:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """The server's root, ``http://127.0.0.1:<port>/``."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def url_for(self, path: str) -> str:
        return self.url + path.lstrip("/")

    # what it answers
    def route(self, path: str | re.Pattern[str], handler: Handler, query: str | None = None) -> None:
        """Answer requests for ``path`` (exact, a prefix when it ends with ``/``, or a compiled
        pattern) — and whose query contains ``query``, if given — with ``handler``. A later route for
        the same path and query replaces an earlier one."""
        with self._lock:
            self._routes = [r for r in self._routes if (r[0], r[1]) != (path, query)]
            self._routes.append((path, query, handler))

    def file(self, path: str, body: bytes | Path, content_type: str = "application/octet-stream",
             headers: dict[str, str] | None = None, status: int = 200, query: str | None = None) -> None:
        """Serve ``body`` (bytes or a file's) at ``path`` as a static file with an ETag."""
        content = body.read_bytes() if isinstance(body, Path) else body
        self.route(path, static(content, content_type, headers, status), query)

    def fail(self, reply: Fault, times: int | None = 1, path: str | re.Pattern[str] | None = None) -> None:
        """Answer the next ``times`` requests (every one with None, until :meth:`clear_faults`) whose
        path starts with ``path`` (or in which the pattern ``path`` is found; any with None) with
        ``reply``, before any route — or, when ``reply`` is a function, with what it makes of the
        route's own reply (a cut or slowed copy of the real body)."""
        with self._lock:
            self._faults.append(_Fault(reply, times, path))

    def clear_faults(self, path: str | None = None) -> None:
        with self._lock:
            self._faults = [f for f in self._faults if path is not None and f.path != path]

    def paths(self, prefix: str = "") -> list[str]:
        """The paths (with queries) of the requests logged so far that start with ``prefix``."""
        return [request.path for request in self.log if request.path.startswith(prefix)]

    # serving
    def _answer(self, request: Request) -> Reply:
        spoil = None
        with self._lock:
            self.log.append(request)
            for fault in self._faults:
                if fault.applies(request.route):
                    if fault.times is not None:
                        fault.times -= 1
                        if fault.times <= 0:
                            self._faults.remove(fault)
                    if isinstance(fault.reply, Reply):
                        return fault.reply
                    spoil = fault.reply
                    break
            routes = list(self._routes)
        reply = self._route(request, routes)
        return spoil(reply) if spoil is not None else reply

    @staticmethod
    def _route(request: Request, routes: list) -> Reply:  # type: ignore[type-arg]
        for path, query, handler in reversed(routes):
            if _matches(path, request.route) and (query is None or query in urlsplit(request.path).query):
                return handler(request)
        return Reply(b"not found", 404)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        loopback = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                request = Request(time.monotonic(), "GET", self.path, dict(self.headers.items()))
                reply = loopback._answer(request)
                if reply.delay:
                    time.sleep(reply.delay)
                self.send_response(reply.status)
                if reply.status != 304:
                    self.send_header("Content-Type", reply.content_type)
                    if reply.length:
                        self.send_header("Content-Length", str(len(reply.body)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                closes = reply.cut_after is not None or reply.reset_after is not None or not reply.length
                if closes:
                    self.send_header("Connection", "close")
                self.end_headers()
                cut = reply.cut_after if reply.reset_after is None else reply.reset_after
                if reply.status != 304 and reply.drip:
                    _drip(self.wfile, reply.body, reply.drip)
                elif reply.status != 304:
                    self.wfile.write(reply.body if cut is None else reply.body[:cut])
                if reply.reset_after is not None:
                    self.wfile.flush()
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                if closes:
                    self.close_connection = True

            def log_message(self, *args: object) -> None:
                pass

        return Handler


class _QuietServer(ThreadingHTTPServer):
    """Does not print a traceback when a client hangs up first (it timed out, as a test wanted)."""

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _drip(out, body: bytes, seconds: float) -> None:  # type: ignore[no-untyped-def]
    for index in range(len(body)):
        try:
            out.write(body[index:index + 1])
            out.flush()
        except OSError:  # the client gave up
            return
        time.sleep(seconds)


def _matches(path: str | re.Pattern[str], route: str) -> bool:
    if isinstance(path, re.Pattern):
        return path.fullmatch(route) is not None
    return route.startswith(path) if path.endswith("/") else route == path
