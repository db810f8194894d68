"""Mutations of the official 2.0 SDL that change the sandbox store.

Each takes ``request: <Name>CommandRequestInput`` and answers its payload type as the SDL names
it (``{customerId}``, ``{itemId}``, ``{salesOrderId}``, ``{salesInvoiceId}`` or ``Boolean!``).
The writes are those REST uses (``mutations``, ``mutations_create``), so a record created here
reads back through GraphQL and REST alike. A refused request is a GraphQL error with the code
REST would answer (``VALIDATION_ERROR``, ``NOT_FOUND``) and ``data`` null for the field, as
HotChocolate reports a failing resolver. ``AddItemSupplier``, ``ChangePackageWeight`` and
``CreateDeliverPackage`` write the supplier links and packages of ``supply``. Mutations on
records the store does not model (workbench, languages, tax classes ...) keep their generated
answers.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from graphql import GraphQLError, GraphQLResolveInfo

from jtlapp.sandbox.erp import graphql_inputs as inputs
from jtlapp.sandbox.erp.mutations import item_apply, line_item_build
from jtlapp.sandbox.erp.mutations_create import (
    CustomerSpec,
    OrderSpec,
    customer_create,
    invoice_number_assign,
    item_create,
    sales_order_create,
)
from jtlapp.sandbox.erp.records import Customer, Item, SalesOrder, money
from jtlapp.sandbox.erp.records_supply import Package
from jtlapp.sandbox.erp.rest_common import ErpRestError, not_found, validation_error
from jtlapp.sandbox.erp.supply import (
    item_supplier_add,
    package_deliver,
    package_find,
    package_weight_change,
)
from jtlapp.sandbox.erp.tenant import TenantData

Resolver = Callable[..., object]


def _tenant(info: GraphQLResolveInfo) -> TenantData:
    data = info.context
    if not isinstance(data, TenantData):
        raise TypeError("graphql_execute passes TenantData as context")
    return data


def _mutation(resolve: Callable[[TenantData, inputs.Input], object]) -> Resolver:
    """Hand the resolver the tenant and the request; store refusals become GraphQL errors."""

    @functools.wraps(resolve)
    def run(info: GraphQLResolveInfo, **args: Any) -> object:
        request = args.get("request")
        try:
            if not isinstance(request, Mapping):
                raise validation_error("request", "The request is required.")
            return resolve(_tenant(info), request)
        except ErpRestError as error:
            message = next(iter(error.validation_errors.values()), error.message)
            raise GraphQLError(message, extensions={"code": error.code}) from None

    return run


def _customer(data: TenantData, request: inputs.Input, name: str) -> Customer:
    key = inputs.record_key(data, request, name, kind="customer", known=data.customers)
    if key is None:
        raise validation_error(name, f"The {name} is required.")
    return data.customers[key]


def _item(data: TenantData, request: inputs.Input) -> Item:
    item = data.items.get(data.uuid_key(kind="item", value=str(request.get("itemId"))) or 0)
    if item is None:
        raise not_found("No item with the given ID exists.")
    return item


def _order(data: TenantData, request: inputs.Input) -> SalesOrder:
    raw = str(request.get("salesOrderId"))
    order = data.orders.get(data.uuid_key(kind="salesorder", value=raw) or 0)
    if order is None:
        raise not_found("No sales order with the given ID exists.")
    return order


@_mutation
def _create_customer(data: TenantData, request: inputs.Input) -> object:
    billing = inputs.address(inputs.section(request, "billingAddress"), company_field="companyName")
    shipment = inputs.section(request, "shipmentAddress")
    settings = inputs.section(request, "paymentSettings")
    key = functools.partial(inputs.record_key, data, request)
    spec = CustomerSpec(
        group_key=key("customerGroupId", kind="customergroup", known=data.customer_groups) or 0,
        company_key=key("companyId", kind="company", known=data.companies),
        payment_method_key=key("paymentMethodId", kind="paymentmethod", known=data.payment_methods),
        billing=billing,
        shipment=inputs.address(shipment, company_field="companyName") if shipment else None,
        number=inputs.text(request, "customerNumber"),
        language_iso=inputs.text(request, "languageIso"),
        is_locked=request.get("isLocked"),
        payment_due_days=settings.get("paymentDueDateInDays"),
    )
    customer = customer_create(data=data, spec=spec)
    return {"customerId": data.uuid(kind="customer", key=customer.key)}


@_mutation
def _create_item(data: TenantData, request: inputs.Input) -> object:
    item = item_create(data=data, changes=inputs.item_changes(data, request))
    return {"itemId": data.uuid(kind="item", key=item.key)}


@_mutation
def _change_item(data: TenantData, request: inputs.Input) -> object:
    item_apply(data=data, item=_item(data, request), changes=inputs.item_changes(data, request))
    return True


@_mutation
def _add_item_supplier(data: TenantData, request: inputs.Input) -> object:
    """A further supplier link, read by 1.0 ``GET /items/{id}/suppliers`` and its 2.0 twin."""
    item = _item(data, request)
    spec = inputs.supplier_link_spec(data=data, link=inputs.section(request, "itemSupplier"))
    item_supplier_add(data=data, item=item, spec=spec)
    return True


def _order_spec(data: TenantData, request: inputs.Input) -> OrderSpec:
    key = functools.partial(inputs.record_key, data, request)
    text = inputs.section(request, "text")
    currency = inputs.section(inputs.section(request, "paymentDetails"), "currency")
    shipment = inputs.section(request, "shipmentAddress")
    date = request.get("salesOrderDate")
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
        date=date if date is not None and not isinstance(date, str) else None,
        billing=inputs.address(inputs.section(request, "billingAddress"), company_field="company"),
        shipment=inputs.address(shipment, company_field="company") if shipment else None,
        language_iso=inputs.text(request, "languageIso"),
        currency_iso=inputs.text(currency, "currencyIso"),
        comment=inputs.text(text, "comment"),
        customer_comment=inputs.text(text, "customerComment"),
    )


@_mutation
def _create_sales_order(data: TenantData, request: inputs.Input) -> object:
    customer = _customer(data, request, "customerId")
    lines = [
        inputs.line_item_spec(data, line)
        for line in request.get("lineItems") or []
        if isinstance(line, Mapping)
    ]
    order = sales_order_create(
        data=data, customer=customer, spec=_order_spec(data, request), lines=lines
    )
    return {"salesOrderId": data.uuid(kind="salesorder", key=order.key)}


@_mutation
def _calculate_sales_order(data: TenantData, request: inputs.Input) -> object:
    """Prices the lines as ``CreateSalesOrder`` would, and stores nothing."""
    _customer(data, request, "customerId")
    answers, net, gross = [], 0.0, 0.0
    for raw in request.get("lineItems") or []:
        entry = raw if isinstance(raw, Mapping) else {}
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


@_mutation
def _create_sales_invoice(data: TenantData, request: inputs.Input) -> object:
    order = _order(data, request)
    invoice_number_assign(data=data, order=order)
    return {"salesInvoiceId": data.uuid(kind="invoice", key=order.key)}


def _package(data: TenantData, request: inputs.Input) -> Package:
    """Packages are those of shipped orders, keyed like their delivery note."""
    key = data.uuid_key(kind="package", value=str(request.get("packageId")))
    package = package_find(data=data, key=key or 0)
    if package is None:
        raise not_found("No package with the given ID exists.")
    return package


@_mutation
def _change_package_weight(data: TenantData, request: inputs.Input) -> object:
    """The weight REST reads as ``DeliveryNotePackage.Weights``."""
    package = _package(data, request)
    weight = inputs.number(request, "weight")
    if weight is None:
        raise validation_error("weight", "The weight is required.")
    package_weight_change(data=data, package=package, weight=weight)
    return True


@_mutation
def _create_deliver_package(data: TenantData, request: inputs.Input) -> object:
    """Marks the named package shipped, so REST reads its tracking and shipping date.

    ``trackingCode`` and ``shippingDate`` become ``TrackingID`` and ``ShippedDate``; the
    request names an existing package (``packageId`` is required), so none is added.
    """
    package = _package(data, request)
    shipped = request.get("shippingDate")
    package_deliver(
        data=data,
        package=package,
        tracking_code=inputs.text(request, "trackingCode"),
        shipped=shipped if isinstance(shipped, datetime) else None,
    )
    return True


MUTATION_RESOLVERS: dict[str, Resolver] = {
    "CreateCustomer": _create_customer,
    "CreateItem": _create_item,
    "ChangeItem": _change_item,
    "AddItemSupplier": _add_item_supplier,
    "CreateSalesOrder": _create_sales_order,
    "CalculateSalesOrder": _calculate_sales_order,
    "CreateSalesInvoice": _create_sales_invoice,
    "CreateDeliverPackage": _create_deliver_package,
    "ChangePackageWeight": _change_package_weight,
}
"""Merged into ``graphql._RESOLVERS``."""
