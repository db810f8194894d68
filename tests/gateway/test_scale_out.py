"""Per-tenant limits hold across processes: two app servers and two workers, one Redis and DB.

The app servers are real uvicorn processes serving ``jtlapp.asgi`` on the test database; the
workers are real Celery processes. What must hold per tenant across all of them: the rate
limit, the circuit breaker, a tenant's state, the key cache and the single-flight refresh of
the service token.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from jtlapp.auth.keys import keys_cache_clear
from jtlapp.auth.verify import app_token_verify
from jtlapp.core.redis import redis_client
from jtlapp.gateway import service_token_store as store
from jtlapp.gateway.erp.admission import admission_reset
from jtlapp.gateway.service_token import service_token_get
from jtlapp.tenants.services import tenant_connect, tenant_suspend
from tests.conftest import REPO, _test_database_url, free_port, wait_for

TENANT = "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01"


def _env(**extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": _test_database_url(),
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra,
    }


@pytest.fixture
def app_servers(transactional_db, platform) -> Iterator[list[str]]:
    """Two app servers with a tight per-tenant rate limit (6 calls, then 0.001/s)."""
    admission_reset(tenant_id=TENANT)
    keys_cache_clear()
    env = _env(JTL_ERP_TENANT_RATE_PER_SECOND="0.001", JTL_ERP_TENANT_RATE_BURST="6")
    ports = [free_port(), free_port()]
    command = [sys.executable, "-m", "uvicorn", "jtlapp.asgi:application", "--lifespan", "off"]
    servers = [
        subprocess.Popen(
            [*command, "--port", str(port), "--log-level", "warning"], cwd=REPO, env=env
        )  # noqa: E501
        for port in ports
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url in urls:
            wait_for(lambda u=url: _up(u), timeout=60, message=f"app server {url}")
        yield urls
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=20)
        admission_reset(tenant_id=TENANT)


def _up(url: str) -> bool:
    try:
        return httpx.get(f"{url}/api/tenant", timeout=2).status_code == 401
    except httpx.HTTPError:
        return False


def _info(url: str, token: str) -> httpx.Response:
    return httpx.get(
        f"{url}/api/erp/v2/info", headers={"Authorization": f"Bearer {token}"}, timeout=30
    )


def test_rate_limit_breaker_state_and_key_cache_hold_across_app_servers(app_servers, platform):
    # given: one tenant, two app servers that have not fetched keys yet
    token = platform.app_token(tenantId=TENANT)
    tenant = tenant_connect(claims=app_token_verify(token=token))
    keys_cache_clear()
    platform.control("counters/reset")

    # when: ten calls alternate between the servers
    statuses = [_info(app_servers[i % 2], token).status_code for i in range(10)]

    # then: the tenant's burst of 6 is shared, and the keys were fetched once for both
    assert statuses.count(200) == 6
    assert statuses.count(429) == 4
    assert platform.counters().get("keys", 0) <= 1

    # when: the tenant is suspended here (a third process)
    admission_reset(tenant_id=TENANT)
    tenant_suspend(tenant_id=tenant.tenant_id)

    # then: both servers refuse it on their very next call
    refused = [_info(url, token) for url in app_servers]
    assert [r.json()["code"] for r in refused] == ["tenant_not_active"] * 2


def test_the_circuit_opened_through_one_server_is_open_on_the_other(app_servers, platform):
    token = platform.app_token(tenantId=TENANT)
    tenant_connect(claims=app_token_verify(token=token))
    platform.control("faults", {"area": "erp", "status": 500})

    # five failures through the first server open the tenant's circuit (threshold 5)...
    first = [_info(app_servers[0], token).status_code for _ in range(5)]
    platform.control("counters/reset")
    # ...and the second server fails fast without calling JTL
    second = _info(app_servers[1], token)

    assert first == [502] * 5
    assert second.status_code == 502
    assert int(second.headers["Retry-After"]) > 0
    assert platform.counters().get("erp", 0) == 0


@pytest.fixture
def two_workers(transactional_db) -> Iterator[str]:
    queue = f"scale-out-{os.getpid()}-{time.monotonic_ns()}"
    env = _env(JTL_TEST_CELERY_QUEUE=queue)
    command = [sys.executable, "-m", "celery", "-A", "jtlapp", "worker", "--pool", "solo"]
    names = [f"{queue}-{n}@localhost" for n in (1, 2)]
    workers = [
        subprocess.Popen(
            [*command, "--loglevel", "WARNING", "--hostname", name, "--queues", queue],
            cwd=REPO,
            env=env,
        )
        for name in names
    ]
    from jtlapp.celery import app

    try:
        wait_for(
            lambda: len(app.control.ping(destination=names, timeout=0.5) or []) == 2,
            timeout=60,
            message="two Celery workers",
        )
        yield queue
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=20)


def test_two_workers_refresh_the_service_token_once(two_workers, platform):
    from jtlapp.tenants.tasks import service_token_refresh_task

    # given: no service token anywhere
    service_token_get()  # the suite's own copy, then forget the shared one
    redis_client().delete(store.store_key(generation="current"))
    platform.control("counters/reset")

    # when: both workers are told to refresh at the same moment
    results = [service_token_refresh_task.apply_async(queue=two_workers) for _ in range(4)]
    wait_for(
        lambda: store.stored_read(key=store.store_key(generation="current")) is not None,
        timeout=30,
        message="a refreshed token",
    )
    time.sleep(1.0)  # let the other tasks run and see it

    # then: the token endpoint was asked once
    assert platform.counters().get("token", 0) == 1
    assert len(results) == 4
