"""Commands over sources and published versions: sources, record, new-source, explain, versions,
diff, extract."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from flopwatch.commands.common import (
    EXIT_OK,
    EXIT_USAGE,
    contact_flag,
    data_dir_flag,
    one_line,
    settings_of,
)


def register(commands: argparse._SubParsersAction) -> None:
    """Add this group's commands."""
    sources = commands.add_parser("sources", help="list the available sources and their settings")
    sources.add_argument("--json", action="store_true")
    data_dir_flag(sources)

    record = commands.add_parser("record", help="save live responses as a new recorded case of a source")
    record.add_argument("source")
    record.add_argument("urls", nargs="+", metavar="URL", help="the responses the case needs, in order")
    record.add_argument("--name", required=True, help="the case's name (its file name)")
    record.add_argument("--env", action="append", default=[], metavar="KEY=VALUE",
                        help="a setting the case needs, e.g. FLOPWATCH_EPOCH_TABLES=notable_ai_models")
    record.add_argument("--since", default=None, metavar="DATE",
                        help="the window's start (incremental sources)")
    record.add_argument("--until", default=None, metavar="DATE", help="the window's end")
    contact_flag(record)

    scaffold = commands.add_parser("new-source", help="write a skeleton source module with one recorded case")
    scaffold.add_argument("name", help="the source's name: lower-case letters, digits, _")

    explain = commands.add_parser("explain", help="a model's merged row, its source records, and why they "
                                                  "were linked")
    explain.add_argument("model", metavar="MODEL_OR_ID", help="a model_id, or a model's name")
    explain.add_argument("--version", default="LATEST", help="a version number (default LATEST)")
    explain.add_argument("--json", action="store_true")
    data_dir_flag(explain)

    versions = commands.add_parser("versions", help="list published dataset versions")
    versions.add_argument("--json", action="store_true")
    data_dir_flag(versions)

    diff = commands.add_parser("diff", help="what changed between two versions (numbers or LATEST)")
    diff.add_argument("a")
    diff.add_argument("b")
    diff.add_argument("--json", action="store_true")
    data_dir_flag(diff)

    extract = commands.add_parser("extract", help="training-compute estimates in a paper or model card")
    extract.add_argument("file", help="a text, Markdown or HTML file, or - for standard input")
    extract.add_argument("--year", type=int, default=None,
                         help="publication year (chooses the default utilization for hardware estimates)")
    extract.add_argument("--name", default=None,
                         help="the repository a model card is published under (org/name): sets its own "
                              "model and whether it derives from another")
    extract.add_argument("--json", action="store_true")
    data_dir_flag(extract)  # unused by extract itself; accepted like every command's
    sources.set_defaults(handler=cmd_sources)
    record.set_defaults(handler=cmd_record)
    scaffold.set_defaults(handler=cmd_new_source)
    explain.set_defaults(handler=cmd_explain)
    versions.set_defaults(handler=cmd_versions)
    diff.set_defaults(handler=cmd_diff)
    extract.set_defaults(handler=cmd_extract)


def cmd_sources(args: argparse.Namespace) -> int:
    """List every source with its kind, settings and (for an incremental source) how many full texts or
    cards wait in its retry queue in the data folder."""
    from curation.harvest import pending_count
    from scrapers import available_sources

    settings = settings_of(args)
    rows = [{"name": name, "description": cls.description, "module": cls.__module__,
             "kind": "incremental" if cls.incremental else "snapshot", "paper_source": cls.paper_source,
             "enabled": name in settings.sources, "settings": cls.setting_values(settings),
             "pending": pending_count(settings.data_dir, name) if cls.incremental else None}
            for name, cls in sorted(available_sources().items())]
    if args.json:
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    for row in rows:
        enabled = "  (in FLOPWATCH_SOURCES)" if row["enabled"] else ""
        waiting = f", {row['pending']} details pending retry" if row["pending"] else ""
        print(f"{row['name']} — {row['kind']}, {row['module']}{enabled}{waiting}\n  {row['description']}")
        for variable, value in row["settings"].items():
            print(f"  {variable}={value if len(value) <= 70 else value[:67] + '...'}")
    return EXIT_OK


def cmd_record(args: argparse.Namespace) -> int:
    """Save live responses as a new recorded case of a source."""
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
    """Write a skeleton source module with one recorded case."""
    from flopwatch.scaffold import new_source
    from scrapers import available_sources, sources_folder

    try:
        paths = new_source(args.name, Path(sources_folder()), set(available_sources()))
    except (ValueError, FileExistsError) as exc:
        print(f"flopwatch new-source: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for path in paths:
        print(f"wrote {path}")
    print(f"next: make test (or .venv/bin/python -m pytest -k {args.name}); see CONTRIBUTING.md")
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    """Show a model's merged row, its source records and why they were linked."""
    from curation.resolve.explain import NotFound, explain, explain_text
    from curation.store.versions import Store

    store = Store(settings_of(args).layout)
    version = store.resolve(args.version)
    try:
        explanation = explain(store.version_dir(version), args.model)
    except NotFound as exc:
        print(f"flopwatch explain: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(json.dumps(explanation, indent=2) if args.json else explain_text(explanation))
    return EXIT_OK


def cmd_versions(args: argparse.Namespace) -> int:
    """List the published versions."""
    from curation.store.versions import Store

    store = Store(settings_of(args).layout)
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
    """Show what changed between two versions."""
    from curation.store.changes import changes_markdown, diff_models
    from curation.store.versions import Store, version_name

    store = Store(settings_of(args).layout)
    a, b = store.resolve(args.a), store.resolve(args.b)
    changes = diff_models(store.models(a), store.models(b))
    if args.json:
        print(json.dumps(changes.to_dict(orient="records"), indent=2))
    else:
        print(changes_markdown(changes, f"version {version_name(a)}", f"version {version_name(b)}"))
    return EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    """Print the training-compute estimates in a paper's or model card's text."""
    from curation.extract.card_finders import looks_like_model_card
    from curation.extract.context import eligible
    from curation.extract.device_time import unknown_accelerators
    from curation.extract.documents import extract_document
    from curation.extract.evidence import PRETRAINING
    from curation.extract.markup import plain_text
    from schemas.handover import CARD, PAPER, Document

    text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    kind = CARD if looks_like_model_card(plain_text(text)) else PAPER  # a card: its base's run is not its own
    result = extract_document(Document(kind, text, args.year), name=args.name)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, default=str))  # a derived card's notes name its base
        return EXIT_OK
    primary = result.primary
    if result.derived_from:
        print(f"derived from {result.derived_from}: the base's pre-training run is not this model's")
    if primary is None:
        print("primary: none (no credible training-compute figure for this text's own model)")
    else:
        stage = "" if primary.stage == PRETRAINING else f", {primary.stage}"
        print(f"primary: {primary.value_flop:.3g} FLOP ({primary.method}, {primary.confidence}{stage})"
              + (f" for {primary.model}" if primary.model else ""))
        print(f"  evidence: {one_line(primary.evidence[0].text)}")
        for note in primary.notes:
            print(f"  note: {note}")
    unknown = unknown_accelerators(result.text)
    if unknown:
        print("note: no hardware estimate for accelerator(s) not in curation/extract/hardware.csv: "
              + ", ".join(unknown))
    if result.estimates:
        print(f"\n{'FLOP':>10}  {'method':<18} {'use':<8} evidence")
    for estimate in sorted(result.estimates, key=lambda e: -e.value_flop):
        use = "yes" if eligible(estimate) else "no"
        print(f"{estimate.value_flop:>10.3g}  {estimate.method:<18} {use:<8} "
              f"{one_line(estimate.evidence[0].text, 90)}")
    return EXIT_OK
