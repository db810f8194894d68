"""Deliveries during outages: Redis down is 202 once stored; the database down is a JSON 503."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection

from jtlapp.celery import app as _celery_app
from jtlapp.webhooks.models import WebhookEvent
from tests.webhooks.conftest import django_headers, event_body, signed, tenant_create

celery_app: Any = _celery_app  # the test reaches into kombu's pools


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def broker_down() -> Iterator[None]:
    """The Celery app's broker is a port nobody listens on (Redis down, connection refused)."""
    original = celery_app.conf.broker_url
    celery_app.conf.broker_url = f"redis://127.0.0.1:{_closed_port()}/0"
    celery_app._pool = None  # connections are pooled per broker URL
    celery_app.amqp._producer_pool = None
    try:
        yield
    finally:
        celery_app.conf.broker_url = original
        celery_app._pool = None
        celery_app.amqp._producer_pool = None


@pytest.mark.django_db(transaction=True)
def test_redis_down_a_delivery_is_stored_and_answered_202_at_once(client, broker_down):
    tenant_create()
    raw, headers = signed(event_body(event_id="evt-redis-down"))

    started = time.monotonic()
    response = client.post(
        "/webhooks/erp", data=raw, content_type="application/json", **django_headers(headers)
    )
    elapsed = time.monotonic() - started

    assert response.status_code == 202
    assert elapsed < 2.0
    event = WebhookEvent.objects.get(event_id="evt-redis-down")
    assert event.state == "received"
    assert event.next_attempt_at is not None  # the sweep enqueues it when Redis is back


@pytest.fixture
def database_down(transactional_db) -> Iterator[None]:
    """The connection points at a port nobody listens on, as if the database were down."""
    original = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent/dir/db.sqlite3"
    else:
        connection.settings_dict["PORT"] = _closed_port()
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)


def test_database_down_a_delivery_gets_json_503_with_retry_after(client, database_down):
    raw, headers = signed(event_body(event_id="evt-db-down"))

    response = client.post(
        "/webhooks/erp", data=raw, content_type="application/json", **django_headers(headers)
    )

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "30"
    assert response.json()["code"] == "database_unavailable"
    assert set(response.json()) == {"message", "code", "extra"}
