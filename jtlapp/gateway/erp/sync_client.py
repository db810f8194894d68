"""``ErpClient``: the sync facade of ``AsyncErpClient`` with the typed reads our code uses.

For Celery tasks, commands and webhook handlers: every call runs on the gateway loop
(``jtlapp.gateway.sync``), so it shares the transport, limits and connection pools of the
async client. Iterators page through lists with sync calls.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import quote, urlencode

from pydantic import BaseModel, TypeAdapter

from jtlapp.erp.generated.calls_v1 import ErpCallsV1
from jtlapp.erp.generated.calls_v2 import ErpCallsV2
from jtlapp.erp.operations import ErpApi
from jtlapp.erp.schemas import (
    Customer,
    CustomerListItem,
    Item,
    ItemListItem,
    Page,
    SalesOrder,
    SalesOrderLineItem,
    SalesOrderLineItemInput,
    SalesOrderListItem,
    Stock,
    Warehouse,
    erp_body,
)
from jtlapp.gateway.erp import pagination
from jtlapp.gateway.erp.client import AsyncErpClient, erp_parse
from jtlapp.gateway.erp.errors import ErpUnavailableError
from jtlapp.gateway.erp.policy import ErpPolicy
from jtlapp.gateway.erp.tenant_ref import TenantRef, tenant_ref_of
from jtlapp.gateway.erp.transport import ErpResponse
from jtlapp.gateway.sync import gateway_run
from jtlapp.tenants.models import Tenant

ModelT = TypeVar("ModelT", bound=BaseModel)
T = TypeVar("T")
_LINE_ITEMS = TypeAdapter(list[SalesOrderLineItem])


def _segment(value: str) -> str:
    """An id as one path segment: JTL ids are UUIDs, but never let one add a segment."""
    return quote(value, safe="")


def _query(**params: object) -> str:
    return urlencode({k: str(v) for k, v in params.items() if v is not None})


class ErpClient:
    def __init__(self, *, tenant: Tenant | TenantRef, policy: ErpPolicy | None = None) -> None:
        ref = tenant if isinstance(tenant, TenantRef) else tenant_ref_of(tenant)
        if ref.connection == Tenant.Connection.ONPREMISE and ref.onpremise is None:
            raise ErpUnavailableError("The tenant has no registered OnPremise JTL-Wawi.")
        self.tenant = ref
        self.client = AsyncErpClient(tenant=ref, policy=policy)

    def send(
        self,
        *,
        method: str,
        path: str,
        query: str = "",
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> ErpResponse:
        return gateway_run(
            self.client.send(method=method, path=path, query=query, body=body, headers=headers)
        )

    def graphql(
        self,
        *,
        query: str,
        variables: Mapping[str, object] | None = None,
        operation_name: str | None = None,
    ) -> dict[str, Any]:
        return gateway_run(
            self.client.graphql(query=query, variables=variables, operation_name=operation_name)
        )

    def call(
        self,
        *,
        operation_id: str,
        api: ErpApi = "v2",
        path_params: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        body: BaseModel | Mapping[str, Any] | list[Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        """``AsyncErpClient.call``: any documented operation by its ``operationId``."""
        return gateway_run(
            self.client.call(
                operation_id=operation_id,
                api=api,
                path_params=path_params,
                query=query,
                body=body,
                headers=headers,
            )
        )

    @property
    def v2(self) -> ErpCallsV2:
        """Every Cloud 2.0 operation as a typed method named after its operationId.

        ``client.v2.sales_order_query_sales_order_line_items_async(sales_order_id=...)``: the
        same call as ``call``, with a signature mypy and an editor can check.
        """
        return ErpCallsV2(call=self.call)

    @property
    def v1(self) -> ErpCallsV1:
        """Every Cloud 1.0 operation as a typed method (``client.v1.customer_query_...``)."""
        return ErpCallsV1(call=self.call)

    def _get(self, model: type[ModelT], path: str, query: str = "") -> ModelT:
        return gateway_run(self.client.get_model(model, path, query))

    def iterate_graphql(
        self,
        *,
        query: str,
        connection: str,
        node_model: type[ModelT],
        variables: Mapping[str, object] | None = None,
        page_size: int = 200,
    ) -> Iterator[ModelT]:
        return pagination.iterate_graphql(
            run=self.graphql,
            query=query,
            connection=connection,
            node_model=node_model,
            variables=variables,
            page_size=page_size,
        )

    @staticmethod
    def iterate_pages(*, fetch: Callable[..., Page[T]]) -> Iterator[T]:
        """Every item of a paged list: ``fetch=partial(client.customers_page, page_size=50)``."""
        return pagination.iterate_pages(fetch=fetch)

    # -- customers ---------------------------------------------------------------------------

    def customers_page(
        self, *, page_number: int = 1, page_size: int = 100, search: str | None = None
    ) -> Page[CustomerListItem]:
        query = _query(pageNumber=page_number, pageSize=page_size, searchKeyWord=search)
        return self._get(Page[CustomerListItem], "v2/customers", query)

    def customer_get(self, *, customer_id: str) -> Customer:
        return self._get(Customer, f"v2/customers/{_segment(customer_id)}")

    # -- sales orders ------------------------------------------------------------------------

    def sales_orders_page(
        self,
        *,
        page_number: int = 1,
        page_size: int = 100,
        customer_id: str | None = None,
        date_from: datetime | None = None,
        date_to: datetime | None = None,
    ) -> Page[SalesOrderListItem]:
        """Orders, optionally of one customer and within ``(date_from, date_to)`` (exclusive)."""
        query = _query(
            pageNumber=page_number,
            pageSize=page_size,
            customerId=customer_id,
            salesOrderDateAfter=date_from.isoformat() if date_from else None,
            salesOrderDateBefore=date_to.isoformat() if date_to else None,
        )
        return self._get(Page[SalesOrderListItem], "v2/sales-orders", query)

    def sales_order_get(self, *, sales_order_id: str) -> SalesOrder:
        return self._get(SalesOrder, f"v2/sales-orders/{_segment(sales_order_id)}")

    def sales_order_line_items(self, *, sales_order_id: str) -> list[SalesOrderLineItem]:
        path = f"v2/sales-orders/{_segment(sales_order_id)}/line-items"
        result: list[SalesOrderLineItem] = erp_parse(
            _LINE_ITEMS, self.send(method="GET", path=path).content
        )
        return result

    def sales_order_line_items_create(
        self, *, sales_order_id: str, line_items: list[SalesOrderLineItemInput]
    ) -> list[SalesOrderLineItem]:
        """POST: never retried, so a timeout leaves it open whether the lines exist."""
        path = f"v2/sales-orders/{_segment(sales_order_id)}/line-items"
        body = json.dumps(
            [line.model_dump(by_alias=True, exclude_none=True, mode="json") for line in line_items]
        ).encode()
        result: list[SalesOrderLineItem] = erp_parse(
            _LINE_ITEMS, self.send(method="POST", path=path, body=body).content
        )
        return result

    def sales_order_line_items_update(
        self, *, sales_order_id: str, line_item_id: str, changes: SalesOrderLineItemInput
    ) -> None:
        path = f"v2/sales-orders/{_segment(sales_order_id)}/line-items/{_segment(line_item_id)}"
        self.send(method="PATCH", path=path, body=erp_body(changes))

    def sales_order_line_items_delete(self, *, sales_order_id: str, line_item_id: str) -> None:
        path = f"v2/sales-orders/{_segment(sales_order_id)}/line-items/{_segment(line_item_id)}"
        self.send(method="DELETE", path=path)

    # -- catalogue and stock -----------------------------------------------------------------

    def items_page(
        self, *, page_number: int = 1, page_size: int = 100, search: str | None = None
    ) -> Page[ItemListItem]:
        query = _query(pageNumber=page_number, pageSize=page_size, searchKeyWord=search)
        return self._get(Page[ItemListItem], "v2/items", query)

    def item_get(self, *, item_id: str) -> Item:
        return self._get(Item, f"v2/items/{_segment(item_id)}")

    def stocks_page(
        self,
        *,
        page_number: int = 1,
        page_size: int = 100,
        item_id: str | None = None,
        warehouse_id: str | None = None,
    ) -> Page[Stock]:
        query = _query(
            pageNumber=page_number, pageSize=page_size, itemId=item_id, warehouseId=warehouse_id
        )
        return self._get(Page[Stock], "v2/stocks", query)

    def warehouses_page(self, *, page_number: int = 1, page_size: int = 100) -> Page[Warehouse]:
        query = _query(pageNumber=page_number, pageSize=page_size)
        return self._get(Page[Warehouse], "v2/warehouses", query)
