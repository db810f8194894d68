"""One engine for every documented REST operation, plus the version layer behind it.

A request below the ERP mount is resolved in this order:

1. a documented operation of the 1.0 or 2.0 description (``spec``): its scope is enforced, the
   request validated (400 ``ErrorResponse`` naming each field), and the answer comes from the
   seeded store when a store handler serves that route (``erp.rest``) and its body is the
   documented one, else it is generated from the response schema (``generate``);
2. a route of the version layer (``layer``): documented by JTL for later API versions, without
   a machine-readable description here (the kebab-case ``v2/sales-orders`` family);
3. else 405 (the path exists for other methods) or 404.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from jtlapp.sandbox.erp.rest import (
    ErpRestMethodNotAllowedError,
    ErpRestOperation,
    ErpRestRequest,
    ErpRestResponse,
    erp_rest_resolve,
)
from jtlapp.sandbox.erp.rest_derived import DERIVED_ROUTES
from jtlapp.sandbox.erp.rest_invoices import OPERATION_HANDLERS
from jtlapp.sandbox.erp.tenant import TenantData
from jtlapp.sandbox.openapi.fitting import documented_status, requested_page
from jtlapp.sandbox.openapi.generate import PDF_BYTES, conform_body, generate_body
from jtlapp.sandbox.openapi.layer import layer_serves
from jtlapp.sandbox.openapi.requests import request_errors
from jtlapp.sandbox.openapi.scopes import operation_scopes
from jtlapp.sandbox.openapi.spec import Operation, spec_resolve


class EngineRefusal(Exception):
    """A refusal before any data is touched; ``erp_http`` renders it."""

    def __init__(
        self,
        *,
        status: int,
        code: str,
        message: str,
        fields: Mapping[str, str] | None = None,
        allow: tuple[str, ...] = (),
        pascal: bool = True,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.fields = dict(fields or {})
        self.allow = allow
        self.pascal = pascal


@dataclass(frozen=True, kw_only=True)
class EngineRequest:
    method: str
    path: str
    query: Mapping[str, str]
    headers: Mapping[str, str]
    body: object | None
    scopes: frozenset[str]
    app_headers: bool
    version: str


@dataclass(frozen=True, kw_only=True)
class EngineAnswer:
    status: int
    body: object | None
    raw: bytes | None = None
    media_type: str = "application/json"
    operation_id: str | None = None
    source: str = "generated"


def _store_route(request: EngineRequest) -> tuple[ErpRestOperation | None, tuple[str, ...]]:
    try:
        return erp_rest_resolve(method=request.method, path=request.path), ()
    except ErpRestMethodNotAllowedError as exc:
        return None, exc.allowed


def engine_answer(*, tenant: TenantData, request: EngineRequest) -> EngineAnswer:
    operation, params, allowed = spec_resolve(method=request.method, path=request.path)
    store, store_allowed = _store_route(request)
    if operation is not None and not layer_serves(operation=operation, version=request.version):
        return _described(operation, params, store, tenant=tenant, request=request)
    if store is not None:
        return _layer(store, tenant=tenant, request=request)
    methods = tuple(dict.fromkeys([*allowed, *store_allowed]))
    if methods:
        raise EngineRefusal(
            status=405,
            code="METHOD_NOT_ALLOWED",
            message=f"{request.method} is not allowed on {request.path}; allowed: "
            + ", ".join(methods),
            allow=methods,
            pascal=not _is_v2(request.path),
        )
    raise EngineRefusal(
        status=404,
        code="NOT_FOUND",
        message=f"No route {request.path}.",
        pascal=not _is_v2(request.path),
    )


def _is_v2(path: str) -> bool:
    """Unknown v2 paths answer like the later-version routes (camelCase); 1.0 PascalCase."""
    return path.lower().lstrip("/").startswith("v2/")


def _scope_check(required: frozenset[str], request: EngineRequest, pascal: bool) -> None:
    if required and not required & request.scopes:
        names = " or ".join(sorted(required))
        raise EngineRefusal(
            status=403,
            code="FORBIDDEN",
            message=f"The token lacks the scope {names} for {request.method} {request.path}.",
            pascal=pascal,
        )


def _described(
    operation: Operation,
    params: Mapping[str, str],
    store: ErpRestOperation | None,
    *,
    tenant: TenantData,
    request: EngineRequest,
) -> EngineAnswer:
    _scope_check(operation_scopes(operation, store), request, pascal=True)
    errors = request_errors(
        operation=operation,
        path_params=params,
        query=request.query,
        headers=request.headers,
        body=request.body,
        app_headers=request.app_headers,
    )
    if errors:
        raise EngineRefusal(
            status=400, code="VALIDATION_ERROR", message="The sent data is invalid.", fields=errors
        )
    store = engine_store_route(operation, params=params, store=store)
    if store is not None:
        return _from_store(operation, params, store, tenant=tenant, request=request)
    answer = _generated(operation, params)
    if answer.raw is not None:
        return answer
    with tenant.lock:
        changed = tenant.overlay.answer(
            operation=operation, params=params, body=request.body, generated=answer.body
        )
    if changed is None:
        return replace(answer, body=requested_page(answer.body, request.query))
    status, body = changed
    return EngineAnswer(
        status=status,
        body=requested_page(body, request.query),
        operation_id=operation.operation_id,
        source="overlay",
    )


def engine_store_route(
    operation: Operation, *, params: Mapping[str, str], store: ErpRestOperation | None
) -> ErpRestOperation | None:
    """The store handler that answers ``operation``, or None: its answer is generated.

    A handler registered for the operation (by operationId or described path) wins; else the
    store route the path resolved to, when it is this operation and not a templated neighbour.
    """
    handler = OPERATION_HANDLERS.get(operation.operation_id) or DERIVED_ROUTES.get(
        (operation.method, operation.path)
    )
    if handler is not None:
        return ErpRestOperation(
            scope=None,
            legacy_scope=None,
            generation="v1",  # described operations answer PascalCase ErrorResponses
            method=operation.method,
            pattern=operation.path,
            params=params,
            handler=handler,
        )
    return store if store is not None and _same_route(store.pattern, operation.path) else None


def _same_route(pattern: str, path: str) -> bool:
    """The store route is this operation, not a templated neighbour.

    ``/items/{id}`` is not ``/items/customfields``.
    """
    ours = [s for s in pattern.lower().split("/") if s and s != "v1"]
    theirs = [s for s in path.lower().split("/") if s]
    return len(ours) == len(theirs) and all(
        a == b or (a.startswith("{") and b.startswith("{"))
        for a, b in zip(ours, theirs, strict=True)
    )


def _from_store(
    operation: Operation,
    params: Mapping[str, str],
    store: ErpRestOperation,
    *,
    tenant: TenantData,
    request: EngineRequest,
) -> EngineAnswer:
    """The store's answer, fitted to the documented schema of its status."""
    result = documented_status(operation, _execute(store, tenant=tenant, request=request))
    if isinstance(result.body, bytes):  # a stored file's data, documented as binary
        return EngineAnswer(
            status=result.status,
            body=None,
            raw=result.body,
            media_type="application/octet-stream",
            operation_id=operation.operation_id,
            source="store",
        )
    schema = operation.response_schemas.get(result.status)
    body = result.body
    if schema is not None and body is not None:
        body = conform_body(
            generation=operation.generation,
            schema=schema,
            value=body,
            operation_id=operation.operation_id,
            params=params,
        )
    # A status documented as JSON without a schema (``GET v2/items/{Id}`` in 2.0) constrains
    # nothing: the store's answer, the entity the Wawi returns, stands as it is.
    return EngineAnswer(
        status=result.status, body=body, operation_id=operation.operation_id, source="store"
    )


def _generated(operation: Operation, params: Mapping[str, str]) -> EngineAnswer:
    schema = operation.success_schema
    if schema is None:
        return EngineAnswer(
            status=operation.success, body=None, operation_id=operation.operation_id
        )
    if schema.get("format") == "binary":
        return EngineAnswer(
            status=operation.success,
            body=None,
            raw=PDF_BYTES,
            media_type="application/pdf",
            operation_id=operation.operation_id,
        )
    if operation.success_media != "application/json":
        document = b'<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.0"/>'
        return EngineAnswer(
            status=operation.success,
            body=None,
            raw=document,
            media_type=operation.success_media,
            operation_id=operation.operation_id,
        )
    body = generate_body(
        generation=operation.generation,
        schema=schema,
        operation_id=operation.operation_id,
        params=params,
    )
    return EngineAnswer(status=operation.success, body=body, operation_id=operation.operation_id)


def _layer(store: ErpRestOperation, *, tenant: TenantData, request: EngineRequest) -> EngineAnswer:
    pascal = store.generation == "v1"
    _scope_check(frozenset({store.scope}) if store.scope else frozenset(), request, pascal)
    result = _execute(store, tenant=tenant, request=request)
    return EngineAnswer(status=result.status, body=result.body, source="layer")


def _execute(
    store: ErpRestOperation, *, tenant: TenantData, request: EngineRequest
) -> ErpRestResponse:
    rest_request = ErpRestRequest(
        method=request.method, path=request.path, query=request.query, body=request.body
    )
    return store.execute(tenant=tenant, request=rest_request)
