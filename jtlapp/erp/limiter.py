"""A token bucket per tenant in Redis, shared by all workers (security.md P10, case 83).

Whether JTL's quota is per app or per tenant is undocumented; if it is per app, one
merchant's burst would 429 everybody. Each tenant therefore gets its own bucket, refilled at
``rate_per_second`` up to ``burst`` requests; a refused call raises before any upstream
request, with the wait until the next token. The bucket lives in one Lua script so the
check and the take are atomic across processes, on Redis's clock.

If Redis fails, calls go through: JTL's own limit still applies.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from uuid import UUID

import redis

from jtlapp.core.redis import redis_client

logger = logging.getLogger(__name__)

KEY_PREFIX = "jtlapp:erp:bucket"

_TAKE = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = (1 - tokens) / rate end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return tostring(wait)
"""


@dataclass(frozen=True, kw_only=True)
class LimitDecision:
    allowed: bool
    retry_after_seconds: int = 0


def _key(tenant_id: UUID | str) -> str:
    return f"{KEY_PREFIX}:{tenant_id}"


class TenantRateLimiter:
    def __init__(self, *, tenant_id: UUID | str, rate_per_second: float, burst: int) -> None:
        self.tenant_id = tenant_id
        self.rate_per_second = rate_per_second
        self.burst = burst

    def take(self) -> LimitDecision:
        """Take one token, or say how long until one is there."""
        try:
            raw = redis_client().eval(
                _TAKE, 1, _key(self.tenant_id), repr(self.rate_per_second), str(self.burst)
            )
        except redis.RedisError:
            logger.warning("ERP rate limiter unavailable (Redis); letting the call through")
            return LimitDecision(allowed=True)
        wait = float(raw)
        if wait <= 0:
            return LimitDecision(allowed=True)
        return LimitDecision(allowed=False, retry_after_seconds=max(1, math.ceil(wait)))


def rate_limit_reset(*, tenant_id: UUID | str) -> None:
    """Refill a tenant's bucket now (tests; operators after changing limits)."""
    redis_client().delete(_key(tenant_id))
