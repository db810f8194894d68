"""Writes of the core app."""

from __future__ import annotations

import time

from jtlapp.core.redis import redis_client

CELERY_HEARTBEAT_KEY = "jtlapp:celery:heartbeat"
CELERY_HEARTBEAT_TTL_SECONDS = 120


def celery_heartbeat_record() -> None:
    """Note that a worker just ran a task; ``/healthz`` reads the age of this mark."""
    redis_client().set(CELERY_HEARTBEAT_KEY, f"{time.time():.3f}", ex=CELERY_HEARTBEAT_TTL_SECONDS)
