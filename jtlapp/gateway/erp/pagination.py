"""Walking JTL's paged lists to the end without trusting the envelope blindly.

REST: loop on ``hasNextPage`` (``nextPageNumber`` is null, or in v1 equal to the last page,
at the end; erp-api.md §5) and stop on an empty page even if the flag says more, so a
confused upstream cannot loop us forever. GraphQL: relay cursors, ``pageInfo.hasNextPage``
truthy including ``1`` (erp-api.md §10.9), stopping when the cursor does not move.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel

from jtlapp.erp.schemas import GraphQLPageInfo, Page
from jtlapp.gateway.erp.errors import ErpError

T = TypeVar("T")
ModelT = TypeVar("ModelT", bound=BaseModel)

MAX_PAGES = 10_000
"""A backstop: 10 000 pages of 100 are far beyond any tenant we serve."""


def iterate_pages(*, fetch: Callable[..., Page[T]], max_pages: int = MAX_PAGES) -> Iterator[T]:
    """Every item of a paged list; ``fetch(page_number=n)`` returns page ``n`` (1-based)."""
    for number in range(1, max_pages + 1):
        page = fetch(page_number=number)
        yield from page.items
        if not page.has_next_page or not page.items:
            return
    raise ErpError(f"More than {max_pages} pages; stopped to avoid an endless loop.")


GraphQLRunner = Callable[..., dict[str, Any]]


def iterate_graphql(
    *,
    run: GraphQLRunner,
    query: str,
    connection: str,
    node_model: type[ModelT],
    variables: Mapping[str, object] | None = None,
    page_size: int = 200,
    max_pages: int = MAX_PAGES,
) -> Iterator[ModelT]:
    """Every node of the root connection ``connection`` (e.g. ``QueryCustomers``).

    ``query`` must take ``$first: Int`` and ``$after: String`` and select
    ``pageInfo { hasNextPage endCursor }`` and ``nodes { ... }`` of that connection.
    """
    cursor: str | None = None
    for _ in range(max_pages):
        data = run(
            query=query, variables={**(variables or {}), "first": page_size, "after": cursor}
        )
        block = data.get(connection)
        if not isinstance(block, dict):
            raise ErpError(f"GraphQL answer has no {connection} connection.")
        nodes = block.get("nodes") or [
            edge.get("node") for edge in block.get("edges") or [] if isinstance(edge, dict)
        ]
        for node in nodes:
            if node is not None:
                yield node_model.model_validate(node)
        info = GraphQLPageInfo.model_validate(block.get("pageInfo") or {})
        if not info.has_next_page or not nodes or not info.end_cursor or info.end_cursor == cursor:
            return
        cursor = info.end_cursor
    raise ErpError(f"More than {max_pages} GraphQL pages; stopped to avoid an endless loop.")
