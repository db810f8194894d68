"""Key cache for caller-token verification: fresh enough for rotation, sturdy in outages.

Why each rule exists (``jtl/security.md`` J6–J8, cases 19–27):

* Keys live in this process and in Redis (shared JSON with ``fetched_at``), so N workers do not
  each fetch them; they count as fresh for ``KEYS_MAX_AGE_SECONDS`` (removed keys stop working
  within that time) and are kept in Redis for ``KEYS_KEEP_SECONDS`` as last known good keys.
* Every fetch attempt, successful or not, claims a cooldown slot in this process and in Redis
  (``JTL_KEYS_REFETCH_COOLDOWN_SECONDS``): random ``kid``s or a dead endpoint cost at most one
  outbound call per cooldown per cluster.
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
_CLAIM_SCRIPT = """
local last = redis.call('GET', KEYS[1])
if last and (tonumber(ARGV[1]) - tonumber(last)) < tonumber(ARGV[2]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
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
_last_attempt: dict[Generation, float] = {}
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
    _last_attempt.clear()
    discovery_cache_clear()
    client = redis_client()
    for generation in GENERATIONS:
        client.delete(_redis_key(generation), _redis_key(generation, "attempt"))


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
    """A newer key set if one exists or may be fetched now; else ``seen`` (cooldown, outage)."""
    if now() - _last_attempt.get(generation, float("-inf")) < _cooldown():
        return seen
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


def _attempt_claim(*, generation: Generation) -> bool:
    """Take this cooldown period's one fetch attempt, in this process and cluster-wide."""
    moment, cooldown = now(), _cooldown()
    if moment - _last_attempt.get(generation, float("-inf")) < cooldown:
        return False
    _last_attempt[generation] = moment
    try:
        claimed = redis_client().eval(
            _CLAIM_SCRIPT,
            1,
            _redis_key(generation, "attempt"),
            moment,
            cooldown,
            int(cooldown) + 60,
        )
    except redis.RedisError:
        logger.warning("redis unavailable; %s key fetches limited per process only", generation)
        return True
    return bool(claimed)


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
