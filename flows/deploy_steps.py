"""Prefect deployment steps of flopwatch's own, named in ``prefect.yaml``.

A worker runs a deployment's pull steps before it loads the flow; ``enter_project`` makes the
working directory the clone this package is installed from, so a deployment made from any clone
runs there without extra variables (the worker must run in that clone's environment, as
``make setup`` makes it).
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def enter_project(directory: str | None = None) -> dict[str, str]:
    """Change into ``directory`` if given (a deployment pinned to another checkout), else into the
    flopwatch clone this module belongs to; return it as the step's ``directory`` output."""
    target = Path(directory).expanduser().resolve() if directory else PROJECT
    if not (target / "flows" / "nightly.py").is_file():
        raise FileNotFoundError(f"{target} is not a flopwatch clone (no flows/nightly.py); "
                                "give the pull step a directory: that is one")
    os.chdir(target)
    return {"directory": str(target)}
