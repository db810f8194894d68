"""Reads of the core app: the health report behind ``/healthz``.

Each check runs in its own thread under one deadline, so a database or Redis that hangs turns
into a failed check within ``JTL_HEALTH_TIMEOUT_SECONDS`` instead of a hung request.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import redis
from django.conf import settings
from django.db import DatabaseError, connections

from jtlapp.core.redis import redis_client
from jtlapp.core.services import CELERY_HEARTBEAT_KEY

CELERY_HEARTBEAT_MAX_AGE_SECONDS = 60.0


@dataclass(frozen=True, kw_only=True)
class CheckResult:
    ok: bool
    detail: str
    latency_ms: float


@dataclass(frozen=True, kw_only=True)
class HealthReport:
    checks: dict[str, CheckResult]

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks.values())


def _database_check() -> str:
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    finally:
        connection.close()
    return "reachable"


def _redis_check() -> str:
    redis_client().ping()
    return "reachable"


def _celery_check() -> str:
    raw = redis_client().get(CELERY_HEARTBEAT_KEY)
    if raw is None:
        raise LookupError("no worker heartbeat yet")
    age = time.time() - float(raw)
    if age > CELERY_HEARTBEAT_MAX_AGE_SECONDS:
        raise LookupError(f"last worker heartbeat {age:.0f} s ago")
    return f"last heartbeat {age:.0f} s ago"


def _run_check(check: Callable[[], str], results: dict[str, CheckResult], name: str) -> None:
    started = time.monotonic()
    try:
        detail, ok = check(), True
    except (DatabaseError, redis.RedisError, LookupError, OSError) as exc:
        detail, ok = f"{type(exc).__name__}: {str(exc)[:200]}", False
    results[name] = CheckResult(
        ok=ok, detail=detail, latency_ms=round((time.monotonic() - started) * 1000, 1)
    )


def health_report() -> HealthReport:
    checks = {"database": _database_check, "redis": _redis_check, "celery": _celery_check}
    results: dict[str, CheckResult] = {}
    threads = [
        threading.Thread(target=_run_check, args=(check, results, name), daemon=True)
        for name, check in checks.items()
    ]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + settings.JTL_HEALTH_TIMEOUT_SECONDS
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    timeout_ms = settings.JTL_HEALTH_TIMEOUT_SECONDS * 1000
    return HealthReport(
        checks={
            name: results.get(
                name, CheckResult(ok=False, detail="timed out", latency_ms=timeout_ms)
            )
            for name in checks
        }
    )
