"""Reads that follow from records the store already seeds, in both generations.

Delivery notes come from shipped orders and carry their packages (``supply.order_package``:
weight and tracking are records GraphQL changes), storage locations from the warehouses, tax
classes from the items' rates, suppliers in ``rest_suppliers``, a customer's contact from the
billing address, sales channels from the seed. Handlers are keyed by the description's
(method, path); the engine fits every body to the documented schema and generates what these
views leave out. 1.0 keys are ints, 2.0 keys UUIDs.
"""

from __future__ import annotations

from collections.abc import Callable

from jtlapp.sandbox.erp import views_customers
from jtlapp.sandbox.erp.records import Customer, SalesOrder
from jtlapp.sandbox.erp.records_supply import Package
from jtlapp.sandbox.erp.rest_attached_routes import ATTACHED_ROUTES
from jtlapp.sandbox.erp.rest_catalog import CATALOG_ROUTES
from jtlapp.sandbox.erp.rest_common import iso, not_found, page_envelope, page_parse
from jtlapp.sandbox.erp.rest_creates_routes import CREATE_ROUTES
from jtlapp.sandbox.erp.rest_suppliers import SUPPLIER_ROUTES
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall
from jtlapp.sandbox.erp.rest_v2_base import ok as v2_ok
from jtlapp.sandbox.erp.supply import order_package
from jtlapp.sandbox.erp.tenant import TenantData

Dto = dict[str, object]
TAX_CLASSES = {19.0: (1, "Normaler Steuersatz"), 7.0: (2, "Ermäßigter Steuersatz")}


def _v2(call: RestCall) -> bool:
    return call.request.path.lower().lstrip("/").startswith("v2/")


def _id(call: RestCall, kind: str, key: int) -> object:
    return call.tenant.uuid(kind=kind, key=key) if _v2(call) else key


def _key(call: RestCall, kind: str, name: str) -> int:
    raw = next((v for k, v in call.params.items() if k.lower() == name.lower()), "")
    if _v2(call):
        return call.tenant.uuid_key(kind=kind, value=raw) or 0
    return int(raw) if raw.isdigit() else 0


def _ok(body: object) -> ErpRestResponse:
    return ErpRestResponse(status=200, body=body)


def _paged(call: RestCall, views: list[Dto]) -> ErpRestResponse:
    return _ok(page_envelope(views, page=page_parse(call.request.query), pascal=True))


def _shipped(data: TenantData) -> list[SalesOrder]:
    return sorted((o for o in data.orders.values() if o.shipping_date), key=lambda o: o.key)


def _package(call: RestCall, package: Package) -> Dto:
    order = call.tenant.orders[package.order_key]
    return {
        "Id": _id(call, "package", package.key),
        "PackageDate": iso(package.package_date),
        "TrackingID": package.tracking_id,
        "Weights": package.weight,
        "ShippingMethodId": _id(call, "shippingmethod", order.shipping_method_key),
        "ShippedDate": iso(package.shipped_date),
        "TrackingUrl": f"https://tracking.example/{package.tracking_id}",
        "Comment": "",
    }


def _packages(call: RestCall, order: SalesOrder) -> list[Dto]:
    package = order_package(data=call.tenant, order=order)
    return [] if package is None else [_package(call, package)]


def _delivery_note(call: RestCall, order: SalesOrder) -> Dto:
    return {
        "Id": _id(call, "deliverynote", order.key),
        "Number": f"LS-{order.date:%Y%m}-{order.key:05d}",
        "DeliveryNoteDate": iso(order.shipping_date or order.date),
        "SalesOrderId": _id(call, "salesorder", order.key),
        "CustomerId": _id(call, "customer", order.customer_key),
        "Packages": _packages(call, order),
    }


def delivery_notes(call: RestCall) -> ErpRestResponse:
    return _paged(call, [_delivery_note(call, o) for o in _shipped(call.tenant)])


def _shipped_order(call: RestCall) -> SalesOrder:
    order = call.tenant.orders.get(_key(call, "deliverynote", "deliveryNoteId"))
    if order is None or not order.shipping_date:
        raise not_found("No delivery note with the given ID exists.")
    return order


def delivery_note(call: RestCall) -> ErpRestResponse:
    return _ok(_delivery_note(call, _shipped_order(call)))


def delivery_note_packages(call: RestCall) -> ErpRestResponse:
    return _ok(_packages(call, _shipped_order(call)))


def storage_locations(call: RestCall) -> ErpRestResponse:
    warehouse = call.tenant.warehouses.get(_key(call, "warehouse", "warehouseId"))
    if warehouse is None:
        raise not_found("No warehouse with the given ID exists.")
    location = {
        "Id": _id(call, "storagelocation", warehouse.storage_location_key),
        "WarehouseId": _id(call, "warehouse", warehouse.key),
        "Name": warehouse.storage_location_name,
        "SortNumber": 1,
        "Priority": 1,
        "LockForShipment": False,
        "LockForAvailability": False,
        "Comment": "",
    }
    return _paged(call, [location])


def tax_classes(call: RestCall) -> ErpRestResponse:
    rates = sorted({item.tax_rate for item in call.tenant.items.values()}, reverse=True)
    classes = [TAX_CLASSES.get(rate, (int(rate), f"{rate:g} %")) for rate in rates]
    views = [
        {"Id": _id(call, "taxclass", key), "Name": name, "IsDefault": key == 1}
        for key, name in classes
    ]
    return _ok(views)


def sales_channels(call: RestCall) -> ErpRestResponse:
    channels = sorted(call.tenant.sales_channels.values(), key=lambda c: c.key)
    return _ok([{"Id": c.legacy_id, "Name": c.name} for c in channels])


def _customer(call: RestCall) -> Customer:
    customer = call.tenant.customers.get(_key(call, "customer", "customerId"))
    if customer is None:
        raise not_found("No customer with the given ID exists.")
    return customer


def customer_contacts(call: RestCall) -> ErpRestResponse:
    customer = _customer(call)
    billing = customer.billing
    contact = {
        "Id": _id(call, "contact", customer.key),
        "Honorific": billing.salutation,
        "FirstName": billing.first_name,
        "LastName": billing.last_name,
        "PhoneNumber": billing.phone,
        "EmailAddress": billing.email,
    }
    return _ok([contact])


def customer_domain(call: RestCall) -> ErpRestResponse:
    """``CustomerDomain_GetCustomerById``: the REST twin of GraphQL ``GetCustomerById``.

    The description documents JSON without a schema, as for ``GET /v2/items/{Id}``; the answer
    is the GraphQL ``Customer`` the twin returns, so created customers read back here too.
    """
    return v2_ok(views_customers.customer_detail(data=call.tenant, customer=_customer(call)))


Handler = Callable[[RestCall], ErpRestResponse]
_BOTH: dict[str, Handler] = {
    "/deliveryNotes": delivery_notes,
    "/deliveryNotes/{deliveryNoteId}": delivery_note,
    "/deliveryNotes/{deliveryNoteId}/packages": delivery_note_packages,
    "/warehouses/{warehouseId}/storagelocations": storage_locations,
    "/taxClasses": tax_classes,
    "/salesChannels": sales_channels,
}
DERIVED_ROUTES: dict[tuple[str, str], Handler] = {
    **{("GET", path): handler for path, handler in _BOTH.items()},
    **{("GET", "/v2" + path): handler for path, handler in _BOTH.items()},
    ("GET", "/customers/{customerId}/contacts"): customer_contacts,
    ("GET", "/v2/customer/{CustomerId}"): customer_domain,
    **SUPPLIER_ROUTES,
    **CATALOG_ROUTES,
    **ATTACHED_ROUTES,
    **CREATE_ROUTES,
}
"""(method, path as the description spells it) -> handler."""
