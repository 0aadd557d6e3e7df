"""The ``flopwatch`` command: run, backfill, sources, record, new-source, explain, versions, diff, refit,
trends, extract.

Exit codes: 0 success; 1 error; 2 usage error; 3 the run published but at least one source failed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_SOURCE_FAILED = 0, 1, 2, 3


def _data_dir_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="data folder (default: $FLOPWATCH_DATA_DIR or ./data)")


def _contact_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--contact", default=None,
                        help="URL or e-mail sent in the User-Agent (default: $FLOPWATCH_CONTACT)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flopwatch", description="A versioned dataset of ML training compute, refit nightly."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="run the nightly job once: fetch, validate, publish, refit")
    run.add_argument("--sources", default=None,
                     help="comma-separated sources (default: $FLOPWATCH_SOURCES or epoch)")
    run.add_argument("--force", action="store_true",
                     help="rebuild even when the inputs are identical to the latest version's")
    _contact_flag(run)
    run.add_argument("--json", action="store_true", help="print the run report as JSON")
    _data_dir_flag(run)

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
    _contact_flag(backfill)
    backfill.add_argument("--json", action="store_true", help="print the backfill report as JSON")
    _data_dir_flag(backfill)

    sources = commands.add_parser("sources", help="list the available sources and their settings")
    sources.add_argument("--json", action="store_true")
    _data_dir_flag(sources)

    record = commands.add_parser("record", help="save live responses as a new recorded case of a source")
    record.add_argument("source")
    record.add_argument("urls", nargs="+", metavar="URL", help="the responses the case needs, in order")
    record.add_argument("--name", required=True, help="the case's name (its file name)")
    record.add_argument("--env", action="append", default=[], metavar="KEY=VALUE",
                        help="a setting the case needs, e.g. FLOPWATCH_EPOCH_TABLES=notable_ai_models")
    record.add_argument("--since", default=None, metavar="DATE",
                        help="the window's start (incremental sources)")
    record.add_argument("--until", default=None, metavar="DATE", help="the window's end")
    _contact_flag(record)

    scaffold = commands.add_parser("new-source", help="write a skeleton source module with one recorded case")
    scaffold.add_argument("name", help="the source's name: lower-case letters, digits, _")

    explain = commands.add_parser("explain", help="a model's merged row, its source records, and why they "
                                                  "were linked")
    explain.add_argument("model", metavar="MODEL_OR_ID", help="a model_id, or a model's name")
    explain.add_argument("--version", default="LATEST", help="a version number (default LATEST)")
    explain.add_argument("--json", action="store_true")
    _data_dir_flag(explain)

    versions = commands.add_parser("versions", help="list published dataset versions")
    versions.add_argument("--json", action="store_true")
    _data_dir_flag(versions)

    diff = commands.add_parser("diff", help="what changed between two versions (numbers or LATEST)")
    diff.add_argument("a")
    diff.add_argument("b")
    diff.add_argument("--json", action="store_true")
    _data_dir_flag(diff)

    extract = commands.add_parser("extract", help="training-compute estimates in a paper or model card")
    extract.add_argument("file", help="a text, Markdown or HTML file, or - for standard input")
    extract.add_argument("--year", type=int, default=None,
                         help="publication year (chooses the default utilization for hardware estimates)")
    extract.add_argument("--json", action="store_true")
    _data_dir_flag(extract)  # unused by extract itself; accepted like every command's

    refit = commands.add_parser("refit", help="fit the compute trend of any CSV")
    refit.add_argument("--input", type=Path, default=None,
                       help="CSV with a publication date and a training-compute column "
                            "(default: the latest version's models.csv)")
    refit.add_argument(
        "--breakpoint", action="extend", nargs="+", dest="breakpoints", default=None, metavar="DATE",
        help="era boundaries (default: $FLOPWATCH_TREND_BREAKPOINTS or 2010-01-01)",
    )
    refit.add_argument("--since", default=None, metavar="DATE")
    refit.add_argument("--until", default=None, metavar="DATE")
    refit.add_argument("--bootstrap", type=int, default=None, help="bootstrap resamples (default 1000)")
    refit.add_argument("--seed", type=int, default=None)
    refit.add_argument("--subset", default="all",
                       help="all | notable | frontier | large-scale | domain:<name> (default all)")
    refit.add_argument("--auto-breaks", type=int, default=0, metavar="N",
                       help="also search for up to N (1 or 2) breaks in the trend, chosen by BIC")
    refit.add_argument("--jitter", action="store_true",
                       help="jitter each estimate in the bootstrap by its confidence (2x/3x/10x)")
    refit.add_argument("--drop-outliers", action="store_true",
                       help="drop low outliers (z < -2 against models within 1.5 years)")
    refit.add_argument("--plot", type=Path, default=None, help="also write the chart to this PNG")
    refit.add_argument("--json", action="store_true")
    _data_dir_flag(refit)

    trends = commands.add_parser("trends", help="how the trend estimates moved across versions")
    trends.add_argument("--history", action="store_true", help="show (and plot) trends_history.csv")
    trends.add_argument("--subset", default=None, help="only this subset (e.g. all, notable)")
    trends.add_argument("--plot", type=Path, default=None,
                        help="where to write the history chart (default <data>/curated/trends_history.png)")
    trends.add_argument("--json", action="store_true")
    _data_dir_flag(trends)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = {"run": cmd_run, "backfill": cmd_backfill, "sources": cmd_sources, "record": cmd_record,
               "new-source": cmd_new_source, "explain": cmd_explain, "versions": cmd_versions,
               "diff": cmd_diff,
               "refit": cmd_refit, "extract": cmd_extract, "trends": cmd_trends}
    try:
        return handler[args.command](args)
    except KeyboardInterrupt:
        print("flopwatch: interrupted", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # output piped into `head` and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        print(f"flopwatch {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _settings(args: argparse.Namespace, **extra: object):
    from flopwatch.settings import load_settings

    return load_settings(data_dir=args.data_dir, **extra)


def cmd_run(args: argparse.Namespace) -> int:
    from flows.nightly import nightly
    from scrapers import available_sources

    settings = _settings(args, sources=args.sources, contact=args.contact)
    unknown = sorted(set(settings.sources) - set(available_sources()))
    if unknown:
        print(f"flopwatch run: unknown source(s) {', '.join(unknown)} "
              f"(known: {', '.join(sorted(available_sources()))})", file=sys.stderr)
        return EXIT_USAGE
    report = nightly(sources=settings.sources, data_dir=str(settings.data_dir), force=args.force,
                     contact=settings.contact)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, default=str))
    else:
        for outcome in report.sources.values():
            print(outcome.line())
        if report.status == "published":
            counts = ", ".join(f"{n} {kind}" for kind, n in report.changes.items())
            print(f"published version {report.version:04d}: {report.rows} models ({counts})")
            for fit in report.fits:
                if fit.get("subset") in ("all", "notable") and fit["doubling_months"] is not None:
                    low, high = fit["doubling_months_ci90"]
                    print(f"  trend {fit['subset']} {fit['era']}: n={fit['n']}, "
                          f"{fit['growth_per_year']:.2f}x/yr, "
                          f"doubling {fit['doubling_months']:.1f} months "
                          f"(90% CI {_fmt(low)}-{_fmt(high)})")
        else:
            print(f"no new version: {report.reason}")
        if report.quarantine_file:
            print(f"{report.quarantined} quarantine lines: {report.quarantine_file}")
    if report.failed_sources:
        print(f"sources failed: {', '.join(report.failed_sources)}", file=sys.stderr)
        return EXIT_SOURCE_FAILED
    return EXIT_OK


def cmd_backfill(args: argparse.Namespace) -> int:
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
    settings = _settings(args, contact=args.contact)
    categories = [c.strip() for c in args.categories.split(",") if c.strip()] if args.categories else None
    report = backfill(args.source, args.since, args.until, categories=categories, fetch_all=args.fetch_all,
                      data_dir=str(settings.data_dir), contact=settings.contact,
                      publish=not args.no_publish)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, default=str))
    else:
        print(f"backfill {report.source} {report.since} – {report.until}: {report.windows} windows, "
              f"{report.done} done now, {report.skipped} done before, {len(report.failed)} failed; "
              f"{report.papers} papers ({report.new_records} new), {report.requests} requests")
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


def _fmt(value: float | None) -> str:
    return "?" if value is None or value != value else f"{value:.1f}"  # None or NaN


def cmd_sources(args: argparse.Namespace) -> int:
    from scrapers import available_sources

    settings = _settings(args)
    rows = [{"name": name, "description": cls.description, "module": cls.__module__,
             "kind": "incremental" if cls.incremental else "snapshot", "paper_source": cls.paper_source,
             "enabled": name in settings.sources, "settings": cls.setting_values(settings)}
            for name, cls in sorted(available_sources().items())]
    if args.json:
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    for row in rows:
        enabled = "  (in FLOPWATCH_SOURCES)" if row["enabled"] else ""
        print(f"{row['name']} — {row['kind']}, {row['module']}{enabled}\n  {row['description']}")
        for variable, value in row["settings"].items():
            print(f"  {variable}={value if len(value) <= 70 else value[:67] + '...'}")
    return EXIT_OK


def cmd_record(args: argparse.Namespace) -> int:
    from flopwatch.cases import load_case, record_case
    from flopwatch.settings import load_settings
    from scrapers import available_sources

    if args.source not in available_sources():
        print(f"flopwatch record: unknown source {args.source!r}", file=sys.stderr)
        return EXIT_USAGE
    env = dict(item.split("=", 1) for item in args.env if "=" in item)
    window = {key: value for key, value in (("since", args.since), ("until", args.until)) if value}
    path = record_case(args.source, args.urls, args.name, env, window, load_settings(contact=args.contact))
    case = load_case(path, args.source)
    print(f"recorded {len(case.responses)} response(s) as {path}")
    print(f"expectations pinned from what the source makes of them now: {case.expect.get('candidates')} "
          f"candidates, {case.expect.get('quarantined')} quarantined — review them in the file")
    return EXIT_OK


def cmd_new_source(args: argparse.Namespace) -> int:
    import scrapers
    from flopwatch.scaffold import new_source
    from scrapers import available_sources

    try:
        paths = new_source(args.name, Path(scrapers.__file__).parent, set(available_sources()))
    except (ValueError, FileExistsError) as exc:
        print(f"flopwatch new-source: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for path in paths:
        print(f"wrote {path}")
    print(f"next: make test (or .venv/bin/python -m pytest -k {args.name}); see CONTRIBUTING.md")
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from curation.explain import NotFound, explain, explain_text
    from curation.store import Store

    store = Store(_settings(args).curated_dir)
    version = store.resolve(args.version)
    try:
        explanation = explain(store.version_dir(version), args.model)
    except NotFound as exc:
        print(f"flopwatch explain: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(json.dumps(explanation, indent=2) if args.json else explain_text(explanation))
    return EXIT_OK


def cmd_versions(args: argparse.Namespace) -> int:
    from curation.store import Store

    store = Store(_settings(args).curated_dir)
    latest = store.latest()
    rows = []
    for version in store.published():
        manifest = store.manifest(version)
        rows.append({"version": version, "created_at": manifest["created_at"],
                     "rows": manifest["rows"], "content_hash": manifest["content_hash"]})
    if args.json:
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    if not rows:
        print(f"no versions published in {store.curated_dir}")
    for row in rows:
        marker = "  <- LATEST" if row["version"] == latest else ""
        print(f"{row['version']:04d}  {row['created_at']}  {row['rows']:>6} models  "
              f"{row['content_hash'][:12]}{marker}")
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from curation.changes import changes_markdown, diff_models
    from curation.store import Store, version_name

    store = Store(_settings(args).curated_dir)
    a, b = store.resolve(args.a), store.resolve(args.b)
    changes = diff_models(store.models(a), store.models(b))
    if args.json:
        print(json.dumps(changes.to_dict(orient="records"), indent=2))
    else:
        print(changes_markdown(changes, f"version {version_name(a)}", f"version {version_name(b)}"))
    return EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    from curation.extraction import extract
    from curation.finders import eligible, unknown_accelerators

    document = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    result = extract(document, publication_year=args.year)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, default=str))
        return EXIT_OK
    primary = result.primary
    if primary is None:
        print("primary: none (no credible training-compute figure for this text's own model)")
    else:
        print(f"primary: {primary.value_flop:.3g} FLOP ({primary.method}, {primary.confidence})"
              + (f" for {primary.model}" if primary.model else ""))
        print(f"  evidence: {_one_line(primary.evidence[0].text)}")
        for note in primary.notes:
            print(f"  note: {note}")
    unknown = unknown_accelerators(result.text)
    if unknown:
        print("note: no hardware estimate for accelerator(s) not in curation/hardware.csv: "
              + ", ".join(unknown))
    if result.estimates:
        print(f"\n{'FLOP':>10}  {'method':<18} {'use':<8} evidence")
    for estimate in sorted(result.estimates, key=lambda e: -e.value_flop):
        use = "yes" if eligible(estimate) else "no"
        print(f"{estimate.value_flop:>10.3g}  {estimate.method:<18} {use:<8} "
              f"{_one_line(estimate.evidence[0].text, 90)}")
    return EXIT_OK


def _one_line(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cmd_refit(args: argparse.Namespace) -> int:
    from curation.breakpoints import find_breaks
    from curation.refit import subset_options
    from curation.store import Store
    from curation.trend_plot import plot_trends
    from curation.trend_subsets import subset_points
    from curation.trends import (
        TrendOptions,
        excluded_models,
        fit_trends,
        fits_to_records,
        read_compute_table,
        select_points,
    )

    settings = _settings(args)
    path = args.input
    if path is None:
        store = Store(settings.curated_dir)
        path = store.version_dir(store.resolve("LATEST")) / "models.csv"
    options = TrendOptions(
        breakpoints=tuple(args.breakpoints or settings.trend_breakpoints),
        since=args.since, until=args.until,
        n_bootstrap=args.bootstrap or settings.trend_bootstrap,
        seed=settings.trend_seed if args.seed is None else args.seed, ci=settings.trend_ci,
        jitter=args.jitter, drop_outliers=args.drop_outliers,
    )
    if not args.breakpoints:  # breakpoints given on the command line win over the subset's own
        options = subset_options(args.subset, options)
    points = subset_points(read_compute_table(path), args.subset)
    fits = fit_trends(points, options)
    records = fits_to_records(fits)
    excluded = [{"model": m, "publication_date": f"{d:%Y-%m-%d}", "reason": why}
                for m, d, why in excluded_models(points, options).itertuples(index=False)]
    breaks = []
    if args.auto_breaks:
        window = select_points(points, options)
        found = find_breaks(window["publication_date"], window["training_compute_flop"],
                            min(args.auto_breaks, 2), seed=options.seed)
        breaks = [b.to_dict() for b in found]
    if args.plot:
        plot_trends(points, fits, options, args.plot, title=f"Training compute: {path.name} ({args.subset})")
    if args.json:
        result: dict[str, object] = {"fits": records, "subset": args.subset, "excluded": excluded}
        if args.auto_breaks:
            result["breaks"] = breaks
        print(json.dumps(result, indent=2))
        return EXIT_OK
    print(f"{path}: {len(points)} models with a date and training compute (subset {args.subset})")
    for fit in records:
        if fit["doubling_months"] is None:
            print(f"  {fit['era']:<28} n={fit['n']:<5} (not enough data or no growth)")
            continue
        low, high = fit["doubling_months_ci90"]
        print(f"  {fit['era']:<28} n={fit['n']:<5} slope {fit['slope_oom_per_year']:.3f} OOM/yr  "
              f"{fit['growth_per_year']:.2f}x/yr  doubling {fit['doubling_months']:.1f} months "
              f"(90% CI {_fmt(low)}-{_fmt(high)})  R2 {fit['r2']:.2f}")
    for change in breaks:
        low, high = change["ci90"]
        print(f"  trend changes around {change['date']} (90% interval {low} – {high})")
    if excluded:
        print(f"  excluded {len(excluded)} low outliers (see --json)")
    return EXIT_OK


def cmd_trends(args: argparse.Namespace) -> int:
    from curation.trend_history import read_history
    from curation.trend_html import write_history_html
    from curation.trend_plot import plot_history

    settings = _settings(args)
    if not args.history:
        print("flopwatch trends: nothing to show; use --history", file=sys.stderr)
        return EXIT_USAGE
    history = read_history(settings.curated_dir / "trends_history.csv")
    if args.subset:
        history = history[history["subset"] == args.subset]
    if args.json:
        print(history.to_json(orient="records", indent=2))
        return EXIT_OK
    if history.empty:
        print(f"no trend history yet in {settings.curated_dir}")
        return EXIT_OK
    shown = history if args.subset else history[history["subset"].isin(["all", "notable"])]
    for row in shown.itertuples():
        print(f"version {row.version:04d} {row.date}  {row.subset:<12} {row.era:<22} n={row.n:<5} "
              f"doubling {_fmt(row.doubling_months)} months "
              f"(90% CI {_fmt(row.doubling_months_ci90_low)}-{_fmt(row.doubling_months_ci90_high)})")
    chart = args.plot or settings.curated_dir / "trends_history.png"
    plot_history(shown, chart)
    page = write_history_html(shown, chart.with_suffix(".html"))
    print(f"chart: {chart} (interactive: {page})")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
