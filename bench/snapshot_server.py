"""Serve recorded CSV snapshots under Epoch AI's download names on the loopback server, for demos and
benchmarks.

    python bench/snapshot_server.py --port 8765 \
        notable_ai_models.csv=../shared/realdata/epoch/notable_ai_models_2024-07-16.csv

Answers conditional GETs (ETag / If-None-Match) like a real file server. A file that is missing is
named at start-up rather than answered with an error later.
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flopwatch.loopback import Loopback  # noqa: E402


def serve(files: dict[str, Path], port: int = 0) -> tuple[Loopback, str]:
    """Start serving ``files`` (name → path) at the server's root; return the server and its base URL."""
    missing = [f"{name}={path}" for name, path in files.items() if not path.is_file()]
    if missing:
        raise FileNotFoundError(f"no such file: {', '.join(missing)}")
    server = Loopback(port).start()
    for name, path in files.items():
        server.file(f"/{name}", path, "text/csv; charset=utf-8")
    return server, server.url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("files", nargs="+", help="NAME=PATH pairs")
    args = parser.parse_args()
    files = {pair.split("=", 1)[0]: Path(pair.split("=", 1)[1]) for pair in args.files}
    try:
        server, url = serve(files, args.port)
    except FileNotFoundError as exc:
        sys.exit(f"snapshot_server: {exc}")
    print(f"serving {', '.join(files)} at {url} (Ctrl-C to stop)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
