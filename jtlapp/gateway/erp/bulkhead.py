"""A per-tenant bulkhead: at most N calls of one tenant in flight per process.

The event loop holds no thread per call, so a hanging ERP costs memory and sockets, not
capacity; still, without a bound one tenant's hanging Wawi could collect every connection of
the pool and every file descriptor. Each tenant therefore gets ``limit`` slots per process;
a call over it waits up to ``queue_seconds`` for a slot (smoothing short bursts) and is then
refused with 429 and ``Retry-After``, so other tenants never wait behind it. Per process on
purpose: the shared (cluster-wide) limit is the rate limit in ``admission``.
"""

from __future__ import annotations

import asyncio
import math
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from uuid import UUID

from jtlapp.gateway.erp.errors import ErpRateLimitedError


@dataclass
class _Slots:
    limit: int
    in_flight: int = 0
    waiters: list[asyncio.Future[None]] = field(default_factory=list)


_per_loop: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[UUID, _Slots]] = (
    weakref.WeakKeyDictionary()
)


def _slots(tenant_id: UUID, limit: int) -> tuple[dict[UUID, _Slots], _Slots]:
    table = _per_loop.setdefault(asyncio.get_running_loop(), {})
    slots = table.get(tenant_id)
    if slots is None:
        slots = table[tenant_id] = _Slots(limit=limit)
    return table, slots


def bulkhead_in_flight(*, tenant_id: UUID) -> int:
    """Calls of the tenant in flight on this loop now (metrics, tests)."""
    table = _per_loop.get(asyncio.get_running_loop(), {})
    slots = table.get(tenant_id)
    return slots.in_flight if slots else 0


@asynccontextmanager
async def bulkhead_slot(
    *, tenant_id: UUID, limit: int, queue_seconds: float
) -> AsyncIterator[None]:
    """Hold one of the tenant's slots for the duration of the block."""
    table, slots = _slots(tenant_id, limit)
    if slots.in_flight >= slots.limit:
        await _wait(slots, queue_seconds=queue_seconds)
    else:
        slots.in_flight += 1
    try:
        yield
    finally:
        _release(table, tenant_id, slots)


async def _wait(slots: _Slots, *, queue_seconds: float) -> None:
    waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    slots.waiters.append(waiter)
    try:
        await asyncio.wait_for(asyncio.shield(waiter), timeout=queue_seconds)
    except TimeoutError:
        if waiter.done():  # handed a slot just as the wait ran out: keep it
            return
        waiter.cancel()
        raise ErpRateLimitedError(
            "Too many of this tenant's ERP calls are in flight; try again shortly.",
            retry_after_seconds=max(1, math.ceil(queue_seconds)),
            reason="bulkhead",
        ) from None
    finally:
        if waiter in slots.waiters:
            slots.waiters.remove(waiter)


def _release(table: dict[UUID, _Slots], tenant_id: UUID, slots: _Slots) -> None:
    """Hand the slot straight to the next live waiter (FIFO), or give it back."""
    while slots.waiters:
        waiter = slots.waiters.pop(0)
        if not waiter.done():
            waiter.set_result(None)
            return
    slots.in_flight -= 1
    if slots.in_flight == 0 and table.get(tenant_id) is slots:
        del table[tenant_id]
