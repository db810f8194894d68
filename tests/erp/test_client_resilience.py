"""Upstream faults (security.md §8 G): deadline, redirects, retries, 429, breaker, refusals."""

import dataclasses
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from jtlapp.gateway.erp import ErpClient
from jtlapp.gateway.erp.errors import (
    ErpConnectionError,
    ErpNotFoundError,
    ErpRateLimitedError,
    ErpUnavailableError,
)
from tests.conftest import free_port, wait_for
from tests.erp.test_client import FAST, connect, erp_calls, resilience_reset

TENANT_A = "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01"
MISSING = "00000000-0000-0000-0000-00000f000000"


@pytest.fixture(autouse=True)
def _clean_resilience_state():
    resilience_reset()
    yield
    resilience_reset()


@pytest.fixture
def client(platform, db) -> ErpClient:
    tenant = connect(platform, TENANT_A)
    platform.control("counters/reset")
    return ErpClient(tenant=tenant, policy=FAST)


def statuses(platform):
    return [c["status"] for c in erp_calls(platform)]


def test_case_69_a_slow_upstream_fails_within_the_deadline(platform, db):
    # given
    policy = dataclasses.replace(FAST, read_timeout_seconds=5.0, deadline_seconds=1.0)
    client = ErpClient(tenant=connect(platform, TENANT_A), policy=policy)
    platform.control("counters/reset")
    platform.control("faults", {"area": "erp", "latencyMs": 2000})
    started = time.monotonic()

    # when
    with pytest.raises(ErpUnavailableError) as caught:
        client.customers_page(page_size=1)

    # then
    assert time.monotonic() - started < 1.0 + 0.5
    assert "timed out" in str(caught.value)
    calls = wait_for(lambda: erp_calls(platform), timeout=5, message="the slow call to end")
    assert len(calls) == 1  # a timeout is not retried: the deadline is spent


class _RecordingServer(ThreadingHTTPServer):
    """Answers every request with ``reply`` and remembers what it saw in ``seen``."""

    def __init__(self, reply: tuple[int, dict[str, str]]) -> None:
        super().__init__(("127.0.0.1", 0), _Recorder)
        self.reply = reply
        self.seen: list[tuple[str, dict[str, str]]] = []


class _Recorder(BaseHTTPRequestHandler):
    server: _RecordingServer

    def do_GET(self):
        self.server.seen.append((self.path, dict(self.headers)))
        status, headers = self.server.reply
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def _serve(reply):
    server = _RecordingServer(reply)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_case_71_a_redirect_is_not_followed(client, settings):
    # given
    evil = _serve((200, {}))
    evil_url = f"http://127.0.0.1:{evil.server_address[1]}"
    gateway = _serve((302, {"Location": f"{evil_url}/steal"}))
    settings.JTL_API_BASE_URL = f"http://127.0.0.1:{gateway.server_address[1]}"
    redirecting = ErpClient(tenant=client.tenant, policy=FAST)
    try:
        # when
        with pytest.raises(ErpUnavailableError) as caught:
            redirecting.send(method="GET", path="v2/info")
    finally:
        gateway.shutdown()
        evil.shutdown()

    # then
    assert caught.value.upstream_status == 302
    assert "redirect not followed" in str(caught.value)
    assert len(gateway.seen) == 1
    assert evil.seen == []


def test_case_72_get_is_retried_after_two_503(platform, client):
    platform.control("faults", {"area": "erp", "status": 503, "count": 2})

    page = client.customers_page(page_size=1)

    assert page.items
    assert statuses(platform) == [503, 503, 200]


def test_case_73_post_is_never_retried(platform, client):
    platform.control("faults", {"area": "erp", "status": 503, "count": 2})

    with pytest.raises(ErpUnavailableError) as caught:
        client.graphql(query="{ QueryCustomers(first: 1) { totalCount } }")

    assert caught.value.upstream_status == 503
    assert statuses(platform) == [503]


def test_case_74_429_without_retry_after_uses_the_interval_header(platform, client):
    # given
    platform.control("rate-limit", {"limit": 2, "intervalSeconds": 60})
    client.customers_page(page_size=1)
    client.customers_page(page_size=1)

    # when
    with pytest.raises(ErpRateLimitedError) as caught:
        client.customers_page(page_size=1)

    # then
    assert caught.value.upstream_status == 429
    assert caught.value.retry_after_seconds == 60
    assert caught.value.headers["x-ratelimit-remaining"] == "0"
    assert statuses(platform) == [200, 200, 429]


def test_a_429_whose_wait_fits_the_deadline_is_retried(platform, client):
    platform.control("rate-limit", {"limit": 600, "intervalSeconds": 1})
    platform.control("faults", {"area": "erp", "status": 429, "count": 1})
    started = time.monotonic()

    page = client.customers_page(page_size=1)

    assert page.items
    assert statuses(platform) == [429, 200]
    assert time.monotonic() - started >= 1.0


@pytest.mark.parametrize("fault", [{"status": 503}, {"latencyMs": 600}], ids=["5xx", "timeouts"])
def test_case_75_the_breaker_opens_fails_fast_and_closes_after_a_probe(platform, db, fault):
    # given
    policy = dataclasses.replace(
        FAST, max_retries=0, read_timeout_seconds=0.2, breaker_open_seconds=1.0
    )
    client = ErpClient(tenant=connect(platform, TENANT_A), policy=policy)
    platform.control("counters/reset")
    platform.control("faults", {"area": "erp", **fault})
    for _ in range(5):
        with pytest.raises(ErpUnavailableError):
            client.customers_page(page_size=1)

    # when
    started = time.monotonic()
    with pytest.raises(ErpUnavailableError) as open_circuit:
        client.customers_page(page_size=1)
    fail_fast_seconds = time.monotonic() - started
    httpx.delete(f"{platform.url}/_sandbox/faults")
    time.sleep(1.1)
    probe = client.customers_page(page_size=1)
    after = client.customers_page(page_size=1)

    # then
    assert "circuit open" in str(open_circuit.value)
    assert open_circuit.value.retry_after_seconds == 1
    assert fail_fast_seconds < 0.05
    assert probe.items
    assert after.items
    assert len(erp_calls(platform)) == 5 + 2


def test_case_75_client_errors_never_trip_the_breaker(platform, client):
    for _ in range(7):
        with pytest.raises(ErpNotFoundError):
            client.customer_get(customer_id=MISSING)

    assert client.customers_page(page_size=1).items
    assert statuses(platform) == [404] * 7 + [200]


def test_case_76_a_refused_connection_fails_quickly(client, settings):
    settings.JTL_API_BASE_URL = f"http://127.0.0.1:{free_port()}"
    refused = ErpClient(tenant=client.tenant, policy=FAST)
    started = time.monotonic()

    with pytest.raises(ErpConnectionError) as caught:
        refused.send(method="GET", path="v2/info")

    assert time.monotonic() - started < 3.0
    assert "connection failed" in str(caught.value)


def test_an_html_error_page_is_tolerated(platform, client):
    platform.control("faults", {"area": "erp", "status": 504, "html": True})

    with pytest.raises(ErpUnavailableError) as caught:
        client.send(method="GET", path="v2/info")

    assert caught.value.upstream_status == 504
    assert caught.value.error_code is None
    assert statuses(platform) == [504, 504, 504]
