"""Serve the ``nightly`` deployment from this process on the schedule that ``prefect.yaml`` declares.

    python -m flows.serve

Needs a Prefect API to schedule against (``prefect server start``, or PREFECT_API_URL).
"""

from __future__ import annotations

from pathlib import Path

import yaml

import flows  # noqa: F401 - applies flopwatch's Prefect defaults first
from flows.nightly import nightly

PREFECT_YAML = Path(__file__).resolve().parent.parent / "prefect.yaml"


def deployment_spec(name: str = "nightly", path: Path = PREFECT_YAML) -> dict:
    """The deployment called ``name`` in ``prefect.yaml``."""
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    for deployment in spec["deployments"]:
        if deployment["name"] == name:
            return deployment
    raise KeyError(f"{path}: no deployment named {name!r}")


def main() -> None:
    spec = deployment_spec()
    schedule = spec["schedules"][0]
    nightly.serve(name=spec["name"], cron=schedule["cron"], description=spec["description"],
                  tags=spec.get("tags"), parameters=spec.get("parameters") or {})


if __name__ == "__main__":
    main()
