"""The CLI contract: command names, flags and JSON shapes that scripts rely on."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from curation.resolve.merge import merge_candidates
from curation.store.publish import write_version_files
from curation.store.versions import Store
from flopwatch.cli import main
from schemas.curated import empty_models
from schemas.validate import validate_candidates

FIT_KEYS = {"era", "start", "end", "n", "slope_oom_per_year", "growth_per_year", "doubling_months",
            "doubling_months_ci90", "r2"}


def _json(capsys) -> object:
    return json.loads(capsys.readouterr().out)


def test_refit_json_on_openai_points(realdata, capsys, tmp_path):
    table = pd.read_csv(realdata / "openai_ai_and_compute.csv")
    charted = table[~table["result"].isin(
        ["Word2vec", "VAE", "GANs", "Adam Optimizer", "Attention is all you need"])]
    path = tmp_path / "openai.csv"
    charted.to_csv(path, index=False)
    assert main(["refit", "--input", str(path), "--json"]) == 0
    result = _json(capsys)
    assert list(result) == ["fits", "subset", "excluded"]
    assert result["subset"] == "all" and result["excluded"] == []
    assert all(set(fit) == FIT_KEYS for fit in result["fits"])
    assert result["fits"][-1]["doubling_months"] == pytest.approx(3.4, abs=0.1)


def test_refit_takes_several_breakpoints_and_a_window(realdata, capsys):
    csv = realdata / "epoch" / "notable_ai_models_2025-12-27.csv"
    code = main(["refit", "--input", str(csv), "--breakpoint", "2010-01-01", "2015-09-01",
                 "--since", "1990-01-01", "--until", "2022-02-28", "--json"])
    assert code == 0
    fits = _json(capsys)["fits"]
    assert [f["era"] for f in fits] == ["before 2010-01-01", "2010-01-01 to 2015-09-01", "from 2015-09-01"]
    assert fits[0]["start"] >= "1990-01-01" and fits[-1]["end"] <= "2022-02-28"
    assert all(f["n"] > 10 for f in fits)


def test_refit_plain_output_and_plot(epoch_snapshots, capsys, tmp_path):
    csv = epoch_snapshots["notable_2025_12"]
    assert main(["refit", "--input", str(csv), "--plot", str(tmp_path / "t.png")]) == 0
    out = capsys.readouterr().out
    assert "from 2010-01-01" in out and "doubling" in out
    assert (tmp_path / "t.png").read_bytes()[:4] == b"\x89PNG"


def test_refit_of_a_table_without_compute_is_one_clear_error(tmp_path, capsys):
    path = tmp_path / "x.csv"
    path.write_text("publication_date,other\n2020-01-01,1\n")
    assert main(["refit", "--input", str(path)]) == 1
    err = capsys.readouterr().err
    assert "no training-compute column" in err and "Traceback" not in err


def _publish(store: Store, models: pd.DataFrame, previous: pd.DataFrame, version: int) -> None:
    staging = store.stage(f"r{version}")
    write_version_files(staging, models, previous, version, version - 1 or None, {"inputs": []})
    store.commit(staging, version)


def _models(*names: str) -> pd.DataFrame:
    frame = pd.DataFrame({"source": "epoch", "source_record_id": list(names), "model": list(names),
                          "publication_date": "2022-01-01", "training_compute_flop": "1e22",
                          "raw_sha256": "ab" * 32, "fetched_at": "2026-11-26T03:00:00+00:00"})
    return merge_candidates(validate_candidates(frame).candidates)


@pytest.fixture
def two_versions(tmp_path):
    store = Store.at(tmp_path)
    first, second = _models("A", "B"), _models("B", "C")
    _publish(store, first, empty_models(), 1)
    _publish(store, second, first, 2)
    return tmp_path


def test_versions_json_shape(two_versions, capsys):
    assert main(["versions", "--json", "--data-dir", str(two_versions)]) == 0
    rows = _json(capsys)
    assert [set(r) for r in rows] == [{"version", "created_at", "rows", "content_hash"}] * 2
    assert [(r["version"], r["rows"]) for r in rows] == [(1, 2), (2, 2)]


def test_versions_plain_marks_latest(two_versions, capsys):
    main(["versions", "--data-dir", str(two_versions)])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("0001") and lines[1].endswith("<- LATEST")


def test_diff_json_lists_added_and_removed(two_versions, capsys):
    assert main(["diff", "1", "LATEST", "--json", "--data-dir", str(two_versions)]) == 0
    rows = _json(capsys)
    assert {(r["change"], r["model"]) for r in rows} == {("added", "C"), ("removed", "A")}
    assert all(set(r) == {"change", "model_id", "model", "field", "old", "new"} for r in rows)


def test_diff_of_a_missing_version_is_one_clear_error(two_versions, capsys):
    assert main(["diff", "1", "7", "--data-dir", str(two_versions)]) == 1
    assert "version 7 does not exist" in capsys.readouterr().err


def test_run_rejects_an_unknown_source(tmp_path, capsys):
    assert main(["run", "--sources", "nosuch", "--data-dir", str(tmp_path)]) == 2
    assert "unknown source(s) nosuch" in capsys.readouterr().err


def test_a_run_while_another_holds_the_data_folder_says_so_in_one_line(tmp_path, capsys):
    from curation.store.versions import run_lock

    with run_lock(tmp_path):
        assert main(["run", "--sources", "epoch", "--data-dir", str(tmp_path)]) == 1
        assert main(["backfill", "arxiv", "--since", "2024-01-01", "--until", "2024-01-31",
                     "--data-dir", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert len(lines) == 2 and all("lock held" in line for line in lines)
    assert "Traceback" not in captured.err + captured.out


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGINT"])
def test_a_signal_ends_a_run_stuck_on_a_trickling_download_within_seconds(signame, loopback, tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    from curation.store.versions import check_unlocked
    from flopwatch.loopback import Reply

    body = b"Model,Publication date,Training compute (FLOP)\n" + b"M,2020-01-01,1e20\n" * 300
    loopback.route("/notable_ai_models.csv", lambda _: Reply(body, content_type="text/csv", drip=0.05))
    env = {**os.environ, "FLOPWATCH_EPOCH_URL": loopback.url_for("/"),
           "FLOPWATCH_EPOCH_TABLES": "notable_ai_models", "FLOPWATCH_DATA_DIR": str(tmp_path),
           "FLOPWATCH_CONTACT": "tests@example.org", "FLOPWATCH_FETCH_TASK_RETRIES": "0"}
    command = [str(Path(sys.executable).parent / "flopwatch"), "run", "--sources", "epoch"]
    run = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    waited = time.monotonic()  # until Prefect has started and the download is trickling in
    while not loopback.paths("/notable_ai_models.csv") and time.monotonic() - waited < 90:
        time.sleep(0.2)
    time.sleep(1)
    sent = time.monotonic()
    run.send_signal(getattr(signal, signame))
    _, err = run.communicate(timeout=60)
    assert run.returncode == 1 and time.monotonic() - sent < 10
    assert f"flopwatch: interrupted ({signame})" in err and "Traceback" not in err
    assert not (tmp_path / "curated" / "LATEST").exists()
    check_unlocked(tmp_path)  # the lock was released


def test_a_source_whose_host_refuses_connections_fails_at_once_naming_its_setting(tmp_path, capsys,
                                                                                   monkeypatch):
    import socket
    import time

    from tests.hub_server import HubBehaviour, serve_hub

    with socket.socket() as probe:  # a port on which nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("FLOPWATCH_EPOCH_URL", f"http://127.0.0.1:{port}/")
    for name in ("HTTP_RETRIES", "FETCH_TASK_RETRIES", "FETCH_TASK_RETRY_DELAY"):
        monkeypatch.delenv(f"FLOPWATCH_{name}", raising=False)  # 4 HTTP retries, a task retry after 30 s
    setting = f"FLOPWATCH_EPOCH_URL=http://127.0.0.1:{port}/"
    # with nothing reachable, the run says so before it starts the flow
    started = time.monotonic()
    assert main(["run", "--sources", "epoch", "--data-dir", str(tmp_path / "a")]) == 3
    assert time.monotonic() - started < 15
    out = capsys.readouterr()
    assert "connection refused" in out.out and setting in out.out and "no source could be reached" in out.err
    # with another source up, the flow runs and the unreachable one fails without retries
    server, url = serve_hub([], HubBehaviour())
    monkeypatch.setenv("FLOPWATCH_HF_URL", url)
    try:
        started = time.monotonic()
        assert main(["run", "--sources", "epoch,huggingface", "--data-dir", str(tmp_path / "b")]) == 3
        spent = time.monotonic() - started
    finally:
        server.shutdown()
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("epoch:"))
    assert "connection refused" in line and setting in line and spent < 25  # Prefect's start included


def test_demo_publishes_a_version_from_every_source_offline_and_says_where(tmp_path, capsys):
    data = tmp_path / "demo"
    assert main(["demo", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    shown = [Path(line.strip()) for line in out.splitlines() if line.startswith("  /")]
    assert {path.name for path in shown} == {"models.csv", "REPORT.md", "trends.png", "trends.html",
                                             "index.html"}
    assert all(path.is_file() for path in shown)
    models = pd.read_csv(next(path for path in shown if path.name == "models.csv"))
    assert set(";".join(models["sources"]).split(";")) == {"epoch", "arxiv", "huggingface"}
    assert models["training_compute_flop"].notna().sum() >= 4
