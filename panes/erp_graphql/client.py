from typing import Any

from .base_client import BaseClient
from .base_model import UNSET, UnsetType
from .customer_pane import CustomerPane
from .input_types import ItemListItemFilterInput, SalesOrderListItemFilterInput
from .items_page import ItemsPage
from .operations import (
    CUSTOMER_PANE_GQL,
    ITEMS_PAGE_GQL,
    ORDER_PANE_GQL,
    ORDERS_PAGE_GQL,
)
from .order_pane import OrderPane
from .orders_page import OrdersPage


def gql(q: str) -> str:
    return q


class Client(BaseClient):
    def customer_pane(
        self,
        id: str | None | UnsetType = UNSET,
        first: int | None | UnsetType = UNSET,
        **kwargs: Any,
    ) -> CustomerPane:
        variables: dict[str, object] = {"id": id, "first": first}
        response = self.execute(
            query=CUSTOMER_PANE_GQL, operation_name="CustomerPane", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CustomerPane.model_validate(data)

    def orders_page(
        self,
        first: int | None | UnsetType = UNSET,
        after: str | None | UnsetType = UNSET,
        where: SalesOrderListItemFilterInput | None | UnsetType = UNSET,
        **kwargs: Any,
    ) -> OrdersPage:
        variables: dict[str, object] = {"first": first, "after": after, "where": where}
        response = self.execute(
            query=ORDERS_PAGE_GQL, operation_name="OrdersPage", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return OrdersPage.model_validate(data)

    def order_pane(
        self,
        id: str | None | UnsetType = UNSET,
        items: list[str | None] | None | UnsetType = UNSET,
        **kwargs: Any,
    ) -> OrderPane:
        variables: dict[str, object] = {"id": id, "items": items}
        response = self.execute(
            query=ORDER_PANE_GQL, operation_name="OrderPane", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return OrderPane.model_validate(data)

    def items_page(
        self,
        first: int | None | UnsetType = UNSET,
        after: str | None | UnsetType = UNSET,
        where: ItemListItemFilterInput | None | UnsetType = UNSET,
        **kwargs: Any,
    ) -> ItemsPage:
        variables: dict[str, object] = {"first": first, "after": after, "where": where}
        response = self.execute(
            query=ITEMS_PAGE_GQL, operation_name="ItemsPage", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ItemsPage.model_validate(data)
