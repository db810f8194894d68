"""Tenant isolation (security.md §8 H): no context leaks between threads, fair rate limits."""

import dataclasses
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from jtlapp.gateway.erp import ErpClient
from jtlapp.gateway.erp.errors import ErpRateLimitedError
from jtlapp.log_context import request_id_var
from tests.erp.test_client import FAST, TENANT_A, TENANT_B, connect, erp_calls, resilience_reset


@pytest.fixture(autouse=True)
def _clean_resilience_state():
    resilience_reset()
    yield
    resilience_reset()


@pytest.mark.django_db(transaction=True)
def test_case_79_two_tenants_clients_from_50_threads_never_mix(platform):
    # given
    wide = dataclasses.replace(FAST, tenant_max_in_flight=50)  # the bulkhead is not under test
    clients = {t: ErpClient(tenant=connect(platform, t), policy=wide) for t in (TENANT_A, TENANT_B)}
    platform.control("counters/reset")
    platform.control("rate-limit", {"limit": 100000})

    def call(index):
        tenant = (TENANT_A, TENANT_B)[index % 2]
        request_id = f"iso-{index}"
        token = request_id_var.set(request_id)  # what RequestIdMiddleware does per request
        try:
            response = clients[tenant].send(method="GET", path="v2/info")
        finally:
            request_id_var.reset(token)
            connections.close_all()
        return request_id, tenant, response.status

    # when
    with ThreadPoolExecutor(max_workers=50) as pool:
        sent = list(pool.map(call, range(400)))

    # then
    expected = {request_id: tenant for request_id, tenant, _ in sent}
    seen = {c["requestId"]: c["tenantHeader"] for c in erp_calls(platform)}
    assert {status for _, _, status in sent} == {200}
    assert seen == expected


@pytest.mark.django_db
def test_case_83_a_tenant_exhausting_its_limiter_does_not_starve_another(platform):
    # given
    tight = dataclasses.replace(FAST, rate_per_second=0.01, rate_burst=3)
    flooding = ErpClient(tenant=connect(platform, TENANT_A), policy=tight)
    other = ErpClient(tenant=connect(platform, TENANT_B), policy=tight)
    platform.control("counters/reset")
    for _ in range(3):
        flooding.send(method="GET", path="v2/info")

    # when
    with pytest.raises(ErpRateLimitedError) as caught:
        flooding.send(method="GET", path="v2/info")
    answer = other.send(method="GET", path="v2/info")

    # then
    assert caught.value.upstream_status is None
    assert caught.value.retry_after_seconds is not None
    assert caught.value.retry_after_seconds >= 1
    assert answer.status == 200
    assert [c["tenantHeader"] for c in erp_calls(platform)] == [TENANT_A] * 3 + [TENANT_B]
