"""The ERP reads behind the pages: one GraphQL document per view, valid against JTL's SDL.

Each document fetches everything one view shows in one round trip (erp-api.md §0: GraphQL
filters and sorts on the server). The documents live in ``panes/graphql/queries.graphql``;
``make generate`` turns them into ``panes/erp_graphql/`` (ariadne-codegen, against
``jtlapp/reference/jtl-erp-graphql-2.0.graphql``): the operation strings sent here and the
typed results parsed here, so every JTL field name read comes from JTL's SDL. JTL's GraphQL
has no sales-order line items, so the order pane reads its lines over REST
(``v2/sales-orders/{id}/line-items``, Cloud 2.0's spelling, as the gateway's own client does)
and their items' stock in the same document as the order.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import AliasChoices, BaseModel, Field, TypeAdapter, ValidationError

from jtlapp.erp.schemas import JtlModel
from jtlapp.erp.usage import erp_uses
from jtlapp.gateway.erp import ErpClient
from jtlapp.gateway.erp.errors import ErpError
from panes.erp_graphql.customer_pane import CustomerPane
from panes.erp_graphql.fragments import CustomerNode, ItemNode, OrderNode
from panes.erp_graphql.items_page import ItemsPage
from panes.erp_graphql.operations import (
    CUSTOMER_PANE_GQL,
    ITEMS_PAGE_GQL,
    ORDER_PANE_GQL,
    ORDERS_PAGE_GQL,
)
from panes.erp_graphql.order_pane import OrderPane
from panes.erp_graphql.orders_page import OrdersPage

__all__ = ["CustomerNode", "ItemNode", "OrderNode", "RestLine"]

PAGE_SIZE = 200
LINE_TYPE_ITEM = 1
"""``SalesOrderLineItemLineItemType`` 1 = Item; shipping, coupons, fees are other types."""
Result = TypeVar("Result", bound=BaseModel)
Block = TypeVar("Block")
Node = TypeVar("Node")


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


_LINES = TypeAdapter(list[RestLine])


def _parsed(*, model: type[Result], data: dict[str, Any]) -> Result:
    """The answer as the type generated from JTL's SDL; any other shape is the ERP's fault.

    The message names the operation only: pydantic's own would quote tenant data.
    """
    try:
        return model.model_validate(data)
    except ValidationError:
        raise ErpError(f"GraphQL answered {model.__name__} outside JTL's SDL.") from None


def _present(block: Block | None, *, field: str) -> Block:
    if block is None:
        raise ErpError(f"GraphQL answered without {field}.")
    return block


def _kept(nodes: Sequence[Node | None] | None) -> list[Node]:
    """A connection's nodes; the SDL allows null entries, which carry nothing to show."""
    return [node for node in nodes or [] if node is not None]


@erp_uses("GRAPHQL QueryCustomers", "GRAPHQL QuerySalesOrders")
def customer_pane_read(
    *, client: ErpClient, customer_id: str
) -> tuple[CustomerNode | None, list[OrderNode], bool]:
    """The customer and their newest orders in one round trip (``True``: more pages exist)."""
    data = client.graphql(
        query=CUSTOMER_PANE_GQL,
        variables={"id": customer_id, "first": PAGE_SIZE},
        operation_name="CustomerPane",
    )
    answer = _parsed(model=CustomerPane, data=data)
    customers: list[CustomerNode] = _kept(
        _present(answer.query_customers, field="QueryCustomers").nodes
    )
    block = _present(answer.query_sales_orders, field="QuerySalesOrders")
    orders: list[OrderNode] = _kept(block.nodes)
    return (customers[0] if customers else None), orders, bool(block.page_info.has_next_page)


def _page_variables(*, where: dict[str, object], after: str | None) -> dict[str, object]:
    variables: dict[str, object] = {"first": PAGE_SIZE, "where": where}
    if after:
        variables["after"] = after
    return variables


@erp_uses("GRAPHQL QuerySalesOrders")
def orders_page(
    *, client: ErpClient, where: dict[str, object], after: str | None = None
) -> tuple[list[OrderNode], str | None]:
    """One page of orders, newest first, and the cursor of the next page (``None``: last)."""
    data = client.graphql(
        query=ORDERS_PAGE_GQL,
        variables=_page_variables(where=where, after=after),
        operation_name="OrdersPage",
    )
    answer = _parsed(model=OrdersPage, data=data)
    block = _present(answer.query_sales_orders, field="QuerySalesOrders")
    cursor = block.page_info.end_cursor if block.page_info.has_next_page else None
    orders: list[OrderNode] = _kept(block.nodes)
    return orders, cursor


@erp_uses("GRAPHQL QueryItems")
def items_page(
    *, client: ErpClient, where: dict[str, object], after: str | None = None
) -> tuple[list[ItemNode], str | None]:
    """One page of items and the next cursor; an item without id is left out.

    The SDL lets ``ItemListItem.id`` be null, and such an item can be neither stored nor
    matched to an order line.
    """
    data = client.graphql(
        query=ITEMS_PAGE_GQL,
        variables=_page_variables(where=where, after=after),
        operation_name="ItemsPage",
    )
    block = _present(_parsed(model=ItemsPage, data=data).query_items, field="QueryItems")
    cursor = block.page_info.end_cursor if block.page_info.has_next_page else None
    items: list[ItemNode] = [item for item in _kept(block.nodes) if item.id]
    return items, cursor


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
    """The order and the stock of its lines' items (by lower-case id), in one document."""
    data = client.graphql(
        query=ORDER_PANE_GQL,
        variables={"id": sales_order_id, "items": sorted(set(item_ids))},
        operation_name="OrderPane",
    )
    answer = _parsed(model=OrderPane, data=data)
    orders: list[OrderNode] = _kept(
        _present(answer.query_sales_orders, field="QuerySalesOrders").nodes
    )
    items: list[ItemNode] = _kept(_present(answer.query_items, field="QueryItems").nodes)
    return (orders[0] if orders else None), {item.id.lower(): item for item in items if item.id}
