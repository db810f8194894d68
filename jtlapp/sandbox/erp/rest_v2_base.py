"""Shared pieces of the v2 REST handlers: JSON shaping, paging and UUID entity lookups.

v2 bodies go through ``rest_json`` so views can keep datetimes and GraphQL enum names while
REST answers ISO strings and enum ints (erp-api.md §2.3).
"""

from __future__ import annotations

from jtlapp.sandbox.erp.records import Customer, Item, LineItem, SalesOrder
from jtlapp.sandbox.erp.rest_common import (
    filter_dates,
    not_found,
    page_envelope,
    page_parse,
    rest_json,
    sort_views,
)
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall
from jtlapp.sandbox.erp.tenant import TenantData


def ok(body: object, status: int = 200) -> ErpRestResponse:
    return ErpRestResponse(status=status, body=rest_json(body, enum_ints=True))


def paged(call: RestCall, views: list[dict[str, object]]) -> ErpRestResponse:
    page = page_parse(call.request.query)
    views = sort_views(filter_dates(views, call.request.query), call.request.query)
    return ok(page_envelope(views, page=page, pascal=False))


def uuid_key(data: TenantData, kind: str, value: object) -> int | None:
    return data.uuid_key(kind=kind, value=value) if isinstance(value, str) else None


def item_of(call: RestCall) -> Item:
    item = call.tenant.items.get(uuid_key(call.tenant, "item", call.params["id"]) or 0)
    if item is None:
        raise not_found("No item with the given ID exists.")
    return item


def customer_of(call: RestCall) -> Customer:
    key = uuid_key(call.tenant, "customer", call.params["id"]) or 0
    customer = call.tenant.customers.get(key)
    if customer is None:
        raise not_found("No customer with the given ID exists.")
    return customer


def order_of(call: RestCall) -> SalesOrder:
    order = call.tenant.orders.get(uuid_key(call.tenant, "salesorder", call.params["id"]) or 0)
    if order is None:
        raise not_found("No sales order with the given ID exists.")
    return order


def line_of(call: RestCall, order: SalesOrder) -> LineItem:
    key = uuid_key(call.tenant, "lineitem", call.params["lineItemId"]) or 0
    line = call.tenant.line_item(order=order, key=key)
    if line is None:
        raise not_found("No sales order line item with the given ID exists.")
    return line
