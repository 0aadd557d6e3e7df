"""The fault harness: every source × kind of request × fault, each cell one test of the same contract.

A world of all three sources (``tests/fault_world.py``, the project's fixtures on 127.0.0.1) first
serves phase 1, which a healthy run collects into the *baseline*. Each cell copies the baseline,
switches the world to phase 2 (new snapshot, papers and models), spoils every request of one target
with one fault, and runs ``flopwatch run``. The contract:

1. the run exits 3 and names the failing source in one readable line (its reason, no traceback);
2. the other sources publish: the run makes a version and their lines say ok;
3. nothing collected before is lost: every source record of the baseline is still in the version;
4. the saved point does not move past data not collected: a failed listing keeps the source's saved
   point; a failed detail (full text, card) waits in the source's retry queue; a failed snapshot is
   replaced by its last good payload;
5. ``LATEST`` names a complete version whose ``models.csv`` has the content hash of its manifest;
6. a healthy rerun reaches the content hash of a run that never saw the fault (the *reference*).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from curation.store.batches import SourceState
from curation.store.versions import Store
from flopwatch.cli import main
from flopwatch.layout import DataLayout
from flopwatch.loopback import Reply
from tests.fault_world import MAX_BYTES, READ_TIMEOUT, TARGETS, Target, World, build_world

ERROR_PAGE = (b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
              b"<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n")
GARBAGE = bytes(range(256)) * 16


def _cut_at_row(body: bytes, share: float = 0.3) -> bytes:
    """``body`` closed at the first row boundary after ``share`` of it (a line break outside quotes)."""
    start = int(len(body) * share)
    for match in re.finditer(rb"\n", body[start:]):
        end = start + match.end()
        if body[:end].count(b'"') % 2 == 0:
            return body[:end]
    return body[:start]


def _alternating(*replies: Reply) -> Callable[[Reply], Reply]:
    """Each request gets the next of ``replies``, round and round (a server failing in several ways)."""
    count = itertools.count()
    return lambda _: replies[next(count) % len(replies)]


def _malformed(target: Target) -> Callable[[Reply], Reply]:
    """A body of the right kind with a broken inside, per target."""
    def spoil(reply: Reply) -> Reply:
        if target.name == "epoch-csv":  # the header of another table
            return replace(reply, body=b"id;name;when\n" + reply.body.split(b"\n", 1)[1])
        if target.name == "arxiv-listing":  # tags that do not close
            return replace(reply, body=reply.body.replace(b"</entry>", b"</entri>"))
        if target.name == "huggingface-listing":  # JSON, but not a list of models
            return replace(reply, body=b'{"error": "Invalid cursor", "models": []}')
        return replace(reply, body=GARBAGE)  # a full text or a card: binary noise
    return spoil


FAULTS: dict[str, Callable[[Target], Callable[[Reply], Reply]]] = {
    "429-retry-after": lambda t: lambda r: Reply(b"Too Many Requests", 429, headers={"Retry-After": "1"}),
    "5xx": lambda t: _alternating(Reply(b"Service Unavailable", 503, headers={"Retry-After": "0"}),
                                  Reply(b"Internal Server Error", 500)),
    "timeout": lambda t: lambda r: replace(r, delay=READ_TIMEOUT * 3),
    "reset-mid-body": lambda t: lambda r: replace(r, reset_after=len(r.body) // 2),
    "cut-with-length": lambda t: lambda r: replace(r, cut_after=len(r.body) // 3),
    "cut-without-length": lambda t: lambda r: replace(r, body=_cut_at_row(r.body), length=False),
    "slow-drip": lambda t: lambda r: replace(r, drip=0.05),
    "malformed": _malformed,
    "html-error-200": lambda t: lambda r: Reply(ERROR_PAGE, 200, "text/html"),
    "empty-200": lambda t: lambda r: Reply(b"", 200, r.content_type),
    "not-json": lambda t: lambda r: Reply(b"upstream connect error or disconnect/reset before headers", 200,
                                          "application/json"),
    "oversized": lambda t: lambda r: replace(r, body=r.body + b"\n" * (MAX_BYTES + 1 - len(r.body))),
}
# Where a fault means nothing or cannot be told: only a JSON endpoint can answer "not JSON"; a model
# card is Markdown, which has no end marker, so a card cut short by a server that announced no length
# reads as a shorter card (the Hub announces every card's length).
NOT_APPLICABLE = {(target, "not-json") for target in TARGETS if target != "huggingface-listing"} | {
    ("huggingface-card", "cut-without-length")}
CELLS = [(target, fault) for target in TARGETS for fault in FAULTS if (target, fault) not in NOT_APPLICABLE]


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    world = build_world()
    with pytest.MonkeyPatch.context() as patch:
        for name, value in world.env().items():
            patch.setenv(name, value)
        patch.delenv("FLOPWATCH_ACCEPT_SHRINK", raising=False)
        yield world
    world.server.stop()


def _run(data: Path, capsys: pytest.CaptureFixture[str] | None = None) -> tuple[int, list[str], str]:
    code = main(["run", "--data-dir", str(data)])
    if capsys is None:
        return code, [], ""
    out = capsys.readouterr()
    return code, out.out.splitlines(), out.err


@pytest.fixture(scope="module")
def baseline(world: World, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder after a healthy phase-1 run."""
    data = tmp_path_factory.mktemp("baseline") / "data"
    world.phase = 1
    assert _run(data)[0] == 0
    return data


def _copy(baseline: Path, folder: Path) -> Path:
    data = folder / "data"
    shutil.copytree(baseline, data)
    return data


def _latest_hash(data: Path) -> str:
    store = Store(DataLayout(data))
    return store.manifest(store.latest())["content_hash"]


@pytest.fixture(scope="module")
def reference(world: World, baseline: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The content hash of a healthy phase-2 run from the baseline (the run that never saw a fault)."""
    data = _copy(baseline, tmp_path_factory.mktemp("reference"))
    world.phase = 2
    assert _run(data)[0] == 0
    return _latest_hash(data)


def _records(data: Path) -> set[tuple[str, str]]:
    store = Store(DataLayout(data))
    sources = store.model_sources(store.latest())
    return set(zip(sources["source"], sources["source_record_id"].astype(str), strict=True))


def _check_latest(data: Path) -> None:
    store = Store(DataLayout(data))
    folder = store.version_dir(store.latest())
    manifest = json.loads((folder / "manifest.json").read_text())
    assert hashlib.sha256((folder / "models.csv").read_bytes()).hexdigest() == manifest["content_hash"]
    assert len(pd.read_csv(folder / "models.csv")) == manifest["rows"]


@pytest.mark.harness
@pytest.mark.parametrize(("target_name", "fault"), CELLS, ids=[f"{t}-{f}" for t, f in CELLS])
def test_fault_cell(target_name: str, fault: str, world: World, baseline: Path, reference: str,
                    tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = TARGETS[target_name]
    data = _copy(baseline, tmp_path)
    capsys.readouterr()
    before = {name: SourceState.load(data, name) for name in ("arxiv", "huggingface")}
    baseline_store = Store(DataLayout(baseline))
    world.phase = 2
    world.spoil(target, FAULTS[fault](target))
    try:
        code, lines, err = _run(data, capsys)
    finally:
        world.heal()

    # 1. exit 3, the source named in one readable line
    assert code == 3, (lines, err)
    assert err.strip().splitlines()[-1] == f"sources failed: {target.source}"
    line = next(line for line in lines if line.startswith(f"{target.source}:"))
    assert re.search(r": (FAILED|INCOMPLETE) \(", line), line
    assert len(line) < 700 and "Traceback" not in err and "HTTPConnectionPool" not in line, line
    # 2. the other sources publish
    assert any(line.startswith("published version") for line in lines), lines
    others = [line for line in lines if re.match(r"(epoch|arxiv|huggingface):", line)
              and not line.startswith(f"{target.source}:")]
    assert len(others) == 2 and not any("FAILED" in o or "INCOMPLETE" in o for o in others), others
    # 3. nothing collected before is lost (Epoch's own newer snapshot may drop or rename models)
    kept_records = {r for r in _records(baseline) if r[0] != "epoch" or target.source == "epoch"}
    assert kept_records <= _records(data)
    # 4. the saved point does not move past data not collected
    if target.source == "epoch":
        manifest = Store(DataLayout(data)).manifest(Store(DataLayout(data)).latest())
        kept = [i["sha256"] for i in manifest["inputs"] if i["source"] == "epoch"]
        first = baseline_store.manifest(baseline_store.latest())
        assert kept == [i["sha256"] for i in first["inputs"] if i["source"] == "epoch"]
    else:
        state = SourceState.load(data, target.source)
        if target.detail:
            waiting = {entry["record_id"] for entry in state.pending}
            expected = world.phase2_papers if target.source == "arxiv" else world.phase2_models
            assert set(expected) <= waiting, (expected, waiting)
        else:
            assert state.processed_until == before[target.source].processed_until
    # 5. LATEST is valid
    _check_latest(data)
    # 6. a healthy rerun reaches the reference's content
    code, lines, err = _run(data, capsys)
    assert code == 0, (lines, err)
    assert _latest_hash(data) == reference
    if target.detail:
        assert not SourceState.load(data, target.source).pending


def test_the_matrix_covers_every_source_and_fault() -> None:
    """The harness's cells: every target with every fault that means something for it."""
    assert {TARGETS[t].source for t, _ in CELLS} == {"epoch", "arxiv", "huggingface"}
    assert len(CELLS) == len(TARGETS) * len(FAULTS) - len(NOT_APPLICABLE)
