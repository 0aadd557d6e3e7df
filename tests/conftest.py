"""Shared fixtures: the real recorded data in ../shared/realdata, settings for a temporary data
folder, and a local Epoch-like file server (pytest-httpserver on 127.0.0.1)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from flopwatch.settings import Settings, load_settings

PROJECT = Path(__file__).resolve().parent.parent
REALDATA = PROJECT.parent / "shared" / "realdata"


@pytest.fixture(scope="session")
def realdata() -> Path:
    """../shared/realdata, read in place; tests that need it skip when it is absent (a fresh clone)."""
    if not (REALDATA / "epoch").is_dir():
        pytest.skip(f"real recorded data not found at {REALDATA} (it ships beside the project, "
                    "not inside it); these tests run only where ../shared/realdata exists")
    return REALDATA


@pytest.fixture
def epoch_snapshots(realdata: Path) -> dict[str, Path]:
    """The Epoch snapshots by a short name."""
    folder = realdata / "epoch"
    return {
        "notable_2024": folder / "notable_ai_models_2024-07-16.csv",
        "notable_2025_04": folder / "notable_ai_models_2025-04-08.csv",
        "notable_2025_12": folder / "notable_ai_models_2025-12-27.csv",
        "all_2025_03": folder / "all_ai_models_2025-03-11.csv",
        "frontier_2025_11": folder / "frontier_ai_models_2025-11-01.csv",
        "large_scale_2025_11": folder / "large_scale_ai_models_2025-11-01.csv",
    }


def make_settings(data_dir: Path, **overrides: object) -> Settings:
    """Settings for tests: a temporary data folder, fast retries, no politeness delay."""
    defaults: dict[str, object] = {
        "data_dir": data_dir, "http_min_interval": 0.0, "http_retries": 2,
        "http_backoff_factor": 0.01, "http_backoff_max": 0.05, "http_read_timeout": 5.0,
        "http_connect_timeout": 2.0, "fetch_task_retries": 0, "fetch_task_retry_delay": 0.0,
        "trend_bootstrap": 200, "contact": "tests@example.org",
    }
    defaults.update(overrides)
    return load_settings(**defaults)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "data")


class FileServer:
    """Serves named files like a static file server with ETags; contents can be swapped or broken."""

    def __init__(self, httpserver: HTTPServer) -> None:
        self.httpserver = httpserver
        self.files: dict[str, bytes] = {}
        self.overrides: dict[str, Response] = {}
        self.requests: list[Request] = []
        httpserver.expect_request(re.compile(r"^/.*$")).respond_with_handler(self._handle)

    @property
    def url(self) -> str:
        return self.httpserver.url_for("/")

    def serve(self, name: str, content: bytes | Path) -> None:
        self.files[name] = content.read_bytes() if isinstance(content, Path) else content
        self.overrides.pop(name, None)

    def fail(self, name: str, response: Response) -> None:
        self.overrides[name] = response

    def _handle(self, request: Request) -> Response:
        self.requests.append(request)
        name = request.path.rsplit("/", 1)[-1]
        if name in self.overrides:
            return self.overrides[name]
        if name not in self.files:
            return Response("not found", status=404)
        body = self.files[name]
        etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, status=200, content_type="text/csv; charset=utf-8", headers={"ETag": etag})


@pytest.fixture
def file_server(httpserver: HTTPServer) -> Iterator[FileServer]:
    yield FileServer(httpserver)


@pytest.fixture
def epoch_env(file_server: FileServer, monkeypatch: pytest.MonkeyPatch) -> FileServer:
    """FLOPWATCH_EPOCH_URL pointed at the local file server."""
    monkeypatch.setenv("FLOPWATCH_EPOCH_URL", file_server.url)
    return file_server


@pytest.fixture(scope="session", autouse=True)
def _quiet_prefect_at_exit() -> Iterator[None]:
    """Prefect stops its temporary server at interpreter exit and logs that to a console stream
    pytest has closed by then ("I/O operation on closed file"); detach its console handlers first."""
    yield
    import logging

    for name in ("", "prefect"):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            if "Console" in type(handler).__name__:
                logger.removeHandler(handler)
