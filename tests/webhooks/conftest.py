"""Webhook fixtures: signed deliveries, an active demo tenant, a worker with fast retries."""

from __future__ import annotations

import json
import os
import time
import uuid
from typing import Any
from uuid import UUID

import pytest
from django.utils import timezone

from jtlapp.core.redis import redis_client
from jtlapp.gateway.erp.admission import KEY_PREFIX as BREAKER_PREFIX
from jtlapp.sandbox.config import DEMO_TENANTS
from jtlapp.sandbox.erp.ids import erp_uuid
from jtlapp.sandbox.webhooks import webhook_sign
from jtlapp.tenants.models import Tenant

TENANT_ID = next(iter(DEMO_TENANTS))
OTHER_TENANT_ID = list(DEMO_TENANTS)[1]
ITEM_CHANGED = "com.jtl.erp.workflow.v1.item.changed"
ORDER_PAID = "com.jtl.erp.workflow.v1.salesorder.paid"
SECRET = "sandbox-webhook-secret"
WORKER_MAX_ATTEMPTS = 3


def event_body(
    *,
    event_id: str | None = None,
    tenant_id: str = TENANT_ID,
    topic: str = ITEM_CHANGED,
    entity_id: str | None = None,
) -> dict[str, Any]:
    entity = entity_id or erp_uuid(tenant_id=tenant_id, kind="item", key=1)
    return {
        "specversion": "1.0",
        "id": event_id or str(uuid.uuid4()),
        "type": topic,
        "source": f"/erp/tenants/{tenant_id}",
        "time": "2026-11-23T10:00:00Z",
        "tenantId": tenant_id,
        "data": {"objectKey": entity, "userId": None},
    }


def signed(
    body: dict[str, Any] | bytes, *, secret: str = SECRET, timestamp: int | None = None
) -> tuple[bytes, dict[str, str]]:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    headers.update(webhook_sign(secret=secret, body=raw, timestamp=timestamp))
    return raw, headers


def django_headers(headers: dict[str, str]) -> dict[str, str]:
    """``Client.post`` keyword arguments for plain HTTP headers."""
    return {
        "HTTP_" + name.upper().replace("-", "_"): value
        for name, value in headers.items()
        if name != "Content-Type"
    }


def tenant_create(tenant_id: str = TENANT_ID, *, state: str = Tenant.State.ACTIVE) -> Tenant:
    return Tenant.objects.create(
        tenant_id=UUID(tenant_id), state=state, state_changed_at=timezone.now()
    )


@pytest.fixture(autouse=True)
def _unconsumed_queue(settings):
    """Tasks sent by tests without a worker go to a queue nobody reads, then vanish."""
    queue = f"jtlapp-test-webhooks-unconsumed-{os.getpid()}"
    settings.CELERY_TASK_DEFAULT_QUEUE = queue
    yield queue
    redis_client().delete(queue)


@pytest.fixture
def breaker_reset():
    client = redis_client()
    for key in client.scan_iter(match=f"{BREAKER_PREFIX}:*"):
        client.delete(key)
    yield
    for key in client.scan_iter(match=f"{BREAKER_PREFIX}:*"):
        client.delete(key)


@pytest.fixture
def webhook_worker(
    request, monkeypatch, settings, platform, breaker_reset, transactional_db
) -> str:
    """A worker on the test database with fast retries; our on-commit sends go to its queue."""
    monkeypatch.setenv("JTL_WEBHOOK_MAX_ATTEMPTS", str(WORKER_MAX_ATTEMPTS))
    monkeypatch.setenv("JTL_WEBHOOK_RETRY_BASE_SECONDS", "0.2")
    queue: str = request.getfixturevalue("celery_worker_on_test_db")
    settings.CELERY_TASK_DEFAULT_QUEUE = queue
    return queue


@pytest.fixture
def sandbox_webhooks(platform):
    """The suite's sandbox with no webhook deliveries and the manifest's target restored."""
    platform.control("webhooks/config", {"url": None})
    platform.state.webhooks.clear()
    yield platform
    platform.control("webhooks/config", {"url": None})
    platform.state.webhooks.clear()
    platform.control("reset")


def wait_state(event_id: str, state: str, *, timeout: float = 30) -> None:
    from jtlapp.webhooks.models import WebhookEvent
    from tests.conftest import wait_for

    wait_for(
        lambda: WebhookEvent.objects.filter(event_id=event_id, state=state).exists(),
        timeout=timeout,
        message=f"event {event_id} to be {state}",
    )


def now_stamp() -> int:
    return int(time.time())
