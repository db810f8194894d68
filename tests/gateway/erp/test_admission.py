"""Limiter, breaker and tenant generation in one Redis round trip, shared by every process."""

from __future__ import annotations

import asyncio
from uuid import UUID

import pytest
import redis.asyncio.connection

from jtlapp.core.redis import redis_client
from jtlapp.gateway.erp.admission import (
    Admission,
    admission_failure_record,
    admission_reset,
    admission_success_record,
    admission_take,
)
from jtlapp.gateway.erp.tenant_ref import generation_key

TENANT = UUID("8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01")


@pytest.fixture(autouse=True)
def _clean():
    admission_reset(tenant_id=TENANT)
    yield
    admission_reset(tenant_id=TENANT)


def _take(*, rate: float = 1000.0, burst: int = 1000) -> Admission:
    return asyncio.run(admission_take(tenant_id=TENANT, rate=rate, burst=burst, probe_seconds=30))


def test_an_admission_is_one_round_trip(monkeypatch):
    """Counted where redis-py writes to the socket: one write, one ``EVALSHA``."""
    sent: list[bytes] = []
    original = redis.asyncio.connection.AbstractConnection.send_packed_command

    async def counting(self, command, check_health=True):
        packed = command if isinstance(command, bytes) else b"".join(command)
        sent.append(packed)
        return await original(self, command, check_health)

    async def scenario() -> bool:
        await admission_take(tenant_id=TENANT, rate=1000, burst=1000, probe_seconds=30)
        monkeypatch.setattr(
            redis.asyncio.connection.AbstractConnection, "send_packed_command", counting
        )
        admission = await admission_take(tenant_id=TENANT, rate=1000, burst=1000, probe_seconds=30)
        return admission.allowed

    assert asyncio.run(scenario())
    assert len(sent) == 1
    assert b"EVALSHA" in sent[0]


def test_the_bucket_refuses_with_the_wait_until_the_next_token():
    decisions = [_take(rate=0.5, burst=3) for _ in range(4)]

    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert decisions[-1].reason == "rate"
    assert 1.0 < decisions[-1].retry_after_seconds <= 2.0


def test_the_admission_carries_the_tenants_generation():
    redis_client().set(generation_key(TENANT), "7")
    try:
        assert _take().generation == "7"
    finally:
        redis_client().delete(generation_key(TENANT))


def test_the_breaker_opens_at_the_threshold_and_one_probe_closes_it():
    async def scenario() -> list[Admission]:
        seen = []
        for _ in range(3):
            await admission_failure_record(tenant_id=TENANT, threshold=3, open_seconds=0.2)
        seen.append(await admission_take(tenant_id=TENANT, rate=1000, burst=1000, probe_seconds=5))
        await asyncio.sleep(0.3)
        probe = await admission_take(tenant_id=TENANT, rate=1000, burst=1000, probe_seconds=5)
        other = await admission_take(tenant_id=TENANT, rate=1000, burst=1000, probe_seconds=5)
        await admission_success_record(tenant_id=TENANT)
        after = await admission_take(tenant_id=TENANT, rate=1000, burst=1000, probe_seconds=5)
        return [*seen, probe, other, after]

    opened, probe, other, after = asyncio.run(scenario())

    assert (opened.allowed, opened.reason) == (False, "breaker")
    assert (probe.allowed, probe.is_probe) == (True, True)
    assert (other.allowed, other.reason) == (False, "breaker")
    assert (after.allowed, after.is_probe, after.failures) == (True, False, 0)


def test_a_failed_probe_reopens_the_circuit():
    async def scenario() -> Admission:
        for _ in range(2):
            await admission_failure_record(tenant_id=TENANT, threshold=2, open_seconds=0.1)
        await asyncio.sleep(0.15)
        await admission_take(tenant_id=TENANT, rate=1000, burst=1000, probe_seconds=5)
        await admission_failure_record(tenant_id=TENANT, threshold=2, open_seconds=30)
        return await admission_take(tenant_id=TENANT, rate=1000, burst=1000, probe_seconds=5)

    reopened = asyncio.run(scenario())

    assert (reopened.allowed, reopened.reason) == (False, "breaker")
    assert reopened.retry_after_seconds > 20
