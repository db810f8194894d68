"""v1 REST routes (Cloud API 1.0 paths, PascalCase, int ids), also served under ``/v1``.

Each handler returns the response schema of its operation in the 1.0 OpenAPI; filters are the
spec's query parameters we can answer from seeded data (erp-api.md §4.1). Item and customer
handlers live here; orders are in ``rest_v1_orders``, stock and lookups in ``rest_v1_lookups``.
"""

from __future__ import annotations

from jtlapp.sandbox.erp import rest_bodies, rest_v1_lookups, rest_v1_orders, v1_views
from jtlapp.sandbox.erp.mutations import customer_apply, item_apply
from jtlapp.sandbox.erp.records import Customer
from jtlapp.sandbox.erp.rest_common import query_int
from jtlapp.sandbox.erp.rest_invoices import invoice_v1, invoices_v1
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, Handler, RestCall, Route
from jtlapp.sandbox.erp.rest_v1_base import customer_of, int_key, item_of, ok, paged


def items_query(call: RestCall) -> ErpRestResponse:
    needle = call.request.query.get("searchKeyWord", "").lower()
    dtos = [
        v1_views.item_dto(data=call.tenant, item=item)
        for item in call.tenant.items.values()
        if not needle or needle in f"{item.sku} {item.name} {item.gtin}".lower()
    ]
    return paged(call, dtos)


def item_get(call: RestCall) -> ErpRestResponse:
    return ok(v1_views.item_dto(data=call.tenant, item=item_of(call)))


def item_patch(call: RestCall) -> ErpRestResponse:
    item = item_of(call)
    changes = rest_bodies.item_changes_v1(rest_bodies.require_object(call.request.body))
    item_apply(data=call.tenant, item=item, changes=changes)
    return ok(v1_views.item_dto(data=call.tenant, item=item), 201)


def customers_query(call: RestCall) -> ErpRestResponse:
    query = call.request.query
    needle = query.get("searchKeyWord", "").lower()
    number = query.get("number")
    group = query_int(query, "groupId")
    dtos = [
        v1_views.customer_dto(data=call.tenant, customer=customer)
        for customer in call.tenant.customers.values()
        if (not needle or needle in _customer_text(customer))
        and (number is None or customer.number == number)
        and (group is None or customer.group_key == group)
    ]
    return paged(call, dtos)


def _customer_text(customer: Customer) -> str:
    address = customer.billing
    return " ".join(
        (
            customer.number,
            address.first_name,
            address.last_name,
            address.company,
            address.email,
            address.city,
        )
    ).lower()


def customer_get(call: RestCall) -> ErpRestResponse:
    return ok(v1_views.customer_dto(data=call.tenant, customer=customer_of(call)))


def customer_patch(call: RestCall) -> ErpRestResponse:
    customer = customer_of(call)
    changes = rest_bodies.customer_changes(
        rest_bodies.require_object(call.request.body), pascal=True, group_key=int_key
    )
    customer_apply(data=call.tenant, customer=customer, changes=changes)
    return ok(v1_views.customer_dto(data=call.tenant, customer=customer), 201)


def _route(
    method: str, pattern: str, scopes: tuple[str | None, str | None], handler: Handler
) -> Route:
    scope, legacy_scope = scopes
    return Route(
        method=method, pattern=pattern, scope=scope, legacy_scope=legacy_scope, handler=handler
    )


_ORDER = "/salesOrders/{salesOrderId}"
_LINE = _ORDER + "/lineitems/{salesOrderLineItemId}"
_ITEMS_READ, _ORDERS_READ = "items.read", "salesorders.read"
_INVENTORIES_READ, _DELIVERIES_READ = "inventories.read", "deliveries.read"
_orders, _lookups = rest_v1_orders, rest_v1_lookups
V1_ROUTES: tuple[Route, ...] = (
    _route("GET", "/info", (None, None), _lookups.info),
    _route("GET", "/invoices", ("invoices.read", "invoice.queryinvoices"), invoices_v1),
    _route("GET", "/invoices/{invoiceId}", ("invoices.read", "invoice.getinvoice"), invoice_v1),
    _route("GET", "/items", (_ITEMS_READ, "item.queryitems"), items_query),
    _route("GET", "/items/{itemId}", (_ITEMS_READ, "item.getitem"), item_get),
    _route("PATCH", "/items/{itemId}", ("items.write", "item.updateitem"), item_patch),
    _route("GET", "/customers", ("customers.read", "customer.querycustomers"), customers_query),
    _route(
        "GET", "/customers/{customerId}", ("customers.read", "customer.getcustomer"), customer_get
    ),
    _route(
        "PATCH",
        "/customers/{customerId}",
        ("customers.write", "customer.updatecustomer"),
        customer_patch,
    ),
    _route(
        "GET", "/salesOrders", (_ORDERS_READ, "salesorder.querysalesorders"), _orders.orders_query
    ),
    _route("GET", _ORDER, (_ORDERS_READ, "salesorder.getsalesorder"), _orders.order_get),
    _route(
        "PATCH", _ORDER, ("salesorders.write", "salesorder.updatesalesorder"), _orders.order_patch
    ),
    _route(
        "GET",
        _ORDER + "/lineitems",
        (_ORDERS_READ, "salesorder.querysalesorderlineitems"),
        _orders.lines_get,
    ),
    _route(
        "POST",
        _ORDER + "/lineitems",
        ("salesorders.write", "salesorder.createsalesorderlineitem"),
        _orders.lines_post,
    ),
    _route(
        "PATCH",
        _LINE,
        ("salesorders.write", "salesorder.updatesalesorderlineitem"),
        _orders.line_patch,
    ),
    _route(
        "DELETE",
        _LINE,
        ("salesorders.write", "salesorder.deletesalesorderlineitem"),
        _orders.line_delete,
    ),
    _route(
        "GET", "/stocks", (_INVENTORIES_READ, "stock.querystocksperitem"), _lookups.stocks_query
    ),
    _route(
        "GET",
        "/warehouses",
        (_INVENTORIES_READ, "warehouse.querywarehouses"),
        _lookups.warehouses_query,
    ),
    _route(
        "GET", "/companies", ("system.config.read", "company.querycompanies"), _lookups.companies
    ),
    _route(
        "GET",
        "/customerGroups",
        ("customers.read", "customergroup.querycustomergroups"),
        _lookups.customer_groups,
    ),
    _route(
        "GET",
        "/paymentMethods",
        (_ORDERS_READ, "paymentmethod.querypaymentmethods"),
        _lookups.payment_methods,
    ),
    _route(
        "GET",
        "/shippingMethods",
        (_DELIVERIES_READ, "shippingmethod.queryshippingmethods"),
        _lookups.shipping_methods,
    ),
)
