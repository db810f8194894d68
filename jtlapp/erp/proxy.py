"""The gateway between our pages and the merchant's ERP: what may pass, and how it is shaped.

A page names a path under ``/api/erp/``; we check it (``paths``), check that the manifest
declares the operation's scope (least privilege before JTL enforces it), and forward it with
our credentials for the caller's tenant only. Headers pass through allow-lists both ways.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from jtlapp.erp.paths import erp_path_validate
from jtlapp.erp.scopes import erp_graphql_scopes, erp_rest_scopes
from jtlapp.errors import ApplicationError
from jtlapp.gateway.erp.client import AsyncErpClient
from jtlapp.gateway.erp.tenant_ref import TenantRef, tenant_ref_get_async
from jtlapp.manifest import manifest_api_scopes
from jtlapp.tenants.services import TenantNotActiveError

MAX_REQUEST_BYTES = 1024 * 1024
RESPONSE_HEADERS = (
    "content-type",
    "etag",
    "last-modified",
    "content-language",
    "api-supported-versions",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-interval-length-seconds",
    "retry-after",
)


class ErpScopeNotDeclaredError(ApplicationError):
    http_status = 403
    code = "scope_not_declared"


class ErpRequestTooLargeError(ApplicationError):
    http_status = 413
    code = "request_too_large"


class ErpGraphqlBodyError(ApplicationError):
    code = "invalid_graphql"


class ErpBodyNotJsonError(ApplicationError):
    code = "invalid_body"


async def tenant_active_get(*, tenant_id: str) -> TenantRef:
    """The caller's tenant if it completed setup and is still installed (cached snapshot)."""
    ref = await tenant_ref_get_async(tenant_id=UUID(tenant_id))
    if ref is None or not ref.is_active:
        raise TenantNotActiveError(
            "This app is not set up for your JTL tenant; open the app's setup page in JTL."
        )
    return ref


def _json_require(body: bytes) -> None:
    """A body must be JSON before it leaves: a page's typo is a 400, not JTL's 5xx."""
    if not body:
        return
    try:
        json.loads(body)
    except ValueError:
        raise ErpBodyNotJsonError(
            "The request body is not JSON.", extra={"contentType": "application/json"}
        ) from None


@dataclass(frozen=True, kw_only=True)
class ProxyResult:
    status: int
    content: bytes = field(repr=False)
    headers: dict[str, str]


def _scope_require(*, scope: str | None, operation: str) -> None:
    """``None``: the operation needs no scope (``v2/info``, introspection)."""
    if scope is not None and scope not in manifest_api_scopes():
        raise ErpScopeNotDeclaredError(
            f"{operation} needs the scope {scope!r}, which manifest.json does not declare "
            "in capabilities.erp.api.scopes.",
            extra={"operation": operation, "missingScope": scope},
        )


def _allowed(headers: Mapping[str, str], names: tuple[str, ...]) -> dict[str, str]:
    lowered = {key.lower(): value for key, value in headers.items()}
    return {name: lowered[name] for name in names if name in lowered}


async def erp_proxy_forward(
    *,
    tenant: TenantRef,
    method: str,
    raw_path: str,
    decoded_path: str,
    query: str,
    body: bytes,
    headers: Mapping[str, str],
) -> ProxyResult:
    """Forward one REST call of a page to its tenant's ERP; refuse anything unsafe first."""
    if len(body) > MAX_REQUEST_BYTES:
        raise ErpRequestTooLargeError("The request body is larger than 1 MB.")
    path = erp_path_validate(raw_path=raw_path, decoded_path=decoded_path)
    scopes = erp_rest_scopes(method=method, path=path)  # refused for pages: 403 before all
    _json_require(body)
    for scope in scopes:  # a few operations name two or three: each must be declared
        _scope_require(scope=scope, operation=f"{method} {path}")
    response = await AsyncErpClient(tenant=tenant).send(
        method=method,
        path=path,
        query=query,
        body=body or None,
        headers=headers,  # the client keeps only its allow-listed caller headers
    )
    return ProxyResult(
        status=response.status,
        content=response.content,
        headers=_allowed(response.headers, RESPONSE_HEADERS),
    )


def _graphql_body(body: bytes) -> dict[str, Any]:
    if len(body) > MAX_REQUEST_BYTES:
        raise ErpRequestTooLargeError("The request body is larger than 1 MB.")
    try:
        parsed = json.loads(body or b"null")
    except ValueError as exc:
        raise ErpGraphqlBodyError("The body is not JSON.") from exc
    if not isinstance(parsed, dict) or not isinstance(parsed.get("query"), str):
        raise ErpGraphqlBodyError('Expected {"query": "...", "variables": {...}}.')
    variables = parsed.get("variables")
    operation_name = parsed.get("operationName")
    if variables is not None and not isinstance(variables, dict):
        raise ErpGraphqlBodyError("variables must be an object.")
    if operation_name is not None and not isinstance(operation_name, str):
        raise ErpGraphqlBodyError("operationName must be a string.")
    return parsed


async def erp_graphql_forward(*, tenant: TenantRef, body: bytes) -> dict[str, Any]:
    """Run a page's GraphQL query if every root field's scope is declared; errors[] raise."""
    parsed = _graphql_body(body)
    fields = erp_graphql_scopes(query=parsed["query"], operation_name=parsed.get("operationName"))
    for name, scope in fields.items():
        _scope_require(scope=scope, operation=f"GraphQL {name}")
    return await AsyncErpClient(tenant=tenant).graphql(
        query=parsed["query"],
        variables=parsed.get("variables"),
        operation_name=parsed.get("operationName"),
    )
