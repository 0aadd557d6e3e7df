"""The raw landing zone: every fetched payload, written once and never changed.

Layout: ``<data>/raw/<source>/<UTC date>/<run id>/<file>`` plus one ``manifest.jsonl`` line per
response (url, status, content type, fetched_at, sha256, bytes). Also keeps the conditional-GET
cache (``<data>/state/http_cache.json``) that maps a URL to its last landed payload.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from datetime import UTC, datetime
from pathlib import Path

from flopwatch.layout import DataLayout
from schemas.handover import DetailMiss, Payload
from scrapers.http import Response, Validators

__all__ = ["DetailMiss", "HttpCache", "Landing", "Payload", "utc_now"]


def utc_now() -> datetime:
    return datetime.now(UTC)


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "payload"


class Landing:
    """Writes one run's payloads for one source; files are created exclusively, never overwritten.
    Also keeps the run's :attr:`misses`: the details (full texts, cards) the source could not have,
    which curation queues for a later run."""

    def __init__(self, data_dir: Path, source: str, run_id: str, now: datetime | None = None) -> None:
        self.data_dir = data_dir
        self.source = source
        self.run_id = run_id
        day = (now or utc_now()).strftime("%Y-%m-%d")
        layout = DataLayout(data_dir)
        self.folder = layout.raw_run(source, day, run_id)
        self.cache = HttpCache(layout.http_cache)
        self.misses: list[DetailMiss] = []

    def miss(self, record_id: str, url: str, reason: str, status: int | None = None,
             listing: Payload | None = None) -> None:
        """Record that ``record_id``'s detail at ``url`` could not be had, and why (see DetailMiss)."""
        self.misses.append(DetailMiss(record_id, url, reason, status, listing))

    def validators_for(self, url: str) -> Validators | None:
        """Conditional-GET validators for ``url`` if an earlier payload of it is still on disk and no run
        refused it (a broken body served with the real ETag must be fetched whole again)."""
        entry = self.cache.get(url)
        if entry and (self.data_dir / entry["payload"]["path"]).exists() \
                and entry["payload"]["sha256"] not in DataLayout(self.data_dir).refused_payloads():
            return Validators(entry.get("etag"), entry.get("last_modified"))
        return None

    def land(self, name: str, response: Response, cache: bool = True) -> Payload:
        """Record ``response``: a new payload is written; a 304 re-uses the cached payload. Its
        validators are kept for a conditional GET only when the server marked where the body ends
        (a length or chunked encoding) and ``cache`` is not False (a body the source rejected): a body
        that merely stopped may be cut short, and a 304 must never hand it back as the whole."""
        fetched_at = utc_now().isoformat(timespec="seconds")
        if response.not_modified:
            entry = self.cache.get(response.url)
            if entry is None:
                raise ValueError(f"{response.url}: 304 Not Modified but no earlier payload is cached")
            payload = Payload.from_dict(entry["payload"])
            self._append_manifest(
                {"url": response.url, "status": 304, "content_type": payload.content_type,
                 "fetched_at": fetched_at, "sha256": payload.sha256, "bytes": 0,
                 "reused_path": payload.path, "name": name}
            )
            return payload
        content = response.content
        digest = hashlib.sha256(content).hexdigest()
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self._free_path(_safe_name(name))
        if not self._link_same(response.url, digest, target):
            with open(target, "xb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
        payload = Payload(
            source=self.source, name=name, url=response.url,
            path=target.relative_to(self.data_dir).as_posix(), sha256=digest, bytes=len(content),
            content_type=response.content_type, fetched_at=fetched_at,
            last_modified=response.validators.last_modified,
        )
        self._append_manifest(
            {"url": response.url, "status": response.status, "content_type": response.content_type,
             "fetched_at": fetched_at, "sha256": digest, "bytes": len(content),
             "path": payload.path, "name": name,
             "etag": response.validators.etag, "last_modified": response.validators.last_modified}
        )
        if cache and response.complete:
            self.cache.put(response.url, response.validators, payload)
        return payload

    def _link_same(self, url: str, digest: str, target: Path) -> bool:
        """Land a body identical to the cached payload of ``url`` as a hard link to that file (a
        server that ignores the conditional GET sends the same bytes again): the run's folder still
        holds the payload, the disk holds it once. False when there is none or linking fails."""
        entry = self.cache.get(url)
        if not entry or entry["payload"]["sha256"] != digest:
            return False
        earlier = self.data_dir / entry["payload"]["path"]
        try:
            os.link(earlier, target)
        except OSError:
            return False
        return True

    def _free_path(self, filename: str) -> Path:
        """A path in this run's folder that no earlier payload uses (a retried fetch lands again)."""
        target, attempt = self.folder / filename, 1
        while target.exists():
            attempt += 1
            target = self.folder / f"{filename}.{attempt}"
        return target

    def _append_manifest(self, record: dict[str, object]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / "manifest.jsonl", "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, sort_keys=True) + "\n")
            handle.flush()
            os.fsync(handle.fileno())


_CACHE_LOCK = threading.Lock()  # sources land at once, in threads of one run


class HttpCache:
    """URL → validators and the payload they describe; written only after the payload is durable.
    Updates are serialized (read, change, write whole), so sources fetching at once lose none."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> dict[str, dict]:
        if not self.path.exists():
            return {}
        return json.loads(self.path.read_text(encoding="utf-8"))

    def get(self, url: str) -> dict | None:
        return self._load().get(url)

    def put(self, url: str, validators: Validators, payload: Payload) -> None:
        if not (validators.etag or validators.last_modified):
            return
        with _CACHE_LOCK:
            entries = self._load()
            entries[url] = {"etag": validators.etag, "last_modified": validators.last_modified,
                            "payload": payload.to_dict()}
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".tmp{os.getpid()}-{threading.get_ident()}")
            tmp.write_text(json.dumps(entries, indent=1, sort_keys=True), encoding="utf-8")
            os.replace(tmp, self.path)
