from datetime import date

import pytest
from graphql import TypeInfo, TypeInfoVisitor, Visitor, get_named_type, parse, validate, visit

from jtlapp.sandbox.config import DEMO_TENANTS
from jtlapp.sandbox.erp.graphql import (
    ErpGraphqlSyntaxError,
    graphql_execute,
    graphql_field_scopes,
    graphql_root_fields,
)
from jtlapp.sandbox.erp.graphql_schema import erp_graphql_schema
from jtlapp.sandbox.erp.records import money
from jtlapp.sandbox.erp.store import erp_store_seed

TENANT = next(iter(DEMO_TENANTS))
TODAY = date(2026, 11, 23)

# Queries real apps send (erp-api.md §7 "Real queries used by apps").
ORDERS_SINCE = """query($from: DateTime!, $after: String) {
  QuerySalesOrders(first: 100, after: $after,
    where: { salesOrderDate: { gte: $from }, isCancelled: { eq: false } }) {
    pageInfo { hasNextPage endCursor } nodes { id } } }"""
ITEMS_BY_IDS = """query($ids: [ID]) { QueryItems(first: 100, where: { id: { in: $ids } }) {
  nodes { id sku name defaultSupplier stockAvailable stockIncoming minimumStock
          minimumOrderQuantity purchaseInterval manualDeliveryTimeDays } } }"""
ORDER_PANE = """query($salesOrderId: ID!) {
  order: GetSalesOrderById(salesOrderId: $salesOrderId) {
    id salesOrderNumber salesOrderDate customerId
    billingAddress { salutation firstName lastName company emailAddress }
    lineItems { id name quantity totalSalesPriceGross lineItemType } paymentDetails { currencyIso }
    keyFigures { totalGrossAmount } }
  listItem: QuerySalesOrders(first: 1, where: { id: { eq: $salesOrderId } }) {
    nodes { companyName customerNumber } } }"""
CUSTOMER_ORDERS = """query($customerId: ID!) { QuerySalesOrders(first: 1,
  where: { customerId: { eq: $customerId }, isCancelled: { eq: false } },
  order: [{ salesOrderDate: ASC }]) { totalCount nodes { id salesOrderNumber salesOrderDate } } }"""
DASHBOARD = """query($first: Int) {
  QuerySalesOrders(first: $first, order: [{ salesOrderDate: DESC }]) {
  totalCount nodes { id salesOrderNumber salesOrderDate currencyIso customerId } } }"""
SKU_LOOKUP = """query($sku: String!) { QueryItems(first: 2, where: { sku: { eq: $sku } }) {
  nodes { id sku } pageInfo { hasNextPage } } }"""
BATCH_DETAILS = """{ o0: GetSalesOrderById(salesOrderId: $id0) {
  salesOrderDate lineItems { itemId quantity lineItemType } } }"""
APP_QUERIES = [ORDERS_SINCE, ITEMS_BY_IDS, ORDER_PANE, CUSTOMER_ORDERS, DASHBOARD, SKU_LOOKUP]

# Names checked against JTL's schema while writing this (BiberPapa/jtl-platform-app-sample
# the official 2.0 SDL plus schema_extension.graphql: GetSalesOrderById and SalesOrder
# from the v2.1+ docs, erp-api.md §7).
OFFICIAL_ROOT_ARGUMENTS = {
    "QueryItems": {"first", "after", "last", "before", "where", "order"},
    "GetItemById": {"id"},
    "QueryCustomers": {"first", "after", "last", "before", "where", "order"},
    "GetCustomerById": {"customerid"},
    "QuerySalesOrders": {"first", "after", "last", "before", "where", "order"},
    "GetSalesOrderById": {"salesOrderId"},
    "QueryWarehouses": {"first", "after", "last", "before", "where", "order"},
    "QueryStockItem": {"first", "after", "last", "before", "where", "order"},
    "QueryCompanies": {"first", "after", "last", "before", "where", "order"},
    "QueryPaymentMethods": {"first", "after", "last", "before", "where", "order"},
    "QueryShippingMethods": {"first", "after", "last", "before", "where", "order"},
}
OFFICIAL_FIELDS = {
    "QuerySalesOrdersConnection": {"pageInfo", "edges", "nodes", "totalCount"},
    "QueryItemsConnection": {"pageInfo", "edges", "nodes", "totalCount"},
    "PageInfo": {"hasNextPage", "hasPreviousPage", "startCursor", "endCursor"},
    "SalesOrderListItem": {
        "id",
        "companyName",
        "customerNumber",
        "salesOrderNumber",
        "salesOrderDate",
        "currencyIso",
        "customerId",
        "isCancelled",
        "totalGrossAmount",
        "paymentStatus",
    },
    "ItemListItem": {
        "id",
        "sku",
        "name",
        "defaultSupplier",
        "stockAvailable",
        "stockIncoming",
        "minimumStock",
        "minimumOrderQuantity",
        "purchaseInterval",
        "manualDeliveryTimeDays",
    },
    "SalesOrder": {
        "id",
        "salesOrderNumber",
        "salesOrderDate",
        "customerId",
        "billingAddress",
        "lineItems",
        "paymentDetails",
        "keyFigures",
    },
    "SalesOrderLineItem": {
        "id",
        "itemId",
        "name",
        "quantity",
        "totalSalesPriceGross",
        "lineItemType",
    },
    "SalesOrderKeyFigures": {"totalGrossAmount"},
    # Documented field names; these two type names are ours (the docs name only the fields).
    "SalesOrderAddress": {"salutation", "firstName", "lastName", "company", "emailAddress"},
    "SalesOrderPaymentDetails": {"currencyIso"},
}


@pytest.fixture
def tenant():
    return erp_store_seed(seed=11, today=TODAY, tenant_ids=[TENANT]).tenant(TENANT)


def run(tenant, query, variables=None, **kwargs):
    return graphql_execute(
        tenant=tenant, query=query, variables=variables, operation_name=None, **kwargs
    )


def _used_fields(query):
    schema = erp_graphql_schema()
    type_info = TypeInfo(schema)
    used = set()

    class Collect(Visitor):
        def enter_field(self, node, *_):
            parent = type_info.get_parent_type()
            if parent is not None and not node.name.value.startswith("__"):
                used.add((get_named_type(parent).name, node.name.value))

    visit(parse(query), TypeInfoVisitor(type_info, Collect()))
    return used


@pytest.mark.parametrize("query", [*APP_QUERIES, BATCH_DETAILS.replace("$id0", '"x"')])
def test_app_queries_validate_and_use_only_official_names(query):
    assert validate(erp_graphql_schema(), parse(query)) == []
    for parent, field in _used_fields(query):
        if parent == "Query":
            assert field in OFFICIAL_ROOT_ARGUMENTS
        else:
            assert field in OFFICIAL_FIELDS[parent], f"{parent}.{field}"


def test_root_field_arguments_match_the_official_schema():
    query_type = erp_graphql_schema().query_type

    for name, arguments in OFFICIAL_ROOT_ARGUMENTS.items():
        ours = set(query_type.fields[name].args) - {"searchTerm"}
        assert ours == arguments, name
    mutation_type = erp_graphql_schema().mutation_type
    assert mutation_type is not None
    assert set(query_type.fields) | set(mutation_type.fields) == set(graphql_field_scopes())


def test_orders_since_a_date_with_cursor_loop(tenant):
    # given
    since = "2026-08-01T00:00:00Z"
    expected = sorted(
        o.key
        for o in tenant.orders.values()
        if not o.is_cancelled and o.date.isoformat() >= "2026-08-01"
    )
    # when
    seen, after = [], None
    while True:
        body = run(
            tenant, ORDERS_SINCE.replace("first: 100", "first: 40"), {"from": since, "after": after}
        )
        page = body["data"]["QuerySalesOrders"]
        seen += [node["id"] for node in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    # then
    assert seen == [tenant.uuid(kind="salesorder", key=key) for key in expected]


def test_items_by_id_list_returns_stock_figures(tenant):
    ids = [tenant.uuid(kind="item", key=key) for key in (1, 2, 3)]

    nodes = run(tenant, ITEMS_BY_IDS, {"ids": ids})["data"]["QueryItems"]["nodes"]

    assert [n["sku"] for n in nodes] == [tenant.items[k].sku for k in (1, 2, 3)]
    assert nodes[0]["minimumStock"] == tenant.items[1].minimum_stock
    assert nodes[0]["defaultSupplier"] == tenant.items[1].default_supplier


def test_order_pane_query_returns_seeded_order(tenant):
    # given
    order = tenant.orders[10]
    order_id = tenant.uuid(kind="salesorder", key=10)
    # when
    body = run(tenant, ORDER_PANE, {"salesOrderId": order_id})
    # then
    assert "errors" not in body
    pane = body["data"]["order"]
    assert pane["salesOrderNumber"] == order.number
    assert pane["billingAddress"]["lastName"] == order.billing.last_name
    assert [li["lineItemType"] for li in pane["lineItems"]] == [
        "ITEM" if li.type == 1 else "SHIPPING" for li in order.line_items
    ]
    assert pane["keyFigures"]["totalGrossAmount"] == order.total_gross
    assert money(sum(li["totalSalesPriceGross"] for li in pane["lineItems"])) == order.total_gross
    assert body["data"]["listItem"]["nodes"] == [
        {
            "companyName": "Mustermann Handels GmbH",
            "customerNumber": tenant.customers[order.customer_key].number,
        }
    ]


def test_customer_orders_oldest_first_with_count(tenant):
    customer_orders = sorted(
        (o for o in tenant.orders.values() if o.customer_key == 3 and not o.is_cancelled),
        key=lambda o: o.date,
    )

    body = run(tenant, CUSTOMER_ORDERS, {"customerId": tenant.uuid(kind="customer", key=3)})

    result = body["data"]["QuerySalesOrders"]
    assert result["totalCount"] == len(customer_orders)
    assert [n["salesOrderNumber"] for n in result["nodes"]] == [
        o.number for o in customer_orders[:1]
    ]


def test_dashboard_newest_orders_and_nested_key_sort(tenant):
    newest = run(tenant, DASHBOARD, {"first": 3})["data"]["QuerySalesOrders"]
    by_key = run(
        tenant, "{ QuerySalesOrders(first: 3, order: [{id: {kAuftrag: DESC}}]) { nodes { id } } }"
    )

    assert newest["totalCount"] == len(tenant.orders)
    assert [n["salesOrderNumber"] for n in newest["nodes"]] == [
        o.number for o in sorted(tenant.orders.values(), key=lambda o: o.date, reverse=True)[:3]
    ]
    top_keys = sorted(tenant.orders, reverse=True)[:3]
    assert [n["id"] for n in by_key["data"]["QuerySalesOrders"]["nodes"]] == [
        tenant.uuid(kind="salesorder", key=k) for k in top_keys
    ]


def test_sku_lookup_and_low_stock_filter(tenant):
    sku = tenant.items[7].sku
    totals, reserved = tenant.stock_total(), tenant.stock_in_orders()
    low = {
        i.sku
        for i in tenant.items.values()
        if max(totals.get(i.key, 0) - reserved.get(i.key, 0), 0) < i.minimum_stock
    }

    found = run(tenant, SKU_LOOKUP, {"sku": sku})["data"]["QueryItems"]
    body = run(tenant, "{ QueryItems(first: 1000) { nodes { sku stockAvailable minimumStock } } }")

    assert found == {
        "nodes": [{"id": tenant.uuid(kind="item", key=7), "sku": sku}],
        "pageInfo": {"hasNextPage": False},
    }
    nodes = body["data"]["QueryItems"]["nodes"]
    assert {n["sku"] for n in nodes if n["stockAvailable"] < n["minimumStock"]} == low
    assert low


def test_default_page_is_200_and_first_is_bounded(tenant):
    default = run(
        tenant, "{ QuerySalesOrders { totalCount nodes { id } pageInfo { hasNextPage } } }"
    )
    too_many = run(tenant, "{ QuerySalesOrders(first: 1001) { totalCount } }")

    assert len(default["data"]["QuerySalesOrders"]["nodes"]) == 200
    assert default["data"]["QuerySalesOrders"]["pageInfo"]["hasNextPage"] == 1  # Int in 2.0 SDL
    assert too_many["errors"][0]["extensions"]["code"] == "PAGINATION_MAX_ITEMS"


def test_errors_are_data_with_code_and_trace_id(tenant):
    syntax = run(tenant, "{ QueryItems(")
    unknown_field = run(tenant, "{ QueryItems { nope } }")
    missing = run(tenant, '{ GetSalesOrderById(salesOrderId: "nope") { id } }')

    assert syntax["errors"][0]["extensions"]["code"] == "SYNTAX_ERROR"
    assert unknown_field["errors"][0]["extensions"]["code"] == "VALIDATION_ERROR"
    assert missing["data"] is None
    assert missing["errors"][0]["path"] == ["GetSalesOrderById"]
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert len(missing["errors"][0]["extensions"]["traceId"]) == 32


def test_more_than_twenty_aliased_by_id_fields_are_rejected(tenant):
    order_id = tenant.uuid(kind="salesorder", key=1)
    fields = " ".join(
        f'o{i}: GetSalesOrderById(salesOrderId: "{order_id}") {{ id }}' for i in range(21)
    )

    rejected = run(tenant, "{ " + fields + " }")
    allowed = run(tenant, "{ " + fields + " }", max_by_id_fields=21)

    assert rejected["errors"][0]["extensions"]["code"] == "MAX_COST_EXCEEDED"
    assert "data" not in rejected
    assert len(allowed["data"]) == 21


def test_root_fields_for_scope_checks():
    query = """query A { a: QueryItems { totalCount } ...F ... on Query { __typename } }
               query B { QueryCustomers { totalCount } }
               fragment F on Query { GetSalesOrderById(salesOrderId: "1") { id } }"""

    assert graphql_root_fields(query=query, operation_name="A") == [
        "QueryItems",
        "GetSalesOrderById",
        "__typename",
    ]
    assert graphql_root_fields(query=query, operation_name="B") == ["QueryCustomers"]
    with pytest.raises(ErpGraphqlSyntaxError):
        graphql_root_fields(query=query, operation_name=None)
    with pytest.raises(ErpGraphqlSyntaxError):
        graphql_root_fields(query="{ QueryItems(", operation_name=None)
