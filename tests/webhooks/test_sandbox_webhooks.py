"""The sandbox as a webhook sender: targets, signing, retries, ERP-API triggers and emit."""

from __future__ import annotations

import json

import httpx
import pytest

from jtlapp.sandbox.config import SandboxConfig
from jtlapp.sandbox.erp.ids import erp_uuid
from jtlapp.sandbox.webhooks import manifest_webhook_url, webhook_event_build
from jtlapp.webhooks.envelope import webhook_envelope_parse
from jtlapp.webhooks.models import WebhookEvent
from tests.conftest import wait_for
from tests.webhooks.conftest import ITEM_CHANGED, ORDER_PAID, TENANT_ID

MANIFEST = {
    "capabilities": {
        "erp": {
            "webhooks": {
                "apiVersion": "1",
                "subscriptions": [
                    {
                        "topics": [ITEM_CHANGED],
                        "endpoint": {"url": "https://app.example.com/webhooks/erp"},
                    }
                ],
            }
        }
    }
}


def _done(sandbox) -> list[dict[str, object]]:
    deliveries = httpx.get(f"{sandbox.url}/_sandbox/webhooks", timeout=10).json()["deliveries"]
    return [d for d in deliveries if d["done"]]


def test_the_manifest_subscription_is_the_default_target_rebased():
    config = SandboxConfig(
        base_url="http://localhost:1",
        clients=(),
        manifest=MANIFEST,
        app_base_url="http://localhost:8123",
    )

    assert manifest_webhook_url(config=config, topic=ITEM_CHANGED) == (
        "http://localhost:8123/webhooks/erp"
    )
    assert manifest_webhook_url(config=config, topic=ORDER_PAID) is None


def test_without_a_webhooks_section_nothing_is_sent(sandbox_webhooks):
    sent = sandbox_webhooks.control(
        "webhooks/emit", {"tenantId": TENANT_ID, "topic": ITEM_CHANGED, "entityId": "x"}
    )

    assert (sent["url"], sent["done"], sent["error"]) == (
        None,
        True,
        "no webhook URL for this topic",
    )


def test_the_sandbox_builds_events_our_app_reads():
    event = webhook_event_build(tenant_id=TENANT_ID, topic=ORDER_PAID, entity_id="order-1")

    envelope, _raw = webhook_envelope_parse(body=json.dumps(event).encode())

    assert (str(envelope.tenant_id), envelope.type, envelope.entity_id) == (
        TENANT_ID,
        ORDER_PAID,
        "order-1",
    )


@pytest.mark.django_db(transaction=True)
def test_an_erp_api_write_sends_a_signed_changed_event(sandbox_webhooks, live_server):
    # given
    sandbox_webhooks.control("webhooks/config", {"url": live_server.url + "/webhooks/erp"})
    token = sandbox_webhooks.app_token(scopes=["items.read", "items.write"])
    item_id = erp_uuid(tenant_id=TENANT_ID, kind="item", key=1)
    # when
    answer = httpx.patch(  # as JTL's 2.0 description has it: PascalCase, the app named
        f"{sandbox_webhooks.url}/erp/v2/items/{item_id}",
        json={"Id": item_id, "Note": "Renamed"},
        headers={"Authorization": f"Bearer {token}", "x-appid": "test", "x-appversion": "1.0"},
        timeout=10,
    )
    # then: verified by our endpoint (tenant unknown here, so recorded as ignored)
    assert answer.status_code == 201
    delivery = wait_for(lambda: _done(sandbox_webhooks), timeout=10, message="a delivery")[0]
    assert (delivery["topic"], delivery["entityId"], delivery["status"]) == (
        ITEM_CHANGED,
        item_id,
        202,
    )
    event = WebhookEvent.objects.get(event_id=delivery["eventId"])
    assert (event.verified, event.state) == (True, "ignored")


def test_a_failing_target_is_retried_then_given_up(sandbox_webhooks):
    sandbox_webhooks.control("webhooks/config", {"url": "http://127.0.0.1:9/webhooks/erp"})

    sandbox_webhooks.control(
        "webhooks/emit", {"tenantId": TENANT_ID, "topic": ITEM_CHANGED, "entityId": "x"}
    )

    delivery = wait_for(lambda: _done(sandbox_webhooks), timeout=15, message="give up")[0]
    assert (delivery["attempts"], delivery["status"]) == (3, None)
    assert "did not answer" in str(delivery["error"])


def test_emit_refuses_a_body_without_a_topic(sandbox_webhooks):
    response = httpx.post(
        f"{sandbox_webhooks.url}/_sandbox/webhooks/emit",
        json={"tenantId": TENANT_ID, "entityId": "x"},
        timeout=10,
    )

    assert response.status_code == 400
