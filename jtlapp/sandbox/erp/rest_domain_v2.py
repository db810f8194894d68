"""The 2.0 domain commands that create customers, items and sales orders, or price an order.

``/v2/customer/create``, ``/v2/itemdetails/create``, ``/v2/salesorder/create`` and
``/v2/salesorder/calculatesalesorder`` take ``CreateCustomerCommandRequest``,
``CreateItemCommandRequest``, ``CreateSalesOrderCommandRequest`` and
``CalculateSalesOrderCommandRequest``: the GraphQL mutation inputs of the same names,
PascalCase. The body is camel-cased and parsed by ``graphql_inputs``, so REST and GraphQL
create alike. The descriptions document the success status but no body; the answer is the
SDL's payload of the command, PascalCase (``CreateCustomerCommandResponse {customerId}`` is
``{"CustomerId": …}``).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from jtlapp.sandbox.erp import graphql_inputs as inputs
from jtlapp.sandbox.erp import rest_bodies
from jtlapp.sandbox.erp.mutations import LineItemSpec, line_item_build
from jtlapp.sandbox.erp.mutations_create import (
    CustomerSpec,
    OrderSpec,
    customer_create,
    item_create,
    sales_order_create,
)
from jtlapp.sandbox.erp.records import Customer, money
from jtlapp.sandbox.erp.rest_common import ErpRestError, parse_datetime, validation_error
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, Handler, RestCall
from jtlapp.sandbox.erp.tenant import TenantData


def camel(value: object) -> Any:
    """PascalCase names to the SDL's camelCase, all the way down (``CountryIso``)."""
    if isinstance(value, Mapping):
        return {str(k)[:1].lower() + str(k)[1:]: camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [camel(v) for v in value]
    return value


def _pascal_errors(handler: Handler) -> Handler:
    """A refusal names the field as the REST body spells it (``CustomerGroupId``).

    The parsers name the camelCase field they read; the descriptions document no error status
    for these commands, so a refused request answers 400 ``ErrorResponse`` as the other 2.0
    creates do.
    """

    @functools.wraps(handler)
    def run(call: RestCall) -> ErpRestResponse:
        try:
            return handler(call)
        except ErpRestError as error:
            names = {k[:1].upper() + k[1:]: v for k, v in error.validation_errors.items()}
            raise replace(error, validation_errors=names) from None

    return run


def _request(call: RestCall) -> inputs.Input:
    result: inputs.Input = camel(rest_bodies.require_object(call.request.body))
    return result


def _answer(status: int, body: object) -> ErpRestResponse:
    return ErpRestResponse(status=status, body=body)


@_pascal_errors
def customer_create_command(call: RestCall) -> ErpRestResponse:
    """``CustomerDomain_CreateCustomer``: 201 ``{"CustomerId"}``."""
    data, request = call.tenant, _request(call)
    shipment = inputs.section(request, "shipmentAddress")

    def key(name: str, kind: str, known: Mapping[int, object]) -> int | None:
        return inputs.record_key(data, request, name, kind=kind, known=known)

    spec = CustomerSpec(
        group_key=key("customerGroupId", "customergroup", data.customer_groups) or 0,
        company_key=key("companyId", "company", data.companies),
        payment_method_key=key("paymentMethodId", "paymentmethod", data.payment_methods),
        billing=inputs.address(
            inputs.section(request, "billingAddress"), company_field="companyName"
        ),
        shipment=inputs.address(shipment, company_field="companyName") if shipment else None,
        number=inputs.text(request, "customerNumber"),
        language_iso=inputs.text(request, "languageIso"),
        is_locked=rest_bodies.get_bool(dict(request), "isLocked"),
        payment_due_days=rest_bodies.get_int(
            dict(inputs.section(request, "paymentSettings")), "paymentDueDateInDays"
        ),
    )
    customer = customer_create(data=data, spec=spec)
    return _answer(201, {"CustomerId": data.uuid(kind="customer", key=customer.key)})


@_pascal_errors
def item_create_command(call: RestCall) -> ErpRestResponse:
    """``Itemdetails_CreateItem``: 200 (as documented) ``{"ItemId"}``, in its ``Categories``."""
    data = call.tenant
    item = item_create(data=data, changes=inputs.item_changes(data, _request(call)))
    return _answer(200, {"ItemId": data.uuid(kind="item", key=item.key)})


def _line_spec(data: TenantData, line: inputs.Input) -> LineItemSpec:
    """REST sends ``Type`` as the ``LineItemType`` int, GraphQL as its name."""
    spec = inputs.line_item_spec(data, line)
    kind = line.get("type")
    if isinstance(kind, int) and not isinstance(kind, bool):
        spec.type = kind
    return spec


def _customer(data: TenantData, request: inputs.Input) -> Customer:
    key = inputs.record_key(data, request, "customerId", kind="customer", known=data.customers)
    if key is None:
        raise validation_error("CustomerId", "The CustomerId is required.")
    return data.customers[key]


def _order_spec(data: TenantData, request: inputs.Input) -> OrderSpec:
    section, text = inputs.section, inputs.text
    key = inputs.record_key
    notes = section(request, "text")
    shipment = section(request, "shipmentAddress")
    date = text(request, "salesOrderDate")
    return OrderSpec(
        company_key=key(data, request, "companyId", kind="company", known=data.companies),
        payment_method_key=key(
            data, request, "paymentMethodId", kind="paymentmethod", known=data.payment_methods
        ),
        shipping_method_key=key(
            data, request, "shippingMethodId", kind="shippingmethod", known=data.shipping_methods
        ),
        number=text(request, "salesOrderNumber"),
        external_number=text(section(request, "externalDetails"), "externalSalesOrderNumber"),
        date=None if date is None else parse_datetime(date, name="SalesOrderDate"),
        billing=inputs.address(section(request, "billingAddress"), company_field="company"),
        shipment=inputs.address(shipment, company_field="company") if shipment else None,
        language_iso=text(request, "languageIso"),
        currency_iso=text(section(section(request, "paymentDetails"), "currency"), "currencyIso"),
        comment=text(notes, "comment"),
        customer_comment=text(notes, "customerComment"),
    )


@_pascal_errors
def sales_order_create_command(call: RestCall) -> ErpRestResponse:
    """``SalesOrderDomain_CreateSalesOrder``: 201 ``{"SalesOrderId"}``; bad lines store nothing."""
    data, request = call.tenant, _request(call)
    lines = [
        _line_spec(data, line)
        for line in request.get("lineItems") or []
        if isinstance(line, Mapping)
    ]
    order = sales_order_create(
        data=data, customer=_customer(data, request), spec=_order_spec(data, request), lines=lines
    )
    return _answer(201, {"SalesOrderId": data.uuid(kind="salesorder", key=order.key)})


@_pascal_errors
def sales_order_calculate_command(call: RestCall) -> ErpRestResponse:
    """``SalesOrderDomain_CalculateSalesOrder``: prices the lines as a create would, stores nothing.

    200 ``{"CalculateSalesOrderResponse": {LineItems, TotalNetAmount, TotalGrossAmount}}``,
    the SDL's ``CalculateSalesOrderCommandResponse``.
    """
    data, request = call.tenant, _request(call)
    _customer(data, request)
    answers: list[dict[str, object]] = []
    net = gross = 0.0
    for entry in request.get("lineItems") or []:
        line_input = entry if isinstance(entry, Mapping) else {}
        spec = _line_spec(data, line_input)
        spec.tax_rate = inputs.number(line_input, "vatRate")
        line = line_item_build(data=data, order_key=0, spec=spec, key=0)
        net, gross = net + line.total_net, gross + line.total_gross
        answers.append(
            {
                "SyncNumber": line_input.get("syncNumber"),
                "SalesPriceNet": line.sales_price_net,
                "SalesPriceGross": line.sales_price_gross,
                "Discount": line.discount,
            }
        )
    totals = {"TotalNetAmount": money(net), "TotalGrossAmount": money(gross)}
    return _answer(200, {"CalculateSalesOrderResponse": {"LineItems": answers, **totals}})


ROUTES_DOMAIN = {
    ("POST", "/v2/customer/create"): customer_create_command,
    ("POST", "/v2/itemdetails/create"): item_create_command,
    ("POST", "/v2/salesorder/create"): sales_order_create_command,
    ("POST", "/v2/salesorder/calculatesalesorder"): sales_order_calculate_command,
}
"""(method, 2.0 path as described) -> handler."""
