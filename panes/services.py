"""What the pages show, aggregated from the merchant's ERP for one tenant.

The tenant is always the verified caller's (``panes.apis``); ids from the page are only keys
to look up inside that tenant's ERP. Amounts are summed here rather than in the browser so
the pages stay small and the numbers are testable against the seeded sandbox data.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from jtlapp.erp.schemas import CustomerListItem
from jtlapp.errors import ApplicationError
from jtlapp.gateway.erp import ErpClient
from jtlapp.tenants.models import Tenant
from panes import erp_reads
from panes.erp_reads import ItemNode, LineNode, OrderNode

DASHBOARD_DAYS = 30
TOP_ITEMS = 5
LIST_LIMIT = 10
UNPAID = ["UNPAID", "PARTIALLY_PAID"]
BOOKED = {"isCancelled": {"eq": False}, "isPending": {"eq": False}}


class InsightsNotFoundError(ApplicationError):
    http_status = 404
    code = "not_found"


def _money(value: float | None) -> float:
    return round(value or 0.0, 2)


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


# -- dashboard ------------------------------------------------------------------------------


def insights_dashboard(*, tenant: Tenant, today: date | None = None) -> dict[str, Any]:
    """Last 30 days' revenue per day, top items, unpaid orders and items below minimum stock."""
    client = ErpClient(tenant=tenant)
    last_day = today or timezone.localdate()
    first_day = last_day - timedelta(days=DASHBOARD_DAYS - 1)
    since = datetime.combine(first_day, time.min, tzinfo=timezone.get_current_timezone())
    where = {**BOOKED, "salesOrderDate": {"gte": since.isoformat()}}
    recent = list(erp_reads.orders_iterate(client=client, where=where))
    lines = erp_reads.order_lines(client=client, sales_order_ids=[o.id for o in recent])
    return {
        "from": first_day.isoformat(),
        "to": last_day.isoformat(),
        "currency": recent[0].currency_iso if recent and recent[0].currency_iso else "EUR",
        "revenueByDay": _revenue_by_day(orders=recent, first_day=first_day, last_day=last_day),
        "revenueTotal": _money(sum(o.total_gross_amount or 0.0 for o in recent)),
        "orderCount": len(recent),
        "topItems": _top_items(lines=[line for group in lines.values() for line in group]),
        "unpaidOrders": _unpaid_orders(client=client),
        "lowStockItems": _low_stock(client=client),
    }


def _revenue_by_day(
    *, orders: list[OrderNode], first_day: date, last_day: date
) -> list[dict[str, Any]]:
    gross: dict[date, float] = defaultdict(float)
    counts: dict[date, int] = defaultdict(int)
    for order in orders:
        if order.sales_order_date is None:
            continue
        day = timezone.localdate(order.sales_order_date)
        gross[day] += order.total_gross_amount or 0.0
        counts[day] += 1
    days = [first_day + timedelta(days=n) for n in range((last_day - first_day).days + 1)]
    return [
        {"date": day.isoformat(), "grossAmount": _money(gross[day]), "orders": counts[day]}
        for day in days
    ]


def _top_items(*, lines: list[LineNode]) -> list[dict[str, Any]]:
    totals: dict[str, dict[str, Any]] = {}
    for line in lines:
        if line.line_item_type != "ITEM" or not line.item_id:
            continue
        entry = totals.setdefault(
            line.item_id,
            {"itemId": line.item_id, "sku": line.sku, "name": line.name, "quantity": 0.0,
             "netRevenue": 0.0},
        )  # fmt: skip
        entry["quantity"] += line.quantity
        entry["netRevenue"] = _money(entry["netRevenue"] + (line.total_sales_price_net or 0.0))
    ranked = sorted(totals.values(), key=lambda e: (-e["netRevenue"], e["sku"] or ""))
    return ranked[:TOP_ITEMS]


def _unpaid_orders(*, client: ErpClient) -> dict[str, Any]:
    where = {"isCancelled": {"eq": False}, "paymentStatus": {"in": UNPAID}}
    orders = list(erp_reads.orders_iterate(client=client, where=where))
    return {
        "count": len(orders),
        "stillToPay": _money(sum(o.still_to_pay or 0.0 for o in orders)),
        "orders": [_order_view(order) for order in orders[:LIST_LIMIT]],
    }


def _low_stock(*, client: ErpClient) -> list[dict[str, Any]]:
    where = {"hasMinimumStock": {"eq": True}, "isActive": {"eq": True}}
    below = [
        item
        for item in erp_reads.items_iterate(client=client, where=where)
        if item.stock_available < item.minimum_stock
    ]
    below.sort(key=lambda item: (item.stock_available - item.minimum_stock, item.sku or ""))
    return [_item_view(item) for item in below]


def _item_view(item: ItemNode) -> dict[str, Any]:
    return {
        "itemId": item.id,
        "sku": item.sku,
        "name": item.name,
        "stockAvailable": item.stock_available,
        "stockTotal": item.stock_total,
        "minimumStock": item.minimum_stock,
    }


# -- customer pane --------------------------------------------------------------------------


def insights_customer(*, tenant: Tenant, customer_id: str) -> dict[str, Any]:
    """One customer's summary, lifetime revenue, open amount and latest orders."""
    client = ErpClient(tenant=tenant)
    customer = erp_reads.customer_find(client=client, customer_id=customer_id)
    if customer is None:
        raise InsightsNotFoundError("No customer with this id exists in your ERP.")
    where = {"customerId": {"eq": customer.id}}
    orders = list(erp_reads.orders_iterate(client=client, where=where))
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


# -- sales-order pane -----------------------------------------------------------------------


def insights_sales_order(*, tenant: Tenant, sales_order_id: str) -> dict[str, Any]:
    """An order's status and its lines with margin and stock availability."""
    client = ErpClient(tenant=tenant)
    order = erp_reads.order_find(client=client, sales_order_id=sales_order_id)
    if order is None:
        raise InsightsNotFoundError("No sales order with this id exists in your ERP.")
    lines = erp_reads.order_lines(client=client, sales_order_ids=[order.id])[order.id]
    items = erp_reads.items_by_id(
        client=client, item_ids=[line.item_id for line in lines if line.item_id]
    )
    views = [_line_view(line, items.get((line.item_id or "").lower())) for line in lines]
    sales = sum(view["totalNet"] for view in views)
    purchase = sum(view["purchaseNet"] or 0.0 for view in views)
    return {
        "order": _order_view(order),
        "lineItems": views,
        "totals": {
            "salesNet": _money(sales),
            "purchaseNet": _money(purchase),
            "marginNet": _money(sales - purchase),
            "marginPercent": _percent(sales - purchase, sales),
        },
    }


def _percent(part: float, whole: float) -> float | None:
    return round(part / whole * 100, 1) if whole else None


def _line_view(line: LineNode, item: ItemNode | None) -> dict[str, Any]:
    total = _money(line.total_sales_price_net)
    purchase = (
        _money(line.purchase_price_net * line.quantity)
        if line.purchase_price_net is not None
        else None
    )
    margin = _money(total - purchase) if purchase is not None else None
    return {
        "id": line.id,
        "itemId": line.item_id,
        "sku": line.sku,
        "name": line.name,
        "type": line.line_item_type,
        "quantity": line.quantity,
        "salesPriceNet": _money(line.sales_price_net),
        "totalNet": total,
        "purchaseNet": purchase,
        "marginNet": margin,
        "marginPercent": _percent(margin, total) if margin is not None else None,
        "stockAvailable": item.stock_available if item else None,
        "isAvailable": item.stock_available >= line.quantity if item else None,
    }
