"""``ErpClient``: the only way our code and our page proxy reach a merchant's ERP.

Built from a ``Tenant`` row or its ``TenantRef`` snapshot, never from a tenant id a request
carried (security.md P9). ``AsyncErpClient`` is the client; ``ErpClient`` is its sync facade
for Celery tasks, commands and webhook handlers (same calls, run on the gateway loop). ``send``
is the low-level call the proxy uses; ``graphql`` and the typed reads parse JTL's JSON once
into ``jtlapp.erp.schemas`` models. After each call the client records what the answer means
for the tenant (``outcome``), in a thread of its own, outside any caller's transaction.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, TypeAdapter, ValidationError

from jtlapp.erp.app_identity import erp_app_identity_headers
from jtlapp.erp.generated.calls_v1 import AsyncErpCallsV1
from jtlapp.erp.generated.calls_v2 import AsyncErpCallsV2
from jtlapp.erp.operations import ErpApi, erp_operation_build, erp_operation_parse
from jtlapp.gateway.erp.errors import ErpAuthError, ErpError, ErpGraphQLError
from jtlapp.gateway.erp.outcome import erp_outcome_record
from jtlapp.gateway.erp.policy import ErpPolicy, erp_policy_default
from jtlapp.gateway.erp.tenant_ref import TenantRef, tenant_ref_reload_async
from jtlapp.gateway.erp.transport import (
    ErpCall,
    ErpResponse,
    ErpTransport,
    TenantStaleError,
    erp_call_headers,
)
from jtlapp.log_context import log_request_id
from jtlapp.tenants.services import TenantNotActiveError

__all__ = ["AsyncErpClient", "ErpResponse", "erp_parse", "erp_url"]

CALLER_HEADERS = ("accept", "accept-language", "if-match", "if-none-match")
"""The only caller headers a call forwards; auth, tenant and request-id headers are ours."""
OPERATION_HEADERS = ("x-runas", "x-sessionid", "api-version")
"""Headers our own code may set per operation (validated by ``erp_operation_build``)."""
ModelT = TypeVar("ModelT", bound=BaseModel)
T = TypeVar("T")
_ID_SEGMENT = re.compile(r"\d")
_VERSION_SEGMENT = re.compile(r"^v\d+$", re.IGNORECASE)


def erp_url(*, base_url: str, path: str, query: str) -> str:
    """``{base}/{path}?{query}``, asserted to still be on the base's scheme, host and prefix.

    The proxy validates page paths (``jtlapp.erp.paths``); this is the last backstop, so a
    path that could leave the base is a programming error, not a user error.
    """
    segments = path.split("/")
    if (
        not path
        or path.startswith("/")
        or any(s in ("", ".", "..") for s in segments)
        or any(c in path for c in "?#\\;")
        or any(ord(c) <= 0x20 or ord(c) == 0x7F for c in path)
    ):
        raise ValueError("ERP path must be relative, without empty, '.' or '..' segments")
    url = f"{base_url}/{path}" + (f"?{query}" if query else "")
    base, built = urlsplit(base_url), urlsplit(url)
    if (built.scheme, built.netloc) != (base.scheme, base.netloc) or not built.path.startswith(
        base.path.rstrip("/") + "/"
    ):
        raise ValueError("the built ERP URL left the configured base")
    return url


def path_template(path: str) -> str:
    """``v2/sales-orders/<uuid>/line-items`` -> ``v2/sales-orders/{id}/line-items`` for logs."""
    return "/".join(
        "{id}" if _ID_SEGMENT.search(s) and not _VERSION_SEGMENT.match(s) else s
        for s in path.split("/")
    )


def erp_parse(model: type[ModelT] | TypeAdapter[T], content: bytes) -> Any:
    """Validate JTL's JSON at the edge; a shape we cannot read is JTL's fault, not ours."""
    try:
        if isinstance(model, TypeAdapter):
            return model.validate_json(content)
        return model.model_validate_json(content)
    except ValidationError as exc:
        raise ErpError(f"JTL answered an unexpected shape ({exc.error_count()} errors).") from None


class AsyncErpClient:
    def __init__(self, *, tenant: TenantRef, policy: ErpPolicy | None = None) -> None:
        self.tenant = tenant
        self._transport = ErpTransport(tenant=tenant, policy=policy or erp_policy_default())

    async def send(
        self,
        *,
        method: str,
        path: str,
        query: str = "",
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        operation_headers: Mapping[str, str] | None = None,
    ) -> ErpResponse:
        """One call to ``path`` relative to the ERP root (``v2/items/1``); non-2xx raise.

        ``body`` must be JSON (the proxy checks; our own callers encode); it is sent as is.
        ``headers`` are a caller's (a page's) and pass an allow-list; ``operation_headers``
        are our own code's, already checked against the operation (``x-runas``). Every call
        names the app (``x-appid``/``x-appversion``), as both descriptions require.
        """
        method = method.upper()
        call = ErpCall(
            method=method,
            url=erp_url(base_url=self._transport.base_url, path=path, query=query),
            operation=f"{method} {path_template(path)}",
            content=body,
            headers={
                **erp_call_headers(headers, allowed=CALLER_HEADERS),
                **erp_call_headers(operation_headers, allowed=OPERATION_HEADERS),
                **erp_app_identity_headers(),
            },
        )
        request_id = log_request_id()
        if request_id:
            call.headers["x-request-id"] = request_id
        if body is not None:
            call.headers["Content-Type"] = "application/json"
        try:
            response = await self._send_current(call)
        except ErpAuthError as error:
            await erp_outcome_record(tenant=self.tenant, status=error.upstream_status)
            raise
        await erp_outcome_record(tenant=self.tenant, status=response.status)
        return response

    async def _send_current(self, call: ErpCall) -> ErpResponse:
        """Send; if the tenant changed since its snapshot, reload it and decide again."""
        try:
            return await self._transport.send(call)
        except TenantStaleError:
            ref = await tenant_ref_reload_async(tenant_id=self.tenant.tenant_id)
            if ref is None or not ref.is_active:
                raise TenantNotActiveError(
                    "This app is no longer set up for this JTL tenant."
                ) from None
            self.tenant = replace(ref, generation=None)  # just read: no second check
            self._transport = ErpTransport(tenant=self.tenant, policy=self._transport.policy)
            return await self._transport.send(call)

    async def graphql(
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
        response = await self.send(
            method="POST", path="v2/graphql", body=json.dumps(payload).encode()
        )
        return graphql_data(response)

    @property
    def v2(self) -> AsyncErpCallsV2:
        """Every Cloud 2.0 operation as a typed, awaitable method named after its operationId."""
        return AsyncErpCallsV2(call=self.call)

    @property
    def v1(self) -> AsyncErpCallsV1:
        """Every Cloud 1.0 operation as a typed, awaitable method named after its operationId."""
        return AsyncErpCallsV1(call=self.call)

    async def call(
        self,
        *,
        operation_id: str,
        api: ErpApi = "v2",
        path_params: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        body: BaseModel | Mapping[str, Any] | list[Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        """Any documented operation by its ``operationId``: arguments checked, result typed.

        The request is built and the answer parsed from JTL's descriptions
        (``jtlapp.erp.operations``); it travels through the same transport as every call.
        """
        request = erp_operation_build(
            operation_id=operation_id,
            api=api,
            path_params=path_params,
            query=query,
            body=body,
            headers=headers,
        )
        response = await self.send(
            method=request.method,
            path=request.path,
            query=request.query,
            body=request.body,
            operation_headers=request.headers,
        )
        return erp_operation_parse(
            operation_id=operation_id, api=api, status=response.status, content=response.content
        )

    async def get_model(self, model: type[ModelT], path: str, query: str = "") -> ModelT:
        result: ModelT = erp_parse(
            model, (await self.send(method="GET", path=path, query=query)).content
        )
        return result


def graphql_data(response: ErpResponse) -> dict[str, Any]:
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


def _graphql_code(error: object) -> str | None:
    extensions = error.get("extensions") if isinstance(error, dict) else None
    code = extensions.get("code") if isinstance(extensions, dict) else None
    return code if isinstance(code, str) else None
