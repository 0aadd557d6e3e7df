"""Benchmark of storage growth: bytes each published version adds to the data folder.

    .venv/bin/python bench/storage.py [--nights 30] [--change 0.01] [--all FILE --notable FILE]

Serves Epoch's all-models and notable tables (default: the real snapshots in ../shared/realdata/epoch;
any Epoch download works with --all/--notable) on 127.0.0.1 and publishes one version per synthetic
night through the real nightly flow. Each night after the first changes about ``--change`` of the
rows (half of them a revised compute figure, half a new model). A last night serves the same tables
again (an unchanged night: the server answers the conditional GETs with 304, no version is made). Per night it
prints the version's size as plain files (a full copy), the bytes the night added to the whole data
folder (raw payloads, state and versions; hard-linked files counted once), and that as a share of a
full copy; then the totals, and a year of nights extrapolated.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flopwatch.loopback import Loopback, Reply, Request, static  # noqa: E402

EPOCH = ROOT.parent / "shared" / "realdata" / "epoch"
COMPUTE = "Training compute (FLOP)"
ZONES = ("curated", "raw", "state")


def disk_bytes(folder: Path) -> int:
    """Bytes the files under ``folder`` take, each inode counted once (as ``du`` counts hard links)."""
    seen: set[int] = set()
    total = 0
    for path in folder.rglob("*"):
        if path.is_file():
            stat = path.stat()
            if stat.st_ino not in seen:
                seen.add(stat.st_ino)
                total += stat.st_size
    return total


def plain_bytes(folder: Path) -> int:
    """Bytes of ``folder`` copied as plain files (every hard link counted again)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def night(tables: dict[str, pd.DataFrame], share: float, rng: np.random.Generator, number: int) -> None:
    """Change about ``share`` of each table's rows in place: revised figures and new models."""
    for name, table in tables.items():
        count = max(1, round(len(table) * share / 2))
        with_compute = table.index[pd.to_numeric(table[COMPUTE], errors="coerce").notna()]
        revised = rng.choice(with_compute, size=min(count, len(with_compute)), replace=False)
        table.loc[revised, COMPUTE] = (pd.to_numeric(table.loc[revised, COMPUTE]) * 1.07).map("{:.4g}".format)
        model = "Model" if "Model" in table else "System"
        added = table.sample(count, random_state=int(rng.integers(1 << 31))).copy()
        added[model] = [f"{m} (bench night {number}, {i})" for i, m in enumerate(added[model])]
        tables[name] = pd.concat([table, added], ignore_index=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nights", type=int, default=30)
    parser.add_argument("--change", type=float, default=0.01, help="share of rows changed a night")
    parser.add_argument("--all", type=Path, default=EPOCH / "all_ai_models_2025-03-11.csv")
    parser.add_argument("--notable", type=Path, default=EPOCH / "notable_ai_models_2025-12-27.csv")
    parser.add_argument("--keep", type=Path, default=None, help="data folder to keep (default: temporary)")
    args = parser.parse_args()
    for path in (args.all, args.notable):
        if not path.is_file():
            sys.exit(f"bench/storage.py: no Epoch table at {path}; download one from https://epoch.ai/data "
                     "and pass --all/--notable")
    tables = {"all_ai_models": pd.read_csv(args.all, dtype=str, keep_default_na=False),
              "notable_ai_models": pd.read_csv(args.notable, dtype=str, keep_default_na=False)}
    server = Loopback().start()

    def route(request: Request) -> Reply:  # a file server: ETag, and 304 to a matching If-None-Match
        name = request.route.strip("/").removesuffix(".csv")
        return static(tables[name].to_csv(index=False).encode(), "text/csv; charset=utf-8")(request)

    server.route("/", route)
    data = args.keep or Path(tempfile.mkdtemp(prefix="flopwatch-storage-")) / "data"
    os.environ.update({"FLOPWATCH_EPOCH_URL": server.url, "FLOPWATCH_SOURCES": "epoch",
                       "FLOPWATCH_EPOCH_TABLES": "notable_ai_models,all_ai_models",
                       "FLOPWATCH_HTTP_MIN_INTERVAL": "0", "FLOPWATCH_TREND_BOOTSTRAP": "50",
                       "FLOPWATCH_CONTACT": "bench@flopwatch.invalid", "FLOPWATCH_MAX_SHRINK": "1"})
    from flows.nightly import nightly

    rng = np.random.default_rng(0)
    rows = []
    print(f"data folder: {data}")
    print(f"{'night':>5} {'models':>6} {'full copy':>11} {'version +':>11} {'share':>7} {'raw +':>11} "
          f"{'shared files':>12} {'s':>5}")
    for number in range(args.nights + 1):
        unchanged = number == args.nights
        if number and not unchanged:
            night(tables, args.change, rng, number)
        before = {zone: disk_bytes(data / zone) if (data / zone).exists() else 0 for zone in ZONES}
        start = time.perf_counter()
        report = nightly(data_dir=str(data))
        seconds = time.perf_counter() - start
        added = {zone: disk_bytes(data / zone) - before[zone] for zone in ZONES}
        if report.status == "published":
            full = plain_bytes(data / "curated" / "versions" / f"{report.version:04d}")
            shared = f"{report.storage['files']:>5}/{report.storage['total_files']:<6}"
        elif unchanged:
            full, shared = rows[-1]["full"], f"{'(no version)':>12}"
        else:
            sys.exit(f"night {number}: no version published ({report.reason})")
        rows.append({"night": number, "unchanged": unchanged, "full": full, **added})
        print(f"{'same' if unchanged else number:>5} {report.rows:>6} {full:>11,} "
              f"{added['curated']:>11,} {added['curated'] / full:>7.2%} "
              f"{added['raw'] + added['state']:>11,} {shared} {seconds:>5.1f}")
    server.stop()
    frame = pd.DataFrame(rows)
    changed = frame[(frame["night"] > 0) & ~frame["unchanged"]]
    same = frame[frame["unchanged"]].iloc[0]
    assets = disk_bytes(data / "curated" / "assets")
    print()
    print(f"plotly.js, stored once in curated/assets: {assets:,} bytes")
    print(f"changed nights ({args.change:.0%} of rows): a version is {changed['full'].mean():,.0f} bytes "
          f"as plain files and adds {changed['curated'].mean():,.0f} bytes "
          f"({(changed['curated'] / changed['full']).mean():.1%}); raw payloads add "
          f"{(changed['raw'] + changed['state']).mean():,.0f} bytes")
    print(f"unchanged night: versions +{same['curated']:,} bytes "
          f"({same['curated'] / same['full']:.2%} of a full copy), "
          f"raw and state +{same['raw'] + same['state']:,} bytes ({report.reason})")
    per_night = (changed["curated"] + changed["raw"] + changed["state"]).mean()
    print(f"a year of changed nights: {365 * per_night / 1e6:,.0f} MB "
          f"(versions {365 * changed['curated'].mean() / 1e6:,.0f} MB, "
          f"raw {365 * changed['raw'].mean() / 1e6:,.0f} MB)")
    print(f"whole data folder now: {disk_bytes(data) / 1e6:.1f} MB on disk")


if __name__ == "__main__":
    main()
