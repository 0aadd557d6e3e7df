"""Production mode for real: a Prefect server (SQLite, and PostgreSQL where one is given), the
``nightly`` deployment made from ``prefect.yaml`` by ``prefect deploy``, a process work pool, a worker,
and a flow run triggered through the REST API that publishes a version with its artifacts.

The run reads the sources' packaged recorded cases, served on 127.0.0.1 by this test (``flopwatch
demo``'s world), so nothing leaves the machine. PostgreSQL is used when FLOPWATCH_TEST_POSTGRES_URL
names a database (``.ci/postgres`` starts Debian's server and prints one); otherwise that case skips.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from curation.store.versions import Store
from flopwatch.demo import demo_world
from flopwatch.layout import DataLayout
from tests.prefect_server import PrefectServer, prefect_server, prefect_worker, wait_for_final_state

PROJECT = Path(__file__).resolve().parent.parent
RUN_SECONDS = 300

pytestmark = pytest.mark.production


def _database(kind: str, tmp_path: Path) -> str:
    if kind == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'prefect.db'}"
    url = os.environ.get("FLOPWATCH_TEST_POSTGRES_URL", "")
    if not url:
        pytest.skip("FLOPWATCH_TEST_POSTGRES_URL is not set: run `eval $(.ci/postgres)` to start Debian's "
                    "PostgreSQL and name a fresh database (.ci/run does)")
    return url


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_nightly_deployment_runs_on_a_worker_and_publishes(database: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    git_status = _git_status()
    with prefect_server(tmp_path / "prefect-home", _database(database, tmp_path)) as server, \
            demo_world() as (sources, env):
        server.prefect("work-pool", "create", "flopwatch", "--type", "process", "--overwrite", cwd=PROJECT)
        server.prefect("--no-prompt", "deploy", "--all", cwd=PROJECT)  # as the README says
        assert _git_status() == git_status, "prefect deploy changed files in the clone"

        deployment = server.call("GET", "/deployments/name/flopwatch-nightly/nightly")
        assert deployment["schedules"][0]["schedule"]["cron"] == "0 3 * * *"
        run = server.call("POST", f"/deployments/{deployment['id']}/create_flow_run", json={
            "parameters": {"data_dir": str(data), "sources": sources, "contact": "tests@example.org"},
            "job_variables": {"env": {**env, "FLOPWATCH_TREND_BOOTSTRAP": "50"}},
        })
        worker_log = tmp_path / "worker.log"
        with prefect_worker(server, "flopwatch", PROJECT, worker_log) as worker:
            finished = wait_for_final_state(server, run["id"], RUN_SECONDS, worker, worker_log)
            # the run's last lines reach the server after its final state, from the run's process,
            # which ends with the worker
            messages = _logs(server, run["id"], until_one_starts="published version")

        assert finished["state"]["type"] == "COMPLETED", worker_log.read_text()[-4000:]
        store = Store(DataLayout(data))
        version = store.latest()
        assert version is not None, "the flow run published no version"
        contributing = set(store.model_sources(version)["source"])
        assert contributing == set(sources)

        artifacts = server.call("POST", "/artifacts/filter", json={
            "artifacts": {"flow_run_id": {"any_": [run["id"]]}}})
        keys = {artifact["key"] for artifact in artifacts}
        assert {"flopwatch-run-summary", "flopwatch-trend-headline", "flopwatch-added-models"} <= keys
        assert any(m.startswith("published version") for m in messages), json.dumps(messages[-20:], indent=1)
        assert "Traceback" not in worker_log.read_text()


def _logs(server: PrefectServer, flow_run_id: str, until_one_starts: str, seconds: float = 30) -> list[str]:
    """The flow run's log messages, once one starts with ``until_one_starts`` (or after ``seconds``)."""
    deadline = time.monotonic() + seconds
    while True:
        logs = server.call("POST", "/logs/filter", json={
            "logs": {"flow_run_id": {"any_": [flow_run_id]}}, "sort": "TIMESTAMP_ASC", "limit": 200})
        messages = [line["message"] for line in logs]
        if any(m.startswith(until_one_starts) for m in messages) or time.monotonic() > deadline:
            return messages
        time.sleep(1)


def _git_status() -> str:
    return subprocess.run(["git", "status", "--porcelain"], cwd=PROJECT, capture_output=True, text=True,
                          check=False).stdout
