"""Tenant-test fixtures: no refresh marks left over from another test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from jtlapp.core.redis import redis_client
from jtlapp.tenants.refresh_fanout import QUEUED_KEY_PREFIX


@pytest.fixture(autouse=True)
def _refresh_marks_clear() -> Iterator[None]:
    """The fan-out marks queued tenants in Redis for a window; each test starts unmarked."""
    yield
    client = redis_client()
    for key in client.scan_iter(match=f"{QUEUED_KEY_PREFIX}*", count=1000):
        client.delete(key)
