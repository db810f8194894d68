"""Which ERP operations our code calls, declared where it calls them.

``manage.py check`` compares their scopes with ``manifest.json``: a scope the code needs but
the manifest lacks fails at JTL (403), a declared scope nothing needs is more than the app
should ask a merchant for (least privilege). Service functions say what they call:

    @erp_uses("GET v2/customers/{id}", "GRAPHQL QuerySalesOrders")
    def customer_insights(...): ...

A GraphQL root field is named as ``GRAPHQL <field>``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable[..., object])

_USED: dict[tuple[str, str], str] = {}
"""(method, path template) -> the function that declared it."""


def erp_uses(*operations: str) -> Callable[[F], F]:
    """Record ``"METHOD path"`` operations (ids as ``{id}``, GraphQL as ``GRAPHQL <field>``)."""
    parsed = []
    for operation in operations:
        method, _, path = operation.partition(" ")
        if not path or method.upper() != method:
            raise ValueError(f"expected 'METHOD path', got {operation!r}")
        parsed.append((method, path.strip("/")))

    def decorate(function: F) -> F:
        for key in parsed:
            _USED[key] = f"{function.__module__}.{getattr(function, '__qualname__', '?')}"
        return function

    return decorate


def erp_operations_used() -> dict[tuple[str, str], str]:
    return dict(_USED)
