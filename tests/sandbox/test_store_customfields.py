"""Custom-field definitions and values, and sales-order files: seeded on existing records and
written through the sandbox's HTTP app in both generations."""

from __future__ import annotations

import base64

from tests.sandbox.attached_session import session_create


def test_seeded_values_name_the_definitions_both_generations_list():
    session = session_create()
    values = session.data.attached.custom_values
    customer = next(owner for (ref, owner), v in values.items() if ref == 3 and v)
    order = next(owner for (ref, owner), v in values.items() if ref == 4 and v)

    v1_fields = session.send("GET", "/v1/customers/customfields").get_json()
    v2_fields = session.send("GET", "/v2/customfields/byReferenceType/3").get_json()
    order_fields = session.send("GET", "/v1/salesOrders/customfields").get_json()
    groups = session.send("GET", "/v2/customfields/groups?referenceType=4").get_json()
    customer_values = session.send("GET", f"/v1/customers/{customer}/customfields").get_json()
    order_values = session.send("GET", f"/v1/salesOrders/{order}/customfields").get_json()

    assert [f["Name"] for f in v1_fields] == [f["Name"] for f in v2_fields]
    assert {f["ReferenceType"] for f in v2_fields} == {3}
    assert {v["CustomFieldId"] for v in customer_values} <= {f["CustomFieldId"] for f in v1_fields}
    assert {v["CustomFieldId"] for v in order_values} <= {f["CustomFieldId"] for f in order_fields}
    assert customer_values[0]["Value"]["Value"].startswith("KK-")
    assert [f["Name"] for g in groups for f in g["CustomFields"]] == [
        f["Name"] for f in order_fields
    ]
    assert all(owner in session.data.customers for (ref, owner) in values if ref == 3)


def test_a_customer_value_is_set_read_and_deleted():
    session = session_create()
    customer_key = next(iter(session.data.customers))
    field_id = session.send("GET", "/v1/customers/customfields").get_json()[0]["CustomFieldId"]
    base = f"/v1/customers/{customer_key}/customfields"
    customer_id = session.data.uuid(kind="customer", key=customer_key)
    field_uuid = session.data.uuid(kind="customfield", key=field_id)

    changed = session.send("PATCH", f"{base}/{field_id}", {"Value": {"Value": "KK-1"}})
    read = session.send("GET", base).get_json()
    deleted = session.send("DELETE", f"/v2/customers/{customer_id}/customfields/{field_uuid}")
    after = session.send("GET", base).get_json()
    again = session.send("DELETE", f"{base}/{field_id}")
    order_field = session.send("GET", "/v1/salesOrders/customfields").get_json()[0]
    foreign = session.send("PATCH", f"{base}/{order_field['CustomFieldId']}", {"Value": {}})

    assert changed.status_code == 204
    assert {"CustomFieldId": field_id, "Value": {"Value": "KK-1"}} in read
    assert deleted.status_code == 204
    assert all(v["CustomFieldId"] != field_id for v in after)
    assert (again.status_code, foreign.status_code) == (404, 404)


def test_a_2_0_definition_carries_order_values_until_it_is_deleted():
    session = session_create()
    order_key = next(iter(session.data.orders))
    order_id = session.data.uuid(kind="salesorder", key=order_key)
    definition = {
        "Name": "Kostenstelle",
        "GroupName": "Buchhaltung",
        "DataType": 12,
        "DisplayLocation": 0,
        "ReferenceType": 4,
    }

    created = session.send("POST", "/v2/customfields", definition)
    field_id = created.get_json()["CustomFieldId"]
    changed = session.send("PATCH", f"/v2/customfields/{field_id}", {"Description": "intern"})
    read = session.send("GET", f"/v2/customfields/byId/{field_id}").get_json()
    valued = session.send(
        "PATCH", f"/v2/salesOrders/{order_id}/customfields/{field_id}", {"Value": {"Value": "K1"}}
    )
    v1_values = session.send("GET", f"/v1/salesOrders/{order_key}/customfields").get_json()
    listed = session.send("GET", "/v1/salesOrders/customfields").get_json()
    deleted = session.send("DELETE", f"/v2/customfields/{field_id}")
    gone = session.send("GET", f"/v2/customfields/byId/{field_id}")
    after = session.send("GET", f"/v1/salesOrders/{order_key}/customfields").get_json()

    key = session.data.uuid_key(kind="customfield", value=field_id)
    assert created.status_code == 201
    assert (changed.status_code, read["Description"], read["Name"]) == (
        204,
        "intern",
        "Kostenstelle",
    )
    assert valued.status_code == 204
    assert {"CustomFieldId": key, "Value": {"Value": "K1"}} in v1_values
    assert "Kostenstelle" in [f["Name"] for f in listed]
    assert (deleted.status_code, gone.status_code) == (204, 404)
    assert all(v["CustomFieldId"] != key for v in after)


def test_a_sales_order_file_is_created_read_changed_and_deleted():
    session = session_create()
    order_key = next(iter(session.data.orders))
    v2_base = f"/v2/salesOrders/{session.data.uuid(kind='salesorder', key=order_key)}/files"
    v1_base = f"/v1/salesOrders/{order_key}/files"
    content = b"%PDF-1.4 Lieferschein"
    upload = {
        "FileData": base64.b64encode(content).decode(),
        "FileDataType": "pdf",
        "FileName": "Lieferschein.pdf",
    }

    created = session.send("POST", v2_base, upload)
    file_id = created.get_json()["Id"]
    key = session.data.uuid_key(kind="salesorderfile", value=file_id)
    data_v2 = session.send("GET", f"{v2_base}/{file_id}").get_json()
    data_v1 = session.send("GET", f"{v1_base}/{key}")
    changed = session.send("PATCH", f"{v1_base}/{key}", {"FileName": "LS-1.pdf"})
    listed = session.send("GET", v2_base).get_json()
    deleted = session.send("DELETE", f"{v2_base}/{file_id}")
    gone = session.send("GET", f"{v1_base}/{key}")
    foreign = session.send("GET", f"/v1/salesOrders/{order_key + 1}/files/{key}")

    assert created.status_code == 201
    assert (created.get_json()["Size"], created.get_json()["FileName"]) == (21, "Lieferschein.pdf")
    assert base64.b64decode(data_v2) == content
    assert (data_v1.status_code, data_v1.data) == (200, content)
    assert (changed.status_code, changed.get_json()["FileName"]) == (201, "LS-1.pdf")
    assert [f["FileName"] for f in listed if f["Id"] == file_id] == ["LS-1.pdf"]
    assert (deleted.status_code, gone.status_code, foreign.status_code) == (204, 404, 404)


def test_seeded_order_files_belong_to_their_orders():
    session = session_create()
    file = next(iter(session.data.attached.files.values()))

    listed = session.send("GET", f"/v1/salesOrders/{file.order_key}/files").get_json()

    assert [(f["Id"], f["SalesOrderId"]) for f in listed] == [(file.key, file.order_key)]
    assert listed[0]["FileName"].endswith(".pdf")
