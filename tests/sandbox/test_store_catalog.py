"""Categories and returns: seeded from the items and shipped orders, and writes in one
generation (or GraphQL) show in later reads, 1.0 with int keys and 2.0 with UUIDs."""

from __future__ import annotations

from typing import Any

from tests.sandbox.catalog_api import Api


def test_seeded_categories_hold_the_items_of_their_product_group():
    api = Api()
    item = next(iter(api.data.items.values()))

    status, page = api.send("GET", "/v1/categories")
    _, v2 = api.send("GET", f"/v2/items/{api.data.uuid(kind='item', key=item.key)}/categories")

    assert status == 200
    group = next(c for c in page["Items"] if c["Name"] == item.product_group_name)
    assert (group["Level"], group["ParentCategoryId"]) == (2, 1)
    group_uuid = api.data.uuid(kind="category", key=group["Id"])
    assert {"CategoryId": group_uuid} in v2["Categories"]


def test_a_1_0_category_is_created_listed_patched_and_gets_items():
    api = Api()
    item_key = next(iter(api.data.items))

    created_status, created = api.send(
        "POST", "/v1/categories", {"Name": "Sale", "ParentCategoryId": 1, "SortNumber": 9}
    )
    key = created["Id"]
    _, page = api.send("GET", "/v1/categories?pageSize=1000")
    patched_status, _ = api.send("PATCH", f"/v1/categories/{key}", {"Name": "Sommer-Sale"})
    _, read = api.send("GET", f"/v1/categories/{key}")
    added_status, added = api.send("POST", f"/v1/categories/{key}/items", [item_key])
    _, linked = api.send("GET", f"/v2/items/{api.data.uuid(kind='item', key=item_key)}/categories")
    missing_status, missing = api.send("GET", "/v1/categories/999999")

    assert (created_status, isinstance(key, int), created["Level"]) == (201, True, 2)
    assert key in [c["Id"] for c in page["Items"]]
    assert (patched_status, read["Name"], read["SortNumber"]) == (201, "Sommer-Sale", 9)
    assert (added_status, added) == (201, [item_key])
    assert {"CategoryId": api.data.uuid(kind="category", key=key)} in linked["Categories"]
    assert (missing_status, missing["ErrorCode"]) == (404, "NOT_FOUND")


def test_a_2_0_category_is_created_patched_and_deleted_then_404():
    api = Api()
    root = api.data.uuid(kind="category", key=1)
    body = {
        "ParentCategoryId": root,
        "SortNumber": 3,
        "Descriptions": {"DefaultDescriptions": [{"DescriptionData": {"ItemName": "Outlet"}}]},
    }

    created_status, created = api.send("POST", "/v2/categories", body)
    category_id = created["Id"]
    patched_status, patched = api.send("PATCH", f"/v2/categories/{category_id}", {"SortNumber": 4})
    _, details = api.send("GET", f"/v2/category/{category_id}")
    _, v1 = api.send(
        "GET", f"/v1/categories/{api.data.uuid_key(kind='category', value=category_id)}"
    )
    deleted_status, _ = api.send("DELETE", f"/v2/categories/{category_id}", {})
    gone_status, gone = api.send("PATCH", f"/v2/categories/{category_id}", {"SortNumber": 5})

    assert (created_status, created["ParentCategoryId"]) == (201, root)
    assert (patched_status, patched["SortNumber"]) == (201, 4)
    assert (details["Id"], details["Descriptions"][0]["Name"]) == (category_id, "Outlet")
    assert (v1["Name"], v1["ParentCategoryId"]) == ("Outlet", 1)
    assert (deleted_status, gone_status, gone["ErrorCode"]) == (204, 404, "NOT_FOUND")


def test_the_2_0_category_commands_write_the_same_store():
    api = Api()

    created_status, created = api.send("POST", "/v2/CreateCategory", {"Name": "Geschenke"})
    category_id = created["CategoryId"]
    updated_status, updated = api.send(
        "PATCH", "/v2/UpdateCategory", {"Id": category_id, "Name": "Geschenkideen"}
    )
    _, details = api.send("GET", f"/v2/category/{category_id}")
    deleted_status, _ = api.send("DELETE", "/v2/DeleteCategory", {"Id": category_id})
    again_status, _ = api.send("DELETE", "/v2/DeleteCategory", {"Id": category_id})

    assert (created_status, updated_status, updated) == (201, 200, True)
    assert details["Descriptions"][0]["Name"] == "Geschenkideen"
    assert (deleted_status, again_status) == (200, 404)


def test_seeded_returns_tie_to_a_shipped_order_and_its_line():
    api = Api()
    seeded = next(iter(api.data.returns.values()))
    order = api.data.orders[seeded.order_key]

    _, page = api.send("GET", f"/v1/returns?salesOrderId={order.key}")
    _, lines = api.send("GET", f"/v1/returns/{seeded.key}/lineitems")
    _, v2 = api.send("GET", f"/v2/returns/{api.data.uuid(kind='return', key=seeded.key)}")

    assert [r["Id"] for r in page["Items"]] == [seeded.key]
    assert page["Items"][0]["CustomerId"] == order.customer_key
    assert order.shipping_date is not None
    assert lines[0]["SalesOrderLineItemId"] in [line.key for line in order.line_items]
    assert v2["SalesOrderId"] == api.data.uuid(kind="salesorder", key=order.key)


def _return_body(api: Api, *, v2: bool) -> dict[str, Any]:
    order = next(
        o for o in api.data.orders.values() if o.shipping_date and o.key not in _returned(api)
    )
    line = next(li for li in order.line_items if li.item_key is not None)

    def ident(kind: str, key: int) -> object:
        return api.data.uuid(kind=kind, key=key) if v2 else key

    return {
        "SalesOrderId": ident("salesorder", order.key),
        "CompanyId": ident("company", order.company_key),
        "WarehouseId": ident("warehouse", next(iter(api.data.warehouses))),
        "Items": [
            {
                "Quantity": 1,
                "ReturnReasonId": ident("returnreason", 2),
                "SalesOrderLineItemId": ident("lineitem", line.key),
            }
        ],
        "Packages": [{"TrackingID": "RT123"}],
    }


def _returned(api: Api) -> set[int]:
    return {r.order_key for r in api.data.returns.values()}


def test_a_return_is_created_in_each_generation_and_read_back():
    api = Api()
    v1_body = _return_body(api, v2=False)

    v1_status, v1 = api.send("POST", "/v1/returns", v1_body)
    v2_body = _return_body(api, v2=True)
    v2_status, v2 = api.send("POST", "/v2/returns", v2_body)
    _, v1_lines = api.send("GET", f"/v1/returns/{v1['Id']}/lineitems")
    _, v2_packages = api.send("GET", f"/v2/returns/{v2['Id']}/packages")
    _, listed = api.send("GET", f"/v1/returns?salesOrderId={v1_body['SalesOrderId']}")
    missing_status, _ = api.send("GET", "/v1/returns/999999/lineitems")

    assert (v1_status, isinstance(v1["Id"], int), v1["Origin"]) == (201, True, 7)
    assert (v2_status, v2["SalesOrderId"]) == (201, v2_body["SalesOrderId"])
    assert v1_lines[0]["SalesOrderLineItemId"] == v1_body["Items"][0]["SalesOrderLineItemId"]
    assert [p["TrackingID"] for p in v2_packages] == ["RT123"]
    assert v1["Id"] in [r["Id"] for r in listed["Items"]]
    assert missing_status == 404


def test_a_category_created_through_graphql_is_queried_and_read_over_rest():
    api = Api()
    create = """mutation($name: String!) {
      CreateCategory(request: { name: $name, sortNumber: 2 }) { categoryId } }"""
    query = """query($id: ID!) { QueryCategories(first: 5, where: { id: { eq: $id } }) {
      totalCount nodes { id name sortNumber } } one: GetCategoryById(categoryid: $id) { id } }"""

    _, created = api.send("POST", "/v2/graphql", {"query": create, "variables": {"name": "Bio"}})
    category_id = created["data"]["CreateCategory"]["categoryId"]
    _, queried = api.send("POST", "/v2/graphql", {"query": query, "variables": {"id": category_id}})
    key = api.data.uuid_key(kind="category", value=category_id)
    _, v1 = api.send("GET", f"/v1/categories/{key}")

    assert queried["data"]["QueryCategories"] == {
        "totalCount": 1,
        "nodes": [{"id": category_id, "name": "Bio", "sortNumber": 2}],
    }
    assert queried["data"]["one"] == {"id": category_id}
    assert (v1["Name"], v1["ParentCategoryId"]) == ("Bio", 0)


def test_a_deleted_category_id_is_never_handed_out_again():
    api = Api()

    _, first = api.send("POST", "/v2/CreateCategory", {"Name": "Einmalig"})
    api.send("DELETE", "/v2/DeleteCategory", {"Id": first["CategoryId"]})
    _, second = api.send("POST", "/v2/CreateCategory", {"Name": "Danach"})
    key = api.data.uuid_key(kind="category", value=first["CategoryId"])
    gone_status, _ = api.send("GET", f"/v1/categories/{key}")

    assert second["CategoryId"] != first["CategoryId"]
    assert gone_status == 404


def test_an_order_line_is_not_returned_beyond_its_quantity():
    api = Api()
    body = _return_body(api, v2=False)
    order = api.data.orders[body["SalesOrderId"]]
    line_key = body["Items"][0]["SalesOrderLineItemId"]
    quantity = next(li.quantity for li in order.line_items if li.key == line_key)
    body["Items"][0]["Quantity"] = quantity

    first_status, _ = api.send("POST", "/v1/returns", body)
    body["Items"][0]["Quantity"] = 1
    again_status, again = api.send("POST", "/v1/returns", body)

    assert first_status == 201
    assert (again_status, list(again["ValidationErrors"])) == (400, ["Items[0].Quantity"])
