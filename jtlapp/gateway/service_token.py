"""The app's service-account token: fetched once, shared by all processes, refreshed early.

Refresh policy after botocore (security.md §2.2): in the *advisory* window before expiry one
caller refreshes without blocking anyone, the others keep using the current token; in the
*mandatory* window callers wait (bounded) for one refresher and then re-read. One refresher at
a time across processes (Redis lock, re-check after acquiring); failed fetches are spaced.
A Celery beat task refreshes in the advisory window too, but nothing here depends on Celery.
"""

from __future__ import annotations

import enum
import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

import redis
from django.views.decorators.debug import sensitive_variables
from redis.exceptions import LockError
from redis.lock import Lock

from jtlapp.errors import ApplicationError
from jtlapp.gateway import service_token_store as store
from jtlapp.gateway.service_token_fetch import (
    Generation,
    TokenFetchError,
    token_fetch,
    usable_lifetime_seconds,
)
from jtlapp.observability.metrics import token_mint_count, token_refresh_failure_count

logger = logging.getLogger(__name__)

ADVISORY_SECONDS = 300.0
ADVISORY_FRACTION = 0.1
MANDATORY_SECONDS = 60.0
LOCK_TIMEOUT_SECONDS = 30.0
LOCK_WAIT_SECONDS = 5.0
POLL_SECONDS = 0.05


class TokenEndpointUnavailableError(ApplicationError):
    """No valid service token and the token endpoint cannot give one now (503, Retry-After)."""

    http_status = 503
    code = "token_endpoint_unavailable"

    def __init__(self, *, retry_after_seconds: int) -> None:
        super().__init__(
            "JTL's token service is unavailable; please try again shortly.",
            extra={"retryAfterSeconds": retry_after_seconds},
        )
        self.retry_after_seconds = retry_after_seconds


@dataclass(frozen=True, kw_only=True, repr=False)
class ServiceToken:
    value: str = field(repr=False)
    expires_at: datetime
    generation: Generation

    def __repr__(self) -> str:
        return (
            f"ServiceToken(value='***', expires_at={self.expires_at.isoformat()}, "
            f"generation={self.generation!r})"
        )

    __str__ = __repr__


class Phase(enum.Enum):
    FRESH = "fresh"
    ADVISORY = "advisory"
    MANDATORY = "mandatory"
    EXPIRED = "expired"


def token_phase(token: store.StoredToken | None, *, now: float | None = None) -> Phase:
    """Windows scale down for short-lived tokens so a 3-second token is not always "due"."""
    if token is None:
        return Phase.EXPIRED
    remaining = token.expires_at - (time.time() if now is None else now)
    advisory = min(max(ADVISORY_SECONDS, ADVISORY_FRACTION * token.lifetime), token.lifetime / 2)
    mandatory = min(MANDATORY_SECONDS, token.lifetime / 4)
    if remaining <= 0:
        return Phase.EXPIRED
    if remaining <= mandatory:
        return Phase.MANDATORY
    if remaining <= advisory:
        return Phase.ADVISORY
    return Phase.FRESH


@sensitive_variables("token", "local")
def service_token_get(*, generation: Generation = "current") -> ServiceToken:
    """A valid token, from this process, Redis, or (one caller at a time) the token endpoint."""
    key = store.store_key(generation=generation)
    local = store.local_get(key=key)
    if token_phase(local) is Phase.FRESH and local is not None:
        return _public(local, generation=generation)
    try:
        token = _token_shared(key=key, generation=generation)
    except redis.RedisError:
        logger.warning("Redis unavailable for the service token; using this process's copy")
        if local is None or token_phase(local) is Phase.EXPIRED:
            retry_after = int(LOCK_WAIT_SECONDS)
            raise TokenEndpointUnavailableError(retry_after_seconds=retry_after) from None
        token = local
    return _public(token, generation=generation)


def service_token_get_cached(*, generation: Generation = "current") -> str | None:
    """The copy in this process if it is fresh (no I/O at all: the hot path), else ``None``."""
    local = store.local_get(key=store.store_key(generation=generation))
    if local is not None and token_phase(local) is Phase.FRESH:
        return local.value
    return None


def service_token_invalidate(*, token_value: str, generation: Generation = "current") -> None:
    """After an upstream 401 with ``token_value``: drop it if it is still the stored one.

    Callers that saw a 401 with an already-replaced token change nothing, so N concurrent 401s
    lead to exactly one refresh (security.md cases 33/34). Retry the request once, not more.
    """
    key = store.store_key(generation=generation)
    fingerprint = store.token_fingerprint(token_value)
    store.local_drop(key=key, fingerprint=fingerprint)
    if store.stored_invalidate(key=key, fingerprint=fingerprint):
        logger.info("service token (%s) invalidated after an upstream 401", generation)


def service_token_refresh(*, generation: Generation = "current") -> str:
    """Refresh if due and nobody else is at it (beat task, advisory window).

    Returns "fresh", "busy", "backoff", "refreshed" or "failed".
    """
    key = store.store_key(generation=generation)
    if token_phase(store.stored_read(key=key)) is Phase.FRESH:
        return "fresh"
    if store.failure_retry_at(key=key) is not None:
        return "backoff"
    lock = store.token_lock(key=key, timeout=LOCK_TIMEOUT_SECONDS)
    if not lock.acquire(blocking=False):
        return "busy"
    try:
        if token_phase(store.stored_read(key=key)) is Phase.FRESH:
            return "fresh"
        try:
            _fetch_and_store(key=key, generation=generation)
        except TokenFetchError:
            return "failed"
        return "refreshed"
    finally:
        _release(lock)


def _token_shared(*, key: str, generation: Generation) -> store.StoredToken:
    stored = store.stored_read(key=key)
    phase = token_phase(stored)
    if phase is Phase.ADVISORY and stored is not None:
        service_token_refresh(generation=generation)
        newer = store.stored_read(key=key)
        stored = newer if newer is not None and newer.issued_at > stored.issued_at else stored
    elif phase is not Phase.FRESH or stored is None:
        stored = _wait_or_refresh(key=key, generation=generation, current=stored)
    store.local_put(key=key, token=stored)
    return stored


def _wait_or_refresh(
    *, key: str, generation: Generation, current: store.StoredToken | None
) -> store.StoredToken:
    """Mandatory window or no token: one caller fetches, the rest poll the store briefly."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    lock = store.token_lock(key=key, timeout=LOCK_TIMEOUT_SECONDS)
    while True:
        retry_at = store.failure_retry_at(key=key)
        if retry_at is not None:
            return _usable_or_raise(current, retry_after=retry_at - time.time())
        if lock.acquire(blocking=False):
            try:
                return _refresh_locked(key=key, generation=generation)
            finally:
                _release(lock)
        if time.monotonic() >= deadline:
            return _usable_or_raise(current, retry_after=LOCK_WAIT_SECONDS)
        time.sleep(POLL_SECONDS)
        current = store.stored_read(key=key) or current
        if token_phase(current) in (Phase.FRESH, Phase.ADVISORY) and current is not None:
            return current


def _refresh_locked(*, key: str, generation: Generation) -> store.StoredToken:
    current = store.stored_read(key=key)
    if token_phase(current) in (Phase.FRESH, Phase.ADVISORY) and current is not None:
        return current
    try:
        return _fetch_and_store(key=key, generation=generation)
    except TokenFetchError:
        retry_at = store.failure_retry_at(key=key) or time.time() + LOCK_WAIT_SECONDS
        return _usable_or_raise(current, retry_after=retry_at - time.time())


def _fetch_and_store(*, key: str, generation: Generation) -> store.StoredToken:
    issued_at = time.time()  # before the request: the expiry we compute is never too late
    try:
        fetched = token_fetch(generation=generation)
    except TokenFetchError as exc:
        store.failure_record(key=key, rejected=exc.rejected, reason=str(exc))
        token_refresh_failure_count(kind="service")
        raise
    token_mint_count(kind="service")
    token = store.StoredToken(
        value=fetched.value,
        issued_at=issued_at,
        expires_at=issued_at + usable_lifetime_seconds(fetched.lifetime_seconds),
    )
    if not store.stored_write(key=key, token=token):
        newer = store.stored_read(key=key)
        token = newer if newer is not None else token
    store.failure_clear(key=key)
    store.local_put(key=key, token=token)
    return token


def _usable_or_raise(token: store.StoredToken | None, *, retry_after: float) -> store.StoredToken:
    """A not-yet-expired token still serves; without one the caller gets a 503."""
    if token is not None and token_phase(token) is not Phase.EXPIRED:
        return token
    raise TokenEndpointUnavailableError(retry_after_seconds=max(int(retry_after + 0.999), 1))


def _release(lock: Lock) -> None:
    try:
        lock.release()
    except LockError:
        logger.warning("service token lock expired before release (slow token endpoint)")


def _public(token: store.StoredToken, *, generation: Generation) -> ServiceToken:
    return ServiceToken(
        value=token.value,
        expires_at=datetime.fromtimestamp(token.expires_at, tz=UTC),
        generation=generation,
    )


def service_tokens_refresh() -> dict[str, str]:
    """Beat: refresh each generation in use (the legacy one only if a token is cached)."""
    outcomes = {"current": service_token_refresh(generation="current")}
    if store.stored_read(key=store.store_key(generation="legacy")) is not None:
        outcomes["legacy"] = service_token_refresh(generation="legacy")
    return outcomes
