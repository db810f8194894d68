"""One error shape for the whole API: ``{"message": ..., "code": ..., "extra": {...}}``.

Pages and scripts branch on ``code``; ``message`` is for people. Nothing from a request's
credentials ever goes into an error.
"""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions, status
from rest_framework.response import Response


class ApplicationError(Exception):
    """A domain error that the API shows to the caller as it is."""

    http_status: int = status.HTTP_400_BAD_REQUEST
    code: str = "invalid_request"

    def __init__(self, message: str, *, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


def error_body(*, message: str, code: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"message": message, "code": code, "extra": extra or {}}


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    # Imported here: DRF's views module loads the default authentication class, which
    # imports this module (the deny-by-default setting).
    from rest_framework.views import exception_handler  # noqa: PLC0415

    if isinstance(exc, ApplicationError):
        body = error_body(message=exc.message, code=exc.code, extra=exc.extra)
        return Response(body, status=exc.http_status)
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        body = error_body(
            message="The request is invalid.", code="invalid", extra={"fields": exc.detail}
        )
    elif isinstance(exc, exceptions.APIException):
        body = error_body(message=str(exc.detail), code=str(exc.get_codes()))
    else:
        body = error_body(message="The request failed.", code="error")
    response.data = body
    return response
