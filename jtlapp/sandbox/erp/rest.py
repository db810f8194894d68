"""REST entry point of the fake ERP: resolve a (method, path) to an operation, then execute it.

Paths are relative to the mount (``/erp`` in the Cloud, ``/api/eazybusiness`` OnPremise):
``/v2/...`` are the v2 routes (camelCase, UUID ids), everything else is v1 (PascalCase, int
ids), with or without a ``/v1`` prefix — as the 1.0 spec and later v1.x docs both use.
Literal path segments match case-insensitively, like JTL's ASP.NET routing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from jtlapp.sandbox.erp.rest_common import ErpRestError, error_body
from jtlapp.sandbox.erp.rest_types import ErpRestRequest, ErpRestResponse, Handler, RestCall, Route
from jtlapp.sandbox.erp.rest_v1 import V1_ROUTES
from jtlapp.sandbox.erp.rest_v2 import V2_ROUTES
from jtlapp.sandbox.erp.tenant import TenantData

__all__ = [
    "ErpRestMethodNotAllowedError",
    "ErpRestOperation",
    "ErpRestRequest",
    "ErpRestResponse",
    "erp_rest_resolve",
]


@dataclass(frozen=True, kw_only=True)
class ErpRestOperation:
    """A resolved route. ``scope`` is the v2 scope; ``legacy_scope`` the v1 per-operation one."""

    scope: str | None
    legacy_scope: str | None
    generation: str
    method: str
    pattern: str
    params: Mapping[str, str] = field(default_factory=dict)
    handler: Handler = field(repr=False)

    def execute(self, *, tenant: TenantData, request: ErpRestRequest) -> ErpRestResponse:
        """Run the handler; domain errors become JTL ``ErrorResponse`` bodies, never raise."""
        try:
            return self.handler(RestCall(tenant=tenant, request=request, params=self.params))
        except ErpRestError as error:
            body = error_body(error, pascal=self.generation == "v1")
            return ErpRestResponse(status=error.status, body=body)


class ErpRestMethodNotAllowedError(Exception):
    """The path exists but not for this method; the lead answers 405 with ``Allow``."""

    def __init__(self, *, path: str, allowed: tuple[str, ...]) -> None:
        super().__init__(f"{path}: method not allowed (allowed: {', '.join(allowed)})")
        self.allowed = allowed


def _match(pattern: str, segments: list[str]) -> dict[str, str] | None:
    parts = pattern.strip("/").split("/")
    if len(parts) != len(segments):
        return None
    params: dict[str, str] = {}
    for part, segment in zip(parts, segments, strict=True):
        if part.startswith("{"):
            params[part[1:-1]] = segment
        elif part.lower() != segment.lower():
            return None
    return params


_GENERATIONS: tuple[tuple[str, tuple[Route, ...]], ...] = (("v2", V2_ROUTES), ("v1", V1_ROUTES))


def erp_rest_resolve(*, method: str, path: str) -> ErpRestOperation | None:
    """Return the operation, None for an unknown path (404), or raise for a wrong method (405).

    Raises ``ErpRestMethodNotAllowedError`` (with ``allowed``) when the path is known but
    ``method`` is not served there.
    """
    segments = [segment for segment in path.split("?")[0].split("/") if segment]
    is_v2 = bool(segments) and segments[0].lower() == "v2"
    if not is_v2 and segments and segments[0].lower() == "v1":
        segments = segments[1:]
    allowed: list[str] = []
    for generation, routes in _GENERATIONS:
        if (generation == "v2") != is_v2:
            continue
        for route in routes:
            params = _match(route.pattern, segments)
            if params is None:
                continue
            if route.method == method.upper():
                return ErpRestOperation(
                    scope=route.scope,
                    legacy_scope=route.legacy_scope,
                    generation=generation,
                    method=route.method,
                    pattern=route.pattern,
                    params=params,
                    handler=route.handler,
                )
            allowed.append(route.method)
    if allowed:
        raise ErpRestMethodNotAllowedError(path=path, allowed=tuple(dict.fromkeys(allowed)))
    return None
