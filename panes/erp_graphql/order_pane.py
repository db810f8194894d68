from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import ItemNode, OrderNode


class OrderPane(BaseModel):
    query_sales_orders: Optional["OrderPaneQuerySalesOrders"] = Field(alias="QuerySalesOrders")
    query_items: Optional["OrderPaneQueryItems"] = Field(alias="QueryItems")


class OrderPaneQuerySalesOrders(BaseModel):
    nodes: list[Optional["OrderPaneQuerySalesOrdersNodes"]] | None


class OrderPaneQuerySalesOrdersNodes(OrderNode):
    pass


class OrderPaneQueryItems(BaseModel):
    nodes: list[Optional["OrderPaneQueryItemsNodes"]] | None


class OrderPaneQueryItemsNodes(ItemNode):
    pass


OrderPane.model_rebuild()
OrderPaneQuerySalesOrders.model_rebuild()
OrderPaneQueryItems.model_rebuild()
