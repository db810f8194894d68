"""Fixtures for caller-token tests: clean caches, and hand-made tokens for attacks."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import pytest

from jtlapp.auth import keys as keys_module
from jtlapp.auth.keys import keys_cache_clear
from jtlapp.core.redis import redis_client
from jtlapp.sandbox.config import DEMO_TENANTS, DEMO_USERS

TENANT_ID = next(iter(DEMO_TENANTS))
USER_ID = next(iter(DEMO_USERS))


@pytest.fixture
def keys_cold() -> Iterator[None]:
    """Start (and leave) the key cache cold: no keys, no cooldown, no discovery.

    Not autouse: this directory also holds the service-token tests, which own their caches.
    """
    keys_cache_clear()
    yield
    keys_cache_clear()


@pytest.fixture
def service_token_cold(keys_cold: None) -> None:
    """No cached service token either, so a legacy key fetch must first get one."""
    from jtlapp.gateway.service_token_store import local_clear  # the colleague's module, optional

    local_clear()
    client = redis_client()
    for key in client.scan_iter(match="jtlapp:service_token:*", count=100):
        client.delete(key)


@pytest.fixture
def keys_clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The key cache's clock as a one-element list; ``clock[0] += 601`` ages the cache."""
    clock = [keys_module.now()]
    monkeypatch.setattr(keys_module, "now", lambda: clock[0])
    return clock


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_json(value: Any) -> str:
    return b64url(json.dumps(value, separators=(",", ":")).encode())


def segments(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Unverified header and payload of a real token, to copy claims into forged ones."""
    header, payload, _ = token.split(".")
    padded = [part + "=" * (-len(part) % 4) for part in (header, payload)]
    return json.loads(base64.urlsafe_b64decode(padded[0])), json.loads(
        base64.urlsafe_b64decode(padded[1])
    )


def unsigned(header: dict[str, Any], payload: dict[str, Any], signature: bytes = b"x") -> str:
    """A token whose signature is garbage: enough to probe checks that run before the key."""
    return f"{b64url_json(header)}.{b64url_json(payload)}.{b64url(signature)}"
