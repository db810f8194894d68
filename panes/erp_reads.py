"""The ERP reads behind the panes, as GraphQL documents parsed into typed nodes.

GraphQL is JTL's recommended surface (erp-api.md §0): it filters and sorts on the server, so a
dashboard needs a handful of calls instead of walking every order. Every root field used here
needs a scope ``manifest.json`` declares (items, customers, sales orders). Line items come
from ``GetSalesOrderById`` in aliased batches of at most 20, the by-id limit JTL enforces.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from pydantic import Field

from jtlapp.erp.schemas import CustomerListItem, JtlModel
from jtlapp.erp.usage import erp_uses
from jtlapp.gateway.erp import ErpClient
from jtlapp.gateway.erp.errors import ErpError

BY_ID_BATCH = 20
PAGE_SIZE = 200


class OrderNode(JtlModel):
    id: str
    sales_order_number: str | None = None
    sales_order_date: datetime | None = None
    customer_id: str | None = None
    customer_number: str | None = None
    currency_iso: str | None = None
    total_gross_amount: float | None = None
    total_net_amount: float | None = None
    already_paid_amount: float = 0.0
    still_to_pay: float | None = None
    payment_status: str | None = None
    delivery_status: str | None = None
    is_cancelled: bool = False
    is_pending: bool = False
    billing_address_first_name: str | None = None
    billing_address_last_name: str | None = None
    billing_address_company: str | None = None


class LineNode(JtlModel):
    id: str | None = None
    item_id: str | None = None
    sku: str | None = None
    name: str | None = None
    line_item_type: str | None = None
    quantity: float = 0.0
    sales_price_net: float | None = None
    purchase_price_net: float | None = None
    discount_percent: float | None = None
    total_sales_price_net: float | None = None


class OrderLines(JtlModel):
    id: str
    line_items: list[LineNode] = Field(default_factory=list)


class ItemNode(JtlModel):
    id: str
    sku: str | None = None
    name: str | None = None
    stock_total: float = 0.0
    stock_available: float = 0.0
    minimum_stock: float = 0.0
    is_active: bool = True


_PAGE = "pageInfo { hasNextPage endCursor }"
_ORDER_FIELDS = (
    "id salesOrderNumber salesOrderDate customerId customerNumber currencyIso totalGrossAmount "
    "totalNetAmount alreadyPaidAmount stillToPay paymentStatus deliveryStatus isCancelled "
    "isPending billingAddressFirstName billingAddressLastName billingAddressCompany"
)
_LINE_FIELDS = (
    "id itemId sku name lineItemType quantity salesPriceNet purchasePriceNet discountPercent "
    "totalSalesPriceNet"
)
_ITEM_FIELDS = "id sku name stockTotal stockAvailable minimumStock isActive"
_CUSTOMER_FIELDS = (
    "id customerNumber firstName lastName companyName emailAddress city countryIso "
    "customerGroupName createdDate isLocked"
)
ORDERS_QUERY = (
    "query($first: Int, $after: String, $where: SalesOrderListItemFilterInput) {"
    " QuerySalesOrders(first: $first, after: $after, where: $where,"
    " order: [{salesOrderDate: DESC}]) {"
    f" totalCount {_PAGE} nodes {{ {_ORDER_FIELDS} }} }} }}"
)
ITEMS_QUERY = (
    "query($first: Int, $after: String, $where: ItemListItemFilterInput) {"
    " QueryItems(first: $first, after: $after, where: $where) {"
    f" {_PAGE} nodes {{ {_ITEM_FIELDS} }} }} }}"
)
CUSTOMER_QUERY = (
    "query($id: ID) { QueryCustomers(first: 1, where: {id: {eq: $id}}) {"
    f" nodes {{ {_CUSTOMER_FIELDS} }} }} }}"
)


@erp_uses("GRAPHQL QuerySalesOrders")
def orders_iterate(
    *, client: ErpClient, where: Mapping[str, object], limit: int | None = None
) -> Iterator[OrderNode]:
    """Orders matching ``where``, newest first; stops after ``limit`` when given."""
    page_size = min(limit, PAGE_SIZE) if limit else PAGE_SIZE
    nodes = client.iterate_graphql(
        query=ORDERS_QUERY,
        connection="QuerySalesOrders",
        node_model=OrderNode,
        variables={"where": dict(where)},
        page_size=page_size,
    )
    for count, node in enumerate(nodes, start=1):
        yield node
        if limit is not None and count >= limit:
            return


@erp_uses("GRAPHQL QuerySalesOrders")
def orders_count(*, client: ErpClient, where: Mapping[str, object]) -> int:
    data = client.graphql(query=ORDERS_QUERY, variables={"first": 1, "where": dict(where)})
    block = data.get("QuerySalesOrders")
    count = block.get("totalCount") if isinstance(block, dict) else None
    if not isinstance(count, int):
        raise ErpError("GraphQL answered without totalCount.")
    return count


@erp_uses("GRAPHQL QueryItems")
def items_iterate(*, client: ErpClient, where: Mapping[str, object]) -> Iterator[ItemNode]:
    return client.iterate_graphql(
        query=ITEMS_QUERY,
        connection="QueryItems",
        node_model=ItemNode,
        variables={"where": dict(where)},
        page_size=PAGE_SIZE,
    )


@erp_uses("GRAPHQL QueryItems")
def items_by_id(*, client: ErpClient, item_ids: list[str]) -> dict[str, ItemNode]:
    if not item_ids:
        return {}
    nodes = items_iterate(client=client, where={"id": {"in": sorted(set(item_ids))}})
    return {node.id.lower(): node for node in nodes}


@erp_uses("GRAPHQL QueryCustomers")
def customer_find(*, client: ErpClient, customer_id: str) -> CustomerListItem | None:
    data = client.graphql(query=CUSTOMER_QUERY, variables={"id": customer_id})
    block = data.get("QueryCustomers")
    nodes = block.get("nodes") if isinstance(block, dict) else None
    if not nodes or not isinstance(nodes[0], dict):
        return None
    return CustomerListItem.model_validate(nodes[0])


@erp_uses("GRAPHQL GetSalesOrderById")
def order_find(*, client: ErpClient, sales_order_id: str) -> OrderNode | None:
    return next(orders_iterate(client=client, where={"id": {"eq": sales_order_id}}, limit=1), None)


@erp_uses("GRAPHQL GetSalesOrderById")
def order_lines(*, client: ErpClient, sales_order_ids: list[str]) -> dict[str, list[LineNode]]:
    """Line items per order id, fetched with aliased ``GetSalesOrderById`` fields."""
    lines: dict[str, list[LineNode]] = {}
    for start in range(0, len(sales_order_ids), BY_ID_BATCH):
        batch = sales_order_ids[start : start + BY_ID_BATCH]
        data = client.graphql(
            query=_lines_query(count=len(batch)),
            variables={f"id{index}": order_id for index, order_id in enumerate(batch)},
        )
        for index, order_id in enumerate(batch):
            parsed = _order_lines_parse(data.get(f"o{index}"))
            lines[order_id] = parsed.line_items if parsed else []
    return lines


def _lines_query(*, count: int) -> str:
    params = ", ".join(f"$id{index}: ID!" for index in range(count))
    selection = f"{{ id lineItems {{ {_LINE_FIELDS} }} }}"
    fields = " ".join(
        f"o{index}: GetSalesOrderById(salesOrderId: $id{index}) {selection}"
        for index in range(count)
    )
    return f"query({params}) {{ {fields} }}"


def _order_lines_parse(raw: Any) -> OrderLines | None:
    return OrderLines.model_validate(raw) if isinstance(raw, dict) else None
