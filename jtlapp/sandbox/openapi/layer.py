"""The version layer: routes JTL documents for later API versions, without a description here.

Every row names its source (erp-api.md §4.2/§2.3 and the pages it cites). The routes whose
path is not in the 2.0 description are always served (they clash with nothing). Three paths
exist in the 2.0 description with a different, PascalCase body (``V1`` DTOs); there the
described answer is the default and the later-version answer is chosen by the sandbox version
switch (``SandboxConfig.erp_version``) or a request's ``api-version`` header of 2.1 or later.
"""

from __future__ import annotations

from dataclasses import dataclass

from jtlapp.sandbox.openapi.spec import Operation


@dataclass(frozen=True, kw_only=True)
class LayerRoute:
    method: str
    path: str
    since: str
    source: str
    overrides: str | None = None
    """operationId of the 2.0 operation this later-version route replaces, if any."""


DOCS_NEW = "DOCS-V20-NEW / DOCS-REF-22/23 (erp-api.md §4.2)"
ACAD = "ACAD hand-build-app (erp-api.md §2.3)"
INFERRED = "[I] erp-api.md §12.2 (list items = GraphQL types)"
LAYER_ROUTES: tuple[LayerRoute, ...] = (
    LayerRoute(method="GET", path="/v2/sales-orders", since="2.1", source=DOCS_NEW),
    LayerRoute(method="GET", path="/v2/sales-orders/{id}", since="2.1", source=DOCS_NEW),
    LayerRoute(method="PATCH", path="/v2/sales-orders/{id}", since="2.1", source=DOCS_NEW),
    LayerRoute(method="GET", path="/v2/sales-orders/{id}/line-items", since="2.1", source=ACAD),
    LayerRoute(method="POST", path="/v2/sales-orders/{id}/line-items", since="2.1", source=ACAD),
    LayerRoute(
        method="PATCH",
        path="/v2/sales-orders/{id}/line-items/{lineItemId}",
        since="2.1",
        source=ACAD,
    ),
    LayerRoute(
        method="DELETE",
        path="/v2/sales-orders/{id}/line-items/{lineItemId}",
        since="2.1",
        source=ACAD,
    ),
    LayerRoute(method="GET", path="/v2/items", since="2.1", source=DOCS_NEW),
    LayerRoute(
        method="GET",
        path="/v2/items/{id}",
        since="2.1",
        source="KRAUTL (erp-api.md §7)",
        overrides="Itemdetails_GetItemById",
    ),
    LayerRoute(method="GET", path="/v2/customers", since="2.1", source=DOCS_NEW),
    LayerRoute(method="GET", path="/v2/customers/{id}", since="2.1", source=INFERRED),
    LayerRoute(
        method="GET",
        path="/v2/stocks",
        since="2.1",
        source=INFERRED,
        overrides="Stock_QueryStocksPerItemAsync",
    ),
    LayerRoute(
        method="GET",
        path="/v2/warehouses",
        since="2.1",
        source=INFERRED,
        overrides="Warehouse_QueryWarehousesAsync",
    ),
)
_OVERRIDES = {route.overrides for route in LAYER_ROUTES if route.overrides}


def _version_tuple(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return (0,)


def layer_serves(*, operation: Operation, version: str) -> bool:
    """True: the later-version route answers instead of the described operation."""
    return operation.operation_id in _OVERRIDES and _version_tuple(version) >= (2, 1)
