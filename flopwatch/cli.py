"""The ``flopwatch`` command: run, backfill, sources, record, new-source, explain, versions, diff, refit,
trends, site, export, extract, eval (one module per group in :mod:`flopwatch.commands`).

Exit codes: 0 success; 1 error; 2 usage error; 3 the run published but at least one source failed.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Sequence

from flopwatch.commands import data, evaluate, publishing, runs, trends
from flopwatch.commands.common import EXIT_ERROR, EXIT_OK, EXIT_SOURCE_FAILED, EXIT_USAGE

__all__ = ["EXIT_ERROR", "EXIT_OK", "EXIT_SOURCE_FAILED", "EXIT_USAGE", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The command line: every group's commands."""
    parser = argparse.ArgumentParser(
        prog="flopwatch", description="A versioned dataset of ML training compute, refit nightly."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for group in (runs, data, trends, publishing, evaluate):
        group.register(commands)
    return parser


def _terminated(signum: int, _frame: object) -> None:
    from scrapers.http import stop_all_requests

    stop_all_requests()  # downloads in other threads end now, not at their deadline
    raise KeyboardInterrupt(signal.Signals(signum).name)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code. SIGTERM and Ctrl-C end it within seconds: downloads are
    cut off, what is being built is discarded (``LATEST`` keeps its version), the data folder's lock is
    released."""
    args = build_parser().parse_args(argv)
    main_thread = threading.current_thread() is threading.main_thread()
    previous = {signum: signal.signal(signum, _terminated)
                for signum in (signal.SIGTERM, signal.SIGINT)} if main_thread else {}
    try:
        return args.handler(args)
    except KeyboardInterrupt as exc:
        print(f"flopwatch: interrupted{f' ({exc})' if str(exc) else ''}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # output piped into `head` and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        print(f"flopwatch {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BaseException as exc:  # Prefect's TerminationSignal: SIGTERM while a flow runs
        if type(exc).__name__ != "TerminationSignal":
            raise
        print("flopwatch: interrupted (SIGTERM)", file=sys.stderr)
        return EXIT_ERROR
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


if __name__ == "__main__":
    sys.exit(main())
