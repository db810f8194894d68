"""The process's Redis client: one connection pool, bounded timeouts, never an endless hang."""

from __future__ import annotations

from functools import cache

import redis
from django.conf import settings


@cache
def redis_client() -> redis.Redis:
    timeout = settings.JTL_HEALTH_TIMEOUT_SECONDS
    return redis.Redis.from_url(
        settings.REDIS_URL,
        socket_connect_timeout=timeout,
        socket_timeout=max(timeout, 5.0),
        health_check_interval=30,
    )
