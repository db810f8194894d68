"""Reads of the core app: the health reports behind ``/healthz/ready`` and ``/healthz/worker``.

Web readiness and worker health are separate questions. The web serves requests as long as
the database answers (Redis is a cache and broker it degrades without), so only the database
decides readiness; Redis is reported. The workers' health is their own heartbeat (a thread,
``jtlapp.core.heartbeat``, so a backlog does not make a busy worker look dead) and beat's.
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

from jtlapp.core.heartbeat import BEAT_KEY, HEARTBEAT_MAX_AGE_SECONDS, WORKER_KEY_PREFIX
from jtlapp.core.redis import redis_client

CELERY_HEARTBEAT_MAX_AGE_SECONDS = HEARTBEAT_MAX_AGE_SECONDS


@dataclass(frozen=True, kw_only=True)
class CheckResult:
    ok: bool
    detail: str
    latency_ms: float


@dataclass(frozen=True, kw_only=True)
class HealthReport:
    checks: dict[str, CheckResult]
    required: frozenset[str] | None = None
    """The checks that decide ``ok``; the others are reported only. None: all of them."""

    @property
    def ok(self) -> bool:
        return all(
            check.ok
            for name, check in self.checks.items()
            if self.required is None or name in self.required
        )


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
    """Fresh heartbeats of running workers (each worker's own key, so N workers are counted)."""
    client = redis_client()
    keys = list(client.scan_iter(match=f"{WORKER_KEY_PREFIX}*", count=100))[:100]
    beats = [float(raw) for raw in client.mget(keys) if raw is not None] if keys else []
    ages = [time.time() - beat for beat in beats]
    fresh = [age for age in ages if age <= CELERY_HEARTBEAT_MAX_AGE_SECONDS]
    if not beats:
        raise LookupError("no worker heartbeat yet")
    if not fresh:
        raise LookupError(f"last worker heartbeat {min(ages):.0f} s ago")
    return f"{len(fresh)} worker(s), last heartbeat {min(fresh):.0f} s ago"


def _beat_check() -> str:
    raw = redis_client().get(BEAT_KEY)
    if raw is None:
        raise LookupError("no beat heartbeat yet")
    age = time.time() - float(raw)
    if age > CELERY_HEARTBEAT_MAX_AGE_SECONDS:
        raise LookupError(f"last beat heartbeat {age:.0f} s ago")
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
    """Everything at once (``jtl doctor``): database, Redis and a worker must all be fine."""
    checks = {"database": _database_check, "redis": _redis_check, "celery": _celery_check}
    return _report(checks, required=None)


def readiness_report() -> HealthReport:
    """``/healthz/ready``: can this web process serve requests? Only the database decides."""
    checks = {"database": _database_check, "redis": _redis_check}
    return _report(checks, required=frozenset({"database"}))


def worker_report() -> HealthReport:
    """``/healthz/worker``: is a worker alive (its own heartbeat)? Beat is reported beside it."""
    return _report({"celery": _celery_check, "beat": _beat_check}, required=frozenset({"celery"}))


def _report(
    checks: dict[str, Callable[[], str]], *, required: frozenset[str] | None
) -> HealthReport:
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
        required=required,
        checks={
            name: results.get(
                name, CheckResult(ok=False, detail="timed out", latency_ms=timeout_ms)
            )
            for name in checks
        },
    )
