"""Request/response types of the framework-free REST layer (the lead adapts Flask to them)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from jtlapp.sandbox.erp.tenant import TenantData


@dataclass(frozen=True, kw_only=True)
class ErpRestRequest:
    method: str
    path: str
    query: Mapping[str, str]
    body: object | None


@dataclass(frozen=True, kw_only=True)
class ErpRestResponse:
    status: int
    body: object | None


@dataclass(frozen=True, kw_only=True)
class RestCall:
    """What a handler gets: the tenant, the request and the path parameters."""

    tenant: TenantData
    request: ErpRestRequest
    params: Mapping[str, str]


Handler = Callable[[RestCall], ErpRestResponse]


@dataclass(frozen=True, kw_only=True)
class Route:
    method: str
    pattern: str
    scope: str | None
    legacy_scope: str | None
    handler: Handler
