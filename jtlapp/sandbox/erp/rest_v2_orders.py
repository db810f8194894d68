"""v2 sales-order and line-item handlers (``/v2/sales-orders``, ``…/line-items``).

Order list/detail bodies are the GraphQL types (erp-api.md §4.2). The kebab line-item route
keeps the early-v2 DTO (``sKU``, int ``type``) that current clients read (erp-api.md §2.3);
the camelCase ``/v2/salesOrders/{id}/lineitems`` route answers the Cloud 2.0 spec's
``V2.SalesOrder.SalesOrderLineItem`` instead (see tests/sandbox/erp/test_rest_v2_names.py).
"""

from __future__ import annotations

from collections.abc import Callable

from jtlapp.sandbox.erp import rest_bodies, views_sales
from jtlapp.sandbox.erp.mutations import (
    LineItemSpec,
    line_item_delete,
    line_item_update,
    line_items_add,
    order_apply,
)
from jtlapp.sandbox.erp.records import LineItem
from jtlapp.sandbox.erp.rest_common import page_envelope, page_parse
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall
from jtlapp.sandbox.erp.rest_v2_base import line_of, ok, order_of, paged, uuid_key
from jtlapp.sandbox.erp.tenant import TenantData


def orders_query(call: RestCall) -> ErpRestResponse:
    data = call.tenant
    raw_customer = call.request.query.get("customerId")
    customer_key = uuid_key(data, "customer", raw_customer) if raw_customer else None
    if raw_customer and customer_key is None:
        return ok(page_envelope([], page=page_parse(call.request.query), pascal=False))
    views = [
        views_sales.sales_order_list_item(data=data, order=order)
        for order in data.orders.values()
        if customer_key is None or order.customer_key == customer_key
    ]
    return paged(call, views)


def order_get(call: RestCall) -> ErpRestResponse:
    order = order_of(call)
    return ok(views_sales.sales_order_detail(data=call.tenant, order=order, with_line_items=False))


def order_patch(call: RestCall) -> ErpRestResponse:
    order = order_of(call)
    body = rest_bodies.require_object(call.request.body)
    text = rest_bodies.get_object(body, "text")
    order_apply(
        data=call.tenant,
        order=order,
        comment=rest_bodies.get_str(text, "comment") or rest_bodies.get_str(body, "comment"),
        customer_comment=rest_bodies.get_str(text, "customerComment")
        or rest_bodies.get_str(body, "customerComment"),
    )
    return ok(
        views_sales.sales_order_detail(data=call.tenant, order=order, with_line_items=False), 201
    )


def early_line_item(data: TenantData, line: LineItem) -> dict[str, object]:
    """The early-v2 line-item DTO: v1 names with the first letter lower-cased (``sKU``)."""
    return {
        "id": data.uuid(kind="lineitem", key=line.key),
        "salesOrderId": data.uuid(kind="salesorder", key=line.order_key),
        "itemId": None if line.item_key is None else data.uuid(kind="item", key=line.item_key),
        "name": line.name,
        "sKU": line.sku,
        "type": line.type,
        "quantity": line.quantity,
        "quantityDelivered": line.quantity_delivered,
        "quantityReturned": 0.0,
        "salesUnit": line.sales_unit,
        "salesPriceNet": line.sales_price_net,
        "salesPriceGross": line.sales_price_gross,
        "discount": line.discount,
        "purchasePriceNet": line.purchase_price_net,
        "taxRate": line.tax_rate,
        "notice": line.notice,
    }


def spec20_line_item(data: TenantData, line: LineItem) -> dict[str, object]:
    """Cloud 2.0 ``SalesOrderLineItem``: PascalCase spec names, first letter lower-cased."""
    tax_class = 1 if line.tax_rate >= 19 else 2
    return {
        "id": data.uuid(kind="lineitem", key=line.key),
        "variants": [],
        "billOfMaterialsType": 0,
        "configurationItemType": 0,
        "discount": line.discount,
        "fNSKU": None,
        "lineItemType": line.type,
        "name": line.name,
        "note": line.notice or None,
        "parentSalesOrderLineItemId": None,
        "purchasePriceNet": line.purchase_price_net,
        "quantity": line.quantity,
        "salesPriceNet": line.sales_price_net,
        "salesUnit": line.sales_unit or None,
        "sKU": line.sku or None,
        "taxRate": line.tax_rate,
        "itemId": None if line.item_key is None else data.uuid(kind="item", key=line.item_key),
        "taxClassId": data.uuid(kind="taxclass", key=tax_class),
        "taxCodeId": None,
    }


LineDto = Callable[[TenantData, LineItem], dict[str, object]]


def _lines_get(call: RestCall, dto: LineDto) -> ErpRestResponse:
    return ok([dto(call.tenant, line) for line in order_of(call).line_items])


def _lines_post(call: RestCall, dto: LineDto) -> ErpRestResponse:
    order = order_of(call)
    created = line_items_add(
        data=call.tenant, order=order, specs=line_specs(call, call.request.body)
    )
    return ok([dto(call.tenant, line) for line in created], 201)


def line_specs(call: RestCall, body: object) -> list[LineItemSpec]:
    """Line items of a v2 body, in either casing.

    PascalCase as the 2.0 description spells them, or the early camelCase twin (``sKU``) of
    the later routes.
    """
    return [
        rest_bodies.line_item_spec(
            entry,
            pascal=any(key[:1].isupper() for key in entry),
            item_key=lambda value: uuid_key(call.tenant, "item", value),
        )
        for entry in rest_bodies.require_objects(body)
    ]


def lines_get(call: RestCall) -> ErpRestResponse:
    return _lines_get(call, early_line_item)


def lines_post(call: RestCall) -> ErpRestResponse:
    return _lines_post(call, early_line_item)


def spec20_lines_get(call: RestCall) -> ErpRestResponse:
    return _lines_get(call, spec20_line_item)


def spec20_lines_post(call: RestCall) -> ErpRestResponse:
    return _lines_post(call, spec20_line_item)


def line_patch(call: RestCall) -> ErpRestResponse:
    order = order_of(call)
    line = line_of(call, order)
    spec = rest_bodies.line_item_spec(
        rest_bodies.require_object(call.request.body),
        pascal=False,
        item_key=lambda value: uuid_key(call.tenant, "item", value),
    )
    line_item_update(data=call.tenant, line=line, spec=spec)
    return ErpRestResponse(status=204, body=None)


def line_delete(call: RestCall) -> ErpRestResponse:
    order = order_of(call)
    line_item_delete(data=call.tenant, order=order, line=line_of(call, order))
    return ErpRestResponse(status=204, body=None)
