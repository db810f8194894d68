"""What we keep about a tenant in Redis: the credential lock, and forgetting all of it.

Every per-tenant key is named ``jtlapp:<area>:<tenant id>...`` (credential lock, ERP
admission: rate bucket and circuit breaker), so an uninstall or purge can drop a tenant's keys
without knowing each area. The service-account token is app-wide and not touched here.
"""

from __future__ import annotations

import logging
from uuid import UUID

import redis
from redis.exceptions import LockError

from jtlapp.core.redis import redis_client

logger = logging.getLogger(__name__)

LOCK_TIMEOUT_SECONDS = 30
LOCK_WAIT_SECONDS = 5
AREAS = ("tenant_credential", "erp:admission", "tenant:presence-confirm")
"""Areas whose keys carry a tenant id right after the area name. The tenant's generation
(``jtlapp:tenant:generation:<id>``) stays: removing it could make a stale snapshot look
current to another process."""


def tenant_credential_lock(*, tenant_id: UUID) -> redis.lock.Lock:
    lock: redis.lock.Lock = redis_client().lock(
        f"jtlapp:tenant_credential:{tenant_id}:lock",
        timeout=LOCK_TIMEOUT_SECONDS,
        blocking_timeout=LOCK_WAIT_SECONDS,
    )
    return lock


def lock_acquire(lock: redis.lock.Lock) -> bool | None:
    """True/False as the lock says; None if Redis is down (refresh unlocked, CAS protects)."""
    try:
        return bool(lock.acquire())
    except redis.RedisError:
        logger.warning("Redis unavailable for the credential lock; refreshing without it")
        return None


def lock_release(lock: redis.lock.Lock) -> None:
    try:
        lock.release()
    except (LockError, redis.RedisError):
        logger.warning("credential lock expired or unreachable at release")


def tenant_redis_keys(*, tenant_id: UUID) -> list[str]:
    """The tenant's keys now present (SCAN by area; uninstall and purge are rare)."""
    client = redis_client()
    keys: list[str] = []
    for area in AREAS:
        for pattern in (f"jtlapp:{area}:{tenant_id}", f"jtlapp:{area}:{tenant_id}:*"):
            keys.extend(key.decode() for key in client.scan_iter(match=pattern, count=1000))
    return keys


def tenant_redis_state_delete(*, tenant_id: UUID) -> int:
    """Forget the tenant's Redis keys; a Redis outage only logs (the keys all expire)."""
    try:
        keys = tenant_redis_keys(tenant_id=tenant_id)
        deleted = int(redis_client().delete(*keys)) if keys else 0
    except redis.RedisError:
        logger.warning("Redis unavailable: tenant %s keys left to expire", tenant_id)
        return 0
    return deleted
