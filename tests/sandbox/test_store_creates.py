"""Customers, items and sales orders created over REST read back through every API, through
the real sandbox app: 1.0 ints, 2.0 UUIDs, GraphQL; deletes answer 404 from then on."""

from __future__ import annotations

import uuid
from typing import Any

from jtlapp.sandbox.config import SandboxClient
from tests.sandbox.catalog_api import Api as SandboxApi

WRITER = SandboxClient(
    client_id="creates",
    client_secret="creates-secret",
    app_id="creates",
    scopes=tuple(
        f"{area}.{access}"
        for area in ("customers", "items", "salesorders", "categories")
        for access in ("read", "write")
    ),
)
APP = {"x-appid": "creates/1.0.0", "x-appversion": "1.0.0"}
ADDRESS = {"LastName": "Krause", "Street": "Weg 1", "City": "Halle", "CountryIso": "de"}


class Api(SandboxApi):
    """The real sandbox app signed in as ``WRITER``; ``data`` is tenant A's store."""

    def __init__(self) -> None:
        super().__init__(signed_in=WRITER, app_headers=APP)


def _customer_v1(api: Api, **extra: object) -> dict[str, Any]:
    body = {
        "CustomerGroupId": min(api.data.customer_groups),
        "BillingAddress": ADDRESS,
        "LanguageIso": "DE",
        "InternalCompanyId": min(api.data.companies),
        **extra,
    }
    status, customer = api.send("POST", "/v1/customers", body)
    assert status == 201, customer
    return dict(customer)


def _item_v2(api: Api) -> str:
    category = api.data.uuid(kind="category", key=min(api.data.categories))
    body = {"SKU": "NEU-1", "Name": "Neuer Tee", "MainCategoryId": category, "SalesPriceNet": 4.5}
    status, created = api.send("POST", "/v2/items", body)
    assert status == 201, created
    return str(created["ItemId"])


def test_a_customer_created_in_1_0_reads_back_in_1_0_and_graphql():
    api = Api()

    created = _customer_v1(api, Number="K-900")
    status, read = api.send("GET", f"/v1/customers/{created['Id']}")
    _, page = api.send("GET", "/v1/customers?number=K-900")
    customer_id = api.data.uuid(kind="customer", key=created["Id"])
    graph = api.graphql(
        "query($id: ID) { GetCustomerById(customerid: $id) { customerNumber } "
        "QueryCustomers(where: {id: {eq: $id}}) { nodes { id lastName } } }",
        id=customer_id,
    )

    assert isinstance(created["Id"], int)
    assert status == 200
    assert read["BillingAddress"]["LastName"] == "Krause"
    assert read["BillingAddress"]["CountryIso"] == "DE"
    assert [c["Id"] for c in page["Items"]] == [created["Id"]]
    assert graph["GetCustomerById"]["customerNumber"] == "K-900"
    assert graph["QueryCustomers"]["nodes"] == [{"id": customer_id, "lastName": "Krause"}]


def test_an_item_created_in_2_0_reads_back_in_1_0_and_graphql_in_its_category():
    api = Api()
    category = min(api.data.categories)

    item_id = _item_v2(api)
    key = api.data.uuid_key(kind="item", value=item_id)
    status, v1 = api.send("GET", f"/v1/items/{key}")
    _, v2 = api.send("GET", f"/v2/items/{item_id}")
    graph = api.graphql(
        "query($id: ID) { GetItemById(id: $id) { categories { categories { categoryId } } } "
        "QueryItems(where: {id: {eq: $id}}) { nodes { sku } } }",
        id=item_id,
    )

    assert str(uuid.UUID(item_id)) == item_id
    assert status == 200
    assert (v1["SKU"], v1["Name"], v1["ItemPriceData"]["SalesPriceNet"]) == (
        "NEU-1",
        "Neuer Tee",
        4.5,
    )
    assert [c["CategoryId"] for c in v1["Categories"]] == [category]
    assert v1["Categories"][0]["Name"] == api.data.categories[category].name
    assert v2["identifiers"]["sku"] == "NEU-1"
    expected = [{"categoryId": api.data.uuid(kind="category", key=category)}]
    assert graph["GetItemById"]["categories"]["categories"] == expected
    assert graph["QueryItems"]["nodes"] == [{"sku": "NEU-1"}]


def test_a_sales_order_created_in_1_0_for_new_records_reads_back_with_its_line():
    api = Api()
    customer = _customer_v1(api)
    item_key = api.data.uuid_key(kind="item", value=_item_v2(api))
    body = {"CompanyId": min(api.data.companies), "CustomerId": customer["Id"], "Comment": "neu"}

    status, order = api.send("POST", "/v1/salesOrders", body)
    line = [{"ItemId": item_key, "Quantity": 2}]
    line_status, _ = api.send("POST", f"/v1/salesOrders/{order['Id']}/lineitems", line)
    _, read = api.send("GET", f"/v1/salesOrders/{order['Id']}")
    _, lines = api.send("GET", f"/v1/salesOrders/{order['Id']}/lineitems")
    _, listed = api.send("GET", f"/v1/salesOrders?customerId={customer['Id']}")

    assert (status, line_status) == (201, 201)
    assert isinstance(order["Id"], int)
    assert read["CustomerId"] == customer["Id"]
    assert read["Comment"] == "neu"
    assert read["BillingAddress"]["LastName"] == "Krause"
    assert [(li["ItemId"], li["Quantity"], li["SalesPriceNet"]) for li in lines] == [
        (item_key, 2.0, 4.5)
    ]
    assert read["SalesOrderPaymentDetails"]["TotalGrossAmount"] == 10.71
    assert [o["Id"] for o in listed["Items"]] == [order["Id"]]


def test_a_sales_order_patched_in_2_0_shows_the_change_in_1_0():
    api = Api()
    customer = _customer_v1(api)
    body = {"CompanyId": min(api.data.companies), "CustomerId": customer["Id"]}
    _, order = api.send("POST", "/v1/salesOrders", body)
    order_id = api.data.uuid(kind="salesorder", key=order["Id"])

    status, patched = api.send(
        "PATCH",
        f"/v2/salesOrders/{order_id}",
        {"Text": {"Comment": "eilig"}, "ShipmentAddress": {"City": "Jena"}},
    )
    _, read = api.send("GET", f"/v1/salesOrders/{order['Id']}")

    assert status == 201
    assert patched["Id"] == order_id
    assert patched["Text"]["Comment"] == "eilig"
    assert (read["Comment"], read["Shipmentaddress"]["City"]) == ("eilig", "Jena")
    assert read["BillingAddress"]["City"] == "Halle"


def test_a_deleted_customer_answers_404_and_its_id_is_not_reissued():
    api = Api()
    created = _customer_v1(api)

    status, _ = api.send("DELETE", f"/v1/customers/{created['Id']}")
    read_status, _ = api.send("GET", f"/v1/customers/{created['Id']}")
    again_status, _ = api.send("DELETE", f"/v1/customers/{created['Id']}")
    v2_status, ref = api.send(
        "POST",
        "/v2/customers",
        {
            "CustomerGroupId": api.data.uuid(kind="customergroup", key=1),
            "BillingAddress": {"Address": {"City": "Gera"}, "Identity": {"LastName": "Roth"}},
        },
    )
    key = api.data.uuid_key(kind="customer", value=ref["Id"])
    v2_delete, _ = api.send("DELETE", f"/v2/customers/{ref['Id']}")
    v2_read, _ = api.send("GET", f"/v1/customers/{key}")

    assert (status, read_status, again_status) == (204, 404, 404)
    assert v2_status == 201
    assert key == created["Id"] + 1
    assert (v2_delete, v2_read) == (204, 404)


def test_a_customer_with_orders_is_not_deleted():
    api = Api()
    key = next(o.customer_key for o in api.data.orders.values())

    status, answer = api.send("DELETE", f"/v1/customers/{key}")
    read_status, _ = api.send("GET", f"/v1/customers/{key}")

    assert status == 400
    assert answer["ErrorCode"] == "VALIDATION_ERROR"
    assert read_status == 200


def test_an_item_shows_the_categories_it_was_added_to():
    api = Api()
    status, item = api.send("POST", "/v1/items", {"Name": "Kanne", "Categories": []})
    _, category = api.send("POST", "/v1/categories", {"Name": "Zubehör"})

    added, _ = api.send("POST", f"/v1/categories/{category['Id']}/items", [item["Id"]])
    _, read = api.send("GET", f"/v1/items/{item['Id']}")
    item_id = api.data.uuid(kind="item", key=item["Id"])
    graph = api.graphql(
        "query($id: ID) { GetItemById(id: $id) { categories { categories { categoryId } } } }",
        id=item_id,
    )

    assert (status, added) == (201, 201)
    assert item["Categories"] == []
    assert read["Categories"] == [{"CategoryId": category["Id"], "Name": "Zubehör"}]
    expected = [{"categoryId": api.data.uuid(kind="category", key=category["Id"])}]
    assert graph["GetItemById"]["categories"]["categories"] == expected


def test_graphql_change_item_replaces_its_categories():
    api = Api()
    item_id = _item_v2(api)
    target = max(api.data.categories)
    company = api.data.uuid(kind="company", key=min(api.data.companies))

    api.graphql(
        "mutation($r: ChangeItemCommandRequestInput) { ChangeItem(request: $r) }",
        r={
            "itemId": item_id,
            "companyId": company,
            "categories": {
                "categories": [{"categoryId": api.data.uuid(kind="category", key=target)}]
            },
        },
    )
    _, read = api.send("GET", f"/v1/items/{api.data.uuid_key(kind='item', value=item_id)}")

    assert [c["CategoryId"] for c in read["Categories"]] == [target]


def test_domain_commands_create_and_price_without_storing_the_calculation():
    api = Api()
    data = api.data
    group = data.uuid(kind="customergroup", key=min(data.customer_groups))
    company = data.uuid(kind="company", key=min(data.companies))
    address = {"Street": "Ring 2", "City": "Gotha", "CountryIso": "DE", "LastName": "Lang"}
    item_id = _item_v2(api)
    orders_before = len(data.orders)

    status, customer = api.send(
        "POST",
        "/v2/customer/create",
        {"CompanyId": company, "CustomerGroupId": group, "BillingAddress": address},
    )
    line = {"ItemId": item_id, "Quantity": 3, "VatRate": 19}
    calc_status, calc = api.send(
        "POST", "/v2/salesorder/calculatesalesorder", _calculation(customer["CustomerId"], line)
    )
    calculated_orders = len(data.orders)
    unknown = {
        "CompanyId": company,
        "CustomerGroupId": str(uuid.uuid4()),
        "BillingAddress": address,
    }
    bad_status, bad = api.send("POST", "/v2/customer/create", unknown)

    assert status == 201
    assert (data.uuid_key(kind="customer", value=customer["CustomerId"]) or 0) in data.customers
    assert calc_status == 200
    assert calc["CalculateSalesOrderResponse"]["TotalNetAmount"] == 13.5
    assert calc["CalculateSalesOrderResponse"]["LineItems"][0]["SalesPriceNet"] == 4.5
    assert calculated_orders == orders_before
    assert bad_status == 400
    assert "CustomerGroupId" in bad["ValidationErrors"]


def _calculation(customer_id: str, line: dict[str, object]) -> dict[str, object]:
    return {
        "LineItems": [line],
        "CustomerId": customer_id,
        "DepartureCountryIso": "DE",
        "CustomerVatId": "",
        "BillingCountryIso": "DE",
        "BillingState": "",
        "ShippingCountryIso": "DE",
        "ShippingState": "",
        "RecalculateTaxMode": 0,
    }


def test_domain_sales_order_and_item_creates_read_back_in_1_0():
    api = Api()
    data = api.data
    customer_id = data.uuid(kind="customer", key=next(iter(data.customers)))
    category_id = data.uuid(kind="category", key=min(data.categories))
    item_body = {
        "Categories": {"Categories": [{"CategoryId": category_id}]},
        "Identifiers": {"Sku": "DOM-1"},
        "Descriptions": {
            "DefaultDescriptions": [
                {"LanguageIso": "DE", "DescriptionData": {"ItemName": "Domänentee"}}
            ]
        },
        "Prices": {"SalesPriceNet": 2.0},
    }

    item_status, item = api.send("POST", "/v2/itemdetails/create", item_body)
    order_status, order = api.send(
        "POST",
        "/v2/salesorder/create",
        _domain_order(customer_id, item["ItemId"], data.uuid(kind="company", key=1)),
    )
    item_key = data.uuid_key(kind="item", value=item["ItemId"])
    order_key = data.uuid_key(kind="salesorder", value=order["SalesOrderId"])
    _, read_item = api.send("GET", f"/v1/items/{item_key}")
    _, lines = api.send("GET", f"/v1/salesOrders/{order_key}/lineitems")

    assert (item_status, order_status) == (200, 201)
    assert (read_item["SKU"], read_item["Name"]) == ("DOM-1", "Domänentee")
    assert [c["CategoryId"] for c in read_item["Categories"]] == [min(data.categories)]
    assert [(li["ItemId"], li["Quantity"], li["Type"]) for li in lines] == [(item_key, 4.0, 1)]


def _domain_order(customer_id: str, item_id: str, company_id: str) -> dict[str, object]:
    address = {"Street": "Ring 2", "City": "Gotha", "CountryIso": "DE"}
    return {
        "CustomerId": customer_id,
        "CompanyId": company_id,
        "LanguageIso": "DE",
        "VatId": "",
        "BillingAddress": address,
        "ShipmentAddress": address,
        "DepartureCountry": {"CountryIso": "DE", "Currency": {"CurrencyIso": "EUR"}},
        "PaymentDetails": {"Currency": {"CurrencyIso": "EUR"}},
        "LineItems": [{"ItemId": item_id, "Quantity": 4, "Type": 1}],
    }


def test_a_refused_2_0_order_patch_changes_no_line():
    api = Api()
    order = next(o for o in api.data.orders.values() if o.line_items and not o.is_cancelled)
    line = order.line_items[0]
    before = line.quantity
    order_id = api.data.uuid(kind="salesorder", key=order.key)
    line_id = api.data.uuid(kind="lineitem", key=line.key)

    status, _ = api.send(
        "PATCH",
        f"/v2/salesOrders/{order_id}",
        {"LineItems": [{"Id": line_id, "Quantity": before + 4}, {"Id": line_id, "Quantity": 0}]},
    )

    assert status == 400
    assert order.line_items[0].quantity == before


def test_an_unknown_company_is_refused_under_the_1_0_field_name():
    api = Api()

    status, answer = api.send(
        "POST",
        "/v1/customers",
        {
            "CustomerGroupId": min(api.data.customer_groups),
            "BillingAddress": ADDRESS,
            "LanguageIso": "DE",
            "InternalCompanyId": max(api.data.companies) + 1,
        },
    )

    assert (status, list(answer["ValidationErrors"])) == (400, ["InternalCompanyId"])


def test_a_customer_created_in_1_0_reads_back_through_the_2_0_domain_query():
    api = Api()
    customer = _customer_v1(api)
    customer_id = api.data.uuid(kind="customer", key=customer["Id"])

    status, read = api.send("GET", f"/v2/customer/{customer_id}")

    assert status == 200
    assert (read["customerId"], read["customerNumber"]) == (customer_id, customer["Number"])
