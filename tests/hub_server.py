"""A Hugging Face Hub-like site on the loopback server, for tests: ``/api/models`` lists models newest
first (by ``lastModified``) with ``limit`` and a ``Link: <…>; rel="next"`` cursor, filters by
``pipeline_tag``; ``/<repo>/raw/main/README.md`` serves cards; can answer 429 with rate-limit headers."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from flopwatch.loopback import Loopback, Reply, Request, next_link


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
    listing_body: bytes | None = None  # answer listing requests with this (200), e.g. an error page


def serve_hub(models: list[HubModel], behaviour: HubBehaviour) -> tuple[Loopback, str]:
    """Start the Hub on the loopback server; returns it and its base URL."""

    def answer(request: Request) -> Reply:
        behaviour.log.append((request.time, request.path))
        behaviour.authorization.append(request.headers.get("Authorization"))
        if behaviour.too_many_first > 0:
            behaviour.too_many_first -= 1
            return Reply(b"rate limited", 429, headers=behaviour.rate_headers)
        if request.route == "/api/models":
            if behaviour.listing_body is not None:
                return Reply(behaviour.listing_body, headers={"Content-Type": "text/html"})
            return _listing(request, models)
        repo = request.route.strip("/").removesuffix("/raw/main/README.md")
        found = [m for m in models if m.repo_id == repo and request.route.endswith("/raw/main/README.md")]
        return Reply(found[0].card) if found else Reply(b"Entry not found", 404)

    server = Loopback().start()
    server.route("/", answer)
    return server, server.url.rstrip("/")


def _listing(request: Request, models: list[HubModel]) -> Reply:
    """One page of ``/api/models``: newest-modified first, ``limit`` per page, a ``Link`` to the next."""
    tag = request.arg("pipeline_tag")
    limit, cursor = int(request.arg("limit", "20")), int(request.arg("cursor", "0"))
    selected = sorted((m for m in models if not tag or m.pipeline_tag == tag),
                      key=lambda m: m.last_modified, reverse=True)
    page = selected[cursor: cursor + limit]
    headers = {"Link": next_link(request, cursor=cursor + limit)} if cursor + limit < len(selected) else {}
    return Reply(json.dumps([m.listing() for m in page]).encode(), 200, "application/json", headers)
