"""``POST /gdpr/request`` and ``POST /gdpr/delete``: the listing's ``legal.gdpr`` URLs."""

from __future__ import annotations

import json
from typing import Any

from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from jtlapp.auth.exceptions import TokenInvalidError
from jtlapp.auth.types import CallerClaims
from jtlapp.auth.verify import caller_token_verify
from jtlapp.errors import ApplicationError
from jtlapp.gdpr.models import GdprRequest
from jtlapp.gdpr.services import gdpr_data_request, gdpr_delete_request, gdpr_unverified_record
from jtlapp.tenants.lifecycle import lifecycle_body_token

MAX_BODY_BYTES = 64 * 1024
NO_STORE = {"Cache-Control": "no-store"}


class GdprUnverifiedError(ApplicationError):
    http_status = 401
    code = "gdpr_unverified"


def _verified(request: Request, *, kind: str) -> CallerClaims:
    """The token's claims (header or body field); anything else is recorded and refused."""
    raw = request._request.body[: MAX_BODY_BYTES + 1]  # noqa: SLF001 - raw bytes, no parser
    try:
        body: Any = json.loads(raw) if raw.strip() and len(raw) <= MAX_BODY_BYTES else {}
    except ValueError:
        body = {}
    scheme, _, header_token = request.headers.get("Authorization", "").partition(" ")
    token = header_token.strip() if scheme.lower() == "bearer" else None
    token = token or (lifecycle_body_token(body=body) if isinstance(body, dict) else None)
    if not token:
        gdpr_unverified_record(kind=kind, reason="no token")
        raise GdprUnverifiedError("A GDPR request must carry the tenant's app token.")
    try:
        return caller_token_verify(token=token)
    except TokenInvalidError as exc:
        gdpr_unverified_record(kind=kind, reason=exc.code)
        raise


class GdprDataRequestApi(APIView):
    """A merchant's data request: everything we hold about the token's tenant, as JSON."""

    authentication_classes = ()
    permission_classes = ()

    def post(self, request: Request) -> Response:
        claims = _verified(request, kind=GdprRequest.Kind.DATA)
        record, export = gdpr_data_request(claims=claims)
        body = {"requestId": record.pk, "outcome": record.outcome, "export": export}
        headers = {**NO_STORE, "Content-Disposition": 'attachment; filename="tenant-export.json"'}
        return Response(body, headers=headers)


class GdprDeleteRequestApi(APIView):
    """A merchant's delete request: the token's tenant is purged now."""

    authentication_classes = ()
    permission_classes = ()

    def post(self, request: Request) -> Response:
        claims = _verified(request, kind=GdprRequest.Kind.DELETE)
        record = gdpr_delete_request(claims=claims)
        body = {"requestId": record.pk, "outcome": record.outcome}
        return Response(body, status=status.HTTP_200_OK, headers=NO_STORE)
