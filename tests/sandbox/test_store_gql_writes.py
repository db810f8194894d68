"""GraphQL writes to invoices, item suppliers and packages show in later GraphQL and REST reads,
through the real sandbox app (token, scopes, engine) as a partner app would call it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from flask.testing import FlaskClient

from jtlapp.sandbox.app import sandbox_app_create
from jtlapp.sandbox.config import SandboxClient, SandboxConfig
from jtlapp.sandbox.erp.tenant import TenantData
from tests.sandbox.conftest import TENANT_A, TODAY

WRITER = SandboxClient(
    client_id="gql-writer",
    client_secret="gql-writer-secret",
    app_id="gql-writer",
    scopes=(
        "items.read",
        "items.write",
        "suppliers.read",
        "invoices.read",
        "invoices.write",
        "salesorders.read",
        "salesorders.write",
        "deliverynotes.read",
        "deliveries.write",
    ),
)
APP = {"x-appid": "gqlwrites/1.0.0", "x-appversion": "1.0.0"}
INVOICES = """query($where: SalesInvoiceListItemFilterInput, $first: Int,
    $order: [SalesInvoiceListItemSortInput!]) {
  QuerySalesInvoices(where: $where, first: $first, order: $order) {
    totalCount pageInfo { hasNextPage }
    nodes { salesInvoiceId salesInvoiceNumber salesOrderId customerId paymentStatus
            totalGrossAmount stillToPay } } }"""


@dataclass(frozen=True)
class Session:
    client: FlaskClient
    headers: dict[str, str]
    data: TenantData

    def get(self, path: str) -> Any:
        response = self.client.get(path, headers=self.headers)
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()

    def post(self, path: str, body: object) -> Any:
        response = self.client.post(
            path, data=json.dumps(body), headers=self.headers, content_type="application/json"
        )
        assert response.status_code in (200, 201), response.get_data(as_text=True)
        return response.get_json()

    def graphql(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        return self.post("/erp/v2/graphql", {"query": query, "variables": variables or {}})


def _session() -> Session:
    config = SandboxConfig(base_url="http://sandbox.test", clients=(WRITER,))
    app = sandbox_app_create(config=config, today=TODAY)
    client = app.test_client()
    token = client.post(
        "/oauth/v2/token",
        data={"grant_type": "client_credentials", "scope": "openid"},
        auth=(WRITER.client_id, WRITER.client_secret),
    ).get_json()["access_token"]
    headers = {"Authorization": f"Bearer {token}", "X-Tenant-ID": TENANT_A, **APP}
    return Session(
        client=client, headers=headers, data=app.config["SANDBOX_STATE"].store.tenant(TENANT_A)
    )


def _uninvoiced_order(session: Session) -> int:
    return next(o.key for o in session.data.orders.values() if not o.invoice_number)


def test_sales_invoices_are_the_stores_and_page_like_rest_lists_them():
    session = _session()
    rest = session.get("/erp/v2/invoices?pageSize=2")

    listed = session.graphql(INVOICES, {"first": 2})["data"]["QuerySalesInvoices"]
    latest = session.graphql(INVOICES, {"first": 1, "order": [{"salesInvoiceNumber": "DESC"}]})

    assert listed["totalCount"] == rest["TotalItems"] > 2
    assert listed["pageInfo"]["hasNextPage"] == 1  # the SDL's PageInfo says Int!
    pairs = [
        (n["salesInvoiceId"], n["salesInvoiceNumber"], n["customerId"]) for n in listed["nodes"]
    ]
    assert pairs == [(i["Id"], i["Number"], i["CustomerId"]) for i in rest["Items"]]
    owed = [n["stillToPay"] for n in listed["nodes"]]
    assert owed == [i["InvoicePaymentDetails"]["StillToPay"] for i in rest["Items"]]
    numbers = [o.invoice_number for o in session.data.orders.values() if o.invoice_number]
    newest = latest["data"]["QuerySalesInvoices"]["nodes"]
    assert [n["salesInvoiceNumber"] for n in newest] == [max(numbers)]
    assert {n["paymentStatus"] for n in listed["nodes"]} <= {
        "UNPAID",
        "PARTIALLY_PAID",
        "COMPLETELY_PAID",
    }


def test_invoices_created_by_mutation_and_by_rest_show_in_query_sales_invoices():
    # given
    session = _session()
    first_key = _uninvoiced_order(session)
    by_mutation = session.data.uuid(kind="salesorder", key=first_key)
    create = """mutation($id: ID!) {
      CreateSalesInvoice(request: { salesOrderId: $id }) { salesInvoiceId } }"""

    # when
    made = session.graphql(create, {"id": by_mutation})["data"]["CreateSalesInvoice"]
    by_rest = session.data.uuid(kind="salesorder", key=_uninvoiced_order(session))
    made_rest = session.post(f"/erp/v2/salesOrders/{by_rest}/createinvoice", {})

    # then
    where = {"salesOrderId": {"in": [by_mutation, by_rest]}}
    listed = session.graphql(INVOICES, {"where": where})["data"]["QuerySalesInvoices"]
    found = {n["salesOrderId"]: n["salesInvoiceId"] for n in listed["nodes"]}
    assert found == {by_mutation: made["salesInvoiceId"], by_rest: made_rest["Id"]}
    numbers = {n["salesInvoiceNumber"] for n in listed["nodes"]}
    assert made_rest["SalesInvoiceNumber"] in numbers


def test_an_added_item_supplier_shows_in_both_generations():
    # given
    session = _session()
    item = next(i for i in session.data.items.values() if i.default_supplier)
    suppliers = session.get("/erp/v1/suppliers")
    other = next(s for s in suppliers if s["Name"] != item.default_supplier)
    item_id = session.data.uuid(kind="item", key=item.key)
    supplier_id = session.data.uuid(kind="supplier", key=other["Id"])
    add = """mutation($request: AddItemSupplierCommandRequestInput) {
      AddItemSupplier(request: $request) }"""
    link = {
        "supplierId": supplier_id,
        "supplierItemNumber": "LF-77",
        "netPurchasePrice": 4.5,
        "deliveryTimeInDays": 3,
    }
    before_v1 = session.get(f"/erp/v1/items/{item.key}/suppliers")

    # when
    answer = session.graphql(add, {"request": {"itemId": item_id, "itemSupplier": link}})

    # then
    assert answer == {"data": {"AddItemSupplier": True}}
    v1 = session.get(f"/erp/v1/items/{item.key}/suppliers")
    assert v1[: len(before_v1)] == before_v1
    added = v1[-1]
    assert (added["SupplierId"], added["Sku"], added["IsStandard"]) == (other["Id"], "LF-77", False)
    assert (added["PurchasePriceNet"], added["DeliveryTime"]) == (4.5, 3)
    v2 = session.get(f"/erp/v2/items/{item_id}/suppliers")
    assert [s["SupplierId"] for s in v2["Suppliers"]][-1] == supplier_id
    assert v2["Suppliers"][-1]["SupplierItemNumber"] == "LF-77"
    assert v2["DefaultSupplier"] == v2["Suppliers"][0]["SupplierId"] != supplier_id


def test_adding_an_unknown_or_already_linked_supplier_is_a_validation_error():
    session = _session()
    item = next(i for i in session.data.items.values() if i.default_supplier)
    default = session.get(f"/erp/v1/items/{item.key}/suppliers")[0]["SupplierId"]
    add = """mutation($item: ID!, $supplier: ID!) {
      AddItemSupplier(request: { itemId: $item, itemSupplier: { supplierId: $supplier } }) }"""
    item_id = session.data.uuid(kind="item", key=item.key)

    unknown = session.graphql(
        add, {"item": item_id, "supplier": session.data.uuid(kind="supplier", key=999)}
    )
    linked = session.graphql(
        add, {"item": item_id, "supplier": session.data.uuid(kind="supplier", key=default)}
    )

    for body in (unknown, linked):
        assert body["errors"][0]["extensions"]["code"] == "VALIDATION_ERROR"
    assert len(session.get(f"/erp/v1/items/{item.key}/suppliers")) == 1


def test_package_weight_and_delivery_show_in_both_generations():
    # given
    session = _session()
    order = next(o for o in session.data.orders.values() if o.shipping_date)
    package_id = session.data.uuid(kind="package", key=order.key)
    note_id = session.data.uuid(kind="deliverynote", key=order.key)
    change = """mutation($id: String!, $weight: Decimal!, $code: String, $at: DateTime) {
      ChangePackageWeight(request: { packageId: $id, weight: $weight })
      CreateDeliverPackage(request: { packageId: $id, trackingCode: $code, shippingDate: $at })
    }"""
    variables = {"id": package_id, "weight": 2.75, "code": "JJD42", "at": "2026-11-20T09:30:00Z"}

    # when
    answer = session.graphql(change, variables)

    # then
    assert answer == {"data": {"ChangePackageWeight": True, "CreateDeliverPackage": True}}
    v1 = session.get(f"/erp/v1/deliveryNotes/{order.key}/packages")
    v2 = session.get(f"/erp/v2/deliveryNotes/{note_id}/packages")
    for packages in (v1, v2):
        assert [(p["Weights"], p["TrackingID"]) for p in packages] == [(2.75, "JJD42")]
        assert packages[0]["ShippedDate"].startswith("2026-11-20T09:30:00")
    assert v2[0]["Id"] == package_id
    note = session.get(f"/erp/v2/deliveryNotes/{note_id}")
    assert note["Packages"][0]["Weights"] == 2.75


def test_package_mutations_refuse_unknown_packages_and_negative_weights():
    session = _session()
    order = next(o for o in session.data.orders.values() if o.shipping_date)
    package_id = session.data.uuid(kind="package", key=order.key)
    weight = """mutation($id: String!, $weight: Decimal!) {
      ChangePackageWeight(request: { packageId: $id, weight: $weight }) }"""
    before = session.get(f"/erp/v1/deliveryNotes/{order.key}/packages")

    unknown = session.graphql(weight, {"id": "nope", "weight": 1})
    negative = session.graphql(weight, {"id": package_id, "weight": -1})

    assert unknown["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert negative["errors"][0]["extensions"]["code"] == "VALIDATION_ERROR"
    assert session.get(f"/erp/v1/deliveryNotes/{order.key}/packages") == before


def test_an_item_suppliers_2_0_fields_agree_with_its_link_and_name_no_invented_supplier():
    session = _session()
    item = next(i for i in session.data.items.values() if i.default_supplier)
    item_id = session.data.uuid(kind="item", key=item.key)

    v1 = session.get(f"/erp/v1/items/{item.key}/suppliers")[0]
    v2 = session.get(f"/erp/v2/items/{item_id}/suppliers")
    link = v2["Suppliers"][0]

    assert v2["DefaultDropshippingSupplier"] == session.data.uuid(kind="supplier", key=0)
    assert link["SupplierDeliveryTimeInDays"] == link["DeliveryTimeInDays"]
    assert link["SupplierSupportsDropshipping"] == link["IsDropshippingActive"]
    assert link["PackageUnitPurchasePrice"] == v1["PackagingUnitPurchasePriceNet"]


def test_an_invoice_never_dunned_or_printed_has_no_dunning_or_print_data():
    session = _session()
    query = """{ QuerySalesInvoices(first: 1) { nodes {
        isCancelled cancellationReason dunningLevel dunningDate printDate mailDate } } }"""

    node = session.graphql(query)["data"]["QuerySalesInvoices"]["nodes"][0]

    assert node["isCancelled"] is False
    assert [node[n] for n in ("cancellationReason", "dunningLevel", "dunningDate")] == [None] * 3
    assert (node["printDate"], node["mailDate"]) == (None, None)
