"""Mutations of the official SDL write to the store: GraphQL and REST read back what they made."""

from datetime import date

import pytest

from jtlapp.sandbox.config import DEMO_TENANTS
from jtlapp.sandbox.erp.graphql import graphql_execute
from jtlapp.sandbox.erp.rest import ErpRestRequest, erp_rest_resolve
from jtlapp.sandbox.erp.store import erp_store_seed

TENANT = next(iter(DEMO_TENANTS))
CREATE_CUSTOMER = """mutation($request: CreateCustomerCommandRequestInput) {
  CreateCustomer(request: $request) { customerId } }"""
CREATE_ITEM = """mutation($request: CreateItemCommandRequestInput) {
  CreateItem(request: $request) { itemId } }"""
CHANGE_ITEM = """mutation($request: ChangeItemCommandRequestInput) {
  ChangeItem(request: $request) }"""
CREATE_ORDER = """mutation($request: CreateSalesOrderCommandRequestInput) {
  CreateSalesOrder(request: $request) { salesOrderId } }"""
CALCULATE = """mutation($request: CalculateSalesOrderCommandRequestInput) {
  CalculateSalesOrder(request: $request) { calculateSalesOrderResponse {
    totalNetAmount totalGrossAmount lineItems { syncNumber salesPriceNet discount } } } }"""
CREATE_INVOICE = """mutation($request: CreateSalesInvoiceCommandRequestInput) {
  CreateSalesInvoice(request: $request) { salesInvoiceId } }"""
ADDRESS = {"street": "Hauptstr. 1", "city": "Hückelhoven", "countryIso": "DE"}


@pytest.fixture
def tenant():
    return erp_store_seed(seed=11, today=date(2026, 11, 23), tenant_ids=[TENANT]).tenant(TENANT)


def run(tenant, query, variables=None):
    return graphql_execute(tenant=tenant, query=query, variables=variables, operation_name=None)


def data_of(tenant, query, variables=None):
    body = run(tenant, query, variables)
    assert "errors" not in body, body
    return body["data"]


def rest_get(tenant, path):
    request = ErpRestRequest(method="GET", path=path, query={}, body=None)
    return erp_rest_resolve(method="GET", path=path).execute(tenant=tenant, request=request)


def _order_request(tenant, **overrides):
    address = {**ADDRESS, "firstName": "Erika", "lastName": "Muster"}
    return {
        "customerId": tenant.uuid(kind="customer", key=1),
        "companyId": tenant.uuid(kind="company", key=1),
        "languageIso": "DE",
        "vatId": "",
        "billingAddress": address,
        "shipmentAddress": address,
        "departureCountry": {"countryIso": "DE", "currency": {"currencyIso": "EUR"}},
        "paymentDetails": {"currency": {"currencyIso": "EUR"}},
        "lineItems": [{"itemId": tenant.uuid(kind="item", key=1), "quantity": 2}],
        **overrides,
    }


def test_a_created_customer_reads_back_through_graphql_and_rest(tenant):
    # given
    request = {
        "companyId": tenant.uuid(kind="company", key=1),
        "customerGroupId": tenant.uuid(kind="customergroup", key=1),
        "billingAddress": {**ADDRESS, "lastName": "Neukunde", "emailAddress": "neu@example.com"},
    }

    # when
    created = data_of(tenant, CREATE_CUSTOMER, {"request": request})["CreateCustomer"]

    # then
    customer_id = created["customerId"]
    query = """query($id: ID) { QueryCustomers(where: { id: { eq: $id } }) {
      totalCount nodes { lastName emailAddress city } } }"""
    listed = data_of(tenant, query, {"id": customer_id})["QueryCustomers"]
    assert listed == {
        "totalCount": 1,
        "nodes": [
            {"lastName": "Neukunde", "emailAddress": "neu@example.com", "city": "Hückelhoven"}
        ],
    }
    rest = rest_get(tenant, f"/v2/customers/{customer_id}")
    assert rest.status == 200
    assert "Neukunde" in str(rest.body)


def test_a_customer_in_an_unknown_group_is_a_validation_error(tenant):
    request = {
        "companyId": tenant.uuid(kind="company", key=1),
        "customerGroupId": tenant.uuid(kind="customergroup", key=999),
        "billingAddress": ADDRESS,
    }
    before = len(tenant.customers)

    body = run(tenant, CREATE_CUSTOMER, {"request": request})

    [error] = body["errors"]
    assert error["extensions"]["code"] == "VALIDATION_ERROR"
    assert error["path"] == ["CreateCustomer"]
    assert body["data"] == {"CreateCustomer": None}
    assert len(tenant.customers) == before


def test_a_created_item_then_changed_reads_back(tenant):
    # given
    request = {
        "categories": {"categories": []},
        "identifiers": {"sku": "NEU-1", "gtin": "4000000000017"},
        "descriptions": {
            "defaultDescriptions": [{"languageIso": "DE", "descriptionData": {"itemName": "Neu"}}]
        },
        "prices": {"salesPriceNet": 10.0},
    }
    item_id = data_of(tenant, CREATE_ITEM, {"request": request})["CreateItem"]["itemId"]

    # when
    change = {"itemId": item_id, "companyId": tenant.uuid(kind="company", key=1),
              "prices": {"salesPriceNet": 12.5}}  # fmt: skip
    changed = data_of(tenant, CHANGE_ITEM, {"request": change})

    # then
    assert changed == {"ChangeItem": True}
    query = """query($sku: String) { QueryItems(where: { sku: { eq: $sku } }) {
      nodes { id name salesPriceNet } } }"""
    nodes = data_of(tenant, query, {"sku": "NEU-1"})["QueryItems"]["nodes"]
    assert nodes == [{"id": item_id, "name": "Neu", "salesPriceNet": 12.5}]
    rest = rest_get(tenant, f"/v2/items/{item_id}")
    assert rest.status == 200
    assert "NEU-1" in str(rest.body)


def test_changing_an_unknown_item_is_not_found(tenant):
    change = {"itemId": tenant.uuid(kind="item", key=9999), "companyId": "x"}

    body = run(tenant, CHANGE_ITEM, {"request": change})

    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_a_created_sales_order_and_its_invoice_read_back(tenant):
    # given
    item = tenant.items[1]
    request = _order_request(tenant, salesOrderNumber="GQL-1")

    # when
    order_id = data_of(tenant, CREATE_ORDER, {"request": request})["CreateSalesOrder"][
        "salesOrderId"
    ]
    invoice = data_of(tenant, CREATE_INVOICE, {"request": {"salesOrderId": order_id}})

    # then
    query = """query($id: ID!) { GetSalesOrderById(salesOrderId: $id) {
      salesOrderNumber lineItems { sku quantity } } }"""
    order = data_of(tenant, query, {"id": order_id})["GetSalesOrderById"]
    assert order == {"salesOrderNumber": "GQL-1", "lineItems": [{"sku": item.sku, "quantity": 2}]}
    invoice_id = invoice["CreateSalesInvoice"]["salesInvoiceId"]
    rest = rest_get(tenant, f"/v2/invoices/{invoice_id}")
    assert rest.status == 200
    payment = rest.body["InvoicePaymentDetails"]
    assert payment["TotalGrossAmount"] == round(2 * item.sales_price_gross, 2)
    assert rest_get(tenant, f"/v2/sales-orders/{order_id}").status == 200


def test_an_order_with_an_unknown_item_is_refused_and_not_stored(tenant):
    lines = [{"itemId": tenant.uuid(kind="item", key=9999), "quantity": 1}]
    before = len(tenant.orders)

    body = run(tenant, CREATE_ORDER, {"request": _order_request(tenant, lineItems=lines)})

    assert body["errors"][0]["extensions"]["code"] == "VALIDATION_ERROR"
    assert len(tenant.orders) == before


def test_calculate_prices_lines_and_stores_nothing(tenant):
    # given
    item = tenant.items[1]
    request = {
        "lineItems": [{"syncNumber": 7, "itemId": tenant.uuid(kind="item", key=1), "quantity": 3}],
        "customerId": tenant.uuid(kind="customer", key=1),
        "departureCountryIso": "DE", "customerVatId": "", "billingCountryIso": "DE",
        "billingState": "", "shippingCountryIso": "DE", "shippingState": "",
        "recalculateTaxMode": "NO_RECALCULATION",
    }  # fmt: skip
    orders, next_line = len(tenant.orders), tenant.next_line_item_key

    # when
    body = run(tenant, CALCULATE, {"request": request})

    # then
    assert "errors" not in body, body
    answer = body["data"]["CalculateSalesOrder"]["calculateSalesOrderResponse"]
    assert answer["totalNetAmount"] == round(3 * item.sales_price_net, 2)
    assert answer["lineItems"] == [
        {"syncNumber": 7, "salesPriceNet": item.sales_price_net, "discount": 0.0}
    ]
    assert (len(tenant.orders), tenant.next_line_item_key) == (orders, next_line)


def test_package_mutations_answer_known_packages_only(tenant):
    shipped = next(o for o in tenant.orders.values() if o.shipping_date)
    known = tenant.uuid(kind="package", key=shipped.key)
    query = """mutation($id: String!) { ChangePackageWeight(request: { packageId: $id, weight: 2 })
      CreateDeliverPackage(request: { packageId: $id }) }"""

    ok = run(tenant, query, {"id": known})
    unknown = run(tenant, query, {"id": "nope"})

    assert ok == {"data": {"ChangePackageWeight": True, "CreateDeliverPackage": True}}
    assert {e["extensions"]["code"] for e in unknown["errors"]} == {"NOT_FOUND"}
