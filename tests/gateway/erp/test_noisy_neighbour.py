"""A tenant whose ERP hangs cannot delay another tenant (issue: one gateway, bulkheaded).

Served by the real ASGI app on uvicorn: tenant A's Wawi accepts connections and never
answers; A floods the gateway while B calls on. B's calls all succeed while A's are still
hanging, and A's calls over its bulkhead are refused fast with 429 and ``Retry-After``. The
bounds below are functional (seconds, not milliseconds): the benchmark measures latency.
"""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from django.utils import timezone

from jtlapp.auth.verify import app_token_verify
from jtlapp.crypto import secret_encrypt
from jtlapp.gateway.erp.admission import admission_reset
from jtlapp.tenants.models import OnPremiseConnection, Tenant
from jtlapp.tenants.services import tenant_connect

TENANT_A = "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01"
TENANT_B = "3f9e2b7c-1d4a-4e8b-a6c5-9d0e1f2a3b02"
FLOOD = 30
BULKHEAD = 5


def _onpremise(tenant: Tenant, base_url: str) -> None:
    OnPremiseConnection.objects.create(
        tenant=tenant,
        base_url=base_url,
        app_id="noisy",
        app_version="1.0.0",
        api_key_encrypted=secret_encrypt(plaintext="wawi-api-key"),
        registered_at=timezone.now(),
    )
    tenant.connection = Tenant.Connection.ONPREMISE
    tenant.save()


@pytest.fixture
def tokens(platform, live_asgi, black_hole, settings):
    settings.JTL_ERP_TENANT_MAX_IN_FLIGHT = BULKHEAD
    settings.JTL_ERP_TENANT_QUEUE_SECONDS = 0.3
    settings.JTL_ERP_TENANT_RATE_PER_SECOND = 1000.0
    settings.JTL_ERP_TENANT_RATE_BURST = 1000
    for tenant_id in (TENANT_A, TENANT_B):
        admission_reset(tenant_id=tenant_id)
    tokens = {}
    for tenant_id in (TENANT_A, TENANT_B):
        token = platform.app_token(tenantId=tenant_id)
        tenant = tenant_connect(claims=app_token_verify(token=token))
        tokens[tenant_id] = token
        if tenant_id == TENANT_A:
            _onpremise(tenant, black_hole)
    yield tokens
    for tenant_id in (TENANT_A, TENANT_B):
        admission_reset(tenant_id=tenant_id)


async def _flood_and_call(
    url: str, tokens: dict[str, str]
) -> tuple[list[httpx.Response], list[float]]:
    headers_a = {"Authorization": f"Bearer {tokens[TENANT_A]}"}
    headers_b = {"Authorization": f"Bearer {tokens[TENANT_B]}"}
    limits = httpx.Limits(max_connections=FLOOD + 10)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:
        flood = [
            asyncio.create_task(client.get("/api/erp/v2/info", headers=headers_a))
            for _ in range(FLOOD)
        ]
        await asyncio.sleep(0.5)  # A's calls are in flight (or refused) now
        durations = []
        for _ in range(10):
            started = time.monotonic()
            response = await client.get("/api/erp/v2/info", headers=headers_b)
            durations.append(time.monotonic() - started)
            assert response.status_code == 200, response.content
        done, pending = await asyncio.wait(flood, timeout=2)
        answered = [task.result() for task in done]
        assert len(pending) >= BULKHEAD  # A's admitted calls still hang on its Wawi
        for task in pending:
            task.cancel()
        return answered, durations


def test_a_hanging_tenant_cannot_delay_another(live_asgi, tokens):
    # when: A floods a gateway whose ERP for A never answers, while B calls
    answered, durations = asyncio.run(_flood_and_call(live_asgi, tokens))

    # then: B was served throughout; A's overflow was refused with a wait to retry after
    assert max(durations) < 2.0
    refused = [r for r in answered if r.status_code == 429]
    assert len(refused) == FLOOD - BULKHEAD
    assert all(r.json()["extra"]["reason"] == "bulkhead" for r in refused)
    assert all(r.headers["Retry-After"] == "1" for r in refused)
