"""v2 REST routes (``/v2/...``): camelCase, UUID ids, paged envelopes, enums as ints.

List/detail bodies equal the GraphQL types (erp-api.md §4.2). Item and customer handlers live
here; orders and line items are in ``rest_v2_orders``, stock and lookups in ``rest_v2_lookups``.
"""

from __future__ import annotations

from jtlapp.sandbox.erp import (
    rest_bodies,
    rest_invoices,
    rest_v2_lookups,
    rest_v2_orders,
    views_catalog,
    views_customers,
)
from jtlapp.sandbox.erp.mutations import customer_apply, item_apply
from jtlapp.sandbox.erp.records import Customer
from jtlapp.sandbox.erp.rest_common import WAWI_VERSION
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, Handler, RestCall, Route
from jtlapp.sandbox.erp.rest_v2_base import customer_of, item_of, ok, paged, uuid_key

__all__ = ["V2_ROUTES", "WAWI_VERSION"]


def items_query(call: RestCall) -> ErpRestResponse:
    data = call.tenant
    stock, reserved = data.stock_total(), data.stock_in_orders()
    needle = call.request.query.get("searchKeyWord", "").lower()
    views = [
        views_catalog.item_list_item(data=data, item=item, stock=stock, reserved=reserved)
        for item in data.items.values()
        if not needle or needle in f"{item.sku} {item.name} {item.gtin}".lower()
    ]
    return paged(call, views)


def item_get(call: RestCall) -> ErpRestResponse:
    return ok(views_catalog.item_details(data=call.tenant, item=item_of(call)))


def item_patch(call: RestCall) -> ErpRestResponse:
    """201 with the Cloud 2.0 ``V2.Item.ItemResponse`` (``{itemId}``), not the item body."""
    item = item_of(call)
    changes = rest_bodies.item_changes_v2(rest_bodies.require_object(call.request.body))
    item_apply(data=call.tenant, item=item, changes=changes)
    return ok({"itemId": call.tenant.uuid(kind="item", key=item.key)}, 201)


def customers_query(call: RestCall) -> ErpRestResponse:
    data = call.tenant
    needle = call.request.query.get("searchKeyWord", "").lower()
    views = [
        views_customers.customer_list_item(data=data, customer=customer)
        for customer in data.customers.values()
        if not needle or needle in _customer_text(customer)
    ]
    return paged(call, views)


def _customer_text(customer: Customer) -> str:
    address = customer.billing
    parts = (
        customer.number,
        address.first_name,
        address.last_name,
        address.company,
        address.email,
        address.city,
        address.postal_code,
    )
    return " ".join(parts).lower()


def customer_get(call: RestCall) -> ErpRestResponse:
    return ok(views_customers.customer_detail(data=call.tenant, customer=customer_of(call)))


def customer_patch(call: RestCall) -> ErpRestResponse:
    """200 with the Cloud 2.0 ``V2.Customer.CustomerRef`` (``{id}``), unlike v1's 201 + body."""
    customer = customer_of(call)
    changes = rest_bodies.customer_changes(
        rest_bodies.require_object(call.request.body),
        pascal=False,
        group_key=lambda value: uuid_key(call.tenant, "customergroup", value),
    )
    customer_apply(data=call.tenant, customer=customer, changes=changes)
    return ok({"id": call.tenant.uuid(kind="customer", key=customer.key)})


def _route(method: str, pattern: str, scope: str | None, handler: Handler) -> Route:
    return Route(method=method, pattern=pattern, scope=scope, legacy_scope=None, handler=handler)


_LINES = "/v2/sales-orders/{id}/line-items"
_EARLY_LINES = "/v2/salesOrders/{id}/lineitems"
_orders, _lookups = rest_v2_orders, rest_v2_lookups
V2_ROUTES: tuple[Route, ...] = (
    _route("GET", "/v2/info", None, _lookups.info),
    _route("GET", "/v2/items", "items.read", items_query),
    _route("GET", "/v2/items/{id}", "items.read", item_get),
    _route("PATCH", "/v2/items/{id}", "items.write", item_patch),
    _route("GET", "/v2/customers", "customers.read", customers_query),
    _route("GET", "/v2/customers/{id}", "customers.read", customer_get),
    _route("PATCH", "/v2/customers/{id}", "customers.write", customer_patch),
    _route("GET", "/v2/sales-orders", "salesorders.read", _orders.orders_query),
    _route("GET", "/v2/sales-orders/{id}", "salesorders.read", _orders.order_get),
    _route("PATCH", "/v2/sales-orders/{id}", "salesorders.write", _orders.order_patch),
    _route("GET", _LINES, "salesorders.read", _orders.lines_get),
    _route("POST", _LINES, "salesorders.write", _orders.lines_post),
    _route("PATCH", _LINES + "/{lineItemId}", "salesorders.write", _orders.line_patch),
    _route("DELETE", _LINES + "/{lineItemId}", "salesorders.write", _orders.line_delete),
    _route("GET", _EARLY_LINES, "salesorders.read", _orders.spec20_lines_get),
    _route("POST", _EARLY_LINES, "salesorders.write", _orders.spec20_lines_post),
    _route("POST", "/v2/salesOrders", "salesorders.write", rest_invoices.sales_order_create_v2),
    _route("GET", "/v2/invoices", "invoices.read", rest_invoices.invoices_v2),
    _route("GET", "/v2/invoices/{invoiceId}", "invoices.read", rest_invoices.invoice_v2),
    _route("GET", "/v2/stocks", "inventories.read", _lookups.stocks_query),
    _route("GET", "/v2/warehouses", "inventories.read", _lookups.warehouses_query),
    _route("GET", "/v2/companies", "system.config.read", _lookups.companies),
    _route("GET", "/v2/customerGroups", "customers.read", _lookups.customer_groups),
    _route("GET", "/v2/paymentMethods", "salesorders.read", _lookups.payment_methods),
    _route("GET", "/v2/shippingMethods", "deliveries.read", _lookups.shipping_methods),
)
