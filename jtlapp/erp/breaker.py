"""A circuit breaker per tenant, shared by every worker through Redis (security.md P8, case 75).

A tenant's ERP is the merchant's own Wawi behind JTL's tunnel, so "Wawi offline" is an
everyday state of one tenant, not of JTL: after ``threshold`` consecutive timeouts/5xx the
circuit opens for ``open_seconds`` and calls fail fast instead of each holding a worker for
the full deadline. Afterwards exactly one caller probes (half-open); its success closes the
circuit, its failure reopens it. Any answer below 500 (4xx included) counts as success.

If Redis itself fails, the breaker lets calls through: the deadline still bounds them.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass
from uuid import UUID

import redis

from jtlapp.core.redis import redis_client

logger = logging.getLogger(__name__)

KEY_PREFIX = "jtlapp:erp:breaker"
FAILURES_TTL_SECONDS = 300
"""Failures older than this are forgotten, so a few errors spread over hours never open it."""
STATE_TTL_SECONDS = 86_400


@dataclass(frozen=True, kw_only=True)
class BreakerDecision:
    allowed: bool
    is_probe: bool = False
    retry_after_seconds: int = 0


def _keys(tenant_id: UUID | str) -> tuple[str, str, str]:
    base = f"{KEY_PREFIX}:{tenant_id}"
    return f"{base}:failures", f"{base}:open-until", f"{base}:probe"


class CircuitBreaker:
    def __init__(
        self, *, tenant_id: UUID | str, threshold: int, open_seconds: float, probe_seconds: float
    ) -> None:
        self.tenant_id = tenant_id
        self.threshold = threshold
        self.open_seconds = open_seconds
        self.probe_seconds = probe_seconds
        self._failures, self._open_until, self._probe = _keys(tenant_id)

    def allow(self) -> BreakerDecision:
        """Closed: go. Open: fail fast. Open period over: one caller probes, others wait."""
        try:
            raw = redis_client().get(self._open_until)
            if raw is None:
                return BreakerDecision(allowed=True)
            remaining = float(raw) - time.time()
            if remaining > 0:
                return BreakerDecision(allowed=False, retry_after_seconds=math.ceil(remaining))
            probe_ms = max(1, int(self.probe_seconds * 1000))
            if redis_client().set(self._probe, "1", nx=True, px=probe_ms):
                return BreakerDecision(allowed=True, is_probe=True)
        except redis.RedisError:
            logger.warning("circuit breaker state unavailable (Redis); letting the call through")
            return BreakerDecision(allowed=True)
        return BreakerDecision(allowed=False, retry_after_seconds=math.ceil(self.probe_seconds))

    def record_success(self) -> None:
        try:
            redis_client().delete(self._failures, self._open_until, self._probe)
        except redis.RedisError:
            logger.warning("circuit breaker state unavailable (Redis); success not recorded")

    def record_failure(self) -> None:
        """Count one timeout/5xx; open (or reopen after a failed probe) at the threshold."""
        try:
            client = redis_client()
            with client.pipeline() as pipe:
                pipe.incr(self._failures)
                pipe.expire(self._failures, FAILURES_TTL_SECONDS)
                pipe.exists(self._open_until)
                failures, _, was_open = pipe.execute()
            if int(failures) >= self.threshold or was_open:
                self._open(client)
        except redis.RedisError:
            logger.warning("circuit breaker state unavailable (Redis); failure not recorded")

    def _open(self, client: redis.Redis) -> None:
        until = time.time() + self.open_seconds
        with client.pipeline() as pipe:
            pipe.set(self._open_until, repr(until), ex=STATE_TTL_SECONDS)
            pipe.delete(self._failures, self._probe)
            pipe.execute()
        logger.warning(
            "ERP circuit of tenant %s open for %.0f s after repeated failures",
            self.tenant_id,
            self.open_seconds,
        )


def breaker_reset(*, tenant_id: UUID | str) -> None:
    """Close a tenant's circuit now (operators after a fixed outage; tests)."""
    redis_client().delete(*_keys(tenant_id))
