"""The shared polite HTTP session, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import socketserver
import threading
import time

import pytest
from werkzeug import Response

from scrapers.http import FetchError, PoliteSession, Validators
from tests.conftest import make_settings


def test_user_agent_names_project_and_contact(httpserver, tmp_path):
    httpserver.expect_request("/x").respond_with_data("ok")
    PoliteSession(make_settings(tmp_path)).get(httpserver.url_for("/x"))
    agent = httpserver.log[0][0].headers["User-Agent"]
    assert agent.startswith("flopwatch/") and "tests@example.org" in agent


def test_server_errors_are_retried_until_success(httpserver, tmp_path):
    httpserver.expect_ordered_request("/x").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/x").respond_with_data("busy", status=502)
    httpserver.expect_ordered_request("/x").respond_with_data("payload")
    response = PoliteSession(make_settings(tmp_path, http_retries=3)).get(httpserver.url_for("/x"))
    assert response.content == b"payload" and len(httpserver.log) == 3


def test_retry_after_header_is_honoured(httpserver, tmp_path):
    httpserver.expect_ordered_request("/x").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"})
    httpserver.expect_ordered_request("/x").respond_with_data("payload")
    started = time.monotonic()
    PoliteSession(make_settings(tmp_path)).get(httpserver.url_for("/x"))
    assert time.monotonic() - started >= 0.95


def test_retry_after_is_capped(httpserver, tmp_path):
    httpserver.expect_ordered_request("/x").respond_with_data(
        "go away", status=503, headers={"Retry-After": "3600"})
    httpserver.expect_ordered_request("/x").respond_with_data("payload")
    started = time.monotonic()
    session = PoliteSession(make_settings(tmp_path, http_max_retry_after=0.2))
    assert session.get(httpserver.url_for("/x")).content == b"payload"
    assert time.monotonic() - started < 5


def test_persistent_server_error_names_url_and_status(httpserver, tmp_path):
    httpserver.expect_request("/x").respond_with_data("down", status=500)
    with pytest.raises(FetchError, match=r"/x: HTTP 500"):
        PoliteSession(make_settings(tmp_path, http_retries=1)).get(httpserver.url_for("/x"))


def test_client_error_is_not_retried(httpserver, tmp_path):
    httpserver.expect_request("/x").respond_with_data("missing", status=404)
    with pytest.raises(FetchError, match="HTTP 404"):
        PoliteSession(make_settings(tmp_path)).get(httpserver.url_for("/x"))
    assert len(httpserver.log) == 1


def test_conditional_get_sends_validators_and_reports_not_modified(httpserver, tmp_path):
    httpserver.expect_request("/x", headers={"If-None-Match": '"v1"'}).respond_with_response(
        Response(status=304, headers={"ETag": '"v1"'}))
    response = PoliteSession(make_settings(tmp_path)).get(
        httpserver.url_for("/x"), Validators(etag='"v1"'))
    assert response.not_modified and response.content == b""


def test_validators_of_a_response_are_returned(httpserver, tmp_path):
    httpserver.expect_request("/x").respond_with_data(
        "a,b\n", headers={"ETag": '"abc"', "Last-Modified": "Wed, 01 Oct 2025 00:00:00 GMT"})
    response = PoliteSession(make_settings(tmp_path)).get(httpserver.url_for("/x"))
    assert response.validators == Validators('"abc"', "Wed, 01 Oct 2025 00:00:00 GMT")


def test_response_over_the_size_limit_is_refused(httpserver, tmp_path):
    httpserver.expect_request("/x").respond_with_data("x" * 5000)
    with pytest.raises(FetchError, match="limit"):
        PoliteSession(make_settings(tmp_path, http_max_bytes=1000)).get(httpserver.url_for("/x"))


def test_requests_to_one_host_keep_the_minimum_interval(httpserver, tmp_path):
    httpserver.expect_request("/x").respond_with_data("ok")
    session = PoliteSession(make_settings(tmp_path, http_min_interval=0.4))
    started = time.monotonic()
    for _ in range(3):
        session.get(httpserver.url_for("/x"))
    assert time.monotonic() - started >= 0.8


def test_read_timeout_is_a_fetch_error(httpserver, tmp_path):
    def slow(_request):
        time.sleep(1.0)
        return Response("late")

    httpserver.expect_request("/x").respond_with_handler(slow)
    session = PoliteSession(make_settings(tmp_path, http_read_timeout=0.2, http_retries=0))
    with pytest.raises(FetchError, match=r"/x: .*Timeout"):
        session.get(httpserver.url_for("/x"))


class _TruncatingHandler(socketserver.BaseRequestHandler):
    """Promises 5,000 bytes, sends a few, hangs up: a download cut off mid-way."""

    def handle(self) -> None:
        self.request.recv(65536)
        self.request.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: 5000\r\n"
                             b"Connection: close\r\n\r\nModel,Publication date\nGPT")


def test_truncated_body_is_a_fetch_error(tmp_path):
    with socketserver.TCPServer(("127.0.0.1", 0), _TruncatingHandler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/x"
        session = PoliteSession(make_settings(tmp_path, http_retries=0))
        with pytest.raises(FetchError, match="/x"):
            session.get(url)
        server.shutdown()


def test_unreachable_host_is_a_fetch_error(tmp_path):
    session = PoliteSession(make_settings(tmp_path, http_retries=1))
    with pytest.raises(FetchError, match=r"127\.0\.0\.1:9"):
        session.get("http://127.0.0.1:9/x")
