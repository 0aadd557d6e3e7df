"""A small arXiv-like API server for tests, on 127.0.0.1: filters recorded entries by submission date,
pages with ``start``/``max_results``, logs every request's time, and can misbehave on demand."""

from __future__ import annotations

import re
import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ATOM, ARXIV, OPENSEARCH = ("http://www.w3.org/2005/Atom", "http://arxiv.org/schemas/atom",
                           "http://a9.com/-/spec/opensearch/1.1/")
for prefix, uri in (("", ATOM), ("arxiv", ARXIV), ("opensearch", OPENSEARCH)):
    ET.register_namespace(prefix, uri)
WINDOW = re.compile(r"submittedDate:\[(\d{12}) TO (\d{12})\]")


def recorded_entries(feed: Path) -> list[tuple[datetime, str]]:
    """(submission time, entry XML) of every entry in a recorded feed, oldest first."""
    root = ET.fromstring(feed.read_bytes())
    entries = []
    for entry in root.findall(f"{{{ATOM}}}entry"):
        published = entry.findtext(f"{{{ATOM}}}published")
        entries.append((datetime.strptime(published, "%Y-%m-%dT%H:%M:%SZ"),
                        ET.tostring(entry, encoding="unicode")))
    return sorted(entries)


@dataclass
class Behaviour:
    """What the server does besides answering: failures to inject, and what it saw."""

    unavailable_first: int = 0  # answer this many requests with 503 + Retry-After
    retry_after: int = 1
    malformed_starts: set[int] = field(default_factory=set)  # serve a broken page at these offsets
    log: list[tuple[float, str]] = field(default_factory=list)  # (monotonic time, query string)


def _feed(entries: list[str], total: int, start: int, per_page: int) -> bytes:
    return (f"<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns=\"{ATOM}\" "
            f"xmlns:opensearch=\"{OPENSEARCH}\" xmlns:arxiv=\"{ARXIV}\"><title>arXiv Query</title>"
            f"<opensearch:totalResults>{total}</opensearch:totalResults>"
            f"<opensearch:startIndex>{start}</opensearch:startIndex>"
            f"<opensearch:itemsPerPage>{per_page}</opensearch:itemsPerPage>"
            + "".join(entries) + "</feed>").encode()


def serve_arxiv(entries: list[tuple[datetime, str]], behaviour: Behaviour) -> tuple[ThreadingHTTPServer, str]:
    """Start the server in a thread; returns it and the API's base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            behaviour.log.append((time.monotonic(), self.path))
            if behaviour.unavailable_first > 0:
                behaviour.unavailable_first -= 1
                self.send_response(503)
                self.send_header("Retry-After", str(behaviour.retry_after))
                self.end_headers()
                return
            query = parse_qs(urlsplit(self.path).query)
            window = WINDOW.search(query.get("search_query", [""])[0])
            start, per_page = int(query.get("start", ["0"])[0]), int(query.get("max_results", ["10"])[0])
            selected = entries
            if window:
                since, until = (datetime.strptime(v, "%Y%m%d%H%M") for v in window.groups())
                selected = [e for e in entries if since <= e[0].replace(second=0) <= until]
            page = [xml for _, xml in selected[start:start + per_page]]
            body = (b"<feed><entry>broken" if start in behaviour.malformed_starts
                    else _feed(page, len(selected), start, per_page))
            self.send_response(200)
            self.send_header("Content-Type", "application/atom+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/api/query"
