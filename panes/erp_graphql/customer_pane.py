from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import CustomerNode, OrderNode


class CustomerPane(BaseModel):
    query_customers: Optional["CustomerPaneQueryCustomers"] = Field(alias="QueryCustomers")
    query_sales_orders: Optional["CustomerPaneQuerySalesOrders"] = Field(alias="QuerySalesOrders")


class CustomerPaneQueryCustomers(BaseModel):
    nodes: list[Optional["CustomerPaneQueryCustomersNodes"]] | None


class CustomerPaneQueryCustomersNodes(CustomerNode):
    pass


class CustomerPaneQuerySalesOrders(BaseModel):
    total_count: int = Field(alias="totalCount")
    page_info: "CustomerPaneQuerySalesOrdersPageInfo" = Field(alias="pageInfo")
    nodes: list[Optional["CustomerPaneQuerySalesOrdersNodes"]] | None


class CustomerPaneQuerySalesOrdersPageInfo(BaseModel):
    has_next_page: int = Field(alias="hasNextPage")
    end_cursor: str | None = Field(alias="endCursor")


class CustomerPaneQuerySalesOrdersNodes(OrderNode):
    pass


CustomerPane.model_rebuild()
CustomerPaneQueryCustomers.model_rebuild()
CustomerPaneQuerySalesOrders.model_rebuild()
