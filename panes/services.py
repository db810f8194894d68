"""What the pages show, for one tenant: the dashboard from its aggregate, panes from the ERP.

The tenant is always the verified caller's (``panes.apis``); ids from the page are only keys
to look up inside that tenant's ERP. Amounts are summed here rather than in the browser so
the pages stay small and the numbers are testable against the seeded sandbox data.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from jtlapp.erp.schemas import CustomerListItem
from jtlapp.errors import ApplicationError
from jtlapp.gateway.erp import ErpClient
from jtlapp.gateway.erp.errors import ErpNotFoundError
from jtlapp.tenant_settings.selectors import tenant_settings_values
from jtlapp.tenants.models import Tenant
from panes import erp_reads
from panes.dashboard_sync import UNPAID, WINDOW_DAYS
from panes.erp_reads import ItemNode, OrderNode, RestLine
from panes.models import DashboardItem, DashboardOrder, DashboardSync
from panes.tasks import dashboard_reconcile_task
from panes.tenant_settings import DASHBOARD_DAYS, SHOW_PURCHASE, TOP_ITEMS

LIST_LIMIT = 10
FILL_RESTART_SECONDS = 900
PANE_SCOPES = {
    "dashboard": ("salesorders.read", "items.read"),
    "customer": ("customers.read", "salesorders.read"),
    "salesorder": ("salesorders.read", "items.read"),
}


class InsightsNotFoundError(ApplicationError):
    http_status = 404
    code = "not_found"


class PermissionMissingError(ApplicationError):
    http_status = 403
    code = "permission_missing"


def _money(value: float | None) -> float:
    return round(value or 0.0, 2)


def insights_permission_check(*, tenant: Tenant, view: str) -> None:
    """Refuse before any ERP call when JTL did not grant what the view reads."""
    missing = [scope for scope in PANE_SCOPES[view] if scope not in tenant.granted_scopes]
    if missing:
        raise PermissionMissingError(
            "JTL did not grant the app a permission this page needs.",
            extra={"scope": missing[0], "scopes": missing},
        )


def _order_view(order: OrderNode) -> dict[str, Any]:
    name = " ".join(
        part for part in (order.billing_address_first_name, order.billing_address_last_name) if part
    )
    return {
        "id": order.id,
        "number": order.sales_order_number,
        "date": order.sales_order_date.isoformat() if order.sales_order_date else None,
        "customerId": order.customer_id,
        "customerNumber": order.customer_number,
        "customerName": order.billing_address_company or name or None,
        "currency": order.currency_iso or "EUR",
        "totalGross": _money(order.total_gross_amount),
        "totalNet": _money(order.total_net_amount),
        "stillToPay": _money(order.still_to_pay),
        "paymentStatus": order.payment_status,
        "deliveryStatus": order.delivery_status,
        "isCancelled": order.is_cancelled,
        "isPending": order.is_pending,
    }


# -- dashboard (local aggregate) -------------------------------------------------------------


def _aggregate_filled(*, tenant: Tenant) -> DashboardSync | None:
    """The sync row once the first fill is done; until then the fill is (re)queued.

    A page view never fills the aggregate itself: the first fill reads every order line of
    the window, which takes a while on a real ERP, so the page says it is preparing and asks
    again. A fill that started long ago and never finished is queued once more.
    """
    sync = DashboardSync.objects.filter(tenant=tenant).first()
    if sync is not None and sync.filled_at is not None:
        return sync
    stale = timezone.now() - timedelta(seconds=FILL_RESTART_SECONDS)
    if sync is None or sync.started_at is None or sync.started_at < stale:
        DashboardSync.objects.update_or_create(
            tenant=tenant, defaults={"started_at": timezone.now()}
        )
        tenant_id = str(tenant.tenant_id)
        transaction.on_commit(lambda: dashboard_reconcile_task.delay(tenant_id))
    return None


def insights_dashboard(*, tenant: Tenant, today: date | None = None) -> dict[str, Any]:
    """Revenue per day, top items, unpaid orders and low stock, from the local aggregate."""
    sync = _aggregate_filled(tenant=tenant)
    if sync is None:
        return {"preparing": True}
    options = tenant_settings_values(tenant=tenant, keys=[DASHBOARD_DAYS, TOP_ITEMS])
    days = int(options[DASHBOARD_DAYS] or WINDOW_DAYS)
    last_day = today or timezone.localdate()
    first_day = last_day - timedelta(days=days - 1)
    rows = list(DashboardOrder.objects.filter(tenant=tenant))
    recent = [
        row for row in rows
        if not row.is_cancelled and not row.is_pending
        and first_day <= timezone.localdate(row.ordered_at) <= last_day
    ]  # fmt: skip
    unpaid = sorted(
        (row for row in rows if not row.is_cancelled and row.payment_status in UNPAID),
        key=lambda row: row.ordered_at, reverse=True,
    )  # fmt: skip
    return {
        "preparing": False,
        "from": first_day.isoformat(),
        "to": last_day.isoformat(),
        "days": days,
        "updatedAt": sync.filled_at.isoformat() if sync.filled_at else None,
        "currency": recent[0].currency if recent else "EUR",
        "revenueByDay": _revenue_by_day(rows=recent, first_day=first_day, last_day=last_day),
        "revenueTotal": _money(sum(row.total_gross for row in recent)),
        "orderCount": len(recent),
        "topItems": _top_items(rows=recent, limit=int(options[TOP_ITEMS] or 5)),
        "unpaidOrders": {
            "count": len(unpaid),
            "stillToPay": _money(sum(row.still_to_pay for row in unpaid)),
            "orders": [_aggregate_order_view(row) for row in unpaid[:LIST_LIMIT]],
        },
        "lowStockItems": _low_stock(tenant=tenant),
    }


def _aggregate_order_view(row: DashboardOrder) -> dict[str, Any]:
    return {
        "id": row.order_id, "number": row.number, "date": row.ordered_at.isoformat(),
        "customerName": row.customer_name or None, "currency": row.currency,
        "totalGross": _money(row.total_gross), "stillToPay": _money(row.still_to_pay),
        "paymentStatus": row.payment_status or None,
    }  # fmt: skip


def _revenue_by_day(
    *, rows: list[DashboardOrder], first_day: date, last_day: date
) -> list[dict[str, Any]]:
    gross: dict[date, float] = defaultdict(float)
    counts: dict[date, int] = defaultdict(int)
    for row in rows:
        day = timezone.localdate(row.ordered_at)
        gross[day] += row.total_gross
        counts[day] += 1
    days = [first_day + timedelta(days=n) for n in range((last_day - first_day).days + 1)]
    return [
        {"date": day.isoformat(), "grossAmount": _money(gross[day]), "orders": counts[day]}
        for day in days
    ]


def _top_items(*, rows: list[DashboardOrder], limit: int) -> list[dict[str, Any]]:
    totals: dict[str, dict[str, Any]] = {}
    for row in rows:
        for line in row.item_lines:
            entry = totals.setdefault(
                str(line["itemId"]),
                {"itemId": line["itemId"], "sku": line.get("sku"), "name": line.get("name"),
                 "quantity": 0.0, "netRevenue": 0.0},
            )  # fmt: skip
            entry["quantity"] += float(line.get("quantity") or 0.0)
            entry["netRevenue"] = _money(entry["netRevenue"] + float(line.get("netRevenue") or 0))
    ranked = sorted(totals.values(), key=lambda e: (-e["netRevenue"], e["sku"] or ""))
    return ranked[:limit]


def _low_stock(*, tenant: Tenant) -> list[dict[str, Any]]:
    below = [
        item for item in DashboardItem.objects.filter(tenant=tenant)
        if item.stock_available < item.minimum_stock
    ]  # fmt: skip
    below.sort(key=lambda item: (item.stock_available - item.minimum_stock, item.sku))
    return [
        {"itemId": item.item_id, "sku": item.sku, "name": item.name,
         "stockAvailable": item.stock_available, "minimumStock": item.minimum_stock}
        for item in below
    ]  # fmt: skip


# -- customer pane ---------------------------------------------------------------------------


def insights_customer(*, tenant: Tenant, customer_id: str) -> dict[str, Any]:
    """One customer's summary, lifetime revenue, open amount and latest orders."""
    client = ErpClient(tenant=tenant)
    customer, orders, more = erp_reads.customer_pane_read(client=client, customer_id=customer_id)
    if customer is None:
        raise InsightsNotFoundError("No customer with this id exists in your ERP.")
    if more:  # a customer with more than one page of orders: the rest, page by page
        where: dict[str, object] = {"customerId": {"eq": customer.id}}
        orders, cursor = erp_reads.orders_page(client=client, where=where)
        while cursor:
            page, cursor = erp_reads.orders_page(client=client, where=where, after=cursor)
            orders.extend(page)
    booked = [order for order in orders if not order.is_cancelled]
    return {
        "customer": _customer_view(customer),
        "currency": orders[0].currency_iso if orders and orders[0].currency_iso else "EUR",
        "orderCount": len(booked),
        "lifetimeRevenue": _money(sum(o.total_gross_amount or 0.0 for o in booked)),
        "openAmount": _money(sum(o.still_to_pay or 0.0 for o in booked)),
        "lastOrders": [_order_view(order) for order in orders[:LIST_LIMIT]],
    }


def _customer_view(customer: CustomerListItem) -> dict[str, Any]:
    name = " ".join(part for part in (customer.first_name, customer.last_name) if part)
    return {
        "id": customer.id,
        "number": customer.customer_number,
        "name": name or customer.company_name,
        "company": customer.company_name,
        "email": customer.email_address,
        "city": customer.city,
        "countryIso": customer.country_iso,
        "group": customer.customer_group_name,
        "since": customer.created_date.date().isoformat() if customer.created_date else None,
        "isLocked": customer.is_locked,
    }


# -- sales-order pane ------------------------------------------------------------------------


def insights_sales_order(*, tenant: Tenant, sales_order_id: str) -> dict[str, Any]:
    """An order's status and its lines with margin (item lines only) and availability."""
    client = ErpClient(tenant=tenant)
    try:
        lines = erp_reads.order_lines_read(client=client, sales_order_id=sales_order_id)
    except ErpNotFoundError:
        raise InsightsNotFoundError("No sales order with this id exists in your ERP.") from None
    order, items = erp_reads.order_pane_read(
        client=client,
        sales_order_id=sales_order_id,
        item_ids=[line.item_id for line in lines if line.item_id],
    )
    if order is None:
        raise InsightsNotFoundError("No sales order with this id exists in your ERP.")
    show_purchase = bool(tenant_settings_values(tenant=tenant, keys=[SHOW_PURCHASE])[SHOW_PURCHASE])
    views = [_line_view(line, items.get((line.item_id or "").lower())) for line in lines]
    goods = [view for view in views if view["isItem"] and view["purchaseNet"] is not None]
    sales = sum(view["totalNet"] for view in goods)
    purchase = sum(view["purchaseNet"] for view in goods)
    if not show_purchase:
        for view in views:
            view["purchaseNet"] = view["marginNet"] = view["marginPercent"] = None
    return {
        "order": _order_view(order),
        "lineItems": views,
        "showPurchase": show_purchase,
        "totals": {
            "salesNet": _money(sum(view["totalNet"] for view in views)),
            "itemsNet": _money(sales),
            "purchaseNet": _money(purchase) if show_purchase else None,
            "marginNet": _money(sales - purchase) if show_purchase else None,
            "marginPercent": _percent(sales - purchase, sales) if show_purchase else None,
        },
    }


def _percent(part: float, whole: float) -> float | None:
    return round(part / whole * 100, 1) if whole else None


def _line_view(line: RestLine, item: ItemNode | None) -> dict[str, Any]:
    total = line.total_net
    purchase = (
        _money(line.purchase_price_net * line.quantity)
        if line.is_item and line.purchase_price_net is not None
        else None
    )
    margin = _money(total - purchase) if purchase is not None else None
    return {
        "id": line.id,
        "itemId": line.item_id,
        "sku": line.sku,
        "name": line.name,
        "isItem": line.is_item,
        "quantity": line.quantity,
        "salesPriceNet": _money(line.sales_price_net),
        "totalNet": total,
        "purchaseNet": purchase,
        "marginNet": margin,
        "marginPercent": _percent(margin, total) if margin is not None else None,
        "stockAvailable": item.stock_available if item else None,
        "isAvailable": item.stock_available >= line.quantity if item else None,
    }
