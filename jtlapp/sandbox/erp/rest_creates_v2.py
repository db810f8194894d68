"""Store-backed 2.0 customer and item creates, the customer delete and the sales-order PATCH.

``POST /v2/customers`` (``V2.Customer.CreateCustomer``) answers 201 ``CustomerRef {Id}``,
``POST /v2/items`` (``V2.Item.CreateNewItem``) 201 ``ItemResponse {ItemId}`` with the item in
its ``MainCategoryId``, and ``PATCH /v2/salesOrders/{salesOrderId}``
(``V2.SalesOrder.UpdateSalesOrder``) 201 with the 2.0 ``SalesOrder``. Ids are the store's
UUIDs, so a created record reads back through ``GET /v2/items/{Id}``, 1.0 and GraphQL alike.
"""

from __future__ import annotations

from dataclasses import fields, replace

from jtlapp.sandbox.erp import graphql_inputs, rest_bodies
from jtlapp.sandbox.erp.mutations import ItemChanges, LineItemSpec, line_item_update
from jtlapp.sandbox.erp.mutations_create import (
    CustomerSpec,
    OrderSpec,
    customer_create,
    item_create,
)
from jtlapp.sandbox.erp.records import Address, Customer, LineItem, SalesOrder
from jtlapp.sandbox.erp.rest_common import not_found, parse_datetime, validation_error
from jtlapp.sandbox.erp.rest_creates import address_from, customer_delete
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall
from jtlapp.sandbox.erp.rest_v2_base import ok, uuid_key
from jtlapp.sandbox.erp.tenant import TenantData
from jtlapp.sandbox.erp.views_orders_v2 import sales_order_v2

JsonObject = rest_bodies.JsonObject
CUSTOMER_ADDRESS = {
    "Address": {
        "Street": "street",
        "City": "city",
        "PostalCode": "postal_code",
        "CountryISO2": "country_iso",
    },
    "ContactDetails": {"EmailAddress": "email", "PhoneNumber": "phone"},
    "FinancialDetails": {"VatID": "vat_id"},
    "Identity": {
        "Salutation": "salutation",
        "FirstName": "first_name",
        "LastName": "last_name",
        "CompanyName": "company",
    },
}
"""``CreateCustomerAddress`` sections -> their fields -> ``Address`` attributes."""


def _customer_address(obj: JsonObject) -> dict[str, str]:
    return {
        attr: value
        for section, names in CUSTOMER_ADDRESS.items()
        for key, attr in names.items()
        if (value := rest_bodies.get_str(rest_bodies.get_object(obj, section), key)) is not None
    }


def customer_create_v2(call: RestCall) -> ErpRestResponse:
    """``Customer_CreateCustomerAsync``: 201 ``CustomerRef`` with the new customer's UUID."""
    data = call.tenant
    body = rest_bodies.require_object(call.request.body)
    key = graphql_inputs.record_key
    spec = CustomerSpec(
        group_key=key(
            data, body, "CustomerGroupId", kind="customergroup", known=data.customer_groups
        )
        or 0,
        billing=address_from(_customer_address(rest_bodies.get_object(body, "BillingAddress"))),
        company_key=key(data, body, "CompanyId", kind="company", known=data.companies),
        payment_method_key=key(
            data, body, "PaymentMethodId", kind="paymentmethod", known=data.payment_methods
        ),
        number=rest_bodies.get_str(body, "Number"),
        language_iso=rest_bodies.get_str(body, "LanguageIso"),
        is_locked=rest_bodies.get_bool(body, "IsLocked"),
        payment_due_days=rest_bodies.get_int(
            rest_bodies.get_object(body, "PaymentSettings"), "PaymentTarget"
        ),
    )
    customer = customer_create(data=data, spec=spec)
    return ok({"Id": data.uuid(kind="customer", key=customer.key)}, 201)


def item_create_v2(call: RestCall) -> ErpRestResponse:
    """``Item_CreateItemAsync``: 201 ``ItemResponse``; the item is in its ``MainCategoryId``."""
    data = call.tenant
    body = rest_bodies.require_object(call.request.body)
    category = uuid_key(data, "category", body.get("MainCategoryId"))
    if category not in data.categories:
        raise validation_error("MainCategoryId", "No category with the given ID exists.")
    changes = ItemChanges(
        name=rest_bodies.get_str(body, "Name"),
        sku=rest_bodies.get_str(body, "SKU"),
        sales_price_net=rest_bodies.get_number(body, "SalesPriceNet"),
        category_keys=[category],
    )
    item = item_create(data=data, changes=changes)
    return ok({"ItemId": data.uuid(kind="item", key=item.key)}, 201)


def _customer(call: RestCall) -> Customer:
    key = uuid_key(call.tenant, "customer", call.params.get("customerId")) or 0
    customer = call.tenant.customers.get(key)
    if customer is None:
        raise not_found("No customer with the given ID exists.")
    return customer


def customer_delete_v2(call: RestCall) -> ErpRestResponse:
    """``Customer_DeleteCustomerAsync``: 204, refused like 1.0 when the customer has orders."""
    customer_delete(data=call.tenant, customer=_customer(call))
    return ErpRestResponse(status=204, body=None)


def _address_update(current: Address, obj: JsonObject) -> Address | None:
    """``UpdateSalesOrder{Billing,Shipment}Address``: the sent fields over the current ones.

    Its names are 1.0's address names (``CountryISO`` for ``CountryIso``), matched without case.
    """
    if not obj:
        return None
    lowered = {key.lower(): value for key, value in obj.items()}
    updates = {
        attr: value
        for key, attr in rest_bodies.V1_ADDRESS.items()
        if (value := rest_bodies.get_str(lowered, key.lower())) is not None
    }
    if "country_iso" in updates:
        updates["country_iso"] = updates["country_iso"].upper()
    return replace(current, **updates)


def _update_spec(data: TenantData, order: SalesOrder, body: JsonObject) -> OrderSpec:
    key = graphql_inputs.record_key
    text = rest_bodies.get_object(body, "Text")
    date = rest_bodies.get_str(body, "SalesOrderDate")
    get = rest_bodies.get_object
    return OrderSpec(
        payment_method_key=key(
            data, body, "PaymentMethodId", kind="paymentmethod", known=data.payment_methods
        ),
        shipping_method_key=key(
            data, body, "ShippingMethodId", kind="shippingmethod", known=data.shipping_methods
        ),
        external_number=rest_bodies.get_str(
            get(body, "ExternalDetails"), "ExternalSalesOrderNumber"
        ),
        date=None if date is None else parse_datetime(date, name="SalesOrderDate"),
        billing=_address_update(order.billing, get(body, "BillingAddress")),
        shipment=_address_update(order.shipment, get(body, "ShipmentAddress")),
        currency_iso=rest_bodies.get_str(get(body, "DepartureCountry"), "CurrencyISO")
        or rest_bodies.get_str(get(body, "PaymentDetails"), "CurrencyISO"),
        comment=rest_bodies.get_str(text, "Comment"),
        customer_comment=rest_bodies.get_str(text, "CustomerComment"),
    )


def _line_updates(
    call: RestCall, order: SalesOrder, entries: object
) -> list[tuple[LineItem, LineItemSpec]]:
    """``UpdateSalesOrderLineItem`` entries: the order's lines named by ``Id``, and changes."""
    if entries is None:
        return []
    updates = []
    for entry in rest_bodies.require_objects(entries):
        line_key = uuid_key(call.tenant, "lineitem", entry.get("Id"))
        line = call.tenant.line_item(order=order, key=line_key or 0)
        if line is None:
            raise validation_error("LineItems", "No line item of this order has the given Id.")
        spec = rest_bodies.line_item_spec(
            entry, pascal=True, item_key=lambda value: uuid_key(call.tenant, "item", value)
        )
        spec.notice = rest_bodies.get_str(entry, "Note")
        updates.append((line, spec))
    return updates


def _lines_staged(
    data: TenantData, updates: list[tuple[LineItem, LineItemSpec]]
) -> dict[int, LineItem]:
    """Every update applied to a copy, so one refused line leaves the order's lines as they were.

    A line sent twice builds on its first change.
    """
    staged: dict[int, LineItem] = {}
    for line, spec in updates:
        copy = replace(staged.get(id(line), line))
        line_item_update(data=data, line=copy, spec=spec)
        staged[id(line)] = copy
    return staged


def sales_order_update_v2(call: RestCall) -> ErpRestResponse:
    """``SalesOrder_UpdateSalesOrderAsync``: the sent fields change, 201 with the order.

    Every field is read and checked before any is written, so a refused body changes nothing.
    """
    data = call.tenant
    order = data.orders.get(uuid_key(data, "salesorder", call.params.get("salesOrderId")) or 0)
    if order is None:
        raise not_found("No sales order with the given ID exists.")
    body = rest_bodies.require_object(call.request.body)
    with data.lock:
        spec = _update_spec(data, order, body)
        customer = graphql_inputs.record_key(
            data, body, "CustomerId", kind="customer", known=data.customers
        )
        staged = _lines_staged(data, _line_updates(call, order, body.get("LineItems")))
        order.line_items = [staged.get(id(line), line) for line in order.line_items]
        for spec_field in fields(spec):
            value = getattr(spec, spec_field.name)
            if value is not None:
                setattr(order, spec_field.name, value)
        if customer is not None:
            order.customer_key = customer
    return ok(sales_order_v2(data=data, order=order), 201)


ROUTES_V2 = {
    ("POST", "/v2/customers"): customer_create_v2,
    ("DELETE", "/v2/customers/{customerId}"): customer_delete_v2,
    ("POST", "/v2/items"): item_create_v2,
    ("PATCH", "/v2/salesOrders/{salesOrderId}"): sales_order_update_v2,
}
"""(method, 2.0 path as described) -> handler."""
