"""The tenant as the gateway needs it, resolved without a database query on every call.

A ``TenantRef`` is a frozen snapshot (state, connection, the OnPremise endpoint) cached per
process with the tenant's *generation*, a counter in Redis that every committed change of a
tenant or its OnPremise connection increments (``tenant_generation_bump``, from the models'
signals). The ERP admission script returns the current generation in the same round trip it
already makes, so a stale snapshot is noticed on the very next call and reloaded: no TTL, no
extra round trip. Without Redis every call reads the database again (safe, slower).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from uuid import UUID

import redis

from jtlapp.core.redis import redis_client
from jtlapp.gateway.sync import gateway_thread
from jtlapp.tenants.models import OnPremiseConnection, Tenant

logger = logging.getLogger(__name__)

GENERATION_PREFIX = "jtlapp:tenant:generation"
CACHE_SIZE = 20_000


@dataclass(frozen=True, kw_only=True)
class OnPremiseRef:
    base_url: str
    app_id: str
    app_version: str
    api_version: str
    api_key_encrypted: str = field(repr=False)


@dataclass(frozen=True, kw_only=True)
class TenantRef:
    tenant_id: UUID
    state: str
    connection: str
    onpremise: OnPremiseRef | None = None
    generation: str | None = None
    """``None``: not known (Redis down); such a snapshot is never trusted from the cache."""

    @property
    def is_active(self) -> bool:
        return self.state == Tenant.State.ACTIVE


_cache: OrderedDict[UUID, TenantRef] = OrderedDict()
_cache_lock = threading.Lock()
"""Loads write from pool threads while the loop reads; reads stay lock-free (single ops)."""


def generation_key(tenant_id: UUID | str) -> str:
    return f"{GENERATION_PREFIX}:{tenant_id}"


def tenant_generation_bump(*, tenant_id: UUID | str) -> None:
    """After a committed change: every process reloads the tenant on its next ERP call."""
    with _cache_lock:
        _cache.pop(UUID(str(tenant_id)), None)
    try:
        redis_client().incr(generation_key(tenant_id))
    except redis.RedisError:
        logger.warning("tenant %s changed but Redis is unavailable; caches re-read", tenant_id)


def tenant_ref_of(tenant: Tenant, *, generation: str | None = None) -> TenantRef:
    """A snapshot of a loaded row (sync callers that already hold one)."""
    onpremise = None
    if tenant.connection == Tenant.Connection.ONPREMISE:
        row = OnPremiseConnection.objects.filter(tenant_id=tenant.tenant_id).first()
        if row is not None:
            onpremise = OnPremiseRef(
                base_url=row.base_url,
                app_id=row.app_id,
                app_version=row.app_version,
                api_version=row.api_version,
                api_key_encrypted=row.api_key_encrypted,
            )
    return TenantRef(
        tenant_id=tenant.tenant_id,
        state=tenant.state,
        connection=tenant.connection,
        onpremise=onpremise,
        generation=generation,
    )


def tenant_ref_load(*, tenant_id: UUID) -> TenantRef | None:
    """From the database, dated by the generation read *before* the row.

    A change after that read bumps the counter, so the snapshot can only look older than it
    is, never newer.
    """
    try:
        raw = redis_client().get(generation_key(tenant_id))
        generation: str | None = raw.decode() if isinstance(raw, bytes) else "0"
    except redis.RedisError:
        generation = None
    tenant = Tenant.objects.filter(tenant_id=tenant_id).first()
    if tenant is None:
        return None
    ref = tenant_ref_of(tenant, generation=generation)
    if generation is not None:
        with _cache_lock:
            _cache[tenant_id] = ref
            _cache.move_to_end(tenant_id)
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    return ref


def tenant_ref_cached(*, tenant_id: UUID) -> TenantRef | None:
    return _cache.get(tenant_id)


async def tenant_ref_get_async(*, tenant_id: UUID) -> TenantRef | None:
    """The cached snapshot (no I/O) or one loaded in a worker thread."""
    cached = _cache.get(tenant_id)
    if cached is not None:
        return cached
    return await gateway_thread(tenant_ref_load, tenant_id=tenant_id)


async def tenant_ref_reload_async(*, tenant_id: UUID) -> TenantRef | None:
    with _cache_lock:
        _cache.pop(tenant_id, None)
    return await gateway_thread(tenant_ref_load, tenant_id=tenant_id)
