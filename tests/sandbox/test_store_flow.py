"""Writes change the store and later reads show them: order -> line items -> invoice -> what
the customer still owes, through the described 2.0 operations and the 1.0 invoice list."""

from __future__ import annotations

import json
from typing import Any

from jtlapp.sandbox.app import sandbox_app_create
from jtlapp.sandbox.config import SandboxClient, SandboxConfig
from jtlapp.sandbox.openapi.generate import Generator, seeded_random
from tests.sandbox.conftest import TENANT_A, TODAY

WRITER = SandboxClient(
    client_id="writer",
    client_secret="writer-secret",
    app_id="writer",
    scopes=(
        "customers.read",
        "salesorders.read",
        "salesorders.write",
        "invoices.read",
        "invoices.write",
    ),
)
APP = {"x-appid": "flow/1.0.0", "x-appversion": "1.0.0"}
CREATE = {
    "$ref": "#/components/schemas/JTL.Wawi.Rest.Contracts.Models.V2.SalesOrder.CreateSalesOrder"
}
LINE = {
    "$ref": "#/components/schemas/"
    "JTL.Wawi.Rest.Contracts.Models.V2.SalesOrder.CreateSalesOrderLineItem"
}


def _generated(schema: dict[str, Any]) -> Any:
    return Generator(generation="2.0", rng=seeded_random("flow")).value(schema)


def _line(item_id: str, quantity: float, price: float) -> dict[str, Any]:
    line = _generated(LINE)
    line.pop("SalesPriceGross", None)  # "only net or gross can be entered"
    return {
        **line,
        "ItemId": item_id,
        "Quantity": quantity,
        "SalesPriceNet": price,
        "TaxRate": 19,
        "Discount": 0,
    }


def test_an_order_its_lines_and_its_invoice_show_in_what_the_customer_owes():
    config = SandboxConfig(base_url="http://sandbox.test", clients=(WRITER,))
    app = sandbox_app_create(config=config, today=TODAY)
    data = app.config["SANDBOX_STATE"].store.tenant(TENANT_A)
    client = app.test_client()
    token = client.post(
        "/oauth/v2/token",
        data={"grant_type": "client_credentials", "scope": "openid"},
        auth=(WRITER.client_id, WRITER.client_secret),
    ).get_json()["access_token"]
    headers = {"Authorization": f"Bearer {token}", "X-Tenant-ID": TENANT_A, **APP}
    customer_key = next(iter(data.customers))
    customer_id = data.uuid(kind="customer", key=customer_key)
    item_id = data.uuid(kind="item", key=next(iter(data.items)))
    owed_before = client.get(f"/erp/v1/invoices?customerId={customer_key}", headers=headers)

    # when
    body = {**_generated(CREATE), "CustomerId": customer_id, "LineItems": [_line(item_id, 1, 10)]}
    created = client.post(
        "/erp/v2/salesOrders",
        data=json.dumps(body),
        headers=headers,
        content_type="application/json",
    )
    order_id = created.get_json()
    added = client.post(
        f"/erp/v2/salesOrders/{order_id}/lineitems",
        data=json.dumps([_line(item_id, 2, 5)]),
        headers=headers,
        content_type="application/json",
    )
    invoice = client.post(
        f"/erp/v2/salesOrders/{order_id}/createinvoice",
        data=json.dumps({}),
        headers=headers,
        content_type="application/json",
    )
    owed_v2 = client.get(f"/erp/v2/invoices?customerId={customer_id}", headers=headers)
    owed_v1 = client.get(f"/erp/v1/invoices?customerId={customer_key}", headers=headers)

    # then
    assert created.status_code == 201, created.get_data(as_text=True)
    assert (added.status_code, invoice.status_code) == (201, 201), invoice.get_data(as_text=True)
    assert invoice.get_json()["SalesInvoiceNumber"].startswith("RE-")
    ours = [i for i in owed_v2.get_json()["Items"] if i["Id"] == invoice.get_json()["Id"]]
    assert [i["InvoicePaymentDetails"]["StillToPay"] for i in ours] == [23.8]  # (10 + 2*5) * 1.19
    assert owed_v1.get_json()["TotalItems"] == owed_before.get_json()["TotalItems"] + 1


def test_writes_to_unmodelled_resources_show_in_later_reads():
    config = SandboxConfig(base_url="http://sandbox.test", clients=(WRITER,))
    app = sandbox_app_create(config=config, today=TODAY)
    data = app.config["SANDBOX_STATE"].store.tenant(TENANT_A)
    client = app.test_client()
    token = client.post(
        "/oauth/v2/token",
        data={"grant_type": "client_credentials", "scope": "openid"},
        auth=(WRITER.client_id, WRITER.client_secret),
    ).get_json()["access_token"]
    headers = {"Authorization": f"Bearer {token}", "X-Tenant-ID": TENANT_A, **APP}
    line = data.orders[7].line_items[0]
    base = f"/erp/v1/salesOrders/7/lineitems/{line.key}/files"
    before = client.get(base, headers=headers).get_json()
    file = {"FileData": "JVBERi0=", "FileDataType": "pdf", "FileName": "a.pdf"}

    created = client.post(
        base, data=json.dumps(file), headers=headers, content_type="application/json"
    )
    file_id = created.get_json()["Id"]
    listed = client.get(base, headers=headers).get_json()
    changed = client.patch(
        f"{base}/{file_id}",
        data=json.dumps({"FileName": "b.pdf"}),
        headers=headers,
        content_type="application/json",
    )
    after_change = client.get(base, headers=headers).get_json()
    deleted = client.delete(f"{base}/{file_id}", headers=headers)
    after_delete = client.get(base, headers=headers).get_json()

    assert created.status_code == 201
    assert created.headers["X-Sandbox-Source"] == "overlay"
    assert [f["FileName"] for f in listed if f["Id"] == file_id] == ["a.pdf"]
    assert changed.status_code == 201
    assert [f["FileName"] for f in after_change if f["Id"] == file_id] == ["b.pdf"]
    assert deleted.status_code == 204
    assert after_delete == before
