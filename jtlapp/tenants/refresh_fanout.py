"""Refreshing every due tenant token within one refresh-ahead window, at any tenant count.

One message per tenant did not scale: 10 000 sends took 31 s and, queued behind each other
with a 240 s expiry, 4 270 of them were discarded. So the beat task sends one message per
``REFRESH_BATCH_SIZE`` tenants (500 messages for 100 000 tenants), and each batch refreshes
its tenants on ``REFRESH_BATCH_THREADS`` threads, since a refresh is one HTTP call that waits
on JTL. Batch messages never expire (a refresh of a token that is no longer due is a cheap
"fresh"), and a tenant is queued at most once per window: a Redis mark per tenant, set when
it is sent and cleared when its batch is done, keeps later beat runs from queueing it again
while a backlog drains. A mark of a lost message runs out after the window.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from uuid import UUID

import redis
from django.db import connection

from jtlapp.core.redis import redis_client
from jtlapp.gateway.http import OutboundUnavailableError
from jtlapp.gateway.service_token import TokenEndpointUnavailableError
from jtlapp.tenants.credentials import (
    REFRESH_AHEAD_SECONDS,
    tenant_credential_refresh,
    tenant_credentials_due,
)

logger = logging.getLogger(__name__)

REFRESH_BATCH_SIZE = 200
REFRESH_BATCH_THREADS = 8
QUEUED_KEY_PREFIX = "jtlapp:tenants:refresh-queued:"
_READ_CHUNK = 2000


def tenant_refresh_fan_out(
    *, send: Callable[[list[str]], object], batch_size: int = REFRESH_BATCH_SIZE
) -> int:
    """Send every due, not yet queued tenant in batches; the number of tenants sent."""
    sent = 0
    for batch in _batches(_due_tenant_ids(), size=batch_size):
        fresh = _queued_mark(batch)
        if fresh:
            send(fresh)
            sent += len(fresh)
    return sent


def tenant_refresh_batch(*, tenant_ids: list[str]) -> dict[str, int]:
    """Refresh a batch on a few threads; outcomes counted. Marks are cleared in any case."""
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()
    slices = [tenant_ids[i::REFRESH_BATCH_THREADS] for i in range(REFRESH_BATCH_THREADS)]
    threads = [
        threading.Thread(target=_refresh_slice, args=(part, outcomes, lock), daemon=True)
        for part in slices
        if part
    ]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        _queued_clear(tenant_ids)
    return dict(outcomes)


def _refresh_slice(tenant_ids: list[str], outcomes: Counter[str], lock: threading.Lock) -> None:
    """One thread's share; a JTL outage leaves the tenant due for the next beat run."""
    try:
        for tenant_id in tenant_ids:
            try:
                outcome: str = tenant_credential_refresh(tenant_id=UUID(tenant_id))
            except (OutboundUnavailableError, TokenEndpointUnavailableError):
                outcome = "unavailable"
            except Exception:  # noqa: BLE001 - one tenant's failure must not stop the batch
                logger.exception("refreshing tenant %s failed", tenant_id)
                outcome = "error"
            with lock:
                outcomes[outcome] += 1
    finally:
        connection.close()  # this thread's own database connection


def _due_tenant_ids() -> Iterator[str]:
    rows = tenant_credentials_due().values_list("tenant_id", flat=True)
    for tenant_id in rows.iterator(chunk_size=_READ_CHUNK):
        yield str(tenant_id)


def _batches(items: Iterable[str], *, size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _queued_mark(tenant_ids: list[str]) -> list[str]:
    """The ids not queued yet, now marked; without Redis all of them (refresh is idempotent)."""
    try:
        pipeline = redis_client().pipeline(transaction=False)
        for tenant_id in tenant_ids:
            pipeline.set(f"{QUEUED_KEY_PREFIX}{tenant_id}", "1", nx=True, ex=REFRESH_AHEAD_SECONDS)
        claimed = pipeline.execute()
    except redis.RedisError:
        return tenant_ids
    return [tenant_id for tenant_id, ok in zip(tenant_ids, claimed, strict=True) if ok]


def _queued_clear(tenant_ids: list[str]) -> None:
    try:
        redis_client().delete(*(f"{QUEUED_KEY_PREFIX}{tenant_id}" for tenant_id in tenant_ids))
    except redis.RedisError:
        logger.warning("could not clear refresh marks; they run out after the window")
