"""The per-tenant bulkhead: bounded calls in flight, a short queue, then 429 with a wait."""

from __future__ import annotations

import asyncio
from uuid import UUID

import pytest

from jtlapp.gateway.erp.bulkhead import bulkhead_in_flight, bulkhead_slot
from jtlapp.gateway.erp.errors import ErpRateLimitedError

A = UUID("8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01")
B = UUID("3f9e2b7c-1d4a-4e8b-a6c5-9d0e1f2a3b02")


async def _hold(tenant: UUID, release: asyncio.Event, limit: int = 2) -> None:
    async with bulkhead_slot(tenant_id=tenant, limit=limit, queue_seconds=0.1):
        await release.wait()


def test_a_full_bulkhead_refuses_its_tenant_and_not_another():
    async def scenario() -> tuple[BaseException | None, int, int]:
        release = asyncio.Event()
        holders = [asyncio.create_task(_hold(A, release)) for _ in range(2)]
        await asyncio.sleep(0)
        refused: BaseException | None = None
        try:
            await _hold(A, asyncio.Event())
        except ErpRateLimitedError as exc:
            refused = exc
        async with bulkhead_slot(tenant_id=B, limit=2, queue_seconds=0.1):
            other = bulkhead_in_flight(tenant_id=B)
        full = bulkhead_in_flight(tenant_id=A)
        release.set()
        await asyncio.gather(*holders)
        return refused, full, other

    refused, full, other = asyncio.run(scenario())

    assert isinstance(refused, ErpRateLimitedError)
    assert (refused.reason, refused.retry_after_seconds) == ("bulkhead", 1)
    assert (full, other) == (2, 1)


def test_a_queued_call_gets_the_next_free_slot_in_order():
    async def scenario() -> list[int]:
        order: list[int] = []
        release = asyncio.Event()
        holder = asyncio.create_task(_hold(A, release, limit=1))
        await asyncio.sleep(0)

        async def queued(number: int) -> None:
            async with bulkhead_slot(tenant_id=A, limit=1, queue_seconds=2):
                order.append(number)

        waiting = [asyncio.create_task(queued(n)) for n in range(3)]
        await asyncio.sleep(0.05)
        release.set()
        await asyncio.gather(holder, *waiting)
        return [*order, bulkhead_in_flight(tenant_id=A)]

    assert asyncio.run(scenario()) == [0, 1, 2, 0]


@pytest.mark.parametrize("failure", [ValueError, asyncio.CancelledError])
def test_a_failing_call_gives_its_slot_back(failure):
    async def scenario() -> int:
        with pytest.raises(failure):
            async with bulkhead_slot(tenant_id=A, limit=1, queue_seconds=0.1):
                raise failure
        async with bulkhead_slot(tenant_id=A, limit=1, queue_seconds=0.1):
            return bulkhead_in_flight(tenant_id=A)

    assert asyncio.run(scenario()) == 1
