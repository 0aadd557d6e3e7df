"""``flopwatch eval``: measure a curation step against labelled real data."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from flopwatch.commands.common import EXIT_OK, one_line


def register(commands: argparse._SubParsersAction) -> None:
    """Add this group's commands."""
    evaluate = commands.add_parser("eval", help="measure extraction against a labelled corpus")
    kinds = evaluate.add_subparsers(dest="what", required=True)
    extraction = kinds.add_parser(
        "extraction", help="the primary compute estimate of every labelled text against Epoch's figure")
    extraction.add_argument("dir", type=Path,
                            help="a corpus folder: its texts and labels.csv (papers or model cards)")
    extraction.add_argument("--split", choices=("tune", "check", "all"), default="all")
    extraction.add_argument("--json", action="store_true",
                            help='print {"files": [...], "totals": {...}}')
    extraction.set_defaults(handler=cmd_eval_extraction)


def _flop(value: float | None) -> str:
    return "-" if value is None else f"{value:.2g}"


def cmd_eval_extraction(args: argparse.Namespace) -> int:
    """Run extraction on every labelled text and print outcomes, then totals."""
    from curation.extract.evaluation import evaluate, report, totals

    results = evaluate(args.dir, args.split)
    if args.json:
        print(json.dumps(report(results), indent=2))
        return EXIT_OK
    print(f"{'file':<48} {'split':<5} {'kind':<8} {'primary':>8} {'epoch':>8} {'ratio':>6}  outcome")
    for r in results:
        ratio = "-" if r.ratio is None else f"{r.ratio:.1f}"
        print(f"{one_line(r.file, 48):<48} {r.split:<5} {r.kind:<8} {_flop(r.primary_flop):>8} "
              f"{_flop(r.expected_flop):>8} {ratio:>6}  {r.outcome}"
              + (f" ({r.method}, {r.confidence})" if r.method else ""))
    summary = totals(results)
    print()
    for split, tally in [("all", summary["all"]), *summary["split"].items()]:
        print(f"{split}: " + _tally_line(tally))
    print("\nby kind:")
    for kind, tally in summary["kind"].items():
        print(f"  {kind}: " + _tally_line(tally))
    print("\nby how stated:")
    for how, tally in summary["how_stated"].items():
        print(f"  {how}: " + _tally_line(tally))
    return EXIT_OK


def _tally_line(tally: dict[str, object]) -> str:
    parts = []
    if "files" in tally:
        parts.append(f"within 2x {tally['within_2x']}/{tally['stated']} stated, within 3x "
                     f"{tally['within_3x']}, no estimate {tally['no_estimate']}; not stated: "
                     f"{tally['not_stated_abstained']} abstained, {tally['not_stated_within_2x']} within 2x")
    if "negatives" in tally:
        parts.append(f"negatives: {tally['negatives_false_primary']}/{tally['negatives']} primary >= 1e21 "
                     f"({tally['negatives_any_primary']} any)")
    if "derived" in tally:
        parts.append(f"derived: {tally['derived_base_compute_taken']}/{tally['derived']} took base compute, "
                     f"{tally['derived_finetuning_figure']} fine-tuning figure")
    return "; ".join(parts)
