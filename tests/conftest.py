"""Shared fixtures: the real recorded data in ../shared/realdata, settings for a temporary data
folder, the loopback server (``loopback``) and Epoch-like downloads on it (``file_server``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from curation.store.versions import Store
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


EPOCH_SNAPSHOTS = {
    "notable_2024": "notable_ai_models_2024-07-16",
    "notable_2025_04": "notable_ai_models_2025-04-08",
    "notable_2025_12": "notable_ai_models_2025-12-27",
    "all_2025_03": "all_ai_models_2025-03-11",
    "frontier_2025_11": "frontier_ai_models_2025-11-01",
    "large_scale_2025_11": "large_scale_ai_models_2025-11-01",
}
SAMPLES = PROJECT / "tests" / "fixtures" / "epoch"
ARXIV_FEED = "arxivpy_2026_q_testing_s0_m100_cfe7536492ca.xml"  # 100 real entries, 2001–2026


@pytest.fixture
def paper_texts() -> dict[str, str]:
    """Full texts of GPT-3's and Chinchilla's papers by arXiv id: the recorded ones in
    ../shared/realdata, or where that is absent two short papers written for the tests (a model
    trained on GPUs for a stated time; one whose compute is stated by operation counting) under
    those ids, so that the arXiv tests' sites run everywhere."""
    real = REALDATA / "papers"
    if real.is_dir():
        return {key: (real / f"arxiv_{key}.txt").read_text(encoding="utf-8")
                for key in ("2005.14165", "2203.15556")}
    world = PROJECT / "tests" / "fixtures" / "world"
    return {"2005.14165": (world / "paper_heron.txt").read_text(encoding="utf-8"),
            "2203.15556": (world / "paper_ibis.txt").read_text(encoding="utf-8")}


@pytest.fixture
def arxiv_feed() -> Path:
    """A recorded arXiv API response: the real one of 100 entries in ../shared/realdata, or where that
    is absent its first 40 entries (2012–2026) in tests/fixtures/arxiv."""
    real = REALDATA / "web" / "arxiv_api" / ARXIV_FEED
    return real if real.is_file() else PROJECT / "tests" / "fixtures" / "arxiv" / "recorded_entries.xml"


@pytest.fixture
def epoch_snapshots() -> dict[str, Path]:
    """The Epoch snapshots by a short name: the real ones in ../shared/realdata, or where that is
    absent (a fresh clone) the samples of them in tests/fixtures/epoch (14–38 real rows each, GPT-3's
    among them), so that tests of parsing and publishing run everywhere."""
    folder = REALDATA / "epoch"
    if folder.is_dir():
        return {short: folder / f"{name}.csv" for short, name in EPOCH_SNAPSHOTS.items()}
    return {short: SAMPLES / f"{name}_sample.csv" for short, name in EPOCH_SNAPSHOTS.items()}


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
    """FLOPWATCH_EPOCH_URL pointed at the local file server, fetching the notable and all-models tables
    (a test that serves others sets FLOPWATCH_EPOCH_TABLES itself)."""
    monkeypatch.setenv("FLOPWATCH_EPOCH_URL", file_server.url)
    monkeypatch.setenv("FLOPWATCH_EPOCH_TABLES", "notable_ai_models,all_ai_models")
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


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """Two versions published from Epoch's snapshots (real, or the samples in a fresh clone), each
    with its site, data package and charts (see tests/epoch_versions.py)."""
    from tests.epoch_versions import publish_epoch_versions

    folder = REALDATA / "epoch"
    names = {short: (folder / f"{name}.csv" if folder.is_dir() else SAMPLES / f"{name}_sample.csv")
             for short, name in EPOCH_SNAPSHOTS.items()}
    return publish_epoch_versions(tmp_path_factory.mktemp("site") / "data", names)
