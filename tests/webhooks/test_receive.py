"""The endpoint: size cap, shape, tenant checks and duplicates (sequential and parallel)."""

from __future__ import annotations

import json
import threading
from typing import Any
from uuid import UUID

import httpx
import pytest
from django.db import connection

from jtlapp.tenants.models import Tenant
from jtlapp.webhooks.models import WebhookEvent
from jtlapp.webhooks.services import webhook_receive
from tests.webhooks.conftest import (
    OTHER_TENANT_ID,
    django_headers,
    event_body,
    signed,
    tenant_create,
)


def _post(client, raw: bytes, headers: dict[str, str]):
    return client.post(
        "/webhooks/erp", data=raw, content_type="application/json", **django_headers(headers)
    )


@pytest.mark.django_db
def test_a_body_over_the_cap_is_refused_with_413(client, settings):
    settings.JTL_WEBHOOK_MAX_BODY_BYTES = 1024
    body = event_body()
    body["data"]["padding"] = "x" * 2000
    raw, headers = signed(body)

    response = _post(client, raw, headers)

    assert response.status_code == 413
    assert response.json()["code"] == "body_too_large"
    assert not WebhookEvent.objects.exists()


@pytest.mark.django_db
def test_the_default_cap_is_256_kb(client):
    body = event_body()
    body["data"]["padding"] = "x" * (256 * 1024)
    raw, headers = signed(body)

    response = _post(client, raw, headers)

    assert response.status_code == 413


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("case", "raw", "message"),
    [
        ("_not_json", b"{nope", "not JSON"),
        ("_array", b"[]", "JSON object"),
        ("_no_id", json.dumps({**event_body(), "id": ""}).encode(), "id"),
        ("_bad_tenant", json.dumps({**event_body(), "tenantId": "x"}).encode(), "tenantId"),
        ("_no_entity", json.dumps({**event_body(), "data": {}}).encode(), "objectKey"),
    ],
)
def test_an_invalid_event_is_refused_with_400(client, case, raw, message):
    raw, headers = signed(raw)

    response = _post(client, raw, headers)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_event"
    assert message in response.json()["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("state", [Tenant.State.SUSPENDED, Tenant.State.PENDING])
def test_a_briefly_inactive_tenants_event_is_kept_deferred(
    client, state, django_capture_on_commit_callbacks
):
    tenant = tenant_create(state=state)
    raw, headers = signed(event_body(event_id="evt-inactive"))

    with django_capture_on_commit_callbacks() as callbacks:
        response = _post(client, raw, headers)

    assert response.status_code == 202
    assert response.json()["state"] == "deferred"
    event = WebhookEvent.objects.get(event_id="evt-inactive")
    assert (event.tenant, event.next_attempt_at) == (tenant, None)
    assert callbacks == []


@pytest.mark.django_db
@pytest.mark.parametrize("state", [Tenant.State.UNINSTALLED, Tenant.State.PURGED])
def test_an_uninstalled_tenants_event_is_recorded_as_ignored(
    client, state, django_capture_on_commit_callbacks
):
    tenant = tenant_create(state=state)
    raw, headers = signed(event_body(event_id="evt-gone"))

    with django_capture_on_commit_callbacks() as callbacks:
        response = _post(client, raw, headers)

    assert response.json()["state"] == "ignored"
    event = WebhookEvent.objects.get(event_id="evt-gone")
    assert (event.tenant, event.note, event.next_attempt_at) == (tenant, f"tenant {state}", None)
    assert callbacks == []


@pytest.mark.django_db
def test_an_unknown_tenants_event_is_recorded_as_ignored(client):
    raw, headers = signed(event_body(event_id="evt-unknown", tenant_id=OTHER_TENANT_ID))

    response = _post(client, raw, headers)

    assert response.status_code == 202
    event = WebhookEvent.objects.get(event_id="evt-unknown")
    assert (event.state, event.tenant, event.note) == ("ignored", None, "tenant unknown")
    assert event.event_tenant_id == UUID(OTHER_TENANT_ID)


@pytest.mark.django_db
def test_a_new_event_enqueues_processing_once_after_commit(
    client, django_capture_on_commit_callbacks
):
    tenant_create()
    raw, headers = signed(event_body(event_id="evt-once"))

    with django_capture_on_commit_callbacks() as callbacks:
        first = _post(client, raw, headers)
        again = _post(client, raw, headers)

    assert (first.status_code, again.status_code) == (202, 200)
    assert again.json()["duplicate"] is True
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_ten_sequential_deliveries_make_one_row(client):
    tenant_create()
    raw, headers = signed(event_body(event_id="evt-seq"))

    answers = [_post(client, raw, headers) for _ in range(10)]

    assert [a.status_code for a in answers] == [202] + [200] * 9
    assert [a.json()["duplicate"] for a in answers] == [False] + [True] * 9
    assert WebhookEvent.objects.filter(event_id="evt-seq").count() == 1


def _in_threads(count: int, work) -> list[Any]:
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = work()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.django_db(transaction=True)
def test_ten_parallel_receives_make_one_row():
    tenant_create()
    raw, headers = signed(event_body(event_id="evt-par"))

    receipts = _in_threads(10, lambda: webhook_receive(body=raw, headers=headers))

    assert sorted(r.duplicate for r in receipts) == [False] + [True] * 9
    assert WebhookEvent.objects.filter(event_id="evt-par").count() == 1


@pytest.mark.django_db(transaction=True)
def test_ten_parallel_http_deliveries_make_one_row(live_server):
    tenant_create()
    raw, headers = signed(event_body(event_id="evt-http"))
    url = live_server.url + "/webhooks/erp"

    answers = _in_threads(10, lambda: httpx.post(url, content=raw, headers=headers, timeout=10))

    assert sorted(a.status_code for a in answers) == [200] * 9 + [202]
    assert WebhookEvent.objects.filter(event_id="evt-http").count() == 1


@pytest.mark.django_db
def test_a_tenant_purge_removes_its_events_and_effects_and_export_lists_them(client):
    from jtlapp.tenants.data_registry import tenant_data_exporters, tenant_data_purgers

    tenant_create()
    for event_id in ("evt-p1", "evt-p2"):
        raw, headers = signed(event_body(event_id=event_id))
        _post(client, raw, headers)
    raw, headers = signed(event_body(event_id="evt-other", tenant_id=OTHER_TENANT_ID))
    _post(client, raw, headers)
    tenant_id = UUID(event_body()["tenantId"])

    exported: Any = dict(tenant_data_exporters.items())["webhooks"](tenant_id=tenant_id)
    purged = dict(tenant_data_purgers.items())["webhooks"](tenant_id=tenant_id)

    assert [e["eventId"] for e in exported["events"]] == ["evt-p1", "evt-p2"]
    assert purged == 2
    assert list(WebhookEvent.objects.values_list("event_id", flat=True)) == ["evt-other"]
