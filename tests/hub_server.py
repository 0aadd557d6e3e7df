"""A small Hugging Face Hub-like server for tests, on 127.0.0.1: ``/api/models`` lists models newest
first (by ``lastModified``) with ``limit`` and a ``Link: <…>; rel="next"`` cursor, filters by
``pipeline_tag``; ``/<repo>/raw/main/README.md`` serves cards; can answer 429 with rate-limit headers."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit


@dataclass
class HubModel:
    repo_id: str
    card: bytes
    last_modified: str  # "2024-04-17T08:40:48.000Z"
    downloads: int = 50_000
    likes: int = 100
    pipeline_tag: str = "text-generation"

    def listing(self) -> dict[str, object]:
        return {"id": self.repo_id, "modelId": self.repo_id, "likes": self.likes,
                "downloads": self.downloads, "pipeline_tag": self.pipeline_tag, "private": False,
                "createdAt": self.last_modified, "lastModified": self.last_modified, "tags": []}


@dataclass
class HubBehaviour:
    too_many_first: int = 0  # answer this many requests with 429
    rate_headers: dict[str, str] = field(default_factory=lambda: {"RateLimit": '"api";r=0;t=1'})
    authorization: list[str | None] = field(default_factory=list)  # the header each request carried
    log: list[tuple[float, str]] = field(default_factory=list)


def serve_hub(models: list[HubModel], behaviour: HubBehaviour) -> tuple[ThreadingHTTPServer, str]:
    """Start the server in a thread; returns it and its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            behaviour.log.append((time.monotonic(), self.path))
            behaviour.authorization.append(self.headers.get("Authorization"))
            if behaviour.too_many_first > 0:
                behaviour.too_many_first -= 1
                self._send(429, b"rate limited", "text/plain", behaviour.rate_headers)
                return
            parts = urlsplit(self.path)
            if parts.path == "/api/models":
                self._list(parse_qs(parts.query))
                return
            repo = parts.path.strip("/").removesuffix("/raw/main/README.md")
            found = [m for m in models if m.repo_id == repo and parts.path.endswith("/raw/main/README.md")]
            if found:
                self._send(200, found[0].card, "text/plain; charset=utf-8")
            else:
                self._send(404, b"Entry not found", "text/plain")

        def _list(self, query: dict[str, list[str]]) -> None:
            tag = query.get("pipeline_tag", [""])[0]
            limit, cursor = int(query.get("limit", ["20"])[0]), int(query.get("cursor", ["0"])[0])
            selected = sorted((m for m in models if not tag or m.pipeline_tag == tag),
                              key=lambda m: m.last_modified, reverse=True)
            page = selected[cursor: cursor + limit]
            headers = {}
            if cursor + limit < len(selected):
                params = {k: v[0] for k, v in query.items()} | {"cursor": cursor + limit}
                host = self.headers.get("Host")
                headers["Link"] = f'<http://{host}/api/models?{urlencode(params)}>; rel="next"'
            self._send(200, json.dumps([m.listing() for m in page]).encode(), "application/json", headers)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
