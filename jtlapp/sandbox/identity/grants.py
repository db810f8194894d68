"""Opaque, server-side grants: refresh tokens, authorization codes and legacy Ory tokens.

Only a SHA-256 digest of each token is kept as the lookup key, bound to the client it was
issued to, so a grant can neither be read back from memory dumps nor redeemed by another client.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Generic, TypeVar

RecordT = TypeVar("RecordT")


@dataclass(frozen=True, kw_only=True)
class DelegatedGrant:
    client_id: str
    app_id: str
    tenant_id: str
    scopes: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class UserGrant:
    """A signed-in user's session at one client (Hub launcher sign-in)."""

    client_id: str
    app_id: str
    user_id: str
    tenant_id: str
    scopes: tuple[str, ...]
    nonce: str | None = None


@dataclass(frozen=True, kw_only=True)
class AuthorizationCode:
    grant: UserGrant
    redirect_uri: str
    code_challenge: str = field(repr=False)


@dataclass(frozen=True, kw_only=True)
class OryGrant:
    client_id: str
    app_id: str
    scopes: tuple[str, ...]
    expires_at: datetime


def _digest(*, owner: str, token: str) -> str:
    return hashlib.sha256(f"{owner}\0{token}".encode()).hexdigest()


class OpaqueStore(Generic[RecordT]):
    """Random tokens mapped to records with an expiry; ``consume`` makes a token single-use."""

    def __init__(self, *, prefix: str, clock: Callable[[], datetime]) -> None:
        self._prefix = prefix
        self._clock = clock
        self._lock = threading.Lock()
        self._records: dict[str, tuple[RecordT, datetime]] = {}

    def __repr__(self) -> str:
        return f"OpaqueStore(prefix={self._prefix!r}, size={len(self._records)})"

    def issue(self, *, owner: str, record: RecordT, lifetime: timedelta) -> str:
        token = self._prefix + secrets.token_urlsafe(32)
        with self._lock:
            self._purge_expired()
            self._records[_digest(owner=owner, token=token)] = (record, self._clock() + lifetime)
        return token

    def peek(self, *, owner: str, token: str) -> RecordT | None:
        with self._lock:
            entry = self._records.get(_digest(owner=owner, token=token))
        if entry is None or entry[1] <= self._clock():
            return None
        return entry[0]

    def consume(self, *, owner: str, token: str) -> RecordT | None:
        """Return the record and forget it, so a second use of the same token fails."""
        with self._lock:
            entry = self._records.pop(_digest(owner=owner, token=token), None)
        if entry is None or entry[1] <= self._clock():
            return None
        return entry[0]

    def clear(self) -> None:
        with self._lock:
            self._records.clear()

    def _purge_expired(self) -> None:
        now = self._clock()
        for key in [k for k, (_, expires_at) in self._records.items() if expires_at <= now]:
            del self._records[key]


DELEGATED_REFRESH_LIFETIME = timedelta(days=30)
USER_REFRESH_LIFETIME = timedelta(days=30)
CODE_LIFETIME = timedelta(minutes=5)
