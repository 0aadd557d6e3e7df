"""Defaults for Prefect's embedded (ephemeral) mode, applied before Prefect is imported.

Only defaults: a value the operator set in the environment or a Prefect profile is left alone.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

PREFECT_DEFAULTS = {
    # The ephemeral server's telemetry heartbeat races the run for its SQLite database and prints
    # "database is locked" tracebacks; flopwatch sends no telemetry anyway.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # Route flopwatch's own step loggers into the flow-run logs.
    "PREFECT_LOGGING_EXTRA_LOGGERS": "flopwatch,scrapers,curation,schemas",
    # A slow, busy machine (2 cores, CI) can take longer than the default to start the server.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
}


def configure_prefect() -> None:
    """Apply :data:`PREFECT_DEFAULTS` where the environment does not set them already."""
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)


class ExpectedFailureFilter(logging.Filter):
    """Drops the traceback from Prefect's "task run failed" records when the exception is one of
    flopwatch's own well-described failures (its message already names source, record and reason).
    Unexpected exceptions keep their traceback."""

    def __init__(self, expected: tuple[type[BaseException], ...]) -> None:
        super().__init__()
        self.expected = expected

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], self.expected):
            record.exc_info = None
            record.exc_text = None
        return True


def quiet_expected_failures(expected: tuple[type[BaseException], ...]) -> None:
    """Install :class:`ExpectedFailureFilter` on Prefect's task-run logger (once)."""
    logger = logging.getLogger("prefect.task_runs")
    if not any(isinstance(f, ExpectedFailureFilter) for f in logger.filters):
        logger.addFilter(ExpectedFailureFilter(expected))


@contextmanager
def downloads_end_on_sigterm() -> Iterator[None]:
    """While a flow runs, SIGTERM also cuts off the downloads of its task threads. Prefect's own
    SIGTERM handler ends the flow by interrupting the main thread, but then waits for the task
    threads, and a download trickling in would hold the run until its deadline; this handler stops
    every HTTP session (``scrapers.http.stop_all_requests``) and then calls Prefect's."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    from scrapers.http import stop_all_requests

    previous = signal.getsignal(signal.SIGTERM)

    def handler(signum: int, frame: object) -> None:
        stop_all_requests()
        if callable(previous):
            previous(signum, frame)
        else:
            raise KeyboardInterrupt(signal.Signals(signum).name)

    signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
