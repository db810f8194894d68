"""Who is calling the sandbox's APIs, as decided by the identity layer."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class PrincipalKind(StrEnum):
    SERVICE_ACCOUNT = "service_account"
    APP_TOKEN = "app_token"  # noqa: S105 - a kind, not a secret
    DELEGATED = "delegated"
    LEGACY_ORY = "legacy_ory"
    ONPREMISE = "onpremise"


@dataclass(frozen=True, kw_only=True)
class Principal:
    """A verified caller. ``tenant_id`` is None for app-wide tokens, which need ``X-Tenant-ID``."""

    kind: PrincipalKind
    client_id: str | None
    app_id: str
    tenant_id: str | None
    user_id: str | None
    scopes: frozenset[str]
    expires_at: datetime | None

    @property
    def is_tenant_bound(self) -> bool:
        return self.tenant_id is not None


class CallCounter:
    """Thread-safe per-endpoint call counts, read by the control surface (e.g. cache tests)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()

    def increment(self, *, name: str) -> None:
        with self._lock:
            self._counts[name] += 1

    def get(self, *, name: str) -> int:
        with self._lock:
            return self._counts[name]

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return dict(self._counts)

    def reset(self) -> None:
        with self._lock:
            self._counts.clear()
