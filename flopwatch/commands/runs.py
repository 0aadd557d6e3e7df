"""``flopwatch run`` and ``flopwatch backfill``: the nightly job and a historical window."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from flopwatch.commands.common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_SOURCE_FAILED,
    EXIT_USAGE,
    contact_flag,
    data_dir_flag,
    fmt,
    settings_of,
)
from flopwatch.settings import Settings


def register(commands: argparse._SubParsersAction) -> None:
    """Add this group's commands."""
    run = commands.add_parser("run", help="run the nightly job once: fetch, validate, publish, refit")
    run.add_argument("--sources", default=None,
                     help="comma-separated sources (default: $FLOPWATCH_SOURCES or epoch)")
    run.add_argument("--force", action="store_true",
                     help="rebuild even when the inputs are identical to the latest version's")
    contact_flag(run)
    run.add_argument("--json", action="store_true", help="print the run report as JSON")
    run.add_argument("--accept-shrink", action="append", default=None, metavar="SOURCE",
                     help="publish SOURCE even if it lost more than FLOPWATCH_MAX_SHRINK (10%%) of its "
                          "rows, or every value of a column, since the latest version (repeatable)")
    data_dir_flag(run)

    backfill = commands.add_parser(
        "backfill", help="collect a historical window of a source with history (arXiv), month by month")
    backfill.add_argument("source", help="an incremental source, e.g. arxiv")
    backfill.add_argument("--since", required=True, metavar="DATE", help="first day (YYYY-MM-DD)")
    backfill.add_argument("--until", required=True, metavar="DATE", help="last day (YYYY-MM-DD), inclusive")
    backfill.add_argument("--categories", default=None,
                          help="comma-separated categories (default: $FLOPWATCH_ARXIV_CATEGORIES or "
                               "cs.LG,cs.CL,cs.CV,cs.AI,stat.ML)")
    backfill.add_argument("--all", action="store_true", dest="fetch_all",
                          help="fetch every paper's full text, not only those the pre-filter keeps")
    backfill.add_argument("--no-publish", action="store_true",
                          help="collect only; the next run or backfill publishes")
    contact_flag(backfill)
    backfill.add_argument("--json", action="store_true", help="print the backfill report as JSON")
    data_dir_flag(backfill)
    demo = commands.add_parser("demo", help="run the whole nightly job offline, on the recorded cases "
                                             "that ship with the sources (no network needed)")
    demo.add_argument("--data-dir", type=Path, default=None,
                      help="data folder to publish into (default: a new temporary folder)")
    run.set_defaults(handler=cmd_run)
    backfill.set_defaults(handler=cmd_backfill)
    demo.set_defaults(handler=cmd_demo)


def _unlocked(data_dir: Path, command: str) -> bool:
    """Whether no other run holds ``data_dir``; if one does, say so in one line."""
    from curation.store.versions import StoreError, check_unlocked

    try:
        check_unlocked(data_dir)
    except StoreError as exc:
        print(f"flopwatch {command}: {exc}; try again when it has finished", file=sys.stderr)
        return False
    return True


def cmd_run(args: argparse.Namespace) -> int:
    """Run the nightly job once and print what it did."""
    from curation.run_report import SUMMARY_SUBSETS
    from flows.nightly import nightly
    from scrapers import available_sources

    settings = settings_of(args, sources=args.sources, contact=args.contact)
    unknown = sorted(set(settings.sources) - set(available_sources()))
    if unknown:
        print(f"flopwatch run: unknown source(s) {', '.join(unknown)} "
              f"(known: {', '.join(sorted(available_sources()))})", file=sys.stderr)
        return EXIT_USAGE
    if not _unlocked(settings.data_dir, "run"):
        return EXIT_ERROR
    if _none_reachable(settings):
        return EXIT_SOURCE_FAILED
    report = nightly(sources=settings.sources, data_dir=str(settings.data_dir), force=args.force,
                     contact=settings.contact, accept_shrink=args.accept_shrink)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, default=str))
    else:
        for outcome in report.sources.values():
            print(outcome.line())
        if report.status == "published":
            counts = ", ".join(f"{n} {kind}" for kind, n in report.changes.items())
            print(f"published version {report.version:04d}: {report.rows} models ({counts})")
            print(f"  {report.storage_line()}")
            for fit in report.fits:
                if fit.get("subset") in SUMMARY_SUBSETS and fit["doubling_months"] is not None:
                    low, high = fit["doubling_months_ci90"]
                    print(f"  trend {fit['subset']} {fit['era']}: n={fit['n']}, "
                          f"{fit['growth_per_year']:.2f}x/yr, "
                          f"doubling {fit['doubling_months']:.1f} months "
                          f"(90% CI {fmt(low)}-{fmt(high)})")
        else:
            print(f"no new version: {report.reason}")
        if report.quarantine_file:
            print(f"{report.quarantined} quarantine lines: {report.quarantine_file}")
    if report.failed_sources:
        print(f"sources failed: {', '.join(report.failed_sources)}", file=sys.stderr)
        return EXIT_SOURCE_FAILED
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    """Run the nightly job on the packaged recorded cases, served on 127.0.0.1, and say where its
    version, report and charts are."""
    import tempfile

    from curation.store.versions import Store
    from flopwatch.demo import run_demo
    from flopwatch.layout import DataLayout

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="flopwatch-demo-")) / "data"
    if not _unlocked(data_dir, "demo"):
        return EXIT_ERROR
    report = run_demo(data_dir)
    for outcome in report.sources.values():
        print(outcome.line())
    if report.status != "published":
        print(f"no new version: {report.reason}")
        return EXIT_SOURCE_FAILED if report.failed_sources else EXIT_OK
    folder = Store(DataLayout(data_dir)).version_dir(report.version)
    print(f"published version {report.version:04d} ({report.rows} models) from recorded data, offline:")
    for name in ("models.csv", "REPORT.md", "trends.png", "trends.html", "site/index.html"):
        print(f"  {folder / name}")
    print(f"look at one model: flopwatch explain Chinchilla --data-dir {data_dir}")
    return EXIT_SOURCE_FAILED if report.failed_sources else EXIT_OK


def _none_reachable(settings: Settings) -> bool:
    """When no source's host can be reached at all (no network, or wrong URLs), say so for each, with
    the setting to change, in seconds — instead of starting the flow only to watch every fetch fail."""
    from scrapers import available_sources
    from scrapers.http import unreachable_reason

    reasons = {}
    for name in settings.sources:
        variable, url = available_sources()[name].url_setting(settings)
        reason = unreachable_reason(url)
        if reason is None:
            return False
        reasons[name] = (variable, url, reason)
    for name, (variable, url, reason) in reasons.items():
        print(f"{name}: FAILED ({reason}); is {variable}={url} right, and is the network up?")
    print(f"sources failed: {', '.join(reasons)} (no source could be reached; nothing was fetched). "
          f"Without network, `flopwatch demo` runs the whole job on recorded data.", file=sys.stderr)
    return True


def cmd_backfill(args: argparse.Namespace) -> int:
    """Collect a historical window of an incremental source, then publish."""
    from datetime import date

    from flows.backfill import backfill
    from scrapers import available_sources

    sources = available_sources()
    if args.source not in sources or not sources[args.source].incremental:
        with_history = sorted(name for name, cls in sources.items() if cls.incremental)
        print(f"flopwatch backfill: {args.source!r} is not a source with history "
              f"(these are: {', '.join(with_history) or 'none'})", file=sys.stderr)
        return EXIT_USAGE
    try:
        if date.fromisoformat(args.until) < date.fromisoformat(args.since):
            raise ValueError("--until is before --since")
    except ValueError as exc:
        print(f"flopwatch backfill: {exc} (dates are YYYY-MM-DD)", file=sys.stderr)
        return EXIT_USAGE
    settings = settings_of(args, contact=args.contact)
    categories = [c.strip() for c in args.categories.split(",") if c.strip()] if args.categories else None
    if not _unlocked(settings.data_dir, "backfill"):
        return EXIT_ERROR
    report = backfill(args.source, args.since, args.until, categories=categories, fetch_all=args.fetch_all,
                      data_dir=str(settings.data_dir), contact=settings.contact,
                      publish=not args.no_publish)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, default=str))
    else:
        print(f"backfill {report.source} {report.since} – {report.until}: {report.windows} windows, "
              f"{report.done} done now, {report.skipped} done before, {len(report.failed)} failed; "
              f"{report.papers} papers ({report.new_records} new), {report.requests} requests")
        if report.details_queued:
            print(f"{report.details_queued} full texts or cards not fetched (a temporary failure): "
                  f"queued, the nightly run fetches them again")
        for window, error in report.failed.items():
            print(f"  failed {window}: {error}")
        run = report.run
        if run is not None and run.status == "published":
            print(f"published version {run.version:04d}: {run.rows} models")
        elif run is not None:
            print(f"no new version: {run.reason}")
    if report.failed:
        print(f"windows failed: {len(report.failed)}; rerun the same command to retry them", file=sys.stderr)
        return EXIT_SOURCE_FAILED
    return EXIT_OK
