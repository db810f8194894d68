"""How hard one ERP call tries: timeouts, deadline, retries, breaker and limiter knobs.

Numbers follow security.md §3.2 and §7: connect ≤ 3 s, read 20 s, 25 s overall per call so
a page's request never outlives the proxy's own timeout, at most 2 retries with full-jitter
backoff (AWS), only for idempotent methods. PUT and DELETE count as idempotent because
HTTP defines them so and JTL's v2 REST uses them only to replace/remove a named resource
(no JTL statement either way; security.md P7) — a POST or PATCH is never retried, since a
duplicated sales-order line or stock booking is worse than an error.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass

from django.conf import settings

from jtlapp.gateway.erp.errors import (
    ErpConnectionError,
    ErpError,
    ErpRateLimitedError,
    ErpUnavailableError,
)

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRY_STATUSES = frozenset({429, 502, 503, 504})


@dataclass(frozen=True, kw_only=True)
class ErpPolicy:
    """Every knob of one client; tests pass small values, production uses the defaults."""

    connect_timeout_seconds: float = 3.0
    read_timeout_seconds: float = 20.0
    deadline_seconds: float = 25.0
    max_retries: int = 2
    backoff_base_seconds: float = 0.2
    backoff_cap_seconds: float = 2.0
    min_attempt_seconds: float = 0.5
    """Do not start an attempt with less time than this left before the deadline."""
    breaker_threshold: int = 5
    breaker_open_seconds: float = 30.0
    rate_per_second: float = 10.0
    """Per tenant, shared by all workers; JTL publishes no limit per tenant (platform.md §7.5)."""
    rate_burst: int = 20
    tenant_max_in_flight: int = 10
    """Per tenant and process (the bulkhead); the rest queue briefly, then get 429."""
    tenant_queue_seconds: float = 0.5


DEFAULT_POLICY = ErpPolicy()


def erp_policy_default() -> ErpPolicy:
    """The defaults, with the per-tenant limiter tunable per deployment.

    JTL's limits differ between sandbox and production (platform.md §7.5).
    """
    return dataclasses.replace(
        DEFAULT_POLICY,
        rate_per_second=settings.JTL_ERP_TENANT_RATE_PER_SECOND,
        rate_burst=settings.JTL_ERP_TENANT_RATE_BURST,
        tenant_max_in_flight=settings.JTL_ERP_TENANT_MAX_IN_FLIGHT,
        tenant_queue_seconds=settings.JTL_ERP_TENANT_QUEUE_SECONDS,
    )


def backoff_seconds(*, policy: ErpPolicy, retry: int) -> float:
    """Full jitter: uniform in [0, min(cap, base * 2**retry)] so workers do not synchronise."""
    ceiling = min(policy.backoff_cap_seconds, policy.backoff_base_seconds * 2**retry)
    return random.uniform(0, ceiling)  # noqa: S311 - jitter, not a secret


def retry_wait(
    *, policy: ErpPolicy, method: str, error: ErpError, retry: int, remaining: float
) -> float | None:
    """Seconds to wait before retry number ``retry`` (0-based), or None to give up now."""
    if method not in IDEMPOTENT_METHODS or retry >= policy.max_retries:
        return None
    if isinstance(error, ErpRateLimitedError):
        if error.upstream_status is None:
            return None  # our own limiter: waiting here would let one tenant hold workers
        wait = float(error.retry_after_seconds or 0) or backoff_seconds(policy=policy, retry=retry)
    elif isinstance(error, ErpUnavailableError) and is_retryable_unavailable(error):
        wait = backoff_seconds(policy=policy, retry=retry)
    else:
        return None
    if wait + policy.min_attempt_seconds > remaining:
        return None
    return wait


def is_retryable_unavailable(error: ErpUnavailableError) -> bool:
    """502/503/504 and failures to connect; a timeout already used up most of the deadline."""
    if isinstance(error, ErpConnectionError):
        return True
    return error.upstream_status in RETRY_STATUSES
