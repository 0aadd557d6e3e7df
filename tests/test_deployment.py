"""prefect.yaml declares the nightly deployment that the README promises."""

from __future__ import annotations

import importlib

from flows.serve import deployment_spec


def test_nightly_deployment_runs_the_nightly_flow_at_3_utc():
    spec = deployment_spec("nightly")
    assert spec["schedules"][0]["cron"] == "0 3 * * *"
    assert spec["schedules"][0]["timezone"] == "UTC"
    path, function = spec["entrypoint"].split(":")
    flow = getattr(importlib.import_module(path.removesuffix(".py").replace("/", ".")), function)
    assert flow.name == "flopwatch-nightly"


def test_backfill_deployment_runs_the_backfill_flow_on_demand():
    spec = deployment_spec("backfill")
    assert not spec.get("schedules")
    path, function = spec["entrypoint"].split(":")
    flow = getattr(importlib.import_module(path.removesuffix(".py").replace("/", ".")), function)
    assert flow.name == "flopwatch-backfill" and spec["parameters"]["source"] == "arxiv"
