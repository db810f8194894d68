"""What the panes show, for one tenant, from one ERP read per view (the dashboard: ``dashboard``).

The tenant is always the verified caller's (``panes.apis``); ids from the page are only keys
to look up inside that tenant's ERP. Amounts are summed here rather than in the browser so
the pages stay small and the numbers are testable against the seeded sandbox data.
"""

from __future__ import annotations

from typing import Any

from jtlapp.errors import ApplicationError
from jtlapp.gateway.erp import ErpClient
from jtlapp.gateway.erp.errors import ErpNotFoundError
from jtlapp.tenant_settings.selectors import tenant_setting_get
from jtlapp.tenants.models import Tenant
from panes import erp_reads
from panes.erp_reads import CustomerNode, ItemNode, OrderNode, RestLine
from panes.tenant_settings import SHOW_PURCHASE

LIST_LIMIT = 10
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
        "date": order.sales_order_date.isoformat(),
        "customerId": order.customer_id,
        "customerNumber": order.customer_number,
        "customerName": order.billing_address_company or name or None,
        "currency": order.currency_iso or "EUR",
        "totalGross": _money(order.total_gross_amount),
        "totalNet": _money(order.total_net_amount),
        "stillToPay": _money(order.still_to_pay),
        "paymentStatus": order.payment_status.value,
        "deliveryStatus": order.delivery_status.value,
        "isCancelled": order.is_cancelled,
        "isPending": order.is_pending,
    }


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


def _customer_view(customer: CustomerNode) -> dict[str, Any]:
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
        "since": customer.created_date.date().isoformat(),
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
    show_purchase = bool(tenant_setting_get(tenant=tenant, key=SHOW_PURCHASE))
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
