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

from jtlapp.sandbox.erp import commands
from jtlapp.sandbox.erp import graphql_inputs as inputs
from jtlapp.sandbox.erp.mutations import item_apply
from jtlapp.sandbox.erp.mutations_create import (
    invoice_number_assign,
)
from jtlapp.sandbox.erp.records import Item, SalesOrder
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


_create_customer = _mutation(commands.customer_create_command)
_create_item = _mutation(commands.item_create_command)
_create_sales_order = _mutation(commands.sales_order_create_command)
_calculate_sales_order = _mutation(commands.sales_order_calculate_command)

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
