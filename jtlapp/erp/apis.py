"""``/api/erp/...``: the pages' only way to the merchant's ERP.

The tenant is the verified caller's; the path, method and scope are checked before any
upstream call; upstream failures reach the page in the project's one error shape, with
JTL's status and ``errorCode``/``errorMessage`` where present, never with our token.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from jtlapp.auth.authentication import AppTokenAuthentication, request_claims
from jtlapp.erp.exceptions import (
    ErpAuthError,
    ErpError,
    ErpGraphQLError,
    ErpNotFoundError,
    ErpRateLimitedError,
    ErpRequestRejectedError,
    ErpUnavailableError,
)
from jtlapp.erp.proxy import erp_graphql_forward, erp_proxy_forward
from jtlapp.errors import error_body
from jtlapp.tenants.selectors import tenant_get_active

PREFIX = "/api/erp/"
NO_STORE = {"Cache-Control": "no-store"}


def _raw_path(request: Request) -> str:
    """The path as the client sent it (gunicorn's RAW_URI), before any percent-decoding."""
    raw = request.META.get("RAW_URI") or request.META.get("REQUEST_URI") or request.get_full_path()
    path = str(raw).split("?", 1)[0]
    return path.removeprefix(PREFIX) if path.startswith(PREFIX) else path


def _upstream_status(exc: ErpError) -> tuple[int, str]:
    """Our status and code for an upstream failure.

    A 401 from JTL means our credentials failed, never the page's, so it is a 502.
    """
    if isinstance(exc, ErpRateLimitedError):
        return status.HTTP_429_TOO_MANY_REQUESTS, "erp_rate_limited"
    if isinstance(exc, ErpUnavailableError):
        timed_out = "timed out" in str(exc)
        code = status.HTTP_504_GATEWAY_TIMEOUT if timed_out else status.HTTP_502_BAD_GATEWAY
        return code, "erp_unavailable"
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


def erp_error_response(exc: ErpError) -> Response:
    code_status, code = _upstream_status(exc)
    extra: dict[str, Any] = {
        "upstreamStatus": exc.upstream_status,
        "errorCode": exc.error_code,
        "errorMessage": exc.error_message,
    }
    if isinstance(exc, ErpGraphQLError):
        extra["errors"] = exc.errors
    headers = dict(NO_STORE)
    headers.update({k: v for k, v in exc.headers.items() if k.lower().startswith("x-ratelimit")})
    retry_after = getattr(exc, "retry_after_seconds", None)
    if retry_after:
        headers["Retry-After"] = str(retry_after)
    message = "JTL's ERP API did not complete the request."
    return Response(
        error_body(message=message, code=code, extra=extra), code_status, headers=headers
    )


class _ErpApi(APIView):
    authentication_classes = (AppTokenAuthentication,)
    permission_classes = (IsAuthenticated,)
    parser_classes = ()

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, ErpError):
            return erp_error_response(exc)
        response = super().handle_exception(exc)
        for name, value in NO_STORE.items():
            response[name] = value
        return response


class ErpProxyApi(_ErpApi):
    """``GET|POST|PUT|PATCH|DELETE /api/erp/<path>`` -> ``{JTL_API_BASE_URL}/erp/<path>``."""

    http_method_names = ["get", "post", "put", "patch", "delete"]

    def _forward(self, request: Request, path: str) -> HttpResponse:
        claims = request_claims(request)
        result = erp_proxy_forward(
            tenant=tenant_get_active(tenant_id=claims.tenant_id),
            method=request.method or "GET",
            raw_path=_raw_path(request),
            decoded_path=path,
            query=request.META.get("QUERY_STRING", ""),
            body=request.body,
            headers=request.headers,
        )
        response = HttpResponse(result.content, status=result.status)
        for name, value in {**result.headers, **NO_STORE}.items():
            response[name] = value
        return response

    get = post = put = patch = delete = _forward


class ErpGraphqlProxyApi(_ErpApi):
    """``POST /api/erp/v2/graphql``: queries whose root fields' scopes the manifest declares."""

    http_method_names = ["post"]

    def post(self, request: Request) -> Response:
        claims = request_claims(request)
        data = erp_graphql_forward(
            tenant=tenant_get_active(tenant_id=claims.tenant_id), body=request.body
        )
        return Response({"data": data}, headers=NO_STORE)
