"""What every command shares: exit codes, the common flags, settings from the flags."""

from __future__ import annotations

import argparse
from pathlib import Path

from flopwatch.settings import Settings, load_settings

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_SOURCE_FAILED = 0, 1, 2, 3


def data_dir_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="data folder (default: $FLOPWATCH_DATA_DIR or ./data)")


def contact_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--contact", default=None,
                        help="URL or e-mail sent in the User-Agent (default: $FLOPWATCH_CONTACT)")


def settings_of(args: argparse.Namespace, **extra: object) -> Settings:
    """Settings from the environment with the command's ``--data-dir`` (and ``extra``) on top."""
    return load_settings(data_dir=args.data_dir, **extra)


def fmt(value: float | None) -> str:
    """A number to one decimal, ``?`` for None or NaN."""
    return "?" if value is None or value != value else f"{value:.1f}"


def one_line(text: str, limit: int = 160) -> str:
    """``text`` on one line, cut at ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
