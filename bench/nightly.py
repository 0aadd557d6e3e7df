"""Benchmark of a nightly run on Epoch's 2,228-row all-models table plus the notable table.

    .venv/bin/python bench/nightly.py [--runs 3]

Serves the real snapshots from ../shared/realdata/epoch on 127.0.0.1 and reports:
  1. the pipeline's own steps, timed as plain functions without Prefect (fetch, parse + validate,
     merge, write version, refit + plot, publish), with that process's peak RSS;
  2. whole `flopwatch run` processes (Prefect ephemeral mode): wall time, peak RSS, and the split
     between Prefect start-up (process start → flow run begins), the flow body, and shutdown —
     for a first run that publishes and for an unchanged rerun.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from snapshot_server import serve  # noqa: E402

EPOCH = ROOT.parent / "shared" / "realdata" / "epoch"
FILES = {"notable_ai_models.csv": EPOCH / "notable_ai_models_2025-12-27.csv",
         "frontier_ai_models.csv": EPOCH / "frontier_ai_models_2025-11-01.csv",
         "large_scale_ai_models.csv": EPOCH / "large_scale_ai_models_2025-11-01.csv",
         "all_ai_models.csv": EPOCH / "all_ai_models_2025-03-11.csv"}
T = TypeVar("T")
STEPS = ["fetch", "parse_validate", "merge", "write_version", "refit_plot", "site", "publish"]
STAMP = re.compile(r"^(\d\d:\d\d:\d\d\.\d{3}) \|")


def steps_only(data_dir: Path, url: str) -> dict[str, float]:
    """Run each pipeline step as a plain function; return seconds per step and peak RSS (MiB)."""
    os.environ["FLOPWATCH_EPOCH_URL"] = url
    from curation.collect import collect_candidates
    from curation.resolve.merge import merge_models
    from curation.site.build import write_site
    from curation.store.publish import write_version_files
    from curation.store.versions import Store
    from curation.trends.fits import TrendOptions
    from curation.trends.refit import refit_models
    from flopwatch.settings import load_settings
    from schemas.curated import empty_models
    from scrapers.landing import Landing
    from scrapers.sources.epoch import EpochSource

    timings: dict[str, float] = {}
    settings = load_settings(data_dir=data_dir, http_min_interval=0)
    source = EpochSource(settings)
    store = Store(settings.layout)

    def timed(name: str, fn: Callable[[], T]) -> T:
        start = time.perf_counter()
        result = fn()
        timings[name] = time.perf_counter() - start
        return result

    payloads = timed("fetch", lambda: source.fetch(Landing(data_dir, "epoch", "bench")))
    validated = timed("parse_validate", lambda: collect_candidates(source, payloads, data_dir))
    merged = timed("merge", lambda: merge_models(validated.candidates, empty_models()))
    models = merged.models
    staging = store.stage("bench")
    timed("write_version", lambda: write_version_files(
        staging, models, empty_models(), 1, None, {"inputs": [p.to_dict() for p in payloads]}, merged=merged))
    timed("refit_plot", lambda: refit_models(models, staging, TrendOptions(), "bench"))
    timed("site", lambda: write_site(staging, store.version_dir(1), data_dir))
    timed("publish", lambda: store.commit(staging, 1))
    timings["rows_parsed"] = len(validated.candidates) + len(validated.quarantine)
    timings["models"] = len(models)
    timings["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return timings


def _seconds(stamp: str) -> float:
    h, m, s = stamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def cli_run(data_dir: Path, url: str) -> dict[str, float]:
    """One `flopwatch run` process: wall time, peak RSS, and phases read from Prefect's log stamps."""
    env = {**os.environ, "FLOPWATCH_EPOCH_URL": url, "FLOPWATCH_HTTP_MIN_INTERVAL": "0"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    wall_start = time.time()
    proc = subprocess.run([str(ROOT / ".venv" / "bin" / "flopwatch"), "run", "--data-dir", str(data_dir)],
                          env=env, capture_output=True, text=True, check=False)
    wall_end = time.time()
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    output = proc.stdout + proc.stderr
    stamps = {}
    for line in output.splitlines():
        match = STAMP.match(line)
        if not match:
            continue
        if "Beginning flow run" in line:
            stamps["flow_start"] = _seconds(match.group(1))
        elif "Flow run" in line and "Finished in state" in line:
            stamps["flow_end"] = _seconds(match.group(1))
    day_start = wall_start - (wall_start % 86400)
    begin, end = wall_start - day_start, wall_end - day_start
    result = {"exit_code": proc.returncode, "wall_s": wall_end - wall_start,
              "peak_rss_mib": max(after, before) / 1024,
              "tracebacks": output.count("Traceback")}
    if {"flow_start", "flow_end"} <= set(stamps):
        result["prefect_startup_s"] = stamps["flow_start"] - begin
        result["flow_body_s"] = stamps["flow_end"] - stamps["flow_start"]
        result["shutdown_s"] = end - stamps["flow_end"]
    result["summary"] = [line for line in proc.stdout.splitlines() if not STAMP.match(line)][-6:]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="repetitions of each measurement")
    parser.add_argument("--steps-only", nargs=2, metavar=("DATA_DIR", "URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.steps_only:
        print(json.dumps(steps_only(Path(args.steps_only[0]), args.steps_only[1])))
        return
    if not EPOCH.is_dir():
        sys.exit(f"needs the real snapshots in {EPOCH}")
    server, url = serve(FILES)
    print(f"inputs: {', '.join(f'{n} ({p.stat().st_size / 1e6:.1f} MB)' for n, p in FILES.items())}"
          f" served at {url}")
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            out = subprocess.run([sys.executable, __file__, "--steps-only", tmp, url],
                                 capture_output=True, text=True, check=True).stdout
            steps = json.loads(out)
        pipeline = sum(steps[k] for k in STEPS)
        parts = ", ".join(f"{k} {steps[k]:.2f}" for k in STEPS)
        print(f"[steps, no Prefect, run {run + 1}] total {pipeline:.2f} s = {parts} | "
              f"{steps['rows_parsed']} rows -> {steps['models']} models, "
              f"peak RSS {steps['peak_rss_mib']:.0f} MiB")
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            for label in ("first run (publishes v1)", "unchanged rerun"):
                result = cli_run(Path(tmp), url)
                phases = (f"Prefect start-up {result['prefect_startup_s']:.2f} s, flow body "
                          f"{result['flow_body_s']:.2f} s, shutdown {result['shutdown_s']:.2f} s"
                          if "flow_body_s" in result else "phases not found in the log")
                share = (f", start-up share {result['prefect_startup_s'] / result['wall_s']:.0%}"
                         if "flow_body_s" in result else "")
                print(f"[flopwatch run {run + 1}, {label}] exit {result['exit_code']}, wall "
                      f"{result['wall_s']:.2f} s ({phases}{share}), "
                      f"peak RSS {result['peak_rss_mib']:.0f} MiB, tracebacks {result['tracebacks']}")
    server.shutdown()


if __name__ == "__main__":
    main()
