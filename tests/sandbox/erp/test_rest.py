from datetime import date

import pytest

from jtlapp.sandbox.config import DEMO_TENANTS
from jtlapp.sandbox.erp.rest import ErpRestMethodNotAllowedError, ErpRestRequest, erp_rest_resolve
from jtlapp.sandbox.erp.store import erp_store_seed

TENANT = next(iter(DEMO_TENANTS))


@pytest.fixture
def tenant():
    return erp_store_seed(seed=5, today=date(2026, 11, 23), tenant_ids=[TENANT]).tenant(TENANT)


def call(tenant, method, path, query=None, body=None):
    operation = erp_rest_resolve(method=method, path=path)
    assert operation is not None, f"no route {method} {path}"
    request = ErpRestRequest(method=method, path=path, query=query or {}, body=body)
    return operation.execute(tenant=tenant, request=request)


def test_routes_resolve_with_scopes_and_distinguish_404_from_405():
    assert erp_rest_resolve(method="GET", path="/v2/items").scope == "items.read"
    assert (
        erp_rest_resolve(method="POST", path="/v2/sales-orders/x/line-items").scope
        == "salesorders.write"
    )
    assert erp_rest_resolve(method="GET", path="/v2/info").scope is None
    assert erp_rest_resolve(method="GET", path="/v1/items").legacy_scope == "item.queryitems"
    assert erp_rest_resolve(method="GET", path="/SALESORDERS/1/LineItems").generation == "v1"
    assert erp_rest_resolve(method="GET", path="/v2/nothing") is None
    with pytest.raises(ErpRestMethodNotAllowedError) as excinfo:
        erp_rest_resolve(method="DELETE", path="/v2/items/abc")
    assert excinfo.value.allowed == ("GET", "PATCH")


def test_v2_paged_envelope_defaults_and_edges(tenant):
    # when
    first = call(tenant, "GET", "/v2/customers").body
    last = call(tenant, "GET", "/v2/customers", {"pageNumber": "2", "pageSize": "100"}).body
    # then
    assert {k: v for k, v in first.items() if k != "items"} == {
        "totalItems": 120,
        "pageNumber": 1,
        "pageSize": 100,
        "totalPages": 2,
        "hasPreviousPage": False,
        "hasNextPage": True,
        "nextPageNumber": 2,
        "previousPageNumber": None,
    }
    assert len(first["items"]) == 100
    assert len(last["items"]) == 20
    assert (last["nextPageNumber"], last["previousPageNumber"]) == (None, 1)


@pytest.mark.parametrize("query", [{"pageSize": "1001"}, {"pageSize": "0"}, {"pageNumber": "x"}])
def test_v2_bad_paging_is_a_validation_error(tenant, query):
    response = call(tenant, "GET", "/v2/items", query)

    assert response.status == 400
    assert response.body["errorCode"] == "VALIDATION_ERROR"
    assert set(response.body["validationErrors"]) <= {"pageSize", "pageNumber"}


def test_v2_unknown_ids_are_404_in_jtl_error_shape(tenant):
    foreign = tenant.uuid(kind="customer", key=1)

    response = call(tenant, "GET", f"/v2/sales-orders/{foreign}")

    assert response.status == 404
    assert response.body == {
        "errorCode": "NOT_FOUND",
        "validationErrors": {},
        "errorMessage": "No sales order with the given ID exists.",
    }


def test_v2_item_list_and_detail_shapes(tenant):
    # given
    listed = call(tenant, "GET", "/v2/items", {"searchKeyWord": tenant.items[1].sku}).body["items"]
    # when
    detail = call(tenant, "GET", f"/v2/items/{listed[0]['id']}").body
    # then
    assert [item["sku"] for item in listed] == [tenant.items[1].sku]
    assert {"stockAvailable", "minimumStock", "salesPriceGross", "defaultSupplier"} <= set(
        listed[0]
    )
    assert detail["identifiers"]["sku"] == tenant.items[1].sku
    assert detail["prices"]["salesPriceNet"] == tenant.items[1].sales_price_net
    assert (
        detail["descriptions"]["defaultDescriptions"][0]["descriptionData"]["itemName"]
        == tenant.items[1].name
    )


def test_v2_sales_orders_filter_by_customer_and_dates_and_sort(tenant):
    # given
    customer_id = tenant.uuid(kind="customer", key=5)
    query = {
        "customerId": customer_id,
        "salesOrderDateAfter": "2026-01-01T00:00:00Z",
        "salesOrderDateBefore": "2026-11-01",
        "sortBy": "salesOrderDate",
        "sortDescending": "true",
    }
    # when
    items = call(tenant, "GET", "/v2/sales-orders", query | {"pageSize": "1000"}).body["items"]
    # then
    expected = sorted(
        (
            o
            for o in tenant.orders.values()
            if o.customer_key == 5 and "2026-01-01" <= o.date.isoformat() < "2026-11-01"
        ),
        key=lambda o: o.date,
        reverse=True,
    )
    assert [i["salesOrderNumber"] for i in items] == [o.number for o in expected]
    assert all(i["customerId"] == customer_id for i in items)
    assert all(isinstance(i["paymentStatus"], int) for i in items)


def test_v2_unknown_sort_field_is_a_validation_error(tenant):
    response = call(tenant, "GET", "/v2/sales-orders", {"sortBy": "nope"})

    assert response.status == 400
    assert response.body["validationErrors"] == {"sortBy": "Unknown sort field 'nope'."}


def test_v2_line_items_use_the_early_dto(tenant):
    order = tenant.orders[1]

    lines = call(
        tenant, "GET", f"/v2/sales-orders/{tenant.uuid(kind='salesorder', key=1)}/line-items"
    ).body

    assert [line["sKU"] for line in lines] == [line.sku for line in order.line_items]
    assert {line["type"] for line in lines} <= {1, 2}
    assert set(lines[0]) == {
        "id",
        "salesOrderId",
        "itemId",
        "name",
        "sKU",
        "type",
        "quantity",
        "quantityDelivered",
        "quantityReturned",
        "salesUnit",
        "salesPriceNet",
        "salesPriceGross",
        "discount",
        "purchasePriceNet",
        "taxRate",
        "notice",
    }


def test_v2_line_item_writes_keep_order_totals_consistent(tenant):
    # given
    order = next(
        o for o in tenant.orders.values() if o.delivery_status == "OPEN" and not o.is_cancelled
    )
    order_id = tenant.uuid(kind="salesorder", key=order.key)
    base = f"/v2/sales-orders/{order_id}/line-items"
    item_id = tenant.uuid(kind="item", key=2)
    before = order.total_gross
    added_gross = round(5 * 10.0 * (1 + tenant.items[2].tax_rate / 100), 2)
    # when
    created = call(tenant, "POST", base, body=[{"itemId": item_id, "quantity": 2}])
    line_id = created.body[0]["id"]
    patched = call(
        tenant, "PATCH", f"{base}/{line_id}", body={"quantity": 5, "salesPriceNet": 10.0}
    )
    after_patch = call(tenant, "GET", f"/v2/sales-orders/{order_id}").body["keyFigures"]
    deleted = call(tenant, "DELETE", f"{base}/{line_id}")
    after_delete = call(tenant, "GET", f"/v2/sales-orders/{order_id}").body["keyFigures"]
    # then
    assert created.status == 201
    assert created.body[0]["sKU"] == tenant.items[2].sku
    assert (patched.status, patched.body) == (204, None)
    assert (deleted.status, deleted.body) == (204, None)
    assert after_patch["totalGrossAmount"] == round(before + added_gross, 2)
    assert after_delete["totalGrossAmount"] == before
    listed = call(tenant, "GET", "/v2/sales-orders", {"pageSize": "1000"}).body["items"]
    assert next(i for i in listed if i["id"] == order_id)["totalGrossAmount"] == order.total_gross


def test_v2_line_item_post_validates_body(tenant):
    path = f"/v2/sales-orders/{tenant.uuid(kind='salesorder', key=1)}/line-items"

    missing_quantity = call(tenant, "POST", path, body=[{"name": "x"}])
    not_a_list = call(tenant, "POST", path, body={"quantity": 1})
    unknown_item = call(tenant, "POST", path, body=[{"itemId": "nope", "quantity": 1}])

    assert missing_quantity.status == 400
    assert not_a_list.status == 400
    assert unknown_item.body["validationErrors"] == {"itemId": "No item with the given ID exists."}


def test_deleting_a_delivered_line_is_forbidden(tenant):
    order = next(o for o in tenant.orders.values() if o.delivery_status == "COMPLETELY_SHIPPED")
    path = (
        f"/v2/sales-orders/{tenant.uuid(kind='salesorder', key=order.key)}/line-items/"
        f"{tenant.uuid(kind='lineitem', key=order.line_items[0].key)}"
    )

    response = call(tenant, "DELETE", path)

    assert response.status == 403
    assert response.body["errorCode"] == "FORBIDDEN"


def test_v2_item_patch_answers_201_with_the_item_reference(tenant):
    item_id = tenant.uuid(kind="item", key=3)

    response = call(
        tenant, "PATCH", f"/v2/items/{item_id}", body={"prices": {"salesPriceNet": 42.0}}
    )

    assert response.status == 201
    assert response.body == {"itemId": item_id}
    assert tenant.items[3].sales_price_net == 42.0


def test_v2_stocks_filter_and_lookups_are_plain_arrays(tenant):
    item_id = tenant.uuid(kind="item", key=4)

    stocks = call(tenant, "GET", "/v2/stocks", {"itemId": item_id}).body
    methods = call(tenant, "GET", "/v2/paymentMethods").body

    assert stocks["totalItems"] == len([s for s in tenant.stocks if s.item_key == 4])
    assert {s["itemId"] for s in stocks["items"]} == {item_id}
    assert isinstance(methods, list)
    assert [m["name"] for m in methods][:2] == ["Rechnung", "PayPal"]
    assert len(call(tenant, "GET", "/v2/warehouses").body["items"]) == 3


def test_v1_and_v2_report_the_same_order_in_their_own_shape(tenant):
    v1 = call(tenant, "GET", "/v1/salesOrders/1").body
    v2 = call(tenant, "GET", f"/v2/sales-orders/{tenant.uuid(kind='salesorder', key=1)}").body

    assert v1["Number"] == v2["salesOrderNumber"]
    assert (
        v1["SalesOrderPaymentDetails"]["TotalGrossAmount"] == v2["keyFigures"]["totalGrossAmount"]
    )
    assert v1["SalesOrderDate"] == v2["salesOrderDate"]


def test_v1_sales_orders_exclude_pending_orders(tenant):
    body = call(tenant, "GET", "/salesOrders", {"pageSize": "1000"}).body

    pending = sum(o.is_pending for o in tenant.orders.values())
    assert body["TotalItems"] == len(tenant.orders) - pending
    assert body["NextPageNumber"] == 1
    assert body["PreviousPageNumber"] == 1


def test_v1_errors_are_pascal_case(tenant):
    response = call(tenant, "GET", "/items", {"pageSize": "5000"})

    assert response.status == 400
    assert response.body == {
        "ErrorCode": "VALIDATION_ERROR",
        "ValidationErrors": {"pageSize": "The page size must not exceed 1000."},
        "ErrorMessage": "The sent data is invalid.",
    }
