"""Progress of a long job: a live bar on a terminal, plain log lines anywhere else (CI, cron, files)."""

from __future__ import annotations

import logging
import sys
import time
from datetime import timedelta

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


class WindowProgress:
    """Windows done, papers and requests so far, and the time left, for a backfill."""

    def __init__(self, total: int, already_done: int, logger: logging.Logger | logging.LoggerAdapter,
                 live: bool | None = None) -> None:
        self.total, self.done, self.logger = total, already_done, logger
        self.started, self.started_done = time.monotonic(), already_done
        self.live = sys.stderr.isatty() if live is None else live
        self._bar: Progress | None = None
        if self.live:
            self._bar = Progress(
                TextColumn("backfill"), BarColumn(), MofNCompleteColumn(), TextColumn("windows"),
                TextColumn("• {task.fields[papers]:,} papers • {task.fields[requests]:,} requests •"),
                TimeRemainingColumn(), console=Console(stderr=True), transient=False,
            )
            self._task = self._bar.add_task("backfill", total=total, completed=already_done,
                                            papers=0, requests=0)
            self._bar.start()

    def eta(self) -> timedelta | None:
        """Time left at this run's pace so far; None before the first window of this run is done."""
        finished = self.done - self.started_done
        if finished <= 0:
            return None
        per_window = (time.monotonic() - self.started) / finished
        return timedelta(seconds=round(per_window * (self.total - self.done)))

    def window_done(self, label: str, papers: int, requests: int) -> None:
        """Record one more finished window, with the run's totals so far."""
        self.done += 1
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done, papers=papers, requests=requests)
            return
        eta = self.eta()
        self.logger.info("window %d/%d done (%s): %d papers, %d requests so far, ETA %s",
                         self.done, self.total, label, papers, requests, eta if eta is not None else "?")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
