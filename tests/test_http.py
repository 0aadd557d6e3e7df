"""The shared polite HTTP session, over real HTTP on 127.0.0.1 (the loopback server)."""

from __future__ import annotations

import time

import pytest

from flopwatch.loopback import Reply
from scrapers.http import FetchError, PoliteSession, Validators
from tests.conftest import make_settings


def test_user_agent_names_project_and_contact(loopback, tmp_path):
    loopback.file("/x", b"ok")
    PoliteSession(make_settings(tmp_path)).get(loopback.url_for("/x"))
    agent = loopback.log[0].headers["User-Agent"]
    assert agent.startswith("flopwatch/") and "tests@example.org" in agent


def test_server_errors_are_retried_until_success(loopback, tmp_path):
    loopback.file("/x", b"payload")
    loopback.fail(Reply(b"busy", 503))
    loopback.fail(Reply(b"busy", 502))
    response = PoliteSession(make_settings(tmp_path, http_retries=3)).get(loopback.url_for("/x"))
    assert response.content == b"payload" and len(loopback.log) == 3


def test_retry_after_header_is_honoured(loopback, tmp_path):
    loopback.file("/x", b"payload")
    loopback.fail(Reply(b"slow down", 429, headers={"Retry-After": "1"}))
    started = time.monotonic()
    PoliteSession(make_settings(tmp_path)).get(loopback.url_for("/x"))
    assert time.monotonic() - started >= 0.95


def test_retry_after_is_capped(loopback, tmp_path):
    loopback.file("/x", b"payload")
    loopback.fail(Reply(b"go away", 503, headers={"Retry-After": "3600"}))
    started = time.monotonic()
    session = PoliteSession(make_settings(tmp_path, http_max_retry_after=0.2))
    assert session.get(loopback.url_for("/x")).content == b"payload"
    assert time.monotonic() - started < 5


def test_persistent_server_error_names_url_and_status(loopback, tmp_path):
    loopback.file("/x", b"down", status=500)
    with pytest.raises(FetchError, match=r"/x: HTTP 500"):
        PoliteSession(make_settings(tmp_path, http_retries=1)).get(loopback.url_for("/x"))


def test_client_error_is_not_retried(loopback, tmp_path):
    loopback.file("/x", b"missing", status=404)
    with pytest.raises(FetchError, match="HTTP 404"):
        PoliteSession(make_settings(tmp_path)).get(loopback.url_for("/x"))
    assert len(loopback.log) == 1


def test_conditional_get_sends_validators_and_reports_not_modified(loopback, tmp_path):
    loopback.route("/x", lambda request: Reply(status=304, headers={"ETag": '"v1"'})
               if request.headers.get("If-None-Match") == '"v1"' else Reply(b"full body"))
    response = PoliteSession(make_settings(tmp_path)).get(loopback.url_for("/x"), Validators(etag='"v1"'))
    assert response.not_modified and response.content == b""


def test_validators_of_a_response_are_returned(loopback, tmp_path):
    loopback.route("/x", lambda _: Reply(b"a,b\n", headers={
        "ETag": '"abc"', "Last-Modified": "Wed, 01 Oct 2025 00:00:00 GMT"}))
    response = PoliteSession(make_settings(tmp_path)).get(loopback.url_for("/x"))
    assert response.validators == Validators('"abc"', "Wed, 01 Oct 2025 00:00:00 GMT")


def test_response_over_the_size_limit_is_refused(loopback, tmp_path):
    loopback.file("/x", b"x" * 5000)
    with pytest.raises(FetchError, match="limit"):
        PoliteSession(make_settings(tmp_path, http_max_bytes=1000)).get(loopback.url_for("/x"))


def test_requests_to_one_host_keep_the_minimum_interval(loopback, tmp_path):
    loopback.file("/x", b"ok")
    session = PoliteSession(make_settings(tmp_path, http_min_interval=0.4))
    started = time.monotonic()
    for _ in range(3):
        session.get(loopback.url_for("/x"))
    assert time.monotonic() - started >= 0.8


def test_read_timeout_is_a_fetch_error(loopback, tmp_path):
    loopback.route("/x", lambda _: Reply(b"late", delay=1.0))
    session = PoliteSession(make_settings(tmp_path, http_read_timeout=0.2, http_retries=0))
    with pytest.raises(FetchError, match=r"/x: timed out: no data for 0\.2 s$"):
        session.get(loopback.url_for("/x"))


def test_truncated_body_is_a_fetch_error(loopback, tmp_path):
    # promises the whole body, sends a few bytes, hangs up: a download cut off mid-way
    body = b"Model,Publication date\nGPT" + b"-" * 5000
    loopback.route("/x", lambda _: Reply(body, content_type="text/csv", cut_after=26))
    session = PoliteSession(make_settings(tmp_path, http_retries=0))
    cut = r"/x: (body ended after 26 of 5,026 bytes|truncated body: 26 of 5,026)"
    with pytest.raises(FetchError, match=cut):
        session.get(loopback.url_for("/x"))


def test_unreachable_host_is_a_fetch_error(tmp_path):
    session = PoliteSession(make_settings(tmp_path, http_retries=1))
    with pytest.raises(FetchError, match=r"127\.0\.0\.1:9/x: connection refused \(ConnectionError\)$"):
        session.get("http://127.0.0.1:9/x")


def test_a_body_that_trickles_in_ends_at_the_total_deadline(loopback, tmp_path):
    loopback.route("/x", lambda _: Reply(b"a,b\n" * 500, content_type="text/csv", drip=0.05))
    session = PoliteSession(make_settings(tmp_path, http_retries=0, http_read_timeout=5.0,
                                          http_total_timeout=1.0))
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"/x: body not complete after 1 s \(\d+ bytes received of 2,000\)"):
        session.get(loopback.url_for("/x"))
    assert time.monotonic() - started < 3  # each byte came within the read timeout: only the deadline ends it
