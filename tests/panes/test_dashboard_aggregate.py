"""The dashboard's local aggregate: first fill, webhooks keep it current, purge removes it."""

from uuid import UUID

import httpx
import pytest

from jtlapp.tenants.data_registry import tenant_data_exporters, tenant_data_purgers
from jtlapp.tenants.models import Tenant
from jtlapp.webhooks.handlers import SALES_ORDER_PAID, webhook_handler_for
from jtlapp.webhooks.models import WebhookEvent
from panes.dashboard_sync import UNPAID, dashboard_item_refresh
from panes.models import DashboardItem, DashboardOrder, DashboardSync
from tests.panes.conftest import TENANT_A, api_get, dashboard_filled


def handle(*, topic: str, entity_id: str) -> None:
    """Run the registered handler as the inbox's worker does, on a recorded event."""
    tenant = Tenant.objects.get(tenant_id=TENANT_A)
    event = WebhookEvent.objects.create(
        event_id=f"evt-{topic}-{entity_id}", topic=topic, event_tenant_id=TENANT_A,
        tenant=tenant, entity_id=entity_id,
    )  # fmt: skip
    run = webhook_handler_for(topic=topic)
    assert run is not None
    run.apply(event=event, tenant=tenant, loaded=run.load(event=event, tenant=tenant))


def test_before_the_first_fill_the_dashboard_says_it_is_preparing(client, tokens):
    response = api_get(client, "/api/insights/dashboard", tokens[TENANT_A])

    assert response.status_code == 200
    assert response.json() == {"preparing": True}
    assert DashboardSync.objects.get(tenant_id=TENANT_A).started_at is not None


def test_after_the_fill_the_dashboard_makes_no_erp_call(client, tokens, platform):
    dashboard_filled(TENANT_A)
    platform.control("counters/reset")

    body = api_get(client, "/api/insights/dashboard", tokens[TENANT_A]).json()

    assert body["preparing"] is False
    assert body["orderCount"] > 0
    assert httpx.get(f"{platform.url}/_sandbox/erp-calls").json() == []


def test_a_paid_order_webhook_moves_the_order_out_of_the_unpaid_list(client, tokens, platform):
    dashboard_filled(TENANT_A)
    unpaid = DashboardOrder.objects.filter(
        tenant_id=TENANT_A, payment_status__in=UNPAID, is_cancelled=False
    ).first()
    assert unpaid is not None
    before = api_get(client, "/api/insights/dashboard", tokens[TENANT_A]).json()

    platform.control(
        "erp/sales-orders/pay", {"tenantId": TENANT_A, "salesOrderId": unpaid.order_id}
    )
    handle(topic=SALES_ORDER_PAID, entity_id=unpaid.order_id)

    after = api_get(client, "/api/insights/dashboard", tokens[TENANT_A]).json()
    assert after["unpaidOrders"]["count"] == before["unpaidOrders"]["count"] - 1
    assert unpaid.order_id not in {o["id"] for o in after["unpaidOrders"]["orders"]}


def test_an_item_change_updates_the_low_stock_list(client, tokens, platform):
    # the item.changed handler's share (the handler itself also loads the item over REST)
    dashboard_filled(TENANT_A)
    low = api_get(client, "/api/insights/dashboard", tokens[TENANT_A]).json()["lowStockItems"]
    assert low
    item = low[0]

    platform.control(
        "erp/items/stock",
        {"tenantId": TENANT_A, "itemId": item["itemId"], "quantity": item["minimumStock"] + 1000},
    )
    dashboard_item_refresh(tenant=Tenant.objects.get(tenant_id=TENANT_A), item_id=item["itemId"])

    after = api_get(client, "/api/insights/dashboard", tokens[TENANT_A]).json()["lowStockItems"]
    assert item["itemId"] not in {i["itemId"] for i in after}


@pytest.mark.django_db
def test_the_purge_removes_the_aggregate_and_the_export_lists_it(tokens):
    dashboard_filled(TENANT_A)
    exporter = dict(tenant_data_exporters.items())["dashboard"]
    purger = dict(tenant_data_purgers.items())["dashboard"]

    exported = exporter(tenant_id=UUID(TENANT_A))
    assert isinstance(exported, dict)
    assert exported["orders"]
    assert purger(tenant_id=UUID(TENANT_A)) > 0
    assert not DashboardOrder.objects.filter(tenant_id=TENANT_A).exists()
    assert not DashboardItem.objects.filter(tenant_id=TENANT_A).exists()
    assert not DashboardSync.objects.filter(tenant_id=TENANT_A).exists()
