"""Shared pieces of the v1 REST handlers: response helpers and int-id entity lookups.

v1 ids are the legacy int keys; a non-numeric id is a 404 like any unknown id, because JTL's
1.0 routes answer that way rather than with a validation error.
"""

from __future__ import annotations

from jtlapp.sandbox.erp.records import Customer, Item, LineItem, SalesOrder
from jtlapp.sandbox.erp.rest_common import not_found, page_envelope, page_parse
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall

Dto = dict[str, object]


def ok(body: object, status: int = 200) -> ErpRestResponse:
    return ErpRestResponse(status=status, body=body)


def paged(call: RestCall, dtos: list[Dto]) -> ErpRestResponse:
    return ok(page_envelope(dtos, page=page_parse(call.request.query), pascal=True))


def int_param(call: RestCall, name: str) -> int:
    try:
        return int(call.params[name])
    except ValueError:
        raise not_found(f"No entity with the given {name} exists.") from None


def int_key(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def item_of(call: RestCall) -> Item:
    item = call.tenant.items.get(int_param(call, "itemId"))
    if item is None:
        raise not_found("No item with the given ID exists.")
    return item


def customer_of(call: RestCall) -> Customer:
    customer = call.tenant.customers.get(int_param(call, "customerId"))
    if customer is None:
        raise not_found("No customer with the given ID exists.")
    return customer


def order_of(call: RestCall) -> SalesOrder:
    order = call.tenant.orders.get(int_param(call, "salesOrderId"))
    if order is None:
        raise not_found("No sales order with the given ID exists.")
    return order


def line_of(call: RestCall, order: SalesOrder) -> LineItem:
    line = call.tenant.line_item(order=order, key=int_param(call, "salesOrderLineItemId"))
    if line is None:
        raise not_found("No sales order line item with the given ID exists.")
    return line
