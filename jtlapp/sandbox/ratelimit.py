"""Fixed-window rate limit per tenant and endpoint, with JTL's ``X-RateLimit-*`` headers.

JTL sends ``X-RateLimit-Limit``, ``X-RateLimit-Remaining`` and
``X-RateLimit-Interval-Length-Seconds`` on every response and 429 once a window is used up;
limits are per endpoint (shared/jtl/platform.md §7.5). ``Retry-After`` is not documented for
the ERP API, so the sandbox does not send it either.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class RateLimitDecision:
    allowed: bool
    limit: int
    remaining: int
    interval_seconds: int

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Interval-Length-Seconds": str(self.interval_seconds),
        }


class RateLimiter:
    def __init__(self, *, limit: int, interval_seconds: int) -> None:
        self._lock = threading.Lock()
        self._windows: dict[tuple[str, str], tuple[int, int]] = {}
        self.limit = limit
        self.interval_seconds = interval_seconds

    def configure(self, *, limit: int, interval_seconds: int) -> None:
        with self._lock:
            self.limit, self.interval_seconds = limit, interval_seconds
            self._windows.clear()

    def hit(self, *, tenant_id: str, endpoint: str) -> RateLimitDecision:
        window = int(time.time() // self.interval_seconds)
        with self._lock:
            started, used = self._windows.get((tenant_id, endpoint), (window, 0))
            if started != window:
                used = 0
            allowed = used < self.limit
            if allowed:
                used += 1
            self._windows[(tenant_id, endpoint)] = (window, used)
            return RateLimitDecision(
                allowed=allowed,
                limit=self.limit,
                remaining=max(0, self.limit - used),
                interval_seconds=self.interval_seconds,
            )
