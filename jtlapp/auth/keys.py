"""Key cache for caller-token verification: fresh enough for rotation, sturdy in outages.

Why each rule exists (``jtl/security.md`` J6–J8, cases 19–27):

* Keys live in this process and in Redis (shared JSON with ``fetched_at``), so N workers do not
  each fetch them; they count as fresh for ``KEYS_MAX_AGE_SECONDS`` (removed keys stop working
  within that time) and are kept in Redis for ``KEYS_KEEP_SECONDS`` as last known good keys.
* A ``kid`` this process does not know is looked up in Redis first (another process may have
  fetched the rotated set already) and, if Redis does not know it either, fetched at once.
  Fetches are bounded cluster-wide: at most ``KEYS_FETCH_BUDGET`` attempts per
  ``JTL_KEYS_REFETCH_COOLDOWN_SECONDS`` (a sliding window in Redis), and a failed attempt uses
  up the window, so random ``kid``s or a dead endpoint cost only a few outbound calls per
  window per cluster. Nothing but that shared window delays a fetch, so a rotated key works
  on the first request that carries it.
* One fetch at a time: a thread lock per process, a short Redis lock across processes, and a
  re-read of Redis after waiting (double-checked), so a cold start of 100 requests fetches once.
* A failed fetch keeps the previous keys (stale-if-error); only with no keys at all does
  verification fail, as ``KeysUnavailableError`` (503), never as 401 or 500.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import redis
from django.conf import settings

from jtlapp.auth.exceptions import KeysUnavailableError, TokenInvalidError
from jtlapp.auth.keys_fetch import (
    KeysFetchError,
    VerifyKey,
    discovery_cache_clear,
    fetch_timeout_seconds,
    jwks_fetch,
    keys_import,
    source_fingerprint,
)
from jtlapp.auth.types import Generation
from jtlapp.core.redis import redis_client

logger = logging.getLogger(__name__)

KEYS_MAX_AGE_SECONDS = 600
KEYS_KEEP_SECONDS = 24 * 3600
GENERATIONS: tuple[Generation, ...] = ("current", "legacy")
KEYS_FETCH_BUDGET = 3
"""Key fetch attempts per cooldown window, cluster-wide."""
# KEYS[1]: sorted set of attempt times. ARGV: now, window, budget, entries to add, ttl.
_CLAIM_SCRIPT = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
for i = 1, tonumber(ARGV[4]) do
  local n = redis.call('INCR', KEYS[1] .. ':n')
  redis.call('ZADD', KEYS[1], ARGV[1], ARGV[1] .. ':' .. n)
end
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('EXPIRE', KEYS[1] .. ':n', ARGV[5])
return 1
"""


def now() -> float:
    """Wall-clock seconds; tests replace it (``monkeypatch``) to age the cache."""
    return time.time()


@dataclass(frozen=True, kw_only=True)
class _CachedKeys:
    keys: Mapping[str, VerifyKey] = field(repr=False)
    jwks: list[dict[str, Any]] = field(repr=False)
    fetched_at: float

    def is_fresh(self) -> bool:
        return now() - self.fetched_at < KEYS_MAX_AGE_SECONDS

    def select(self, kid: str | None) -> VerifyKey | None:
        """By ``kid``; without one only when the set is unambiguous (a single key)."""
        if kid is None:
            return next(iter(self.keys.values())) if len(self.keys) == 1 else None
        return self.keys.get(kid)


_local: dict[Generation, _CachedKeys] = {}
_attempts: dict[Generation, list[float]] = {}
"""This process's attempt times; the budget's fallback while Redis is unreachable."""
_locks: dict[Generation, threading.Lock] = {
    generation: threading.Lock() for generation in GENERATIONS
}


def signing_key_get(*, generation: Generation, kid: str | None) -> VerifyKey:
    """The trusted key for ``kid``; ``TokenInvalidError`` if JTL does not publish it.

    The ``kid`` comes from an unverified token and is only used to pick among keys we fetched
    ourselves from the configured endpoint.
    """
    cached = _fresh_keys(generation=generation)
    key = cached.select(kid)
    if key is None:
        key = _keys_after_unknown_kid(generation=generation, seen=cached).select(kid)
    if key is None:
        raise TokenInvalidError("unknown_kid")
    return key


def keys_cache_clear() -> None:
    """Forget cached keys, cooldowns and discovery (tests; operators after an incident)."""
    _local.clear()
    _attempts.clear()
    discovery_cache_clear()
    client = redis_client()
    for generation in GENERATIONS:
        attempts = _redis_key(generation, "attempts")
        client.delete(_redis_key(generation), attempts, f"{attempts}:n")


def _fresh_keys(*, generation: Generation) -> _CachedKeys:
    cached = _local.get(generation)
    if cached is not None and cached.is_fresh():
        return cached
    with _locks[generation]:
        cached = _newest(generation=generation)
        if cached is not None and cached.is_fresh():
            return cached
        return _refresh(generation=generation, fallback=cached, good_enough=_CachedKeys.is_fresh)


def _keys_after_unknown_kid(*, generation: Generation, seen: _CachedKeys) -> _CachedKeys:
    """A newer key set from Redis or from JTL now; else ``seen`` (budget used up, outage)."""
    shared = _newest(generation=generation)
    if shared is not None and shared.fetched_at > seen.fetched_at:
        return shared
    with _locks[generation]:
        newest = _newest(generation=generation) or seen
        if newest.fetched_at > seen.fetched_at:
            return newest
        return _refresh(
            generation=generation,
            fallback=newest,
            good_enough=lambda shared: shared.fetched_at > seen.fetched_at,
        )


def _refresh(
    *,
    generation: Generation,
    fallback: _CachedKeys | None,
    good_enough: Callable[[_CachedKeys], bool],
) -> _CachedKeys:
    """Fetch under the cluster lock unless another process just did, or the cooldown forbids it."""
    with _cluster_lock(generation=generation):
        shared = _newest(generation=generation)
        if shared is not None and good_enough(shared):
            return shared
        if not _attempt_claim(generation=generation):
            return _fallback_or_raise(fallback=fallback, reason="cooldown")
        try:
            jwks = jwks_fetch(generation=generation)
        except KeysFetchError as exc:
            logger.warning("fetching %s keys failed: %s", generation, exc.reason)
            _attempt_claim(generation=generation, entries=KEYS_FETCH_BUDGET)  # rest of window
            return _fallback_or_raise(fallback=fallback, reason=exc.reason)
    fetched = _CachedKeys(
        keys=keys_import(jwks=jwks, generation=generation), jwks=jwks, fetched_at=now()
    )
    _local[generation] = fetched
    _shared_write(generation=generation, cached=fetched)
    logger.info("fetched %d %s keys", len(fetched.keys), generation)
    return fetched


def _fallback_or_raise(*, fallback: _CachedKeys | None, reason: str) -> _CachedKeys:
    if fallback is not None:
        return fallback
    raise KeysUnavailableError(reason, retry_after_seconds=max(round(_cooldown()), 1))


def _newest(*, generation: Generation) -> _CachedKeys | None:
    """The newer of this process's and Redis's key sets (Redis parsed only when newer)."""
    local = _local.get(generation)
    try:
        raw = redis_client().get(_redis_key(generation))
    except redis.RedisError:
        logger.warning("redis unavailable; using process-local %s keys", generation)
        return local
    shared = _shared_parse(generation=generation, raw=raw, newer_than=local)
    if shared is not None:
        _local[generation] = shared
        return shared
    return local


def _shared_parse(
    *, generation: Generation, raw: Any, newer_than: _CachedKeys | None
) -> _CachedKeys | None:
    if not isinstance(raw, bytes):
        return None
    try:
        document = json.loads(raw)
        fetched_at, jwks = float(document["fetched_at"]), list(document["jwks"])
    except (ValueError, KeyError, TypeError):
        return None
    if newer_than is not None and fetched_at <= newer_than.fetched_at:
        return None
    keys = keys_import(jwks=jwks, generation=generation)
    return _CachedKeys(keys=keys, jwks=jwks, fetched_at=fetched_at) if keys else None


def _shared_write(*, generation: Generation, cached: _CachedKeys) -> None:
    document = json.dumps({"fetched_at": cached.fetched_at, "jwks": cached.jwks})
    try:
        redis_client().set(_redis_key(generation), document, ex=KEYS_KEEP_SECONDS)
    except redis.RedisError:
        logger.warning("redis unavailable; %s keys cached in this process only", generation)


def _attempt_claim(*, generation: Generation, entries: int = 1) -> bool:
    """Take one of this window's fetch attempts, cluster-wide (``entries`` > 1 uses it up)."""
    moment, window = now(), _cooldown()
    try:
        claimed = redis_client().eval(
            _CLAIM_SCRIPT,
            1,
            _redis_key(generation, "attempts"),
            moment,
            window,
            KEYS_FETCH_BUDGET,
            entries,
            int(window) + 60,
        )
    except redis.RedisError:
        logger.warning("redis unavailable; %s key fetches limited per process only", generation)
        return _local_attempt_claim(generation=generation, moment=moment, entries=entries)
    return bool(claimed)


def _local_attempt_claim(*, generation: Generation, moment: float, entries: int) -> bool:
    recent = [t for t in _attempts.get(generation, []) if moment - t < _cooldown()]
    if len(recent) >= KEYS_FETCH_BUDGET:
        _attempts[generation] = recent
        return False
    _attempts[generation] = recent + [moment] * entries
    return True


@contextmanager
def _cluster_lock(*, generation: Generation) -> Iterator[None]:
    """Serialise fetches across processes; without Redis or after waiting, carry on unlocked."""
    timeout = fetch_timeout_seconds()
    lock = redis_client().lock(
        _redis_key(generation, "lock"), timeout=3 * timeout + 2, blocking_timeout=2 * timeout + 1
    )
    try:
        acquired = lock.acquire()
    except redis.RedisError:
        acquired = False
    try:
        yield
    finally:
        if acquired:
            try:
                lock.release()
            except redis.RedisError:
                logger.warning("could not release the %s keys lock; it expires", generation)


def _cooldown() -> float:
    return float(settings.JTL_KEYS_REFETCH_COOLDOWN_SECONDS)


def _redis_key(generation: Generation, suffix: str = "jwks") -> str:
    return f"jtl:auth:keys:{generation}:{source_fingerprint(generation=generation)}:{suffix}"
