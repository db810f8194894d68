"""The create commands GraphQL mutations and the 2.0 REST domain endpoints share.

``CreateCustomer``/``v2/customer/create``, ``CreateItem``/``v2/itemdetails/create``,
``CreateSalesOrder``/``v2/salesorder/create`` and ``CalculateSalesOrder``/
``v2/salesorder/calculatesalesorder`` take the same ``...CommandRequest`` (GraphQL camelCase,
REST PascalCase) and answer the same payload, so one function per command reads the camelCase
request and returns the camelCase payload; each edge adapts names and errors.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import datetime

from jtlapp.sandbox.erp import graphql_inputs as inputs
from jtlapp.sandbox.erp.mutations import line_item_build
from jtlapp.sandbox.erp.mutations_create import (
    CustomerSpec,
    OrderSpec,
    customer_create,
    item_create,
    sales_order_create,
)
from jtlapp.sandbox.erp.records import Customer, money
from jtlapp.sandbox.erp.rest_common import parse_datetime, validation_error
from jtlapp.sandbox.erp.tenant import TenantData

Payload = dict[str, object]


def command_customer(data: TenantData, request: inputs.Input, name: str) -> Customer:
    key = inputs.record_key(data, request, name, kind="customer", known=data.customers)
    if key is None:
        raise validation_error(name, f"The {name} is required.")
    return data.customers[key]


def customer_create_command(data: TenantData, request: inputs.Input) -> Payload:
    billing = inputs.address(inputs.section(request, "billingAddress"), company_field="companyName")
    shipment = inputs.section(request, "shipmentAddress")
    settings = inputs.section(request, "paymentSettings")
    key = functools.partial(inputs.record_key, data, request)
    locked, due = request.get("isLocked"), settings.get("paymentDueDateInDays")
    spec = CustomerSpec(
        group_key=key("customerGroupId", kind="customergroup", known=data.customer_groups) or 0,
        company_key=key("companyId", kind="company", known=data.companies),
        payment_method_key=key("paymentMethodId", kind="paymentmethod", known=data.payment_methods),
        billing=billing,
        shipment=inputs.address(shipment, company_field="companyName") if shipment else None,
        number=inputs.text(request, "customerNumber"),
        language_iso=inputs.text(request, "languageIso"),
        is_locked=locked if isinstance(locked, bool) else None,
        payment_due_days=due if isinstance(due, int) and not isinstance(due, bool) else None,
    )
    customer = customer_create(data=data, spec=spec)
    return {"customerId": data.uuid(kind="customer", key=customer.key)}


def item_create_command(data: TenantData, request: inputs.Input) -> Payload:
    item = item_create(data=data, changes=inputs.item_changes(data, request))
    return {"itemId": data.uuid(kind="item", key=item.key)}


def _order_date(request: inputs.Input) -> datetime | None:
    """``DateTime`` arrives as ISO text (REST, and GraphQL's custom scalar) or parsed."""
    date = request.get("salesOrderDate")
    if isinstance(date, str):
        return parse_datetime(date, name="salesOrderDate")
    return date if isinstance(date, datetime) else None


def _order_spec(data: TenantData, request: inputs.Input) -> OrderSpec:
    key = functools.partial(inputs.record_key, data, request)
    text = inputs.section(request, "text")
    currency = inputs.section(inputs.section(request, "paymentDetails"), "currency")
    shipment = inputs.section(request, "shipmentAddress")
    return OrderSpec(
        company_key=key("companyId", kind="company", known=data.companies),
        payment_method_key=key("paymentMethodId", kind="paymentmethod", known=data.payment_methods),
        shipping_method_key=key(
            "shippingMethodId", kind="shippingmethod", known=data.shipping_methods
        ),
        number=inputs.text(request, "salesOrderNumber"),
        external_number=inputs.text(
            inputs.section(request, "externalDetails"), "externalSalesOrderNumber"
        ),
        date=_order_date(request),
        billing=inputs.address(inputs.section(request, "billingAddress"), company_field="company"),
        shipment=inputs.address(shipment, company_field="company") if shipment else None,
        language_iso=inputs.text(request, "languageIso"),
        currency_iso=inputs.text(currency, "currencyIso"),
        comment=inputs.text(text, "comment"),
        customer_comment=inputs.text(text, "customerComment"),
    )


def _lines(request: inputs.Input) -> list[inputs.Input]:
    return [line for line in request.get("lineItems") or [] if isinstance(line, Mapping)]


def sales_order_create_command(data: TenantData, request: inputs.Input) -> Payload:
    """An order with an invalid line is not stored (``sales_order_create``)."""
    customer = command_customer(data, request, "customerId")
    lines = [inputs.line_item_spec(data, line) for line in _lines(request)]
    order = sales_order_create(
        data=data, customer=customer, spec=_order_spec(data, request), lines=lines
    )
    return {"salesOrderId": data.uuid(kind="salesorder", key=order.key)}


def sales_order_calculate_command(data: TenantData, request: inputs.Input) -> Payload:
    """Prices the lines as ``sales_order_create_command`` would, and stores nothing."""
    command_customer(data, request, "customerId")
    answers: list[Payload] = []
    net = gross = 0.0
    for entry in _lines(request):
        spec = inputs.line_item_spec(data, entry)
        spec.tax_rate = inputs.number(entry, "vatRate")
        line = line_item_build(data=data, order_key=0, spec=spec, key=0)
        net, gross = net + line.total_net, gross + line.total_gross
        answers.append(
            {
                "syncNumber": entry.get("syncNumber"),
                "salesPriceNet": line.sales_price_net,
                "salesPriceGross": line.sales_price_gross,
                "discount": line.discount,
            }
        )
    totals = {"totalNetAmount": money(net), "totalGrossAmount": money(gross)}
    return {"calculateSalesOrderResponse": {"lineItems": answers, **totals}}
