"""prefect.yaml declares the nightly deployment that the README promises."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import yaml

from flows.deploy_steps import PROJECT, enter_project
from flows.serve import PREFECT_YAML, deployment_spec


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


def test_the_pull_step_enters_this_clone_or_refuses_a_folder_that_is_not_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert enter_project() == {"directory": str(PROJECT)} and Path.cwd() == PROJECT
    with pytest.raises(FileNotFoundError, match="not a flopwatch clone"):
        enter_project(str(tmp_path))
    assert deployment_spec("nightly") and _pull_steps() == [{"flows.deploy_steps.enter_project": {}}]


def _pull_steps() -> list[dict]:
    return yaml.safe_load(PREFECT_YAML.read_text(encoding="utf-8"))["pull"]
