"""Returns in both generations: seeded from shipped orders, created for an order's lines.

A return names its sales order; its customer and company follow from that order and each line
from the order line it sends back, so ``GET /returns?salesOrderId=`` and the line items tie to
the orders a partner already reads. 1.0 keys are ints, 2.0 keys UUIDs (``rest_catalog_base``).
"""

from __future__ import annotations

from collections.abc import Callable

from jtlapp.sandbox.erp import rest_bodies
from jtlapp.sandbox.erp.records import SalesOrder
from jtlapp.sandbox.erp.records_catalog import (
    RETURN_ORIGIN_REST_API,
    RETURN_REASONS,
    RETURN_STATES,
    Return,
    ReturnLine,
    ReturnPackage,
)
from jtlapp.sandbox.erp.rest_catalog_base import (
    Dto,
    body_object,
    in_key,
    is_v2,
    next_key,
    ok,
    out_id,
    paged,
    return_of,
)
from jtlapp.sandbox.erp.rest_common import iso, parse_datetime, validation_error
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall
from jtlapp.sandbox.erp.seed_orders import at_utc

FIRST_STATE_KEY = RETURN_STATES[0][0]


def return_dto(call: RestCall, found: Return) -> Dto:
    dto: Dto = {
        "Id": out_id(call, "return", found.key),
        "Number": found.number,
        "ReturnDate": iso(found.date),
        "CustomerId": out_id(call, "customer", found.customer_key),
        "ExternalNumber": found.external_number,
        "Origin": found.origin,
        "CompanyId": out_id(call, "company", found.company_key),
        "SalesOrderId": out_id(call, "salesorder", found.order_key),
        "StateId": out_id(call, "returnstate", found.state_key),
        "WarehouseId": out_id(call, "warehouse", found.warehouse_key),
        "ExternalComment": found.external_comment,
        "InternalComment": found.internal_comment,
        "Contact": found.contact,
    }
    if is_v2(call):
        dto["TransmitToSalesChannel"] = found.transmit_to_sales_channel
    return dto


def _line_dto(call: RestCall, found: Return, line: ReturnLine) -> Dto:
    dto: Dto = {
        "Id": out_id(call, "returnlineitem", line.key),
        "ReturnId": out_id(call, "return", found.key),
        "StateId": out_id(call, "returnstate", found.state_key),
        "ItemId": out_id(call, "item", line.item_key),
        "Name": line.name,
        "SKU": line.sku,
        "Quantity": line.quantity,
        "ReturnReasonId": out_id(call, "returnreason", line.reason_key),
        "ReturnReasonComment": line.reason_comment,
        "ConditionId": out_id(call, "condition", line.condition_key),
        "ConditionComment": line.condition_comment,
        "SalesOrderId": out_id(call, "salesorder", found.order_key),
        "SalesOrderLineItemId": out_id(call, "lineitem", line.order_line_key),
        "DeliveryNoteLineItemId": out_id(call, "returndeliverynoteline", line.key),
    }
    if is_v2(call):
        dto["Credit"] = line.credit
    return dto


def _package_dto(call: RestCall, found: Return, package: ReturnPackage) -> Dto:
    return {
        "Id": out_id(call, "returnpackage", package.key),
        "ReturnId": out_id(call, "return", found.key),
        "TrackingID": package.tracking_id,
        "ShippingMethodId": out_id(call, "shippingmethod", package.shipping_method_key),
        "ShippingMethodCustom": package.shipping_method_custom,
    }


def _query_key(call: RestCall, name: str, kind: str) -> int | None:
    raw = call.request.query.get(name)
    if not raw:
        return None
    key = in_key(call, kind, raw)
    if key is None:
        raise validation_error(name, f"The value '{raw}' is not valid.")
    return key


def _matches(call: RestCall) -> Callable[[Return], bool]:
    number = call.request.query.get("returnNumber") or None
    customer = _query_key(call, "customerId", "customer")
    order = _query_key(call, "salesOrderId", "salesorder")
    state = _query_key(call, "returnStateId", "returnstate")
    return lambda r: (
        number in (None, r.number)
        and customer in (None, r.customer_key)
        and order in (None, r.order_key)
        and state in (None, r.state_key)
    )


def returns_list(call: RestCall) -> ErpRestResponse:
    wanted = _matches(call)
    found = [r for _, r in sorted(call.tenant.returns.items()) if wanted(r)]
    return paged(call, [return_dto(call, r) for r in found])


def return_read(call: RestCall) -> ErpRestResponse:
    return ok(return_dto(call, return_of(call)))


def return_lines(call: RestCall) -> ErpRestResponse:
    found = return_of(call)
    return ok([_line_dto(call, found, line) for line in found.lines])


def return_packages(call: RestCall) -> ErpRestResponse:
    found = return_of(call)
    return ok([_package_dto(call, found, package) for package in found.packages])


def _translations(german: str, english: str) -> list[Dto]:
    return [{"LanguageIso": "DE", "Name": german}, {"LanguageIso": "EN", "Name": english}]


def return_reasons(call: RestCall) -> ErpRestResponse:
    views = [
        {"Id": out_id(call, "returnreason", key), "Translations": _translations(de, en)}
        for key, de, en in RETURN_REASONS
    ]
    return ok(views)


def return_states(call: RestCall) -> ErpRestResponse:
    views = [
        {
            "Id": out_id(call, "returnstate", key),
            "IsActive": True,
            "Translations": _translations(de, en),
        }
        for key, de, en in RETURN_STATES
    ]
    return ok(views)


def _body_key(call: RestCall, body: Dto, name: str, kind: str) -> int:
    key = in_key(call, kind, body.get(name))
    if key is None:
        raise validation_error(name, f"The {name} field is required.")
    return key


def _order_for(call: RestCall, body: Dto) -> SalesOrder:
    order = call.tenant.orders.get(_body_key(call, body, "SalesOrderId", "salesorder"))
    if order is None:
        raise validation_error("SalesOrderId", "No sales order with the given ID exists.")
    return order


def _checked_context(call: RestCall, body: Dto) -> tuple[int, int]:
    company = _body_key(call, body, "CompanyId", "company")
    if company not in call.tenant.companies:
        raise validation_error("CompanyId", "No company with the given ID exists.")
    warehouse = _body_key(call, body, "WarehouseId", "warehouse")
    if warehouse not in call.tenant.warehouses:
        raise validation_error("WarehouseId", "No warehouse with the given ID exists.")
    return company, warehouse


def _returned(call: RestCall, order_line_key: int) -> float:
    """What earlier returns already sent back of one order line: it cannot come back twice."""
    return sum(
        line.quantity
        for found in call.tenant.returns.values()
        for line in found.lines
        if line.order_line_key == order_line_key
    )


def _lines(call: RestCall, order: SalesOrder, entries: object) -> list[ReturnLine]:
    """Each ``CreateReturnLineItem`` sends back part of one item line of the order."""
    if not isinstance(entries, list) or not entries:
        raise validation_error("Items", "At least one line item is required.")
    first = next_key(
        call.tenant,
        kind="returnline",
        keys=(line.key for r in call.tenant.returns.values() for line in r.lines),
    )
    lines: list[ReturnLine] = []
    for index, entry in enumerate(rest_bodies.require_objects(entries)):
        lines.append(_line(call, order, entry, index=index, key=first + index, earlier=lines))
    return lines


def _line(
    call: RestCall,
    order: SalesOrder,
    entry: Dto,
    *,
    index: int,
    key: int,
    earlier: list[ReturnLine],
) -> ReturnLine:
    """One line; what the order line holds less what earlier returns sent back is returnable."""
    name = f"Items[{index}]"
    order_line = call.tenant.line_item(
        order=order, key=in_key(call, "lineitem", entry.get("SalesOrderLineItemId")) or 0
    )
    if order_line is None or order_line.item_key is None:
        raise validation_error(f"{name}.SalesOrderLineItemId", "No item line of the order.")
    quantity = rest_bodies.get_number(entry, "Quantity") or 0.0
    returned = _returned(call, order_line.key) + sum(
        line.quantity for line in earlier if line.order_line_key == order_line.key
    )
    if quantity <= 0 or quantity > order_line.quantity - returned:
        raise validation_error(f"{name}.Quantity", "The quantity is not returnable.")
    reason = in_key(call, "returnreason", entry.get("ReturnReasonId"))
    if reason not in {key for key, _, _ in RETURN_REASONS}:
        raise validation_error(f"{name}.ReturnReasonId", "No such return reason exists.")
    credit = rest_bodies.get_bool(entry, "Credit")
    return ReturnLine(
        key=key,
        order_line_key=order_line.key,
        item_key=order_line.item_key,
        name=order_line.name,
        sku=order_line.sku,
        quantity=quantity,
        reason_key=reason or 0,
        reason_comment=rest_bodies.get_str(entry, "ReturnReasonComment") or "",
        credit=True if credit is None else credit,
    )


def _packages(call: RestCall, entries: object) -> list[ReturnPackage]:
    if entries is None:
        return []
    first = next_key(
        call.tenant,
        kind="returnpackage",
        keys=(p.key for r in call.tenant.returns.values() for p in r.packages),
    )
    packages = []
    for index, entry in enumerate(rest_bodies.require_objects(entries)):
        tracking = rest_bodies.get_str(entry, "TrackingID")
        if not tracking:
            raise validation_error(f"Packages[{index}].TrackingID", "A tracking id is required.")
        method = in_key(call, "shippingmethod", entry.get("ShippingMethodId"))
        packages.append(
            ReturnPackage(
                key=first + index,
                tracking_id=tracking,
                shipping_method_key=method or 0,
                shipping_method_custom=rest_bodies.get_str(entry, "ShippingMethodCustom") or "",
            )
        )
    return packages


def return_create(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    data = call.tenant
    raw_date = rest_bodies.get_str(body, "ReturnDate")
    moment = (
        parse_datetime(raw_date, name="ReturnDate") if raw_date else at_utc(data.today, hour=12)
    )
    with data.lock:
        order = _order_for(call, body)
        company, warehouse = _checked_context(call, body)
        key = next_key(data, kind="return", keys=data.returns)
        data.returns[key] = Return(
            key=key,
            number=f"RMA-{moment:%Y%m}-{key:05d}",
            date=moment,
            order_key=order.key,
            customer_key=order.customer_key,
            company_key=company,
            warehouse_key=warehouse,
            state_key=FIRST_STATE_KEY,
            origin=RETURN_ORIGIN_REST_API,
            external_number=rest_bodies.get_str(body, "ExternalNumber") or "",
            external_comment=rest_bodies.get_str(body, "ExternalComment") or "",
            internal_comment=rest_bodies.get_str(body, "InternalComment") or "",
            contact=rest_bodies.get_str(body, "Contact") or "",
            transmit_to_sales_channel=bool(rest_bodies.get_bool(body, "TransmitToSalesChannel")),
            lines=_lines(call, order, body.get("Items")),
            packages=_packages(call, body.get("Packages")),
        )
    return ok(return_dto(call, data.returns[key]), 201)


_BOTH = {
    ("GET", "/returns"): returns_list,
    ("POST", "/returns"): return_create,
    ("GET", "/returns/{returnId}"): return_read,
    ("GET", "/returns/{returnId}/lineitems"): return_lines,
    ("GET", "/returns/{returnId}/packages"): return_packages,
    ("GET", "/returnReasons"): return_reasons,
    ("GET", "/returnStates"): return_states,
}
ROUTES = {
    **_BOTH,
    **{(method, "/v2" + path): handler for (method, path), handler in _BOTH.items()},
}
"""(method, path as each description spells it) -> handler."""
