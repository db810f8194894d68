from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import OrderNode


class OrdersPage(BaseModel):
    query_sales_orders: Optional["OrdersPageQuerySalesOrders"] = Field(alias="QuerySalesOrders")


class OrdersPageQuerySalesOrders(BaseModel):
    total_count: int = Field(alias="totalCount")
    page_info: "OrdersPageQuerySalesOrdersPageInfo" = Field(alias="pageInfo")
    nodes: list[Optional["OrdersPageQuerySalesOrdersNodes"]] | None


class OrdersPageQuerySalesOrdersPageInfo(BaseModel):
    has_next_page: int = Field(alias="hasNextPage")
    end_cursor: str | None = Field(alias="endCursor")


class OrdersPageQuerySalesOrdersNodes(OrderNode):
    pass


OrdersPage.model_rebuild()
OrdersPageQuerySalesOrders.model_rebuild()
