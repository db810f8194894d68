"""``/api/insights/...`` against the sandbox's seeded ERP data (the tenant comes from the token)."""

from datetime import timedelta

import httpx
import pytest
from django.utils import timezone

from tests.panes.conftest import TENANT_A, TENANT_B, api_get, dashboard_filled

RETRY = "X-JTL-Retry-With-Fresh-Token"
SOME_UUID = "00000000-0000-4000-8000-000000000000"


def booked(order):
    return not order.is_cancelled and not order.is_pending


def test_dashboard_sums_the_callers_last_30_days(client, tokens, erp_a):
    # given
    today = timezone.localdate()
    since = today - timedelta(days=29)
    recent = [o for o in erp_a.orders.values() if booked(o) and o.date.date() >= since]
    unpaid = [o for o in erp_a.orders.values() if not o.is_cancelled and o.payment_status != "PAID"]

    dashboard_filled(TENANT_A)

    # when
    response = api_get(client, "/api/insights/dashboard", tokens[TENANT_A])

    # then
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["from"] == since.isoformat()
    assert body["to"] == today.isoformat()
    assert len(body["revenueByDay"]) == 30
    assert body["orderCount"] == len(recent)
    assert body["revenueTotal"] == pytest.approx(sum(o.total_gross for o in recent), abs=0.01)
    assert sum(d["orders"] for d in body["revenueByDay"]) == len(recent)
    assert body["unpaidOrders"]["count"] == len(unpaid)
    assert body["unpaidOrders"]["stillToPay"] == pytest.approx(
        sum(o.still_to_pay for o in unpaid), abs=0.01
    )


def test_dashboard_top_items_and_low_stock_match_the_seed(client, tokens, erp_a):
    # given
    since = timezone.localdate() - timedelta(days=29)
    revenue: dict[int, float] = {}
    for order in erp_a.orders.values():
        if booked(order) and order.date.date() >= since:
            for line in order.line_items:
                if line.item_key is not None:
                    revenue[line.item_key] = revenue.get(line.item_key, 0) + line.total_net
    best_key = max(revenue, key=lambda key: revenue[key])
    stock, reserved = erp_a.stock_total(), erp_a.stock_in_orders()
    low = {
        item.sku
        for item in erp_a.items.values()
        if item.is_active
        and item.minimum_stock > 0
        and max(stock.get(item.key, 0) - reserved.get(item.key, 0), 0) < item.minimum_stock
    }

    dashboard_filled(TENANT_A)

    # when
    body = api_get(client, "/api/insights/dashboard", tokens[TENANT_A]).json()

    # then
    assert body["topItems"][0]["sku"] == erp_a.items[best_key].sku
    assert body["topItems"][0]["netRevenue"] == pytest.approx(revenue[best_key], abs=0.01)
    assert {item["sku"] for item in body["lowStockItems"]} == low
    assert all(i["stockAvailable"] < i["minimumStock"] for i in body["lowStockItems"])


def test_customer_insights_show_that_customers_orders(client, tokens, erp_a):
    # given
    customer = next(c for c in erp_a.customers.values() if sum(
        1 for o in erp_a.orders.values() if o.customer_key == c.key) >= 3)  # fmt: skip
    orders = [o for o in erp_a.orders.values() if o.customer_key == customer.key]
    active = [o for o in orders if not o.is_cancelled]
    customer_id = erp_a.uuid(kind="customer", key=customer.key)

    # when
    response = api_get(client, f"/api/insights/customers/{customer_id}", tokens[TENANT_A])

    # then
    assert response.status_code == 200
    body = response.json()
    assert body["customer"]["number"] == customer.number
    assert body["customer"]["name"] == f"{customer.billing.first_name} {customer.billing.last_name}"
    assert body["orderCount"] == len(active)
    assert body["lifetimeRevenue"] == pytest.approx(sum(o.total_gross for o in active), abs=0.01)
    assert body["openAmount"] == pytest.approx(sum(o.still_to_pay for o in active), abs=0.01)
    newest = max(orders, key=lambda o: o.date)
    assert body["lastOrders"][0]["number"] == newest.number
    assert body["lastOrders"][0]["paymentStatus"] == newest.payment_status
    assert body["lastOrders"][0]["deliveryStatus"] == newest.delivery_status


def test_sales_order_insights_show_margin_and_stock_per_line(client, tokens, erp_a):
    # given
    order = next(o for o in erp_a.orders.values() if len(o.line_items) >= 2)
    order_id = erp_a.uuid(kind="salesorder", key=order.key)
    stock, reserved = erp_a.stock_total(), erp_a.stock_in_orders()

    # when
    response = api_get(client, f"/api/insights/sales-orders/{order_id}", tokens[TENANT_A])

    # then
    assert response.status_code == 200
    body = response.json()
    assert body["order"]["number"] == order.number
    assert body["order"]["paymentStatus"] == order.payment_status
    assert [line["sku"] or "" for line in body["lineItems"]] == [li.sku for li in order.line_items]
    first, seeded = body["lineItems"][0], order.line_items[0]
    expected_margin = seeded.total_net - seeded.purchase_price_net * seeded.quantity
    assert first["marginNet"] == pytest.approx(expected_margin, abs=0.01)
    available = max(stock.get(seeded.item_key, 0) - reserved.get(seeded.item_key, 0), 0)
    assert first["stockAvailable"] == available
    assert body["totals"]["salesNet"] == pytest.approx(order.total_net, abs=0.01)


def test_another_tenants_ids_are_not_found_in_the_callers_erp(client, tokens, platform):
    # given: an order id of tenant B, asked for with tenant A's token
    erp_b = platform.state.store.tenant(TENANT_B)
    foreign = erp_b.uuid(kind="salesorder", key=next(iter(erp_b.orders)))

    # when
    response = api_get(client, f"/api/insights/sales-orders/{foreign}", tokens[TENANT_A])

    # then
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    "path",
    [
        "/api/insights/dashboard",
        f"/api/insights/customers/{SOME_UUID}",
        f"/api/insights/sales-orders/{SOME_UUID}",
    ],
)
def test_insights_refuse_callers_without_a_valid_token(client, platform, db, path):
    missing = client.get(path)
    invalid = client.get(path, HTTP_AUTHORIZATION="Bearer not.a.token")

    for response in (missing, invalid):
        assert response.status_code == 401
        assert response[RETRY] == "1"
        assert response["Cache-Control"] == "no-store"
        assert set(response.json()) == {"message", "code", "extra"}


@pytest.mark.parametrize(
    "path",
    [
        "/api/insights/customers/42",
        "/api/insights/customers/not-a-uuid",
        "/api/insights/sales-orders/%2e%2e",
        "/api/insights/sales-orders/00000000-0000-0000-0000",
    ],
)
def test_insights_refuse_ids_that_are_not_uuids(client, tokens, platform, path):
    # given
    platform.control("counters/reset")

    # when
    response = api_get(client, path, tokens[TENANT_A])

    # then
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_id"
    assert httpx.get(f"{platform.url}/_sandbox/erp-calls").json() == []


def test_insights_need_a_set_up_tenant(client, platform, db):
    token = platform.app_token(tenantId=TENANT_A)

    response = api_get(client, "/api/insights/dashboard", token)

    assert response.status_code == 403
    assert response.json()["code"] == "tenant_not_active"


def test_erp_failures_arrive_in_the_one_error_shape(client, tokens, platform):
    # given
    platform.control("faults", {"area": "erp", "status": 503, "count": 50})

    # when
    response = api_get(client, f"/api/insights/customers/{SOME_UUID}", tokens[TENANT_A])

    # then
    assert response.status_code in (502, 504)
    assert response.json()["code"] == "erp_unavailable"
    assert response["Cache-Control"] == "no-store"


def test_a_missing_permission_is_named_before_any_erp_call(client, tokens, platform):
    # given: JTL granted tenant A no item access
    from jtlapp.tenants.models import Tenant  # noqa: PLC0415

    Tenant.objects.filter(tenant_id=TENANT_A).update(granted_scopes=["salesorders.read"])
    platform.control("counters/reset")

    # when
    response = api_get(client, f"/api/insights/sales-orders/{SOME_UUID}", tokens[TENANT_A])

    # then
    assert response.status_code == 403
    assert response.json()["code"] == "permission_missing"
    assert response.json()["extra"]["scopes"] == ["items.read"]
    assert httpx.get(f"{platform.url}/_sandbox/erp-calls").json() == []


def test_the_order_margin_leaves_shipping_out(client, tokens, erp_a):
    # given: an order with a shipping line
    order = next(
        o for o in erp_a.orders.values() if any(li.item_key is None for li in o.line_items)
    )
    order_id = erp_a.uuid(kind="salesorder", key=order.key)
    goods = [li for li in order.line_items if li.item_key is not None]

    # when
    body = api_get(client, f"/api/insights/sales-orders/{order_id}", tokens[TENANT_A]).json()

    # then
    sales = sum(li.total_net for li in goods)
    purchase = sum(li.purchase_price_net * li.quantity for li in goods)
    assert body["totals"]["itemsNet"] == pytest.approx(sales, abs=0.01)
    assert body["totals"]["marginNet"] == pytest.approx(sales - purchase, abs=0.01)
    shipping = [line for line in body["lineItems"] if not line["isItem"]]
    assert shipping
    assert all(line["marginNet"] is None for line in shipping)


def test_the_setting_hides_purchase_prices_and_margins(client, tokens, erp_a):
    from jtlapp.tenant_settings.services import tenant_settings_update  # noqa: PLC0415
    from jtlapp.tenants.models import Tenant  # noqa: PLC0415

    tenant = Tenant.objects.get(tenant_id=TENANT_A)
    tenant_settings_update(
        tenant=tenant, values={"orders.show_purchase_prices": False}, updated_by="test"
    )
    order_id = erp_a.uuid(kind="salesorder", key=next(iter(erp_a.orders)))

    body = api_get(client, f"/api/insights/sales-orders/{order_id}", tokens[TENANT_A]).json()

    assert body["showPurchase"] is False
    assert body["totals"]["marginNet"] is None
    assert all(line["purchaseNet"] is None for line in body["lineItems"])
