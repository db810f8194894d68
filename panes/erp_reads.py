"""The ERP reads behind the pages: one GraphQL document per view, valid against JTL's SDL.

Each document fetches everything one view shows in one round trip (erp-api.md §0: GraphQL
filters and sorts on the server). JTL's GraphQL has no sales-order line items, so the order
pane reads its lines over REST (``v2/sales-orders/{id}/line-items``, Cloud 2.0's spelling,
as the gateway's own client does) and their items' stock in the same document as the order.
``tests/panes`` validates every document here against JTL's SDL
(``jtlapp/reference/jtl-erp-graphql-2.0.graphql``).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from pydantic import AliasChoices, Field, TypeAdapter

from jtlapp.erp.schemas import CustomerListItem, JtlModel
from jtlapp.erp.usage import erp_uses
from jtlapp.gateway.erp import ErpClient
from jtlapp.gateway.erp.errors import ErpError

PAGE_SIZE = 200
LINE_TYPE_ITEM = 1
"""``SalesOrderLineItemLineItemType`` 1 = Item; shipping, coupons, fees are other types."""


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


class RestLine(JtlModel):
    """A Cloud 2.0 sales-order line (``type`` or ``lineItemType``: 1 = item)."""

    id: str | None = None
    item_id: str | None = None
    sku: str | None = Field(default=None, validation_alias=AliasChoices("sKU", "sku", "SKU"))
    name: str | None = None
    line_item_type: int | None = Field(
        default=None, validation_alias=AliasChoices("lineItemType", "type")
    )
    quantity: float = 0.0
    sales_price_net: float | None = None
    purchase_price_net: float | None = None
    discount: float | None = None

    @property
    def total_net(self) -> float:
        price = (self.sales_price_net or 0.0) * self.quantity
        return round(price * (1 - (self.discount or 0.0) / 100), 2)

    @property
    def is_item(self) -> bool:
        return self.line_item_type == LINE_TYPE_ITEM


class ItemNode(JtlModel):
    id: str
    sku: str | None = None
    name: str | None = None
    stock_total: float = 0.0
    stock_available: float = 0.0
    minimum_stock: float = 0.0
    is_active: bool = True


_LINES = TypeAdapter(list[RestLine])
PAGE_INFO = "pageInfo { hasNextPage endCursor }"
ORDER_FIELDS = (
    "id salesOrderNumber salesOrderDate customerId customerNumber currencyIso totalGrossAmount "
    "totalNetAmount alreadyPaidAmount stillToPay paymentStatus deliveryStatus isCancelled "
    "isPending billingAddressFirstName billingAddressLastName billingAddressCompany"
)
ITEM_FIELDS = "id sku name stockTotal stockAvailable minimumStock isActive"
CUSTOMER_FIELDS = (
    "id customerNumber firstName lastName companyName emailAddress city countryIso "
    "customerGroupName createdDate isLocked"
)
CUSTOMER_PANE = (
    "query CustomerPane($id: ID, $first: Int) {"
    f" QueryCustomers(first: 1, where: {{id: {{eq: $id}}}}) {{ nodes {{ {CUSTOMER_FIELDS} }} }}"
    " QuerySalesOrders(first: $first, where: {customerId: {eq: $id}},"
    f" order: [{{salesOrderDate: DESC}}]) {{ totalCount {PAGE_INFO} nodes {{ {ORDER_FIELDS} }} }}"
    " }"
)
ORDERS_PAGE = (
    "query OrdersPage($first: Int, $after: String, $where: SalesOrderListItemFilterInput) {"
    " QuerySalesOrders(first: $first, after: $after, where: $where,"
    f" order: [{{salesOrderDate: DESC}}]) {{ totalCount {PAGE_INFO} nodes {{ {ORDER_FIELDS} }} }}"
    " }"
)
ORDER_PANE = (
    "query OrderPane($id: ID, $items: [ID]) {"
    f" QuerySalesOrders(first: 1, where: {{id: {{eq: $id}}}}) {{ nodes {{ {ORDER_FIELDS} }} }}"
    f" QueryItems(first: 200, where: {{id: {{in: $items}}}}) {{ nodes {{ {ITEM_FIELDS} }} }}"
    " }"
)
ITEMS_PAGE = (
    "query ItemsPage($first: Int, $after: String, $where: ItemListItemFilterInput) {"
    f" QueryItems(first: $first, after: $after, where: $where) {{ {PAGE_INFO}"
    f" nodes {{ {ITEM_FIELDS} }} }} }}"
)
DOCUMENTS = {"CustomerPane": CUSTOMER_PANE, "OrdersPage": ORDERS_PAGE, "OrderPane": ORDER_PANE,
             "ItemsPage": ITEMS_PAGE}  # fmt: skip


def _nodes(data: dict[str, Any], field: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    block = data.get(field)
    if not isinstance(block, dict):
        raise ErpError(f"GraphQL answered without {field}.")
    nodes = [node for node in block.get("nodes") or [] if isinstance(node, dict)]
    return nodes, block


@erp_uses("GRAPHQL QueryCustomers", "GRAPHQL QuerySalesOrders")
def customer_pane_read(
    *, client: ErpClient, customer_id: str
) -> tuple[CustomerListItem | None, list[OrderNode], bool]:
    """The customer and their newest orders in one round trip (``True``: more pages exist)."""
    data = client.graphql(query=CUSTOMER_PANE, variables={"id": customer_id, "first": PAGE_SIZE})
    customers, _ = _nodes(data, "QueryCustomers")
    orders, block = _nodes(data, "QuerySalesOrders")
    more = bool((block.get("pageInfo") or {}).get("hasNextPage"))
    customer = CustomerListItem.model_validate(customers[0]) if customers else None
    return customer, [OrderNode.model_validate(node) for node in orders], more


@erp_uses("GRAPHQL QuerySalesOrders")
def orders_page(
    *, client: ErpClient, where: dict[str, object], after: str | None = None
) -> tuple[list[OrderNode], str | None]:
    """One page of orders, newest first, and the cursor of the next page (``None``: last)."""
    variables: dict[str, object] = {"first": PAGE_SIZE, "where": where}
    if after:
        variables["after"] = after
    nodes, block = _nodes(
        client.graphql(query=ORDERS_PAGE, variables=variables), "QuerySalesOrders"
    )
    info = block.get("pageInfo") or {}
    cursor = info.get("endCursor") if info.get("hasNextPage") else None
    return [OrderNode.model_validate(node) for node in nodes], cursor


@erp_uses("GRAPHQL QueryItems")
def items_page(
    *, client: ErpClient, where: dict[str, object], after: str | None = None
) -> tuple[list[ItemNode], str | None]:
    variables: dict[str, object] = {"first": PAGE_SIZE, "where": where}
    if after:
        variables["after"] = after
    nodes, block = _nodes(client.graphql(query=ITEMS_PAGE, variables=variables), "QueryItems")
    info = block.get("pageInfo") or {}
    cursor = info.get("endCursor") if info.get("hasNextPage") else None
    return [ItemNode.model_validate(node) for node in nodes], cursor


@erp_uses("GET v2/sales-orders/{id}/line-items")
def order_lines_read(*, client: ErpClient, sales_order_id: str) -> list[RestLine]:
    response = client.send(method="GET", path=f"v2/sales-orders/{sales_order_id}/line-items")
    try:
        return _LINES.validate_python(json.loads(response.content))
    except ValueError:
        raise ErpError("The ERP answered line items that are not a list.") from None


@erp_uses("GRAPHQL QuerySalesOrders", "GRAPHQL QueryItems")
def order_pane_read(
    *, client: ErpClient, sales_order_id: str, item_ids: list[str]
) -> tuple[OrderNode | None, dict[str, ItemNode]]:
    """The order and the stock of its lines' items, in one document."""
    data = client.graphql(
        query=ORDER_PANE, variables={"id": sales_order_id, "items": sorted(set(item_ids))}
    )
    orders, _ = _nodes(data, "QuerySalesOrders")
    items, _ = _nodes(data, "QueryItems")
    order = OrderNode.model_validate(orders[0]) if orders else None
    return order, {node["id"].lower(): ItemNode.model_validate(node) for node in items}
