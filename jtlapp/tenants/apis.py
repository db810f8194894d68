"""HTTP edge of tenants: the setup call of our setup page, and JTL's lifecycle calls."""

from __future__ import annotations

import json
from typing import Any

from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from jtlapp.auth.authentication import AppTokenAuthentication, request_claims
from jtlapp.auth.types import CallerClaims
from jtlapp.auth.verify import caller_token_verify
from jtlapp.errors import ApplicationError
from jtlapp.manifest import manifest_api_scopes
from jtlapp.tenants.lifecycle import lifecycle_body_token, lifecycle_call_receive
from jtlapp.tenants.models import LifecycleCall, Tenant
from jtlapp.tenants.services import tenant_connect

LIFECYCLE_MAX_BODY_BYTES = 64 * 1024
NO_STORE = {"Cache-Control": "no-store"}


class LifecycleBodyError(ApplicationError):
    code = "invalid_body"


class LifecycleBodyTooLargeError(ApplicationError):
    http_status = 413
    code = "body_too_large"


def _tenant_view(tenant: Tenant | None, claims: CallerClaims) -> dict[str, Any]:
    declared = manifest_api_scopes()
    granted = set(tenant.granted_scopes) if tenant else set(claims.scopes)
    return {
        "tenantId": claims.tenant_id,
        "state": tenant.state if tenant else "not_set_up",
        "setUpBy": tenant.set_up_by if tenant else None,
        "grantedScopes": sorted(granted),
        "missingScopes": sorted(declared - granted),
    }


class TenantSetupApi(APIView):
    """``POST /api/tenant/setup``: the setup page connects the caller's tenant."""

    authentication_classes = (AppTokenAuthentication,)
    permission_classes = (IsAuthenticated,)

    def post(self, request: Request) -> Response:
        claims = request_claims(request)
        tenant = tenant_connect(claims=claims)
        return Response(_tenant_view(tenant, claims), headers=NO_STORE)


class TenantCurrentApi(APIView):
    """``GET /api/tenant``: the caller's tenant and whether setup is complete."""

    authentication_classes = (AppTokenAuthentication,)
    permission_classes = (IsAuthenticated,)

    def get(self, request: Request) -> Response:
        claims = request_claims(request)
        tenant = Tenant.objects.filter(tenant_id=claims.tenant_id).first()
        return Response(_tenant_view(tenant, claims), headers=NO_STORE)


def _lifecycle_body(request: Request) -> dict[str, Any]:
    raw = request._request.body  # noqa: SLF001 - the raw bytes, before any parser
    if len(raw) > LIFECYCLE_MAX_BODY_BYTES:
        raise LifecycleBodyTooLargeError("The body is larger than 64 KB.")
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except ValueError as exc:
        raise LifecycleBodyError("The body is not JSON.") from exc
    if not isinstance(body, dict):
        raise LifecycleBodyError("The body must be a JSON object.")
    return body


class _LifecycleApi(APIView):
    """JTL's lifecycle call: recorded, verified if it carries a token, answered at once."""

    authentication_classes = ()
    permission_classes = ()
    kind: str = ""

    def post(self, request: Request) -> Response:
        body = _lifecycle_body(request)
        scheme, _, header_token = request.headers.get("Authorization", "").partition(" ")
        token = header_token.strip() if scheme.lower() == "bearer" else None
        token = token or lifecycle_body_token(body=body)
        claims = caller_token_verify(token=token) if token else None
        call = lifecycle_call_receive(kind=self.kind, body=body, token=token, claims=claims)
        return Response(
            {"received": True, "outcome": call.outcome},
            status=status.HTTP_202_ACCEPTED,
            headers=NO_STORE,
        )


class LifecycleConnectApi(_LifecycleApi):
    kind = LifecycleCall.Kind.CONNECT


class LifecycleDisconnectApi(_LifecycleApi):
    kind = LifecycleCall.Kind.DISCONNECT
