"""``flopwatch refit`` and ``flopwatch trends``: fit any table's trend; how the trend moved."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from flopwatch.commands.common import (
    EXIT_OK,
    EXIT_USAGE,
    data_dir_flag,
    fmt,
    settings_of,
)


def register(commands: argparse._SubParsersAction) -> None:
    """Add this group's commands."""
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
    data_dir_flag(refit)

    trends = commands.add_parser("trends", help="how the trend estimates moved across versions")
    trends.add_argument("--history", action="store_true", help="show (and plot) trends_history.csv")
    trends.add_argument("--subset", default=None, help="only this subset (e.g. all, notable)")
    trends.add_argument("--plot", type=Path, default=None,
                        help="where to write the history chart (default <data>/curated/trends_history.png)")
    trends.add_argument("--json", action="store_true")
    data_dir_flag(trends)
    refit.set_defaults(handler=cmd_refit)
    trends.set_defaults(handler=cmd_trends)


def cmd_refit(args: argparse.Namespace) -> int:
    """Fit one subset of any table with the same pipeline a version's refit uses."""
    from curation.store.versions import Store, version_name
    from curation.trends.fits import TrendOptions, read_compute_table
    from curation.trends.plot import plot_trends
    from curation.trends.refit import fit_subset

    settings = settings_of(args)
    path = args.input
    label = f"{path.name}" if path is not None else ""
    if path is None:
        store = Store(settings.layout)
        latest = store.resolve("LATEST")
        path = store.version_dir(latest) / "models.csv"
        label = f"flopwatch version {version_name(latest)}"
    options = TrendOptions.from_settings(
        settings, breakpoints=tuple(args.breakpoints) if args.breakpoints else None, since=args.since,
        until=args.until, n_bootstrap=args.bootstrap or None, seed=args.seed, jitter=args.jitter,
        drop_outliers=args.drop_outliers)
    # breakpoints given on the command line win over the subset's own
    fit = fit_subset(read_compute_table(path), args.subset, options, own_eras=not args.breakpoints,
                     auto_breaks=args.auto_breaks)
    if args.plot:  # the found breaks and excluded outliers are drawn; the title names subset and data
        plot_trends(fit.points, fit.fits, fit.options, args.plot, subset=args.subset, version_label=label,
                    breaks=fit.breaks)
    if args.json:
        result: dict[str, object] = {"fits": fit.records, "subset": args.subset, "excluded": fit.excluded}
        if args.auto_breaks:
            result["breaks"] = fit.breaks
        print(json.dumps(result, indent=2))
        return EXIT_OK
    print(f"{path}: {len(fit.points)} models with a date and training compute (subset {args.subset})")
    _print_fit(fit.records, fit.breaks, fit.excluded)
    return EXIT_OK


def _print_fit(records: list[dict], breaks: list[dict], excluded: list[dict]) -> None:
    for fit in records:
        if fit["doubling_months"] is None:
            print(f"  {fit['era']:<28} n={fit['n']:<5} (not enough data or no growth)")
            continue
        low, high = fit["doubling_months_ci90"]
        print(f"  {fit['era']:<28} n={fit['n']:<5} slope {fit['slope_oom_per_year']:.3f} OOM/yr  "
              f"{fit['growth_per_year']:.2f}x/yr  doubling {fit['doubling_months']:.1f} months "
              f"(90% CI {fmt(low)}-{fmt(high)})  R2 {fit['r2']:.2f}")
    for change in breaks:
        low, high = change["ci90"]
        print(f"  trend changes around {change['date']} (90% interval {low} – {high})")
    if excluded:
        print(f"  excluded {len(excluded)} low outliers (see --json)")


def cmd_trends(args: argparse.Namespace) -> int:
    """List and plot how each version's doubling times moved."""
    from curation.run_report import SUMMARY_SUBSETS
    from curation.trends.history import read_history
    from curation.trends.html import write_history_html
    from curation.trends.plot import plot_history

    settings = settings_of(args)
    if not args.history:
        print("flopwatch trends: nothing to show; use --history", file=sys.stderr)
        return EXIT_USAGE
    history = read_history(settings.layout.trends_history)
    if args.subset:
        history = history[history["subset"] == args.subset]
    if args.json:
        print(history.to_json(orient="records", indent=2))
        return EXIT_OK
    if history.empty:
        print(f"no trend history yet in {settings.curated_dir}")
        return EXIT_OK
    shown = history if args.subset else history[history["subset"].isin(SUMMARY_SUBSETS)]
    for row in shown.itertuples():
        print(f"version {row.version:04d} {row.date}  {row.subset:<12} {row.era:<22} n={row.n:<5} "
              f"doubling {fmt(row.doubling_months)} months "
              f"(90% CI {fmt(row.doubling_months_ci90_low)}-{fmt(row.doubling_months_ci90_high)})")
    chart = args.plot or settings.layout.trends_history_chart
    plot_history(shown, chart)
    assets = settings.layout.assets if chart.resolve().parent == settings.layout.curated.resolve() else None
    page = write_history_html(shown, chart.with_suffix(".html"), assets=assets)
    print(f"chart: {chart} (interactive: {page})")
    return EXIT_OK
