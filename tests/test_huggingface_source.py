"""The Hugging Face source over real HTTP: real model cards served by a local Hub-like server."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from curation.store.batches import BatchStore
from flows.nightly import nightly
from scrapers.base import Window
from scrapers.landing import Landing
from scrapers.sources.huggingface import HuggingFaceSource
from tests.conftest import make_settings
from tests.hub_server import HubBehaviour, HubModel, serve_hub

TOKEN = "hf_test_token_never_logged"


def _repo_of(filename: str) -> str:
    """``hfhub_EleutherAI_gpt-j-6b_README.md`` → ``EleutherAI/gpt-j-6b``; other cards under ``cards/``."""
    stem = filename.removesuffix(".md")
    if stem.startswith("hfhub_"):
        owner, _, name = stem.removeprefix("hfhub_").removesuffix("_README").partition("_")
        return f"{owner}/{name}"
    return f"cards/{stem}"


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


@pytest.fixture
def hub(realdata, monkeypatch):
    folder = realdata / "web" / "hf_modelcards"
    now = datetime.now(UTC).replace(tzinfo=None)
    models = [HubModel(_repo_of(p.name), p.read_bytes(), _stamp(now - timedelta(hours=i + 1)))
              for i, p in enumerate(sorted(folder.glob("*.md")))]
    falcon = (folder / "hfhub_tiiuae_falcon-7b_README.md").read_text()
    models += [
        HubModel("someone/falcon-7b-chat", ("---\nbase_model: tiiuae/falcon-7b\nlicense: apache-2.0\n---\n"
                                            + falcon.split("---", 2)[2]).encode(), _stamp(now)),
        HubModel("someone/broken-card", b"---\nlicense: [apache-2.0\ndatasets: x\n---\n# Broken\n",
                 _stamp(now)),
        HubModel("someone/unpopular", b"# Tiny\nTrained on 8 A100 GPUs for 2 days.\n", _stamp(now),
                 downloads=3),
    ]
    behaviour = HubBehaviour()
    server, url = serve_hub(models, behaviour)
    for name, value in {"FLOPWATCH_HF_URL": url, "FLOPWATCH_FETCH_TASK_RETRIES": "0",
                        "FLOPWATCH_HF_DELAY": "0", "FLOPWATCH_HF_PAGE_SIZE": "10", "HF_TOKEN": TOKEN}.items():
        monkeypatch.setenv(name, value)
    yield models, behaviour, folder
    server.shutdown()


def test_cards_give_the_labelled_compute_and_a_fine_tune_is_linked_to_its_base(hub, settings):
    models, behaviour, folder = hub
    report = nightly(sources=["huggingface"], data_dir=str(settings.data_dir))
    assert report.status == "published"
    collected = BatchStore(settings.data_dir, "huggingface").candidates()
    repos = collected["source_record_id"].str.rsplit("@", n=1).str[0]
    by_repo = collected.assign(repo=repos).set_index("repo")
    with open(folder / "labels.csv", newline="") as handle:
        labels = list(csv.DictReader(handle))
    assert all(_repo_of(label["file"]) in by_repo.index for label in labels)
    within_2x = sum(
        1 for label in labels
        if (flop := by_repo.loc[_repo_of(label["file"]), "training_compute_flop"]) == flop  # not NaN
        and 0.5 <= flop / float(label["epoch_training_compute_flop"]) <= 2)
    assert within_2x >= 12  # the extraction engine's own bar on the labelled cards

    chat = by_repo.loc["someone/falcon-7b-chat"]
    assert chat["base_model"] == "tiiuae/falcon-7b" and pd.isna(chat["training_compute_flop"])
    assert chat["compute_evidence"].startswith("derived from tiiuae/falcon-7b: the ")
    assert "someone/unpopular" not in by_repo.index  # under the download minimum: card not fetched
    assert not any("unpopular" in path for _, path in behaviour.log)

    quarantine = pd.read_csv(settings.data_dir / report.quarantine_file)
    broken = quarantine[quarantine["check"].str.contains("someone/broken-card", na=False)]
    assert len(broken) == 1 and "malformed YAML front matter" in broken["check"].iloc[0]
    assert len(by_repo) == len(models) - 2  # everything else kept


def test_a_second_night_fetches_only_changed_cards_and_retries_quarantined_ones(hub, settings):
    models, behaviour, _ = hub
    nightly(sources=["huggingface"], data_dir=str(settings.data_dir))
    behaviour.log.clear()
    models[0].last_modified = _stamp(datetime.now(UTC).replace(tzinfo=None))
    nightly(sources=["huggingface"], data_dir=str(settings.data_dir))
    cards = [path for _, path in behaviour.log if path.endswith("README.md")]
    assert sorted(cards) == sorted([f"/{models[0].repo_id}/raw/main/README.md",
                                    "/someone/broken-card/raw/main/README.md"])


@pytest.fixture
def small_hub(monkeypatch):
    """The Hub with the tests' own two cards (a base model and its instruct fine-tune)."""
    folder = Path(__file__).parent / "fixtures" / "world"
    now = datetime.now(UTC).replace(tzinfo=None)
    cards = {"heron-lab/heron-13b": "card_heron-13b.md",
             "someone/heron-13b-instruct": "card_heron-13b-instruct.md"}
    models = [HubModel(repo, (folder / name).read_bytes(), _stamp(now - timedelta(hours=i + 1)))
              for i, (repo, name) in enumerate(cards.items())]
    behaviour = HubBehaviour()
    server, url = serve_hub(models, behaviour)
    for name, value in {"FLOPWATCH_HF_URL": url, "FLOPWATCH_HF_DELAY": "0", "HF_TOKEN": TOKEN}.items():
        monkeypatch.setenv(name, value)
    yield models, behaviour
    server.shutdown()


def test_429_waits_for_the_rate_limit_reset_and_the_token_is_sent_but_never_written(small_hub, tmp_path):
    _, behaviour = small_hub
    behaviour.too_many_first = 1
    settings = make_settings(tmp_path / "data", http_retries=2)
    source = HuggingFaceSource(settings)
    since = datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=3)
    payloads = source.fetch(Landing(settings.data_dir, "huggingface", "run"), Window(since))
    (first, _), (second, _) = behaviour.log[:2]
    assert second - first >= 0.95  # RateLimit t=1 honoured
    assert payloads and all(auth == f"Bearer {TOKEN}" for auth in behaviour.authorization)
    written = "".join(p.read_text(errors="replace") for p in (tmp_path / "data").rglob("*") if p.is_file())
    assert TOKEN not in written and TOKEN not in repr(source.hub)


def test_repo_ids_that_would_leave_the_base_are_skipped_and_named(tmp_path, caplog, monkeypatch):
    card = (Path(__file__).parent / "fixtures" / "world" / "card_heron-13b.md").read_bytes()
    now = _stamp(datetime.now(UTC).replace(tzinfo=None))
    models = [HubModel("tiiuae/falcon-7b", card, now), HubModel("../../etc/passwd", card, now),
              HubModel("x" * 500 + "/y", card, now)]
    behaviour = HubBehaviour()
    server, url = serve_hub(models, behaviour)
    try:
        monkeypatch.setenv("FLOPWATCH_HF_URL", url)
        monkeypatch.setenv("FLOPWATCH_HF_DELAY", "0")
        settings = make_settings(tmp_path / "data", sources=["huggingface"])
        source = HuggingFaceSource(settings)
        payloads = source.fetch(Landing(settings.data_dir, "huggingface", "r1"), Window())
    finally:
        server.shutdown()
    paths = [path for _, path in behaviour.log]
    assert any(path.startswith("/tiiuae/falcon-7b/raw/main") for path in paths)
    assert not any(".." in path or "etc/passwd" in path or "xxxx" in path for path in paths)
    assert "'../../etc/passwd' is not an owner/name repo id" in caplog.text
    assert [p.name for p in payloads if p.name.startswith("card")] == [
        next(p.name for p in payloads if "falcon-7b" in p.name)]


def test_a_listing_page_that_is_no_model_list_fails_the_source(tmp_path, monkeypatch):
    from scrapers.base import SourceError

    behaviour = HubBehaviour(listing_body=b"<!doctype html><title>Hub is down</title><p>Try again</p>")
    server, url = serve_hub([], behaviour)
    try:
        monkeypatch.setenv("FLOPWATCH_HF_URL", url)
        monkeypatch.setenv("FLOPWATCH_HF_DELAY", "0")
        settings = make_settings(tmp_path / "data", sources=["huggingface"])
        source = HuggingFaceSource(settings)
        with pytest.raises(SourceError, match=r"huggingface: listing page 1 \(.*\): not JSON"):
            source.fetch(Landing(settings.data_dir, "huggingface", "r1"), Window())
    finally:
        server.shutdown()
