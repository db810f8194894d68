"""Per-tenant admission to the ERP in one Redis round trip: rate limit, breaker, generation.

Both limits hold across every web process and worker because they live in Redis; both are
one hash per tenant, changed only by Lua scripts (atomic, on Redis's clock), called by their
SHA (redis-py's ``register_script``: ``EVALSHA``, loaded again only after a Redis restart).

- Token bucket (security.md P10): ``rate`` per second up to ``burst``; whether JTL's quota is
  per app or per tenant is undocumented, so each tenant gets its own bucket.
- Circuit breaker (P8): after ``threshold`` consecutive timeouts/5xx the circuit is open for
  ``open_seconds``; then exactly one caller probes (half-open) and its answer closes or
  reopens it. Failures older than ``FAILURE_MEMORY_SECONDS`` are forgotten.
- The tenant's generation (``tenant_ref``) comes back in the same answer.

If Redis fails, calls go through: JTL's own limits and our deadline still bound them.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import redis
import redis.asyncio
from django.conf import settings

from jtlapp.gateway.erp.tenant_ref import generation_key

logger = logging.getLogger(__name__)

KEY_PREFIX = "jtlapp:erp:admission"
FAILURE_MEMORY_SECONDS = 300
STATE_TTL_MS = 600_000

_ADMIT = """
local rate, burst, probe = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local s = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'open_until', 'probe_until', 'failures')
local generation = redis.call('GET', KEYS[2]) or '0'
local open_until = tonumber(s[3]) or 0
local is_probe = 0
if open_until > now then return {0, tostring(open_until - now), 'breaker', 0, generation, 0} end
if open_until > 0 then
  if (tonumber(s[4]) or 0) > now then return {0, tostring(probe), 'breaker', 0, generation, 0} end
  is_probe = 1
end
local tokens = tonumber(s[1]) or burst
local at = tonumber(s[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = (1 - tokens) / rate end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
if wait > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  return {0, tostring(wait), 'rate', 0, generation, 0}
end
if is_probe == 1 then redis.call('HSET', KEYS[1], 'probe_until', tostring(now + probe)) end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {1, '0', '', is_probe, generation, tonumber(s[5]) or 0}
"""

_FAILURE = """
local threshold, open_seconds, memory = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local s = redis.call('HMGET', KEYS[1], 'failures', 'failed_at', 'open_until')
local failures = tonumber(s[1]) or 0
if now - (tonumber(s[2]) or now) > memory then failures = 0 end
failures = failures + 1
local opened = 0
if failures >= threshold or (tonumber(s[3]) or 0) > 0 then
  redis.call('HSET', KEYS[1], 'open_until', tostring(now + open_seconds), 'probe_until', '0')
  redis.call('HDEL', KEYS[1], 'failures', 'failed_at')
  opened = 1
else
  redis.call('HSET', KEYS[1], 'failures', failures, 'failed_at', tostring(now))
end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return opened
"""


@dataclass(frozen=True, kw_only=True)
class Admission:
    allowed: bool
    reason: str = ""
    """``rate`` or ``breaker`` when refused."""
    retry_after_seconds: float = 0.0
    is_probe: bool = False
    generation: str | None = None
    """The tenant's generation; ``None`` when Redis did not answer."""
    failures: int = 0

    @property
    def needs_success_record(self) -> bool:
        """Only a probe or a tenant with failures on record writes after a success."""
        return self.is_probe or self.failures > 0


def admission_key(tenant_id: UUID | str) -> str:
    return f"{KEY_PREFIX}:{tenant_id}"


_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, tuple[Any, Any, Any]] = (
    weakref.WeakKeyDictionary()
)


def _scripts() -> tuple[Any, Any, Any]:
    """One async client per event loop (its connections belong to that loop)."""
    loop = asyncio.get_running_loop()
    entry = _clients.get(loop)
    if entry is None:
        client = redis.asyncio.Redis.from_url(
            settings.REDIS_URL,
            socket_connect_timeout=settings.JTL_HEALTH_TIMEOUT_SECONDS,
            socket_timeout=max(settings.JTL_HEALTH_TIMEOUT_SECONDS, 5.0),
        )
        entry = (client, client.register_script(_ADMIT), client.register_script(_FAILURE))
        _clients[loop] = entry
    return entry


async def admission_take(
    *, tenant_id: UUID, rate: float, burst: int, probe_seconds: float
) -> Admission:
    """One token and the breaker's word, in one round trip."""
    _, admit, _ = _scripts()
    try:
        raw = await admit(
            keys=[admission_key(tenant_id), generation_key(tenant_id)],
            args=[repr(rate), str(burst), repr(probe_seconds), str(STATE_TTL_MS)],
        )
    except redis.RedisError:
        logger.warning("ERP admission unavailable (Redis); letting the call through")
        return Admission(allowed=True)
    allowed, wait, reason, probe, generation, failures = raw
    return Admission(
        allowed=bool(int(allowed)),
        reason=reason.decode() if isinstance(reason, bytes) else str(reason),
        retry_after_seconds=float(wait),
        is_probe=bool(int(probe)),
        generation=generation.decode() if isinstance(generation, bytes) else str(generation),
        failures=int(failures),
    )


async def admission_failure_record(*, tenant_id: UUID, threshold: int, open_seconds: float) -> bool:
    """A timeout or 5xx; opens (or, after a failed probe, reopens) the circuit at the threshold.

    Returns whether this failure opened the circuit.
    """
    _, _, failure = _scripts()
    try:
        opened = await failure(
            keys=[admission_key(tenant_id)],
            args=[str(threshold), repr(open_seconds), str(FAILURE_MEMORY_SECONDS), STATE_TTL_MS],
        )
    except redis.RedisError:
        logger.warning("ERP breaker unavailable (Redis); failure not recorded")
        return False
    if int(opened):
        logger.warning(
            "ERP circuit of tenant %s open for %.0f s after repeated failures",
            tenant_id,
            open_seconds,
        )
    return bool(int(opened))


async def admission_success_record(*, tenant_id: UUID) -> None:
    client, _, _ = _scripts()
    try:
        await client.hdel(
            admission_key(tenant_id), "failures", "failed_at", "open_until", "probe_until"
        )
    except redis.RedisError:
        logger.warning("ERP breaker unavailable (Redis); success not recorded")


def admission_reset(*, tenant_id: UUID | str) -> None:
    """Refill the bucket and close the circuit now (operators after an outage; tests)."""
    from jtlapp.core.redis import redis_client  # noqa: PLC0415 - sync callers only

    redis_client().delete(admission_key(tenant_id))


def admission_take_sync(*, tenant_id: UUID, rate: float, burst: int) -> Admission:
    """``admission_take`` for sync callers (commands, tests)."""
    from jtlapp.gateway.sync import gateway_run  # noqa: PLC0415 - sync callers only

    return gateway_run(
        admission_take(tenant_id=tenant_id, rate=rate, burst=burst, probe_seconds=30.0)
    )
