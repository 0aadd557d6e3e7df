"""A real Prefect server on loopback for the production-mode test: its own home and database, started
as ``prefect server start`` would be in production, and a small client of its REST API."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

PREFECT = Path(sys.executable).with_name("prefect")
STARTUP_SECONDS = 180
# the server answers 503 while its database is busy (SQLite under a loaded machine): retry as Prefect's
# own client does, a few times with back-off, instead of failing the test on the first one
TRANSIENT = Retry(total=5, backoff_factor=0.5, status_forcelist=(502, 503, 504), allowed_methods=None,
                  raise_on_status=False)


def _session() -> requests.Session:
    session = requests.Session()
    session.mount("http://", HTTPAdapter(max_retries=TRANSIENT))
    return session


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class PrefectServer:
    """A running server: its API address and the environment that points Prefect clients at it."""

    api: str
    env: dict[str, str]
    log: Path

    def call(self, method: str, path: str, json: object = None) -> object:
        response = _session().request(method, f"{self.api}{path}", json=json, timeout=30)
        response.raise_for_status()
        return response.json() if response.content else None

    def prefect(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        """Run the ``prefect`` command against this server; fail with its output if it fails."""
        done = subprocess.run([str(PREFECT), *args], cwd=cwd, env=self.env, capture_output=True,
                              text=True, timeout=180)
        if done.returncode:
            raise AssertionError(f"prefect {' '.join(args)} exited {done.returncode}:\n"
                                 f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
        return done


@contextmanager
def prefect_server(home: Path, database_url: str) -> Iterator[PrefectServer]:
    """Start ``prefect server start`` on a free loopback port with ``home`` as PREFECT_HOME and its
    data in ``database_url``; stop it afterwards."""
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env.update({
        "PREFECT_HOME": str(home), "PREFECT_API_URL": api,
        "PREFECT_API_DATABASE_CONNECTION_URL": database_url,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": "false",
        "PREFECT_CLI_PROMPT": "false",
    })
    home.mkdir(parents=True, exist_ok=True)
    log = home / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen([str(PREFECT), "server", "start", "--host", "127.0.0.1",
                                    "--port", str(port)], env=env, stdout=out, stderr=subprocess.STDOUT)
    server = PrefectServer(api, env, log)
    try:
        _wait_healthy(server, process)
        yield server
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    """Terminate ``process``; kill it if it has not ended within 30 s."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def _wait_healthy(server: PrefectServer, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"prefect server exited {process.returncode}:\n"
                                 f"{server.log.read_text()[-3000:]}")
        try:
            if requests.get(f"{server.api}/health", timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"prefect server not healthy after {STARTUP_SECONDS} s:\n"
                         f"{server.log.read_text()[-3000:]}")


@contextmanager
def prefect_worker(server: PrefectServer, pool: str, cwd: Path, log: Path) -> Iterator[subprocess.Popen]:
    """``prefect worker start --pool pool`` against ``server`` while the block runs."""
    with log.open("w") as out:
        process = subprocess.Popen([str(PREFECT), "worker", "start", "--pool", pool], cwd=cwd,
                                   env=server.env, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        _stop(process)


def wait_for_final_state(server: PrefectServer, flow_run_id: str, seconds: float,
                         worker: subprocess.Popen, worker_log: Path) -> dict:
    """The flow run once its state is final; fail with the worker's log when it is not in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        run = server.call("GET", f"/flow_runs/{flow_run_id}")
        if run["state"] and run["state"]["type"] in {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}:
            return run
        if worker.poll() is not None:
            break
        time.sleep(1)
    raise AssertionError(f"flow run {flow_run_id} not finished (worker exit {worker.poll()}):\n"
                         f"{worker_log.read_text()[-4000:]}")
