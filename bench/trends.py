"""Benchmark of the trend refit on Epoch's all-models table (2,228 rows; ~970 with a date and compute).

    .venv/bin/python bench/trends.py [--resamples 10000]

Reports, on this machine: the fits of every subset and era with N bootstrap resamples (the statistics
alone), the same with jitter and the outlier rule, the automatic break search (1 and 2 breaks, 200
bootstrap resamples), and the whole version refit with its outputs (trends.json, PNG, HTML, REPORT.md).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from curation.trends.breakpoints import find_breaks  # noqa: E402
from curation.trends.fits import TrendOptions, fit_trends, read_compute_table  # noqa: E402
from curation.trends.refit import refit_models  # noqa: E402
from curation.trends.subsets import SUBSETS, get_subset  # noqa: E402

TABLE = ROOT.parent / "shared" / "realdata" / "epoch" / "all_ai_models_2025-03-11.csv"


def timed(label: str, fn: Callable[[], object]) -> None:
    start = time.perf_counter()
    fn()
    print(f"{label}: {time.perf_counter() - start:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resamples", type=int, default=10_000)
    args = parser.parse_args()
    if not TABLE.exists():
        sys.exit(f"needs {TABLE}")
    points = read_compute_table(TABLE)
    print(f"{TABLE.name}: {len(points)} models with a date and training compute; "
          f"{args.resamples:,} bootstrap resamples")
    options = TrendOptions(n_bootstrap=args.resamples)

    def fit_subsets(opts: TrendOptions) -> None:
        for subset in SUBSETS:
            chosen = get_subset(subset)
            fit_trends(chosen.select(points), chosen.options(opts))

    timed("fits of all subsets and eras (all, notable, frontier, large-scale)", lambda: fit_subsets(options))
    timed("same with jitter and the outlier rule",
          lambda: fit_subsets(replace(options, jitter=True, drop_outliers=True)))
    timed("fit of all models only", lambda: fit_trends(points, options))
    timed("break search, 1 break, 200 resamples",
          lambda: find_breaks(points["publication_date"], points["training_compute_flop"], 1))
    timed("break search, up to 2 breaks, 200 resamples",
          lambda: find_breaks(points["publication_date"], points["training_compute_flop"], 2))
    models = points
    with tempfile.TemporaryDirectory() as folder:
        timed("whole version refit with outputs (json, png, html, REPORT.md)",
              lambda: refit_models(models, Path(folder), options, "bench", "bench"))


if __name__ == "__main__":
    main()
