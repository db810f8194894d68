"""v1 sales-order and line-item handlers (``/salesOrders``, ``…/lineitems``).

Filters are the 1.0 spec's query parameters that seeded data can answer (erp-api.md §4.1).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from jtlapp.sandbox.erp import rest_bodies, v1_views
from jtlapp.sandbox.erp.mutations import (
    line_item_delete,
    line_item_update,
    line_items_add,
    order_apply,
)
from jtlapp.sandbox.erp.records import PAYMENT_STATUSES, SalesOrder
from jtlapp.sandbox.erp.rest_common import parse_datetime, query_bool, query_int
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall
from jtlapp.sandbox.erp.rest_v1_base import int_key, line_of, ok, order_of, paged

OrderCheck = Callable[[SalesOrder], bool]


def _attribute_equals(attribute: str, wanted: int) -> OrderCheck:
    return lambda order: bool(getattr(order, attribute) == wanted)


def _key_filters(query: Mapping[str, str]) -> list[OrderCheck]:
    checks: list[OrderCheck] = []
    for name, attribute in (
        ("customerId", "customer_key"),
        ("companyId", "company_key"),
        ("paymentMethodId", "payment_method_key"),
        ("shippingMethodId", "shipping_method_key"),
    ):
        wanted = query_int(query, name)
        if wanted is not None:
            checks.append(_attribute_equals(attribute, wanted))
    return checks


def _order_filters(query: Mapping[str, str]) -> list[OrderCheck]:
    """The 1.0 spec's ``GET /salesOrders`` filters we can evaluate on seeded data."""
    checks: list[OrderCheck] = [lambda order: not order.is_pending, *_key_filters(query)]
    status = query_int(query, "paymentStatus")
    if status is not None:
        checks.append(lambda order: PAYMENT_STATUSES.index(order.payment_status) == status)
    cancelled = query_bool(query, "isCancelled")
    if cancelled is not None:
        checks.append(lambda order: order.is_cancelled == cancelled)
    number = query.get("salesOrderNumber")
    if number:
        checks.append(lambda order: order.number == number)
    if since := query.get("createdSince"):
        lower = parse_datetime(since, name="createdSince")
        checks.append(lambda order: order.date >= lower)
    if until := query.get("createdUntil"):
        upper = parse_datetime(until, name="createdUntil")
        checks.append(lambda order: order.date <= upper)
    return checks


def orders_query(call: RestCall) -> ErpRestResponse:
    """Only non-pending orders, as the 1.0 spec says (erp-api.md §10.13)."""
    checks = _order_filters(call.request.query)
    dtos = [
        v1_views.sales_order_dto(data=call.tenant, order=order)
        for order in call.tenant.orders.values()
        if all(check(order) for check in checks)
    ]
    return paged(call, dtos)


def order_get(call: RestCall) -> ErpRestResponse:
    return ok(v1_views.sales_order_dto(data=call.tenant, order=order_of(call)))


def order_patch(call: RestCall) -> ErpRestResponse:
    order = order_of(call)
    body = rest_bodies.require_object(call.request.body)
    order_apply(
        data=call.tenant,
        order=order,
        comment=rest_bodies.get_str(body, "Comment"),
        customer_comment=rest_bodies.get_str(body, "CustomerComment"),
    )
    return ok(v1_views.sales_order_dto(data=call.tenant, order=order), 201)


def lines_get(call: RestCall) -> ErpRestResponse:
    return ok([v1_views.line_item_dto(line) for line in order_of(call).line_items])


def lines_post(call: RestCall) -> ErpRestResponse:
    order = order_of(call)
    specs = [
        rest_bodies.line_item_spec(entry, pascal=True, item_key=int_key)
        for entry in rest_bodies.require_objects(call.request.body)
    ]
    created = line_items_add(data=call.tenant, order=order, specs=specs)
    return ok([v1_views.line_item_dto(line) for line in created], 201)


def line_patch(call: RestCall) -> ErpRestResponse:
    order = order_of(call)
    line = line_of(call, order)
    body = rest_bodies.require_object(call.request.body)
    spec = rest_bodies.line_item_spec(body, pascal=True, item_key=int_key)
    line_item_update(data=call.tenant, line=line, spec=spec)
    return ErpRestResponse(status=204, body=None)


def line_delete(call: RestCall) -> ErpRestResponse:
    order = order_of(call)
    line_item_delete(data=call.tenant, order=order, line=line_of(call, order))
    return ErpRestResponse(status=204, body=None)
