"""The raw landing zone: payloads are written once with a manifest line, never changed."""

from __future__ import annotations

import hashlib
import json

import pytest

from scrapers.http import Response, Validators
from scrapers.landing import Landing


def _response(body: bytes, etag: str | None = '"e1"', status: int = 200) -> Response:
    return Response("http://127.0.0.1/t.csv", status, body, "text/csv", Validators(etag=etag))


def test_payload_is_written_with_its_manifest_line(tmp_path):
    landing = Landing(tmp_path, "epoch", "run1")
    payload = landing.land("t.csv", _response(b"Model\nA\n"))
    assert (tmp_path / payload.path).read_bytes() == b"Model\nA\n"
    assert payload.path.startswith("raw/epoch/") and "/run1/" in payload.path
    line = json.loads((landing.folder / "manifest.jsonl").read_text().splitlines()[0])
    assert line["sha256"] == hashlib.sha256(b"Model\nA\n").hexdigest()
    assert {"url", "status", "content_type", "fetched_at", "sha256", "bytes"} <= set(line)
    assert line["bytes"] == 8 and line["status"] == 200


def test_landing_the_same_name_twice_keeps_both_payloads(tmp_path):
    landing = Landing(tmp_path, "epoch", "run1")
    first = landing.land("t.csv", _response(b"one"))
    second = landing.land("t.csv", _response(b"two"))
    assert first.path != second.path
    assert (tmp_path / first.path).read_bytes() == b"one"


def test_not_modified_reuses_the_cached_payload(tmp_path):
    first = Landing(tmp_path, "epoch", "run1").land("t.csv", _response(b"Model\nA\n"))
    later = Landing(tmp_path, "epoch", "run2")
    assert later.validators_for(first.url) == Validators(etag='"e1"')
    reused = later.land("t.csv", _response(b"", status=304))
    assert reused == first
    line = json.loads((later.folder / "manifest.jsonl").read_text())
    assert line["status"] == 304 and line["reused_path"] == first.path


def test_no_validators_when_the_cached_payload_is_gone(tmp_path):
    first = Landing(tmp_path, "epoch", "run1").land("t.csv", _response(b"x"))
    (tmp_path / first.path).unlink()
    assert Landing(tmp_path, "epoch", "run2").validators_for(first.url) is None


def test_a_payload_changed_on_disk_is_detected(tmp_path):
    payload = Landing(tmp_path, "epoch", "run1").land("t.csv", _response(b"original"))
    (tmp_path / payload.path).chmod(0o644)
    (tmp_path / payload.path).write_bytes(b"edited")
    with pytest.raises(ValueError, match="changed on disk"):
        payload.read(tmp_path)


def test_sources_landing_at_once_lose_no_cache_entry(tmp_path):
    import threading

    from scrapers.landing import HttpCache, Payload

    cache = HttpCache(tmp_path / "state" / "http_cache.json")
    payload = Payload("epoch", "t.csv", "http://x/t.csv", "raw/t.csv", "ab" * 32, 1, "text/csv", "2026-01-01")
    errors: list[BaseException] = []

    def put_many(worker: int) -> None:
        try:
            for i in range(25):
                cache.put(f"http://x/{worker}/{i}", Validators(etag=f'"{worker}-{i}"'), payload)
        except BaseException as exc:  # a lost temporary file, a half-written cache
            errors.append(exc)

    threads = [threading.Thread(target=put_many, args=(worker,)) for worker in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert all(cache.get(f"http://x/{w}/{i}") for w in range(6) for i in range(25))
