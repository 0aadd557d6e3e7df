"""Details that fail (full texts, cards) are queued and fetched again; bodies that cannot be whole are
refused; a source's time for one run is bounded. Over real HTTP on 127.0.0.1 where a server matters."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta

import pytest

from curation.pending import RetryPolicy, due, pending_ids, update_queue
from flopwatch.cli import main
from flopwatch.layout import DataLayout
from flopwatch.loopback import Reply
from schemas.handover import DetailMiss, Payload, Window
from scrapers.base import SourceError
from scrapers.feeds.arxiv import not_a_paper
from scrapers.http import PoliteSession, SourceDeadline
from scrapers.landing import Landing
from scrapers.sources.epoch import EpochSource
from scrapers.sources.huggingface import HuggingFaceSource, not_a_card
from tests.conftest import make_settings
from tests.hub_server import HubBehaviour, HubModel, serve_hub

NOW = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)
PAGE = Payload("huggingface", "listing 1.json", "http://hub/api/models", "raw/x.json", "ab" * 32, 10,
               "application/json", "2026-03-02T04:00:00+00:00")


def _miss(record: str, status: int | None = 503) -> DetailMiss:
    return DetailMiss(record, f"http://hub/{record}/README.md", f"HTTP {status}", status, PAGE)


# the queue's rules, on plain data
def test_a_temporary_failure_is_queued_and_due_on_the_next_run():
    queue, change = update_queue([], set(), [_miss("org/a@1")], RetryPolicy(), NOW)
    assert [m.record_id for m in change.queued] == ["org/a@1"] and change.pending == 1
    assert pending_ids(queue) == {"org/a@1"}
    assert [m.record_id for m in due(queue, NOW + timedelta(minutes=1))] == ["org/a@1"]
    assert due(queue, NOW)[0].listing == PAGE  # the listing page the retry joins the card to


def test_later_retries_wait_longer_and_the_last_allowed_failure_gives_up():
    policy = RetryPolicy(attempts=3, base_days=1.0)
    queue, _ = update_queue([], set(), [_miss("org/a@1")], policy, NOW)
    queue, change = update_queue(queue, {"org/a@1"}, [_miss("org/a@1")], policy, NOW)
    assert queue[0]["attempts"] == 2 and not due(queue, NOW + timedelta(hours=23))
    assert due(queue, NOW + timedelta(days=1))
    queue, change = update_queue(queue, {"org/a@1"}, [_miss("org/a@1")], policy, NOW + timedelta(days=1))
    assert queue == [] and [m.record_id for m in change.given_up] == ["org/a@1"]


def test_a_detail_that_does_not_exist_is_never_queued_and_a_fetched_one_leaves_the_queue():
    queue, change = update_queue([], set(), [_miss("org/gone@1", 404), _miss("org/b@1")], RetryPolicy(), NOW)
    assert pending_ids(queue) == {"org/b@1"} and [m.record_id for m in change.given_up] == ["org/gone@1"]
    queue, change = update_queue(queue, {"org/b@1"}, [], RetryPolicy(), NOW)
    assert queue == [] and change.resolved == ["org/b@1"]


def test_a_queued_detail_not_tried_this_run_stays_queued():
    queue, _ = update_queue([], set(), [_miss("org/a@1")], RetryPolicy(), NOW)
    again, change = update_queue(queue, set(), [], RetryPolicy(), NOW)
    assert again == queue and change.pending == 1


# what a fetched body must look like
def test_an_error_page_or_a_cut_page_is_not_a_paper():
    paragraph = "<p>" + "We train a sparse mixture of experts on public web text. " * 60 + "</p>"
    paper = f"<!DOCTYPE html><html><body>{paragraph}</body></html>".encode()
    assert not_a_paper("html", paper) is None
    assert "characters of text" in not_a_paper("html", b"<html><body><h1>503 Service Unavailable</h1></html>")
    assert "cut short" in not_a_paper("html", paper[: len(paper) // 2], complete=False)
    assert not_a_paper("html", paper[: len(paper) // 2], complete=True) is None  # its length was announced
    assert "end-of-file" in not_a_paper("pdf", b"%PDF-1.5\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    assert not_a_paper("pdf", b"%PDF-1.5\n1 0 obj\nendobj\ntrailer\n%%EOF\n") is None
    assert not_a_paper("pdf", b"") == "empty body"


def test_an_html_page_or_binary_noise_is_not_a_model_card():
    assert not_a_card(b"---\nlicense: mit\n---\n# Tiny model\nTrained on 8 GPUs.\n") is None
    assert "HTML" in not_a_card(b"  <!DOCTYPE html><html><title>Sign in</title></html>")
    assert not_a_card(b"") == "empty body"
    assert "binary" in not_a_card(b"\x89PNG\r\n\x1a\n\x00\x00")


# over HTTP
def test_a_csv_cut_mid_row_without_a_length_is_refused_and_never_reused(loopback, tmp_path, monkeypatch):
    body = b"Model,Organization,Publication date\nAlpha,Lab A,2020-01-01\nBeta,Lab B,2021-02-02\n"
    loopback.fail(Reply(body[:-9], length=False, headers={"ETag": '"v1"'}), times=None, path="/t.csv")
    monkeypatch.setenv("FLOPWATCH_EPOCH_URL", loopback.url)
    settings = make_settings(tmp_path / "data", epoch_tables=["t"])
    landing = Landing(settings.data_dir, "epoch", "r1")
    with pytest.raises(SourceError, match=r"epoch: table t .*middle of a row, with no length announced"):
        EpochSource(settings).fetch(landing)
    assert landing.validators_for(loopback.url_for("/t.csv")) is None  # the next run asks for the whole file
    loopback.clear_faults()
    loopback.fail(Reply(body, length=False, headers={"ETag": '"v2"'}), times=None, path="/t.csv")
    payloads = EpochSource(settings).fetch(Landing(settings.data_dir, "epoch", "r2"))
    assert payloads[0].bytes == len(body)  # whole rows, no length: accepted, but never answered by a 304
    assert Landing(settings.data_dir, "epoch", "r3").validators_for(loopback.url_for("/t.csv")) is None


def test_a_payload_a_run_refused_is_fetched_whole_next_time(loopback, tmp_path, monkeypatch):
    loopback.file("/t.csv", b"Model,Organization\nAlpha,Lab A\n", "text/csv")
    monkeypatch.setenv("FLOPWATCH_EPOCH_URL", loopback.url)
    settings = make_settings(tmp_path / "data", epoch_tables=["t"])
    payload = EpochSource(settings).fetch(Landing(settings.data_dir, "epoch", "r1"))[0]
    url = loopback.url_for("/t.csv")
    assert Landing(settings.data_dir, "epoch", "r2").validators_for(url) is not None
    DataLayout(settings.data_dir).refuse_payloads([payload.sha256])
    assert Landing(settings.data_dir, "epoch", "r3").validators_for(url) is None


def _hub(monkeypatch, models, behaviour=None):
    server, url = serve_hub(models, behaviour or HubBehaviour())
    for name, value in {"FLOPWATCH_HF_URL": url, "FLOPWATCH_HF_DELAY": "0", "FLOPWATCH_HF_MIN_DOWNLOADS": "0",
                        "FLOPWATCH_HF_PAGE_SIZE": "10"}.items():
        monkeypatch.setenv(name, value)
    return server


def _cards(count: int) -> list[HubModel]:
    now = datetime.now(UTC)
    return [HubModel(f"lab/model-{i}", f"# Model {i}\nTrained on 64 A100 GPUs for {i + 2} days.\n".encode(),
                     f"{now - timedelta(hours=i + 1):%Y-%m-%dT%H:%M:%S}.000Z") for i in range(count)]


def test_cards_not_fetched_in_the_sources_time_are_misses_that_name_the_setting(tmp_path, monkeypatch):
    server = _hub(monkeypatch, _cards(4))
    server.fail(Reply(b"# slow card\n", delay=0.6), times=None, path="/lab/")
    try:
        settings = make_settings(tmp_path / "data", source_timeout=1.0)
        landing = Landing(settings.data_dir, "huggingface", "r1")
        source = HuggingFaceSource(settings)
        payloads = source.fetch_window(landing, Window())
    finally:
        server.shutdown()
    cards = [p for p in payloads if p.name.startswith("card")]
    assert 1 <= len(cards) < 4 and len(cards) + len(landing.misses) == 4
    assert all("FLOPWATCH_SOURCE_TIMEOUT" in miss.reason and miss.temporary for miss in landing.misses)
    assert all(miss.listing is not None for miss in landing.misses)
    assert source.http.deadline is None  # the next fetch gets its own time


def test_a_session_past_its_deadline_fails_at_once_without_a_request(loopback, tmp_path):
    loopback.file("/x", b"ok")
    session = PoliteSession(make_settings(tmp_path))
    session.set_deadline(0)
    with pytest.raises(SourceDeadline, match="FLOPWATCH_SOURCE_TIMEOUT"):
        session.get(loopback.url_for("/x"))
    assert loopback.log == []


def test_a_card_that_failed_is_fetched_on_the_next_run_and_sources_shows_the_queue(tmp_path, monkeypatch,
                                                                                   capsys):
    models = _cards(3)
    server = _hub(monkeypatch, models)
    monkeypatch.setenv("FLOPWATCH_FETCH_TASK_RETRIES", "0")
    monkeypatch.setenv("FLOPWATCH_HTTP_RETRIES", "0")
    data = tmp_path / "data"
    server.fail(Reply(b"upstream timeout", 504), times=None, path="/lab/model-1/")
    try:
        assert main(["run", "--sources", "huggingface", "--data-dir", str(data)]) == 3
        out = capsys.readouterr().out
        assert "huggingface: INCOMPLETE (1 full texts or cards not fetched, e.g. " in out
        assert "HTTP 504" in out and "1 pending retry" in out
        assert main(["sources", "--json", "--data-dir", str(data)]) == 0
        rows = {row["name"]: row for row in json.loads(capsys.readouterr().out)}
        assert rows["huggingface"]["pending"] == 1 and rows["epoch"]["pending"] is None
        server.clear_faults()
        assert main(["run", "--sources", "huggingface", "--data-dir", str(data)]) == 0
        out = capsys.readouterr().out
        assert "pending" not in out
    finally:
        server.shutdown()
    store_models = (data / "curated" / "LATEST").read_text().strip()
    version = data / "curated" / "versions" / store_models
    sources = gzip.decompress((version / "model_sources.csv.gz").read_bytes()).decode()
    assert "lab/model-1@" in sources  # the card's figure came back with the retry
