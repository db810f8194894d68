"""``ErpClient``: the only way our code and our page proxy reach a merchant's ERP.

Built from a ``Tenant`` row, never from a tenant id a request carried (security.md P9).
``send`` is the low-level call the proxy uses; ``graphql`` and the typed reads parse JTL's
JSON once into ``jtlapp.erp.schemas`` models. Every call goes through ``ErpTransport``:
per-tenant limiter and circuit breaker, deadline, retries for idempotent methods only, one
re-send after a stale service token (``client_core``, ``resilience``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import quote, urlencode

from pydantic import BaseModel, TypeAdapter, ValidationError

from jtlapp.erp import pagination
from jtlapp.erp.client_core import ErpResponse, ErpTransport
from jtlapp.erp.exceptions import ErpError, ErpGraphQLError, ErpUnavailableError
from jtlapp.erp.resilience import ErpPolicy, erp_policy_default
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
from jtlapp.tenants.models import OnPremiseConnection, Tenant

__all__ = ["ErpClient", "ErpResponse"]

ModelT = TypeVar("ModelT", bound=BaseModel)
T = TypeVar("T")
_LINE_ITEMS = TypeAdapter(list[SalesOrderLineItem])


def _segment(value: str) -> str:
    """An id as one path segment: JTL ids are UUIDs, but never let one add a segment."""
    return quote(value, safe="")


def _query(**params: object) -> str:
    return urlencode({k: str(v) for k, v in params.items() if v is not None})


def _connection_of(tenant: Tenant) -> OnPremiseConnection | None:
    if tenant.connection != Tenant.Connection.ONPREMISE:
        return None
    connection = OnPremiseConnection.objects.filter(tenant_id=tenant.tenant_id).first()
    if connection is None:
        raise ErpUnavailableError("The tenant has no registered OnPremise JTL-Wawi.")
    return connection


def _parse(model: type[ModelT] | TypeAdapter[T], content: bytes) -> Any:
    """Validate JTL's JSON at the edge; a shape we cannot read is JTL's fault, not ours."""
    try:
        if isinstance(model, TypeAdapter):
            return model.validate_json(content)
        return model.model_validate_json(content)
    except ValidationError as exc:
        raise ErpError(f"JTL answered an unexpected shape ({exc.error_count()} errors).") from None


class ErpClient:
    def __init__(self, *, tenant: Tenant, policy: ErpPolicy | None = None) -> None:
        self.tenant = tenant
        self._transport = ErpTransport(
            tenant=tenant,
            connection=_connection_of(tenant),
            policy=policy or erp_policy_default(),
        )

    def send(
        self,
        *,
        method: str,
        path: str,
        query: str = "",
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> ErpResponse:
        """One call to ``path`` relative to the ERP root (``v2/items/1``); non-2xx raise."""
        return self._transport.send(
            method=method, path=path, query=query, body=body, headers=headers
        )

    def _get(self, model: type[ModelT], path: str, query: str = "") -> ModelT:
        result: ModelT = _parse(model, self.send(method="GET", path=path, query=query).content)
        return result

    def graphql(
        self,
        *,
        query: str,
        variables: Mapping[str, object] | None = None,
        operation_name: str | None = None,
    ) -> dict[str, Any]:
        """``data`` of a GraphQL answer; HTTP 200 with ``errors[]`` raises (erp-api.md §7).

        A POST, so never retried: the caller (a Celery task) decides.
        """
        payload: dict[str, Any] = {"query": query}
        if variables is not None:
            payload["variables"] = dict(variables)
        if operation_name is not None:
            payload["operationName"] = operation_name
        response = self.send(method="POST", path="v2/graphql", body=json.dumps(payload).encode())
        try:
            answer = json.loads(response.content)
        except ValueError:
            raise ErpError("GraphQL answered without JSON.") from None
        errors = answer.get("errors") if isinstance(answer, dict) else None
        if errors:
            first = errors[0].get("message") if isinstance(errors[0], dict) else None
            raise ErpGraphQLError(
                f"GraphQL failed: {first or 'see errors'}",
                errors=[e for e in errors if isinstance(e, dict)],
                upstream_status=response.status,
                error_code=_graphql_code(errors[0]),
                error_message=first if isinstance(first, str) else None,
            )
        data = answer.get("data") if isinstance(answer, dict) else None
        if not isinstance(data, dict):
            raise ErpError("GraphQL answered without data.")
        return data

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
        result: list[SalesOrderLineItem] = _parse(
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
        result: list[SalesOrderLineItem] = _parse(
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


def _graphql_code(error: object) -> str | None:
    extensions = error.get("extensions") if isinstance(error, dict) else None
    code = extensions.get("code") if isinstance(extensions, dict) else None
    return code if isinstance(code, str) else None
