"""``/api/erp/...``: the pages' only way to the merchant's ERP, on the event loop.

Async views, so a call waiting for a slow Wawi holds no thread: the tenant is the verified
caller's (its snapshot cached, see ``gateway.erp.tenant_ref``), the path, method and scope are
checked before any upstream call, and upstream failures reach the page in the project's one
error shape, with JTL's status and ``errorCode``/``errorMessage`` where present, never with
our token. Authentication is the same as DRF's ``AppTokenAuthentication`` (shared function).
"""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import sync_to_async
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from rest_framework import status

from jtlapp.auth.authentication import RETRY_HEADER, bearer_header_verify, bearer_scheme_is
from jtlapp.auth.exceptions import KeysUnavailableError, TokenInvalidError
from jtlapp.auth.types import CallerClaims
from jtlapp.erp.proxy import erp_graphql_forward, erp_proxy_forward, tenant_active_get
from jtlapp.errors import ApplicationError, error_body
from jtlapp.gateway.erp.errors import (
    ErpAuthError,
    ErpError,
    ErpGraphQLError,
    ErpNotFoundError,
    ErpRateLimitedError,
    ErpRequestRejectedError,
    ErpTimeoutError,
    ErpUnavailableError,
)
from jtlapp.log_context import log_tenant_bind

logger = logging.getLogger(__name__)

PREFIX = "/api/erp/"
NO_STORE = {"Cache-Control": "no-store"}
WWW_AUTHENTICATE = 'Bearer realm="api"'


def _raw_path(request: HttpRequest) -> str:
    """The path as the client sent it, before any percent-decoding (ASGI ``raw_path``)."""
    scope = getattr(request, "scope", None)
    raw: Any = scope.get("raw_path") if isinstance(scope, dict) else None
    if isinstance(raw, bytes):
        raw = raw.decode("latin-1")
    raw = raw or request.META.get("RAW_URI") or request.get_full_path()
    path = str(raw).split("?", 1)[0]
    return path.removeprefix(PREFIX) if path.startswith(PREFIX) else path


def _upstream_status(exc: ErpError) -> tuple[int, str]:
    """Our status and code for an upstream failure.

    A 401 from JTL means our credentials failed, never the page's, so it is a 502.
    """
    if isinstance(exc, ErpRateLimitedError):
        return status.HTTP_429_TOO_MANY_REQUESTS, "erp_rate_limited"
    if isinstance(exc, ErpTimeoutError):
        return status.HTTP_504_GATEWAY_TIMEOUT, "erp_unavailable"
    if isinstance(exc, ErpUnavailableError):
        return status.HTTP_502_BAD_GATEWAY, "erp_unavailable"
    if isinstance(exc, ErpAuthError):
        if exc.upstream_status == status.HTTP_403_FORBIDDEN:
            return status.HTTP_403_FORBIDDEN, "erp_forbidden"
        return status.HTTP_502_BAD_GATEWAY, "erp_auth_failed"
    if isinstance(exc, ErpNotFoundError):
        return status.HTTP_404_NOT_FOUND, "erp_not_found"
    if isinstance(exc, ErpGraphQLError):
        return status.HTTP_422_UNPROCESSABLE_ENTITY, "erp_graphql_error"
    if isinstance(exc, ErpRequestRejectedError) and exc.upstream_status:
        return exc.upstream_status, "erp_rejected"
    return status.HTTP_502_BAD_GATEWAY, "erp_error"


def erp_error_response(exc: ErpError) -> HttpResponse:
    body, code_status, headers = erp_error_parts(exc)
    response = _json(body, status=code_status)
    for name, value in headers.items():
        response[name] = value
    return response


def erp_error_parts(exc: ErpError) -> tuple[dict[str, Any], int, dict[str, str]]:
    """Body, status and headers of an upstream failure (for async views and DRF alike)."""
    code_status, code = _upstream_status(exc)
    extra: dict[str, Any] = {
        "upstreamStatus": exc.upstream_status,
        "errorCode": exc.error_code,
        "errorMessage": exc.error_message,
    }
    if isinstance(exc, ErpRateLimitedError):
        extra["reason"] = exc.reason
    if isinstance(exc, ErpGraphQLError):
        extra["errors"] = exc.errors
    body = error_body(message="JTL's ERP API did not complete the request.", code=code, extra=extra)
    headers = {k: v for k, v in exc.headers.items() if k.lower().startswith("x-ratelimit")}
    headers.update(NO_STORE)
    retry_after = getattr(exc, "retry_after_seconds", None)
    if retry_after:
        headers["Retry-After"] = str(retry_after)
    return body, code_status, headers


def _json(body: Any, *, status: int = 200) -> HttpResponse:
    response = JsonResponse(body, status=status, safe=False)
    response["Cache-Control"] = "no-store"
    return response


class _Unauthenticated(Exception):
    def __init__(self, response: HttpResponse) -> None:
        self.response = response


async def _caller(request: HttpRequest) -> CallerClaims:
    """Verify the page's token (keys cached per process; a fetch runs in a worker thread)."""
    header = request.headers.get("Authorization")
    if not bearer_scheme_is(header):
        response = _json(
            error_body(
                message="Authentication credentials were not provided.", code="not_authenticated"
            ),
            status=401,
        )
        response["WWW-Authenticate"] = WWW_AUTHENTICATE
        raise _Unauthenticated(response)
    try:
        claims = await sync_to_async(bearer_header_verify, thread_sensitive=False)(
            header=str(header)
        )
    except TokenInvalidError as exc:
        logger.info("caller token rejected: %s", exc.reason)
        response = _json(error_body(message=exc.message, code=exc.code), status=401)
        response["WWW-Authenticate"] = WWW_AUTHENTICATE
        response[RETRY_HEADER] = "1"
        raise _Unauthenticated(response) from None
    except KeysUnavailableError as exc:
        logger.warning("caller token not verifiable now: %s", exc.reason)
        response = _json(error_body(message=exc.message, code=exc.code), status=503)
        response["Retry-After"] = str(exc.retry_after_seconds)
        raise _Unauthenticated(response) from None
    log_tenant_bind(tenant_id=claims.tenant_id)
    return claims


class _ErpApi(View):
    """Authenticated async view; every failure in the one error shape, never cached.

    CSRF-exempt like every token-authenticated API: a bearer token is not sent by a browser
    on its own, so a cross-site form cannot use it.
    """

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        return csrf_exempt(super().as_view(**initkwargs))

    async def _handle(self, request: HttpRequest, path: str | None) -> HttpResponse:
        raise NotImplementedError

    async def dispatch_checked(self, request: HttpRequest, path: str | None) -> HttpResponse:
        try:
            return await self._handle(request, path)
        except _Unauthenticated as exc:
            return exc.response
        except ErpError as exc:
            return erp_error_response(exc)
        except ApplicationError as exc:
            return _json(
                error_body(message=exc.message, code=exc.code, extra=exc.extra),
                status=exc.http_status,
            )


class ErpProxyApi(_ErpApi):
    """``GET|POST|PUT|PATCH|DELETE /api/erp/<path>`` -> ``{JTL_API_BASE_URL}/erp/<path>``."""

    http_method_names = ["get", "post", "put", "patch", "delete"]

    async def _handle(self, request: HttpRequest, path: str | None) -> HttpResponse:
        claims = await _caller(request)
        result = await erp_proxy_forward(
            tenant=await tenant_active_get(tenant_id=claims.tenant_id),
            method=request.method or "GET",
            raw_path=_raw_path(request),
            decoded_path=path or "",
            query=request.META.get("QUERY_STRING", ""),
            body=request.body,
            headers=request.headers,
        )
        response = HttpResponse(result.content, status=result.status)
        for name, value in {**result.headers, **NO_STORE}.items():
            response[name] = value
        return response

    async def get(self, request: HttpRequest, path: str) -> HttpResponse:
        return await self.dispatch_checked(request, path)

    post = put = patch = delete = get


class ErpGraphqlProxyApi(_ErpApi):
    """``POST /api/erp/v2/graphql``: queries whose root fields' scopes the manifest declares."""

    http_method_names = ["post"]

    async def _handle(self, request: HttpRequest, path: str | None) -> HttpResponse:
        claims = await _caller(request)
        data = await erp_graphql_forward(
            tenant=await tenant_active_get(tenant_id=claims.tenant_id), body=request.body
        )
        return _json({"data": data})

    async def post(self, request: HttpRequest) -> HttpResponse:
        return await self.dispatch_checked(request, None)
