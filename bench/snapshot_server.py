"""Serve recorded CSV snapshots under Epoch AI's download names, on 127.0.0.1, for demos and benchmarks.

    python bench/snapshot_server.py --port 8765 \
        notable_ai_models.csv=../shared/realdata/epoch/notable_ai_models_2024-07-16.csv

Answers conditional GETs (ETag / If-None-Match) like a real file server. Not used by the tests,
which use pytest-httpserver.
"""

from __future__ import annotations

import argparse
import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def make_handler(files: dict[str, Path]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            name = self.path.rsplit("/", 1)[-1].split("?", 1)[0]
            if name not in files:
                self.send_error(404)
                return
            body = files[name].read_bytes()
            etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/csv; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


def serve(files: dict[str, Path], port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Start serving ``files`` in a background thread; return the server and its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(files))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("files", nargs="+", help="NAME=PATH pairs")
    args = parser.parse_args()
    files = {pair.split("=", 1)[0]: Path(pair.split("=", 1)[1]) for pair in args.files}
    server, url = serve(files, args.port)
    print(f"serving {', '.join(files)} at {url} (Ctrl-C to stop)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
