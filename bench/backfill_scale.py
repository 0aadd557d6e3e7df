"""Benchmark of the backfill's per-paper work spread over Dask workers: local vs 1 vs 2 workers.

    .venv/bin/python bench/backfill_scale.py [--papers 300] [--workers 1,2] [--batch 25]

Serves the local arXiv-like site of bench/arxiv.py (real recorded entries and full texts from
../shared/realdata: HTML renderings, and one paper in ten as a real PDF) on 127.0.0.1 with no
politeness delay, so that parsing and extraction, not fetching, bound the run. Reports:
  1. the per-paper cost of parse + extract as plain functions (HTML and PDF apart);
  2. the whole backfill flow over three months: local (parsing in the collect step), then on a Dask
     LocalCluster of each worker count — wall time, papers per minute and the speed-up over local;
  3. from those costs, the time a 600k-paper history takes: fetching (one fetcher for arXiv at its
     3 s between requests) and parsing (CPU, divided among workers).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from arxiv import REAL, corpus  # noqa: E402

from tests.arxiv_server import Behaviour, serve_arxiv  # noqa: E402

HISTORY = 600_000
ARXIV_INTERVAL = 3.0  # seconds between requests, arXiv's terms
LISTING_PAGE = 2000  # entries per listing request in a backfill


def per_paper_costs(url: str, data: Path) -> dict[str, float]:
    """Seconds per paper of parse + extract, HTML and PDF apart (payloads landed first)."""
    from curation.collect import parse_payloads
    from flopwatch.settings import load_settings
    from scrapers.base import Window
    from scrapers.landing import Landing
    from scrapers.sources.arxiv import ArxivSource

    source = ArxivSource(load_settings(data_dir=data))
    source.configure(fetch_all=True)
    january = Window(datetime(2024, 1, 1), datetime(2024, 1, 31))
    payloads = source.fetch(Landing(data, "arxiv", "bench"), january)
    costs: dict[str, list[float]] = {"html": [], "pdf": []}
    for payload in payloads:
        kind = "pdf" if payload.name.endswith(".pdf") else "html" if payload.name.endswith(".html") else None
        if kind is None:
            continue
        started = time.perf_counter()
        parse_payloads(source, [payload], data)
        costs[kind].append(time.perf_counter() - started)
    return {kind: sum(values) / len(values) for kind, values in costs.items() if values}


def backfill_run(data: Path, runner: str, workers: int) -> tuple[int, float]:
    from flows.backfill import backfill

    os.environ["FLOPWATCH_TASK_RUNNER"] = runner
    os.environ["FLOPWATCH_DASK_WORKERS"] = str(workers)
    started = time.perf_counter()
    report = backfill("arxiv", "2024-01-01", "2024-03-31", fetch_all=True, data_dir=str(data),
                      live_progress=False)
    if report.failed:
        sys.exit(f"backfill failed: {report.failed}")
    return report.papers, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--papers", type=int, default=300)
    parser.add_argument("--workers", default="1,2", help="comma-separated Dask worker counts")
    parser.add_argument("--batch", type=int, default=25, help="payloads per parse-batch task")
    args = parser.parse_args()
    if not (REAL / "papers").is_dir():
        sys.exit(f"bench/backfill_scale.py needs the recorded papers in {REAL} (../shared/realdata)")
    entries, fulltexts = corpus(args.papers)
    server, url = serve_arxiv(entries, Behaviour(fulltexts=fulltexts))
    os.environ.update({"FLOPWATCH_ARXIV_URL": url,
                       "FLOPWATCH_ARXIV_FULLTEXT_URL": url.removesuffix("api/query"),
                       "FLOPWATCH_ARXIV_DELAY": "0", "FLOPWATCH_HTTP_MIN_INTERVAL": "0",
                       "FLOPWATCH_CONTACT": "bench@example.org", "FLOPWATCH_TREND_BOOTSTRAP": "100",
                       "FLOPWATCH_PARSE_BATCH": str(args.batch)})
    pdfs = sum(k.startswith("pdf") for k in fulltexts)
    print(f"corpus: {len(entries)} papers over 2024-01..03, {pdfs} as PDF; {os.cpu_count()} CPUs; "
          f"{args.batch} payloads per parse-batch task")
    with tempfile.TemporaryDirectory() as tmp:
        costs = per_paper_costs(url, Path(tmp) / "costs")
        print("1. parse + extract per paper: " + ", ".join(f"{k} {v:.3f} s" for k, v in costs.items()))
        papers, local = backfill_run(Path(tmp) / "local", "local", 1)
        print(f"2. backfill, local:        {papers} papers in {local:6.1f} s = "
              f"{papers / local * 60:6,.0f} papers/min")
        for workers in (int(w) for w in args.workers.split(",")):
            papers, seconds = backfill_run(Path(tmp) / f"dask{workers}", "dask", workers)
            label = f"{workers} Dask worker{'s' if workers > 1 else ' '}"
            print(f"   backfill, {label}: {papers} papers in {seconds:6.1f} s = "
                  f"{papers / seconds * 60:6,.0f} papers/min, speed-up {local / seconds:.2f}x over local")
    server.shutdown()
    mean = 0.9 * costs.get("html", 0) + 0.1 * costs.get("pdf", costs.get("html", 0))
    requests = HISTORY + HISTORY / LISTING_PAGE
    fetch_days = requests * ARXIV_INTERVAL / 86400
    cpu_days = HISTORY * mean / 86400
    print(f"3. a {HISTORY:,}-paper history (cost mix as above, {mean:.3f} s a paper): fetching "
          f"{requests:,.0f} requests at {ARXIV_INTERVAL:.0f} s = {fetch_days:.1f} days with one fetcher; "
          f"parsing {cpu_days:.1f} CPU-days, so {max(1, round(cpu_days / fetch_days + 0.5))} worker(s) keep "
          f"up with the fetcher and parsing alone on 8 workers takes {cpu_days / 8 * 24:.1f} h")


if __name__ == "__main__":
    main()
