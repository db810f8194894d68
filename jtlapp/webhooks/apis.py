"""``POST /webhooks/erp``: JTL's ERP events arrive here (the manifest's webhook endpoint).

The raw body is read before any parser, since the signature covers the exact bytes, and is
capped (``JTL_WEBHOOK_MAX_BODY_BYTES``, 413 above it) before it is read in full.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from jtlapp.errors import ApplicationError
from jtlapp.webhooks.services import webhook_receive

NO_STORE = {"Cache-Control": "no-store"}


class WebhookBodyTooLargeError(ApplicationError):
    http_status = 413
    code = "body_too_large"


def _raw_body(request: Request) -> bytes:
    limit: int = settings.JTL_WEBHOOK_MAX_BODY_BYTES
    message = f"The body is larger than {limit} bytes."
    try:
        declared = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise WebhookBodyTooLargeError(message)
    raw = request._request.body  # noqa: SLF001 - the raw bytes, before any parser
    if len(raw) > limit:
        raise WebhookBodyTooLargeError(message)
    return raw


class WebhookErpApi(APIView):
    authentication_classes = ()
    permission_classes = ()

    def post(self, request: Request) -> Response:
        receipt = webhook_receive(body=_raw_body(request), headers=request.headers)
        body = {
            "received": True,
            "duplicate": receipt.duplicate,
            "eventId": receipt.event.event_id,
            "state": receipt.event.state,
        }
        answer = status.HTTP_200_OK if receipt.duplicate else status.HTTP_202_ACCEPTED
        return Response(body, status=answer, headers=NO_STORE)
