"""``flopwatch eval``: measure a curation step against labelled real data."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from flopwatch.commands.common import EXIT_ERROR, EXIT_OK, one_line

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "realdata"
RENAMES = ROOT / "tests" / "linking" / "epoch_renames.csv"


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
    linking = kinds.add_parser(
        "linking", help="card → Epoch links and ids kept through Epoch's renames, against labelled truth")
    linking.add_argument("--cards", type=Path, default=SHARED / "corpus" / "cards",
                         help="labelled model cards: their files and labels.csv (default: %(default)s)")
    linking.add_argument("--epoch", type=Path, default=SHARED / "epoch",
                         help="Epoch snapshots: the newest notable and all-models files are the cards' "
                              "tables; the renames name their own (default: %(default)s)")
    linking.add_argument("--renames", type=Path, default=RENAMES,
                         help="labelled renames between snapshots (default: %(default)s)")
    linking.add_argument("--split", choices=("tune", "check", "all"), default="all")
    linking.add_argument("--json", action="store_true",
                         help='print {"cards": [...], "renames": [...], "totals": {...}}')
    linking.set_defaults(handler=cmd_eval_linking)


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


def cmd_eval_linking(args: argparse.Namespace) -> int:
    """Resolve the labelled cards with Epoch's tables and replay the labelled renames; print every
    wrong link first, then precision, recall and ids kept."""
    import tempfile

    from curation.resolve.evaluation import rename_totals, report
    from flopwatch.commands.common import settings_of
    from flopwatch.linking_eval import run_card_links, run_rename_checks

    for path in (args.cards / "labels.csv", args.epoch, args.renames):
        if not path.exists():
            print(f"flopwatch eval linking: {path} not found (the labelled real data ships beside the "
                  "project in ../shared/realdata, not inside it; pass --cards, --epoch, --renames)")
            return EXIT_ERROR
    with tempfile.TemporaryDirectory() as scratch:  # the sources want a data folder; nothing is written
        settings = settings_of(argparse.Namespace(data_dir=Path(scratch)))
        links = run_card_links(settings, args.cards, args.epoch)
        checks = run_rename_checks(settings, args.epoch, args.renames)
    if args.split != "all":
        links = [c for c in links if c.split == args.split]
    result = report(links, checks)
    if args.json:
        print(json.dumps(result, indent=2))
        return EXIT_OK
    print("cards (wrong links first):")
    for c in result["cards"]:
        target = one_line(c["linked"] or c["derived_from"], 40)
        print(f"  {c['outcome']:<10} {c['split']:<5} {c['kind']:<7} {one_line(c['repo'], 44):<44} "
              f"expected {one_line(c['expected'], 28)!r}, linked {target!r}  [{one_line(c['rule'], 70)}]")
    print("\nrenames (wrong ids first):")
    for r in result["renames"]:
        print(f"  {r['outcome']:<7} {r['kind']:<8} {r['pair']}: {r['old']!r} -> {r['new']!r}  {r['detail']}")
    print()
    for split, tally in result["totals"]["cards"].items():
        print(f"cards {split}: " + _card_line(tally))
    tally = rename_totals(checks)
    print(f"renames: {tally['kept']}/{tally['renames']} kept their id, {tally['lost']} lost; ids handed to "
          f"a different model: {tally['wrong_ids']} (over {tally['renames']} renames and "
          f"{tally['non_renames']} removed or added models)")
    return EXIT_OK


def _share(value: object) -> str:
    return "-" if value is None else f"{value:.2f}"


def _card_line(tally: dict[str, object]) -> str:
    return (f"base {tally['right']}/{tally['base']} right, {tally['wrong']} wrong, {tally['missing']} "
            f"missing (precision {_share(tally['precision'])}, recall {_share(tally['recall'])}); derived "
            f"{tally['derived_linked']}/{tally['derived']} linked as derived, "
            f"{tally['derived_merged']} merged")
