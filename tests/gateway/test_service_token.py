"""Service-account token: single-flight across processes, early refresh, spacing, 401 handling."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet
from werkzeug.serving import make_server

from jtlapp.core.cli.sandbox import sandbox_config_from_settings
from jtlapp.core.redis import redis_client
from jtlapp.gateway import service_token_store as store
from jtlapp.gateway.service_token import (
    ServiceToken,
    TokenEndpointUnavailableError,
    service_token_get,
    service_token_invalidate,
    service_token_refresh,
)
from jtlapp.gateway.service_token_fetch import (
    DEFAULT_LIFETIME_SECONDS,
    MAX_LIFETIME_SECONDS,
    lifetime_normalize,
)
from jtlapp.sandbox.app import sandbox_app_create
from tests.conftest import free_port

REPO = Path(__file__).resolve().parents[2]

COLD_START_SCRIPT = """
import hashlib, sys, threading
import django
django.setup()
from jtlapp.gateway.service_token import service_token_get
count = int(sys.argv[1])
barrier = threading.Barrier(count)
results = []
def call():
    barrier.wait()
    results.append(hashlib.sha256(service_token_get().value.encode()).hexdigest())
print("ready", flush=True)
sys.stdin.readline()
threads = [threading.Thread(target=call) for _ in range(count)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("\\n".join(results), flush=True)
"""


@pytest.fixture(autouse=True)
def clean_token_store():
    def clean():
        client = redis_client()
        for key in client.scan_iter(match=f"{store.KEY_PREFIX}:*"):
            client.delete(key)
        store.local_clear()

    clean()
    yield
    clean()


@pytest.fixture
def short_sandbox(settings):
    """A second sandbox whose tokens live 3 seconds; settings point at it for this test."""
    port = free_port()
    config = sandbox_config_from_settings(
        base_url=f"http://localhost:{port}", token_lifetime=3, app_token_lifetime=300
    )
    server = make_server("127.0.0.1", port, sandbox_app_create(config=config), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.JTL_ISSUER = config.base_url
    settings.JTL_API_BASE_URL = config.base_url
    settings.JTL_LEGACY_TOKEN_URL = f"{config.base_url}/oauth2/token"
    yield config.base_url
    server.shutdown()
    server.server_close()


def _store_token(*, value: str, lifetime: float, remaining: float) -> None:
    now = time.time()
    key = store.store_key(generation="current")
    redis_client().delete(key)
    token = store.StoredToken(
        value=value, issued_at=now + remaining - lifetime, expires_at=now + remaining
    )
    assert store.stored_write(key=key, token=token)


def test_cold_start_across_processes_fetches_exactly_once(platform):
    # given: 4 processes x 50 threads, all waiting at a barrier
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", COLD_START_SCRIPT, "50"],
            cwd=REPO,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    for process in processes:
        assert process.stdout.readline().strip() == "ready"
    # when
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()
    outputs = [process.communicate(timeout=60)[0] for process in processes]
    # then
    fingerprints = [line for output in outputs for line in output.split()]
    assert [process.returncode for process in processes] == [0, 0, 0, 0]
    assert len(fingerprints) == 200
    assert len(set(fingerprints)) == 1
    assert platform.counters().get("token", 0) == 1


def test_steady_state_reuses_the_token(platform):
    tokens = {service_token_get().value for _ in range(100)}

    assert len(tokens) == 1
    assert platform.counters().get("token", 0) == 1


def test_short_lived_tokens_are_refreshed_before_they_expire(short_sandbox):
    # given: 3-second tokens; when: 7 seconds of calls, each token used against the platform
    seen, statuses, expired_on_return = set(), [], 0
    deadline = time.monotonic() + 7
    with httpx.Client(base_url=short_sandbox, timeout=5) as client:
        while time.monotonic() < deadline:
            token = service_token_get()
            expired_on_return += token.expires_at.timestamp() <= time.time()
            seen.add(token.value)
            response = client.get(
                "/account/tenants", headers={"Authorization": f"Bearer {token.value}"}
            )
            statuses.append(response.status_code)
            time.sleep(0.1)
        counters = client.get("/_sandbox/state").json()["counters"]
    # then: never an expired or rejected token, and one refresh per ~1.5 s, not per call
    assert expired_on_return == 0
    assert set(statuses) == {200}
    assert 4 <= len(seen) <= 8
    assert counters.get("token", 0) == len(seen)


def test_advisory_window_failure_keeps_serving_and_spaces_retries(platform):
    # given: a token 5 minutes from expiry (advisory window) and a failing token endpoint
    _store_token(value="current-token", lifetime=3600, remaining=300)
    platform.control("faults", {"area": "token", "status": 503})
    # when
    values = {service_token_get().value for _ in range(20)}
    # then
    retry_at = store.failure_retry_at(key=store.store_key(generation="current"))
    assert values == {"current-token"}
    assert platform.counters().get("token", 0) == 1
    assert retry_at is not None
    assert retry_at - time.time() >= 29


def test_mandatory_window_callers_wait_for_one_refresh(platform):
    # given: a token 30 s from expiry and a slow token endpoint
    _store_token(value="expiring-token", lifetime=3600, remaining=30)
    platform.control("faults", {"area": "token", "latencyMs": 500, "count": 1})
    # when
    with ThreadPoolExecutor(max_workers=20) as pool:
        values = list(pool.map(lambda _: service_token_get().value, range(20)))
    # then
    assert len(set(values)) == 1
    assert values[0] != "expiring-token"
    assert platform.counters().get("token", 0) == 1


def test_endpoint_down_without_token_is_503_without_hot_loop(platform):
    platform.control("faults", {"area": "token", "status": 500})
    errors = []

    for _ in range(10):
        with pytest.raises(TokenEndpointUnavailableError) as caught:
            service_token_get()
        errors.append(caught.value)

    assert platform.counters().get("token", 0) == 1
    assert {error.http_status for error in errors} == {503}
    assert min(error.retry_after_seconds for error in errors) >= 28


def test_invalid_client_is_tried_at_most_once_a_minute(platform, settings):
    settings.JTL_CLIENT_SECRET = "not-the-secret"

    for _ in range(5):
        with pytest.raises(TokenEndpointUnavailableError) as caught:
            service_token_get()

    assert platform.counters().get("token", 0) == 1
    assert caught.value.retry_after_seconds >= 59
    assert "not-the-secret" not in repr(caught.value.extra)


def test_upstream_401_forces_exactly_one_refresh(platform):
    # given
    first = service_token_get().value
    # when: the upstream rejected it
    service_token_invalidate(token_value=first)
    second = service_token_get().value
    # and a late 401 with the old token arrives
    service_token_invalidate(token_value=first)
    third = service_token_get().value
    # then
    assert second != first
    assert third == second
    assert platform.counters().get("token", 0) == 2


def test_fifty_concurrent_401s_cause_one_refresh(platform):
    rejected = service_token_get().value

    def on_401(_: int) -> str:
        service_token_invalidate(token_value=rejected)
        return service_token_get().value

    with ThreadPoolExecutor(max_workers=50) as pool:
        retried_with = list(pool.map(on_401, range(50)))

    assert len(retried_with) == 50
    assert len(set(retried_with)) == 1
    assert retried_with[0] != rejected
    assert platform.counters().get("token", 0) == 2


@pytest.mark.parametrize(
    ("expires_in", "expected"),
    [
        (None, DEFAULT_LIFETIME_SECONDS),
        (0, DEFAULT_LIFETIME_SECONDS),
        (-60, DEFAULT_LIFETIME_SECONDS),
        ("soon", DEFAULT_LIFETIME_SECONDS),
        (True, DEFAULT_LIFETIME_SECONDS),
        (math.nan, DEFAULT_LIFETIME_SECONDS),
        (math.inf, DEFAULT_LIFETIME_SECONDS),
        (10 * 365 * 86400, MAX_LIFETIME_SECONDS),
        (3600, 3600),
        ("120", 120),
    ],
)
def test_expires_in_is_defaulted_and_capped(expires_in, expected):
    assert lifetime_normalize(expires_in) == expected


def test_legacy_generation_uses_the_ory_endpoint(platform):
    token = service_token_get(generation="legacy")

    assert token.generation == "legacy"
    assert token.value.startswith("ory_at_")
    assert token.value != service_token_get().value
    assert platform.counters().get("legacy_token", 0) == 1


def test_cached_token_is_encrypted_in_redis(platform):
    token = service_token_get()

    raw = redis_client().hgetall(store.store_key(generation="current"))

    assert raw[b"blob"][:6] == b"gAAAAA"
    assert all(token.value.encode() not in value for value in raw.values())
    assert all(token.value[-20:].encode() not in value for value in raw.values())


def test_unreadable_cached_token_is_replaced_not_used(platform, settings):
    # given: cached under a key that is then removed
    settings.JTL_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    first = service_token_get().value
    store.local_clear()
    # when
    settings.JTL_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    second = service_token_get().value
    # then
    assert second != first
    assert not second.startswith("gAAAAA")
    assert platform.counters().get("token", 0) == 2


def test_token_repr_is_masked(platform):
    token = service_token_get()

    assert isinstance(token, ServiceToken)
    assert token.value not in repr(token)
    assert token.value not in str(token)
    assert "***" in repr(token)


def test_refresh_task_service_is_a_noop_when_fresh(platform):
    service_token_get()

    outcomes = [service_token_refresh(), service_token_refresh()]

    assert outcomes == ["fresh", "fresh"]
    assert platform.counters().get("token", 0) == 1


def test_lock_of_a_killed_refresher_expires_and_the_next_caller_refreshes(platform):
    # given: a refresher died holding the lock (left to expire after 1 s)
    key = store.store_key(generation="current")
    redis_client().set(f"{key}:lock", "dead-process-token", px=1000)
    # when
    started = time.monotonic()
    token = service_token_get()
    # then
    assert 0.9 <= time.monotonic() - started < 3
    assert token.value
    assert platform.counters().get("token", 0) == 1


def test_a_slow_refresher_never_overwrites_a_newer_token():
    key = store.store_key(generation="current")
    now = time.time()
    newer = store.StoredToken(value="newer", issued_at=now, expires_at=now + 3600)
    older = store.StoredToken(value="older", issued_at=now - 5, expires_at=now + 3595)

    assert store.stored_write(key=key, token=newer) is True
    assert store.stored_write(key=key, token=older) is False
    assert store.stored_read(key=key).value == "newer"


@pytest.mark.parametrize(("lifetime", "usable"), [(300, 299.0), (3, 2.0), (1, 0.5)])
def test_the_second_a_whole_second_exp_may_lose_is_never_counted_as_usable(lifetime, usable):
    from jtlapp.gateway.service_token_fetch import usable_lifetime_seconds

    assert usable_lifetime_seconds(lifetime) == usable
