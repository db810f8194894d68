"""Top-level property names of v2 REST responses, checked against JTL's Cloud 2.0 OpenAPI.

Source: the Cloud 2.0 spec (JTL-Wawi 2.0.0, NSwag) as copied in
``BiberPapa/jtl-platform-app-sample`` ``apps/backend/src/assets/openapi.json`` (erp-api.md §1).
Its schemas spell properties in PascalCase; on the wire early-v2 lower-cases only the first
letter (``SKU`` -> ``sKU``, erp-api.md §2.3), so each set below is the spec's list with that
one change. Routes the 2.0 spec does not have (kebab ``/v2/sales-orders``, ``GET /v2/items``,
``GET /v2/customers``) or describes without a schema (``GET /v2/items/{Id}``) are not here.
"""

from datetime import date

import pytest

from jtlapp.sandbox.config import DEMO_TENANTS
from jtlapp.sandbox.erp.rest import ErpRestRequest, erp_rest_resolve
from jtlapp.sandbox.erp.store import erp_store_seed

TENANT = next(iter(DEMO_TENANTS))

# V2.SalesOrder.SalesOrderLineItem (GET and POST /v2/salesOrders/{salesOrderId}/lineitems,
# both answer a plain array of it).
SALES_ORDER_LINE_ITEM = {
    "id",
    "variants",
    "billOfMaterialsType",
    "configurationItemType",
    "discount",
    "fNSKU",
    "lineItemType",
    "name",
    "note",
    "parentSalesOrderLineItemId",
    "purchasePriceNet",
    "quantity",
    "salesPriceNet",
    "salesUnit",
    "sKU",
    "taxRate",
    "itemId",
    "taxClassId",
    "taxCodeId",
}
# V2.Item.ItemResponse (PATCH /v2/items/{itemid} -> 201).
ITEM_RESPONSE = {"itemId"}
# V2.Customer.CustomerRef (PATCH /v2/customers/{customerId} -> 200).
CUSTOMER_REF = {"id"}
# PagedListOf… envelope (GET /v2/stocks -> PagedListOf…V1.Stock.Stock).
PAGED_LIST = {
    "totalItems",
    "pageNumber",
    "pageSize",
    "items",
    "totalPages",
    "hasPreviousPage",
    "hasNextPage",
    "nextPageNumber",
    "previousPageNumber",
}
# The element schemas below are V1 contracts the 2.0 spec references
# (V1.Stock.Stock, V1.CustomerGroup.CustomerGroup, V1.ShippingMethod.ShippingMethod); their
# property lists were taken from the same V1 contracts in the 1.0 spec in shared/reference.
STOCK = {
    "warehouseId",
    "storageLocationId",
    "storageLocationName",
    "itemId",
    "shelfLifeExpirationDate",
    "batchNumber",
    "quantityTotal",
    "quantityLockedForShipment",
    "quantityLockedForAvailability",
    "quantityInPickingLists",
}
CUSTOMER_GROUP = {"id", "name", "isDefault", "discount", "isNetPrice"}
SHIPPING_METHOD = {"id", "name", "priority", "grossPrice", "extraWeight", "isAmazonPrime"}


@pytest.fixture
def tenant():
    return erp_store_seed(seed=5, today=date(2026, 11, 23), tenant_ids=[TENANT]).tenant(TENANT)


def call(tenant, method, path, body=None):
    operation = erp_rest_resolve(method=method, path=path)
    assert operation is not None, f"no route {method} {path}"
    request = ErpRestRequest(method=method, path=path, query={}, body=body)
    return operation.execute(tenant=tenant, request=request)


def test_early_line_items_route_answers_the_2_0_sales_order_line_item(tenant):
    path = f"/v2/salesOrders/{tenant.uuid(kind='salesorder', key=1)}/lineitems"
    new_line = {"lineItemType": 0, "name": "Verpackung", "quantity": 1, "salesPriceNet": 2.0}

    listed = call(tenant, "GET", path)
    created = call(tenant, "POST", path, body=[new_line])

    assert listed.status == 200
    assert isinstance(listed.body, list)
    assert [set(line) for line in listed.body] == [SALES_ORDER_LINE_ITEM] * len(listed.body)
    assert created.status == 201
    assert [set(line) for line in created.body] == [SALES_ORDER_LINE_ITEM]


def test_item_patch_answers_the_2_0_item_response(tenant):
    item_id = tenant.uuid(kind="item", key=2)

    response = call(tenant, "PATCH", f"/v2/items/{item_id}", body={"isActive": True})

    assert response.status == 201
    assert set(response.body) == ITEM_RESPONSE


def test_customer_patch_answers_the_2_0_customer_ref(tenant):
    customer_id = tenant.uuid(kind="customer", key=2)

    response = call(tenant, "PATCH", f"/v2/customers/{customer_id}", body={"isLocked": False})

    assert response.status == 200
    assert response.body == {"id": customer_id}
    assert set(response.body) == CUSTOMER_REF


def test_stocks_are_a_paged_list_of_v1_stock(tenant):
    body = call(tenant, "GET", "/v2/stocks").body

    assert set(body) == PAGED_LIST
    assert {frozenset(stock) for stock in body["items"]} == {frozenset(STOCK)}


@pytest.mark.parametrize(
    ("path", "names"),
    [("/v2/customerGroups", CUSTOMER_GROUP), ("/v2/shippingMethods", SHIPPING_METHOD)],
)
def test_lookups_are_plain_arrays_of_their_v1_contract(tenant, path, names):
    body = call(tenant, "GET", path).body

    assert isinstance(body, list)
    assert {frozenset(entry) for entry in body} == {frozenset(names)}
