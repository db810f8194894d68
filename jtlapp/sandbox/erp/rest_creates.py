"""Store-backed 1.0 creates (customers, items, sales orders) and the customer delete.

Without these the engine answered ``POST /customers``, ``POST /items`` and ``POST
/salesOrders`` with generated bodies, so what a partner created never showed in ``GET
/customers/{customerId}``, the lists or GraphQL. Bodies are parsed by the names of 1.0
``CreateCustomer``, ``CreateItem`` and ``CreateSalesOrder``; the answers are the 201 entities
the store's reads build (``v1_views``). New keys come from ``TenantData.key_issue`` (in
``mutations_create``), so a deleted customer's id is never handed out again.
"""

from __future__ import annotations

from collections.abc import Mapping

from jtlapp.sandbox.erp import rest_bodies, v1_views
from jtlapp.sandbox.erp.mutations import ADDRESS_FIELDS
from jtlapp.sandbox.erp.mutations_create import (
    CustomerSpec,
    OrderSpec,
    customer_create,
    item_create,
    sales_order_create,
)
from jtlapp.sandbox.erp.records import Address, Customer
from jtlapp.sandbox.erp.rest_common import parse_datetime, query_bool, validation_error
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall
from jtlapp.sandbox.erp.rest_v1_base import customer_of, int_key, ok
from jtlapp.sandbox.erp.tenant import TenantData

JsonObject = rest_bodies.JsonObject


def address_from(updates: dict[str, str]) -> Address:
    """An ``Address`` from parsed fields (``Address`` attribute names); unsent ones are empty."""
    blank = dict.fromkeys(ADDRESS_FIELDS, "")
    return Address(**{**blank, **updates, "country_iso": updates.get("country_iso", "").upper()})


def address_v1(obj: JsonObject, name: str) -> Address | None:
    """1.0 ``CreateAddress`` under ``name``, by the names ``rest_bodies.V1_ADDRESS`` maps."""
    raw = rest_bodies.get_object(obj, name)
    fields = rest_bodies.V1_ADDRESS.items()
    updates = {attr: v for key, attr in fields if (v := rest_bodies.get_str(raw, key)) is not None}
    return address_from(updates) if raw else None


def known_key(key: int | None, records: Mapping[int, object], name: str) -> int | None:
    """A sent id must name a record of the tenant (400 naming the field); unsent is None."""
    if key is not None and key not in records:
        raise validation_error(name, f"No record with the given {name} exists.")
    return key


def customer_create_v1(call: RestCall) -> ErpRestResponse:
    """``CustomerHeader_CreateCustomerAsync``: 201 with the created ``Customer``."""
    data = call.tenant
    body = rest_bodies.require_object(call.request.body)
    changes = rest_bodies.customer_changes(body, pascal=True, group_key=int_key)
    payment = rest_bodies.get_object(body, "PaymentSettings")
    spec = CustomerSpec(
        group_key=changes.group_key or 0,
        billing=address_from(changes.billing or {}),
        shipment=address_from(changes.shipment) if changes.shipment else None,
        company_key=known_key(
            rest_bodies.get_int(body, "InternalCompanyId"), data.companies, "InternalCompanyId"
        ),
        payment_method_key=known_key(
            rest_bodies.get_int(payment, "PaymentMethodId"), data.payment_methods, "PaymentMethodId"
        ),
        number=changes.number,
        language_iso=changes.language_iso,
        is_locked=changes.is_locked,
        payment_due_days=rest_bodies.get_int(payment, "PaymentTarget"),
    )
    customer = customer_create(data=data, spec=spec)
    return ok(v1_views.customer_dto(data=data, customer=customer), 201)


def item_create_v1(call: RestCall) -> ErpRestResponse:
    """``ItemHeader_CreateItemAsync``: 201 with the created ``Item``, in its ``Categories``."""
    body = rest_bodies.require_object(call.request.body)
    changes = rest_bodies.item_changes_v1(body)
    entries = body.get("Categories")
    if isinstance(entries, list):
        changes.category_keys = [
            int_key(entry.get("CategoryId")) if isinstance(entry, dict) else None
            for entry in entries
        ]
    item = item_create(data=call.tenant, changes=changes)
    return ok(v1_views.item_dto(data=call.tenant, item=item), 201)


def _order_spec(data: TenantData, body: JsonObject) -> OrderSpec:
    payment = rest_bodies.get_object(body, "SalesOrderPaymentDetails")
    shipping = rest_bodies.get_object(body, "SalesOrderShippingDetail")
    country = rest_bodies.get_object(body, "DepartureCountry")
    date = rest_bodies.get_str(body, "SalesOrderDate")
    get_int = rest_bodies.get_int
    return OrderSpec(
        company_key=known_key(get_int(body, "CompanyId"), data.companies, "CompanyId"),
        payment_method_key=known_key(
            get_int(payment, "PaymentMethodId"), data.payment_methods, "PaymentMethodId"
        ),
        shipping_method_key=known_key(
            get_int(shipping, "ShippingMethodId"), data.shipping_methods, "ShippingMethodId"
        ),
        number=rest_bodies.get_str(body, "Number"),
        external_number=rest_bodies.get_str(body, "ExternalNumber"),
        date=None if date is None else parse_datetime(date, name="SalesOrderDate"),
        billing=address_v1(body, "BillingAddress"),
        shipment=address_v1(body, "Shipmentaddress"),
        language_iso=rest_bodies.get_str(body, "LanguageIso"),
        currency_iso=rest_bodies.get_str(payment, "CurrencyIso")
        or rest_bodies.get_str(country, "CurrencyIso"),
        comment=rest_bodies.get_str(body, "Comment"),
        customer_comment=rest_bodies.get_str(body, "CustomerComment"),
    )


def sales_order_create_v1(call: RestCall) -> ErpRestResponse:
    """``SalesOrderHeader_CreateSalesOrderAsync``: 201 with the ``SalesOrder``, no lines yet.

    1.0 ``CreateSalesOrder`` has no line items: they follow through ``POST
    /salesOrders/{salesOrderId}/lineitems``. A number already in use is a 400 unless
    ``renameSalesOrderNumberWhenAlreadyExists`` asks for the next free one.
    """
    data = call.tenant
    body = rest_bodies.require_object(call.request.body)
    customer = data.customers.get(rest_bodies.get_int(body, "CustomerId") or 0)
    if customer is None:
        raise validation_error("CustomerId", "No customer with the given ID exists.")
    spec = _order_spec(data, body)
    with data.lock:  # the number check and the create as one step: no two orders share it
        if spec.number is not None and any(o.number == spec.number for o in data.orders.values()):
            if not query_bool(call.request.query, "renameSalesOrderNumberWhenAlreadyExists"):
                raise validation_error("Number", "A sales order with this number already exists.")
            spec.number = None
        order = sales_order_create(data=data, customer=customer, spec=spec, lines=[])
    return ok(v1_views.sales_order_dto(data=data, order=order), 201)


def customer_delete(*, data: TenantData, customer: Customer) -> None:
    """Remove a customer that has no sales orders; one with orders is refused (400).

    The descriptions say nothing of a deleted customer's orders, and deleting it would leave
    orders whose reads name a customer that answers 404, so 400 (the documented error status)
    refuses it. Its key is never issued again (``key_issue``).
    """
    with data.lock:
        if any(order.customer_key == customer.key for order in data.orders.values()):
            raise validation_error("customerId", "The customer has sales orders.")
        del data.customers[customer.key]


def customer_delete_v1(call: RestCall) -> ErpRestResponse:
    """``CustomerHeader_DeleteCustomerAsync``: 204; the customer's reads are 404 from then on."""
    customer_delete(data=call.tenant, customer=customer_of(call))
    return ErpRestResponse(status=204, body=None)


ROUTES_V1 = {
    ("POST", "/customers"): customer_create_v1,
    ("DELETE", "/customers/{customerId}"): customer_delete_v1,
    ("POST", "/items"): item_create_v1,
    ("POST", "/salesOrders"): sales_order_create_v1,
}
"""(method, 1.0 path as described) -> handler."""
