"""Shared fixtures: the real recorded data in ../shared/realdata, settings for a temporary data
folder, the loopback server (``loopback``) and Epoch-like downloads on it (``file_server``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from flopwatch.loopback import Loopback, Reply, Request
from flopwatch.settings import Settings, load_settings

PROJECT = Path(__file__).resolve().parent.parent
# FLOPWATCH_TEST_REALDATA points elsewhere (or at nothing, to see what a fresh clone runs)
REALDATA = Path(os.environ.get("FLOPWATCH_TEST_REALDATA", PROJECT.parent / "shared" / "realdata"))


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


@pytest.fixture
def loopback() -> Iterator[Loopback]:
    """The loopback server on 127.0.0.1, stopped after the test."""
    with Loopback() as server:
        yield server


class FileServer:
    """Epoch-like downloads: named files at the server's root with ETags; contents can be swapped,
    and a file can be made to fail until it is served again."""

    def __init__(self, server: Loopback) -> None:
        self.server = server

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def requests(self) -> list[Request]:
        return self.server.log

    def serve(self, name: str, content: bytes | Path) -> None:
        self.server.clear_faults(f"/{name}")
        self.server.file(f"/{name}", content, "text/csv; charset=utf-8")

    def fail(self, name: str, reply: Reply) -> None:
        self.server.clear_faults(f"/{name}")
        self.server.fail(reply, times=None, path=f"/{name}")


@pytest.fixture
def file_server(loopback: Loopback) -> FileServer:
    return FileServer(loopback)


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
