"""``flopwatch site`` and ``flopwatch export``: a version as a browsable site, or in another shape."""

from __future__ import annotations

import argparse
import webbrowser
from pathlib import Path

from flopwatch.commands.common import EXIT_OK, data_dir_flag, settings_of


def register(commands: argparse._SubParsersAction) -> None:
    """Add this group's commands."""
    site = commands.add_parser("site", help="build (if needed) and show the static site of a version")
    site.add_argument("--version", default="LATEST", help="version number or LATEST (default)")
    site.add_argument("--rebuild", action="store_true", help="build it again even if it exists")
    site.add_argument("--open", action="store_true", help="open it in the default browser")
    data_dir_flag(site)
    site.set_defaults(handler=cmd_site)

    export = commands.add_parser("export", help="write a version's models as Epoch-style CSV, CSV or Parquet")
    export.add_argument("--format", required=True, choices=["epoch", "csv", "parquet"],
                        help="epoch: Epoch AI's column names, read unchanged by notebooks written for "
                             "Epoch's tables; csv/parquet: models.csv/models.parquet as published")
    export.add_argument("--version", default="LATEST", help="version number or LATEST (default)")
    export.add_argument("out", type=Path, help="the file to write")
    data_dir_flag(export)
    export.set_defaults(handler=cmd_export)


def cmd_site(args: argparse.Namespace) -> int:
    """Build the site of a version unless it has one (and the data package of a version published
    before flopwatch wrote one); print where it is (and open it)."""
    from curation.site.build import SITE, write_site
    from curation.store.datapackage import PACKAGE_FILE, write_datapackage
    from curation.store.versions import Store, version_name

    settings = settings_of(args)
    store = Store(settings.layout)
    version = store.resolve(args.version)
    folder = store.version_dir(version)
    index = folder / SITE / "index.html"
    if not (folder / PACKAGE_FILE).exists():
        write_datapackage(folder, store.manifest(version))
        print(f"wrote the data package of version {version_name(version)}: {folder / PACKAGE_FILE}")
    if args.rebuild or not index.exists():
        write_site(folder, folder, settings.layout.root)
        print(f"built the site of version {version_name(version)}")
    print(f"site: {index}")
    if args.open:
        webbrowser.open(index.resolve().as_uri())
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write a version's models in the chosen format."""
    from curation.store.datapackage import EPOCH_ATTRIBUTION
    from curation.store.exports import export_models
    from curation.store.versions import Store, version_name

    settings = settings_of(args)
    store = Store(settings.layout)
    version = store.resolve(args.version)
    models = store.models(version)
    export_models(models, store.version_dir(version), args.format, args.out)
    print(f"wrote {len(models)} models of version {version_name(version)} to {args.out} ({args.format})")
    if "epoch" in set(";".join(models["sources"]).split(";")):
        print(EPOCH_ATTRIBUTION)
    return EXIT_OK
