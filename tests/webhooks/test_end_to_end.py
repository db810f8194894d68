"""End to end: sandbox data changes -> signed delivery -> live app -> worker -> one effect."""

from __future__ import annotations

import logging

import httpx

from jtlapp.sandbox.erp.ids import erp_uuid
from jtlapp.webhooks.models import WebhookEffect, WebhookEvent
from tests.conftest import wait_for
from tests.webhooks.conftest import ITEM_CHANGED, ORDER_PAID, SECRET, TENANT_ID, tenant_create


def _deliveries(sandbox) -> list[dict[str, object]]:
    return httpx.get(f"{sandbox.url}/_sandbox/webhooks", timeout=10).json()["deliveries"]


def test_a_paid_order_reaches_the_worker_signed_and_leaves_one_effect(
    webhook_worker, live_server, sandbox_webhooks, caplog
):
    # given
    caplog.set_level(logging.DEBUG)
    tenant = tenant_create()
    sandbox_webhooks.control("webhooks/config", {"url": live_server.url + "/webhooks/erp"})
    order_id = erp_uuid(tenant_id=TENANT_ID, kind="salesorder", key=3)
    # when: the merchant's order is paid in the ERP
    sent = sandbox_webhooks.control(
        "erp/sales-orders/pay", {"tenantId": TENANT_ID, "salesOrderId": order_id}
    )
    wait_for(
        lambda: WebhookEffect.objects.filter(entity_id=order_id).exists(),
        timeout=30,
        message="the paid order's effect",
    )
    # then
    event = WebhookEvent.objects.get(event_id=sent["eventId"])
    assert (event.topic, event.state, event.verified, event.tenant) == (
        ORDER_PAID,
        "done",
        True,
        tenant,
    )
    assert WebhookEffect.objects.get().summary["id"] == order_id
    delivery = wait_for(
        lambda: [d for d in _deliveries(sandbox_webhooks) if d["done"]],
        timeout=10,
        message="the sandbox to record the delivery",
    )[0]
    assert (delivery["status"], delivery["attempts"], delivery["error"]) == (202, 1, None)
    assert SECRET not in caplog.text
    assert "sha256=" not in caplog.text


def test_a_stock_change_sends_item_changed_to_the_live_app(
    webhook_worker, live_server, sandbox_webhooks
):
    tenant_create()
    sandbox_webhooks.control("webhooks/config", {"url": live_server.url + "/webhooks/erp"})
    item_id = erp_uuid(tenant_id=TENANT_ID, kind="item", key=2)

    sandbox_webhooks.control(
        "erp/items/stock", {"tenantId": TENANT_ID, "itemId": item_id, "quantity": 7}
    )

    wait_for(
        lambda: WebhookEvent.objects.filter(topic=ITEM_CHANGED, state="done").exists(),
        timeout=30,
        message="the item event to be processed",
    )
    assert WebhookEffect.objects.get().entity_id == item_id
    stock = [s for s in sandbox_webhooks.state.store.tenant(TENANT_ID).stocks if s.item_key == 2]
    assert stock[0].quantity == 7
