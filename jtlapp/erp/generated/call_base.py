"""What the generated typed façades (``calls_v1``/``calls_v2``) call (hand-written).

Kept apart from the clients so the generated modules import no gateway code: a façade is
handed the client's ``call`` bound to one description and forwards every operation to it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Mapping
from typing import Any, Protocol


class ErpCaller(Protocol):
    def __call__(
        self,
        *,
        operation_id: str,
        api: Any,
        path_params: Mapping[str, object] | None,
        query: Mapping[str, object] | None,
        body: Any,
        headers: Mapping[str, str] | None,
    ) -> Any: ...


class AsyncErpCaller(Protocol):
    def __call__(
        self,
        *,
        operation_id: str,
        api: Any,
        path_params: Mapping[str, object] | None,
        query: Mapping[str, object] | None,
        body: Any,
        headers: Mapping[str, str] | None,
    ) -> Awaitable[Any]: ...


def present(values: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments the caller gave: an omitted optional parameter is not sent at all."""
    return {name: value for name, value in values.items() if value is not None}
