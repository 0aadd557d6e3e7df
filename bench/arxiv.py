"""Benchmark of the arXiv source: papers processed per minute, and the request rate against arXiv's.

    .venv/bin/python bench/arxiv.py [--papers 300] [--rate-papers 10]

Serves a local arXiv-like site on 127.0.0.1 (tests/arxiv_server.py) built from the real recorded
material in ../shared/realdata: the 100 real API entries, copied under new ids into three months of
2024, each with a full text — the recorded papers (as HTML renderings) and, for one paper in ten, the
real Attention PDF (pypdf's cost). Reports:
  1. papers per minute with the politeness delay at 0 (the cost of fetching locally, parsing and
     extraction): the pipeline steps as plain functions, and the whole backfill flow (Prefect);
  2. the achieved request rate against the allowed one with the delay at its default (3 s), on a
     short backfill over three monthly windows (listings and full texts): mean, smallest and largest
     gap between requests.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.arxiv_server import Behaviour, html_page, recorded_entries, redated, serve_arxiv  # noqa: E402

REAL = ROOT.parent / "shared" / "realdata"
FEED = REAL / "web" / "arxiv_api" / "arxivpy_2026_q_testing_s0_m100_cfe7536492ca.xml"


def corpus(n_papers: int) -> tuple[list, dict[str, tuple[bytes, str]]]:
    """``n_papers`` entries over Jan–Mar 2024 (real entries under new ids) and a full text for each."""
    real = recorded_entries(FEED)
    texts = [html_page(p.read_text(encoding="utf-8")) for p in sorted((REAL / "papers").glob("*.txt"))]
    pdf = (REAL / "web" / "paper_fulltext" / "arxiv_pdf_1706.03762.pdf").read_bytes()
    entries, fulltexts = [], {}
    start, span = datetime(2024, 1, 1), timedelta(days=90)
    for i in range(n_papers):
        arxiv_id = f"24{1 + i * 3 // n_papers:02d}.{i:05d}"
        moment = start + span * i / n_papers
        _, xml = redated(real[i % len(real)], moment)
        xml = re.sub(r"<id>[^<]*</id>", f"<id>http://arxiv.org/abs/{arxiv_id}v1</id>", xml)
        entries.append((moment, xml))
        if i % 10 == 9:
            fulltexts[f"pdf/{arxiv_id}v1"] = (pdf, "application/pdf")
        else:
            fulltexts[f"html/{arxiv_id}v1"] = (texts[i % len(texts)], "text/html")
    return entries, fulltexts


def steps_without_prefect(url: str, data: Path) -> tuple[int, float]:
    """Fetch, parse and validate each month as plain functions; (papers, seconds)."""
    from curation.collect import collect_candidates
    from curation.store.batches import month_windows
    from flopwatch.settings import load_settings
    from scrapers.base import Window
    from scrapers.landing import Landing
    from scrapers.sources.arxiv import ArxivSource

    settings = load_settings(data_dir=data)
    source = ArxivSource(settings)
    source.configure(fetch_all=True)
    papers, started = 0, time.perf_counter()
    for since, until in month_windows(datetime(2024, 1, 1), datetime(2024, 3, 31)):
        payloads = source.fetch(Landing(data, "arxiv", "bench"), Window(since, until))
        papers += len(collect_candidates(source, payloads, data).candidates)
    return papers, time.perf_counter() - started


def backfill_flow(since: str, until: str) -> tuple[object, float]:
    from flows.backfill import backfill

    started = time.perf_counter()
    report = backfill("arxiv", since, until, fetch_all=True, live_progress=False)
    return report, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--papers", type=int, default=300)
    parser.add_argument("--rate-papers", type=int, default=10,
                        help="papers in the short run at the default delay (each one request)")
    parser.add_argument("--serve", action="store_true",
                        help="only serve the corpus (for trying `flopwatch backfill`/`run` by hand)")
    args = parser.parse_args()
    if not FEED.is_file():
        sys.exit(f"bench/arxiv.py needs the recorded material at {REAL} (../shared/realdata, beside the "
                 "clone); without it, `flopwatch demo` runs the arXiv source on its packaged cases")
    entries, fulltexts = corpus(args.papers)
    behaviour = Behaviour(fulltexts=fulltexts)
    server, url = serve_arxiv(entries, behaviour)
    if args.serve:
        print(f"export FLOPWATCH_ARXIV_URL={url}\n"
              f"export FLOPWATCH_ARXIV_FULLTEXT_URL={url.removesuffix('api/query')}", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return
    os.environ.update({"FLOPWATCH_ARXIV_URL": url,
                       "FLOPWATCH_ARXIV_FULLTEXT_URL": url.removesuffix("api/query"),
                       "FLOPWATCH_CONTACT": "bench@example.org", "FLOPWATCH_TREND_BOOTSTRAP": "200"})
    print(f"corpus: {len(entries)} papers over 2024-01..03, {sum(k.startswith('pdf') for k in fulltexts)} "
          f"as PDF, the rest as HTML")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FLOPWATCH_ARXIV_DELAY"] = "0"
        papers, seconds = steps_without_prefect(url, Path(tmp) / "steps")
        print(f"1a. steps without Prefect, delay 0: {papers} papers in {seconds:.1f} s = "
              f"{papers / seconds * 60:,.0f} papers/min")
        os.environ["FLOPWATCH_DATA_DIR"] = str(Path(tmp) / "flow")
        report, seconds = backfill_flow("2024-01-01", "2024-03-31")
        print(f"1b. backfill flow (Prefect, publishes a version), delay 0: {report.papers} papers in "
              f"{seconds:.1f} s = {report.papers / seconds * 60:,.0f} papers/min "
              f"({report.requests} requests, version {report.run.version})")

        os.environ["FLOPWATCH_ARXIV_DELAY"] = "3"
        os.environ["FLOPWATCH_DATA_DIR"] = str(Path(tmp) / "rate")
        os.environ["FLOPWATCH_ARXIV_PAGE_SIZE"] = "200"
        short = entries[:: max(1, len(entries) // args.rate_papers)][: args.rate_papers]  # 3 windows
        last_day = short[-1][0].date().isoformat()
        server.shutdown()
        behaviour = Behaviour(fulltexts=fulltexts)
        server, url = serve_arxiv(short, behaviour)
        os.environ["FLOPWATCH_ARXIV_URL"] = url
        os.environ["FLOPWATCH_ARXIV_FULLTEXT_URL"] = url.removesuffix("api/query")
        report, seconds = backfill_flow("2024-01-01", last_day)
        times = [t for t, _ in behaviour.log]
        gaps = [b - a for a, b in itertools.pairwise(times)]
        achieved = (len(times) - 1) / (times[-1] - times[0])
        print(f"2. delay 3 s (allowed 0.333 requests/s): {len(times)} requests in "
              f"{times[-1] - times[0]:.1f} s = {achieved:.3f} requests/s ({achieved / (1 / 3):.1%} of "
              f"allowed); gaps min {min(gaps):.3f} s, mean {sum(gaps) / len(gaps):.3f} s, "
              f"max {max(gaps):.3f} s; whole flow {seconds:.1f} s")
    server.shutdown()


if __name__ == "__main__":
    main()
