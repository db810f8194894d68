"""Where the service-account token lives: Redis (encrypted, shared) plus a per-process copy.

One Redis hash per generation and endpoint holds the encrypted token, when it was issued and a
fingerprint. Writes are compare-and-set on ``issued_at`` so a slow refresher never replaces a
newer token (security.md case 36); invalidation deletes only if the fingerprint still matches,
so N concurrent 401s with one token cause one refresh (case 34).
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from redis.lock import Lock

from jtlapp.core.redis import redis_client
from jtlapp.crypto import SecretUnreadableError, secret_decrypt, secret_encrypt, secret_rotate
from jtlapp.gateway.service_token_fetch import Generation, token_endpoint

logger = logging.getLogger(__name__)

KEY_PREFIX = "jtlapp:service_token"
FAILURE_SPACING_SECONDS = 30.0
"""Minimum pause after a failed fetch; doubles per consecutive failure up to the maximum."""
FAILURE_SPACING_MAX_SECONDS = 300.0
REJECTED_SPACING_SECONDS = 60.0
"""A refused client (``invalid_client``) is tried at most once a minute (case 38)."""
FAILURE_MEMORY_SECONDS = 3600
ALERT_AFTER_FAILURES = 3

_WRITE_IF_NEWER = """
local current = redis.call('HGET', KEYS[1], 'issued_at')
if current and tonumber(current) >= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], 'blob', ARGV[1], 'issued_at', ARGV[2], 'fingerprint', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
"""
_DELETE_IF_FINGERPRINT = """
if redis.call('HGET', KEYS[1], 'fingerprint') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
_REPLACE_BLOB = """
if redis.call('HGET', KEYS[1], 'blob') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'blob', ARGV[2])
return 1
"""


@dataclass(frozen=True, kw_only=True, repr=False)
class StoredToken:
    value: str = field(repr=False)
    issued_at: float
    expires_at: float

    def __repr__(self) -> str:
        return f"StoredToken(value='***', issued_at={self.issued_at}, expires_at={self.expires_at})"

    @property
    def lifetime(self) -> float:
        return max(self.expires_at - self.issued_at, 1.0)

    @property
    def fingerprint(self) -> str:
        return token_fingerprint(self.value)


def _text(raw: bytes | str) -> str:
    return raw.decode("utf-8") if isinstance(raw, bytes) else raw


def token_fingerprint(value: str) -> str:
    """Identifies a token without revealing it (compare-and-delete on 401)."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:32]


def store_key(*, generation: Generation) -> str:
    """Per endpoint and client, so a changed configuration never reuses another's token."""
    where = f"{token_endpoint(generation=generation)}|{settings.JTL_CLIENT_ID}"
    return f"{KEY_PREFIX}:{generation}:{hashlib.sha256(where.encode()).hexdigest()[:12]}"


def stored_read(*, key: str) -> StoredToken | None:
    """The shared token; an unreadable entry (key removed) counts as missing (fail closed)."""
    blob = redis_client().hget(key, "blob")
    if blob is None:
        return None
    try:
        data = json.loads(secret_decrypt(ciphertext=_text(blob)))
    except (SecretUnreadableError, ValueError):
        logger.warning("cached service token %s is unreadable; fetching a new one", key)
        return None
    return StoredToken(
        value=data["value"], issued_at=data["issued_at"], expires_at=data["expires_at"]
    )


def stored_write(*, key: str, token: StoredToken) -> bool:
    """Store unless a token issued later is already there; expires with the token."""
    blob = secret_encrypt(
        plaintext=json.dumps(
            {"value": token.value, "issued_at": token.issued_at, "expires_at": token.expires_at}
        )
    )
    ttl_ms = max(int((token.expires_at - time.time()) * 1000), 1)
    written = redis_client().eval(
        _WRITE_IF_NEWER, 1, key, blob, repr(token.issued_at), token.fingerprint, ttl_ms
    )
    return bool(written)


def stored_invalidate(*, key: str, fingerprint: str) -> bool:
    return bool(redis_client().eval(_DELETE_IF_FINGERPRINT, 1, key, fingerprint))


def stored_reencrypt() -> tuple[int, int]:
    """Re-encrypt every cached service token under the newest key: (rotated, dropped)."""
    client = redis_client()
    rotated = dropped = 0
    for key in client.scan_iter(match=f"{KEY_PREFIX}:*", count=100):
        if _text(key).endswith((":lock", ":failure")):
            continue
        blob = client.hget(key, "blob")
        if blob is None:
            continue
        try:
            new_blob = secret_rotate(ciphertext=_text(blob))
        except SecretUnreadableError:
            # A cached token is disposable: dropping it only costs one fetch.
            dropped += client.delete(key)
            continue
        rotated += int(client.eval(_REPLACE_BLOB, 1, key, blob, new_blob))
    return rotated, dropped


def failure_retry_at(*, key: str) -> float | None:
    """When the next fetch may be tried after recent failures; None if it may be tried now."""
    raw = redis_client().hget(f"{key}:failure", "retry_at")
    if raw is None:
        return None
    retry_at = float(raw)
    return retry_at if retry_at > time.time() else None


def failure_record(*, key: str, rejected: bool, reason: str) -> float:
    """Space the next attempt (exponential, jittered, never a hot loop); returns its time."""
    failure_key = f"{key}:failure"
    client = redis_client()
    count = int(client.hincrby(failure_key, "count", 1))
    spacing = min(FAILURE_SPACING_SECONDS * 2.0 ** min(count - 1, 16), FAILURE_SPACING_MAX_SECONDS)
    if rejected:
        spacing = max(spacing, REJECTED_SPACING_SECONDS)
    retry_at = time.time() + spacing * (1 + random.uniform(0, 0.2))  # noqa: S311 - jitter
    client.hset(failure_key, "retry_at", repr(retry_at))
    client.expire(failure_key, FAILURE_MEMORY_SECONDS)
    log = logger.error if count >= ALERT_AFTER_FAILURES else logger.warning
    log("service token fetch failed (%d in a row, next try in %.0f s): %s", count, spacing, reason)
    return retry_at


def failure_clear(*, key: str) -> None:
    redis_client().delete(f"{key}:failure")


def token_lock(*, key: str, timeout: float) -> Lock:
    lock: Lock = redis_client().lock(f"{key}:lock", timeout=timeout, blocking=False)
    return lock


_local_tokens: dict[str, StoredToken] = {}
_local_guard = threading.Lock()


def local_get(*, key: str) -> StoredToken | None:
    """The copy in this process: the steady state needs no Redis round trip."""
    return _local_tokens.get(key)


def local_put(*, key: str, token: StoredToken) -> None:
    with _local_guard:
        current = _local_tokens.get(key)
        if current is None or current.issued_at <= token.issued_at:
            _local_tokens[key] = token


def local_drop(*, key: str, fingerprint: str | None = None) -> None:
    with _local_guard:
        current = _local_tokens.get(key)
        if current is not None and fingerprint in (None, current.fingerprint):
            del _local_tokens[key]


def local_clear() -> None:
    with _local_guard:
        _local_tokens.clear()
