"""Every error answer is the one JSON error shape, also when the database or Redis is down.

``JsonErrorMiddleware`` turns an exception no view handled into a JSON answer before Django can
render an HTML page (with ``DEBUG`` on, Django's debug page would show the caller's headers,
body and local variables, tokens included): a database or Redis outage is 503 with
``Retry-After`` (so JTL redelivers a webhook and a page retries), anything else 500. Errors
Django answers itself (404, 405, 400 for a bad host) become the same shape on the way out.
``handler500`` covers exceptions raised outside views, and ``TokenSafeExceptionReporter`` with
its filter keeps tokens out of any debug page or error report that is still rendered.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

import redis
from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter
from kombu.exceptions import OperationalError as BrokerError

from jtlapp.errors import error_body
from jtlapp.logging import scrub

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
HTML_PREFIXES = ("/admin/", "/panes/", "/static/")
"""Pages (ours, the admin's) answer their own errors as HTML; a crash there is still JSON."""
_KEPT_HEADERS = ("Retry-After", "Allow", "WWW-Authenticate")
_UNAVAILABLE: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    redis.ConnectionError,
    redis.TimeoutError,
    BrokerError,
)
_SENSITIVE_NAMES = ("token", "secret", "authorization", "header", "body", "password", "key")


def unavailable_response(exc: BaseException) -> JsonResponse:
    what = "database" if isinstance(exc, OperationalError | InterfaceError) else "redis"
    response = JsonResponse(
        error_body(
            message=f"The service is unavailable ({what}). Retry later.",
            code=f"{what}_unavailable",
            extra={"retryAfterSeconds": RETRY_AFTER_SECONDS},
        ),
        status=HTTPStatus.SERVICE_UNAVAILABLE,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error_response() -> JsonResponse:
    return JsonResponse(
        error_body(message="The request failed on our side.", code="server_error"),
        status=HTTPStatus.INTERNAL_SERVER_ERROR,
    )


def _is_handled_by_django(exc: Exception) -> bool:
    """404, 403 and 400 exceptions: Django answers them; we only reshape the answer."""
    from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation  # noqa: PLC0415
    from django.http import Http404  # noqa: PLC0415

    return isinstance(exc, Http404 | PermissionDenied | SuspiciousOperation | BadRequest)


class JsonErrorMiddleware:
    """Sync and async: under ASGI the gateway's async views must not hop threads for it."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response
        self._async = iscoroutinefunction(get_response)
        if self._async:
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        if self._async:
            return self._acall(request)
        return _json_errors(request, self.get_response(request))

    async def _acall(self, request: HttpRequest) -> HttpResponseBase:
        return _json_errors(request, await self.get_response(request))

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if _is_handled_by_django(exception):
            return None
        if isinstance(exception, _UNAVAILABLE):
            logger.error("request failed, dependency unavailable: %s", type(exception).__name__)
            return unavailable_response(exception)
        logger.error("unhandled error on %s %s", request.method, request.path, exc_info=exception)
        return server_error_response()


def _json_errors(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    if response.status_code < 400 or request.path.startswith(HTML_PREFIXES):  # noqa: PLR2004
        return response
    if response.get("Content-Type", "").startswith("application/json"):
        return response
    return _reshaped(response)


def _reshaped(response: HttpResponseBase) -> JsonResponse:
    status = response.status_code
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    code = phrase.lower().replace(" ", "_").replace("-", "_")
    reshaped = JsonResponse(error_body(message=f"{phrase}.", code=code), status=status)
    for name in _KEPT_HEADERS:
        if name in response:
            reshaped[name] = response[name]
    return reshaped


def handler500(request: HttpRequest) -> JsonResponse:
    """Django's last resort (``DEBUG`` off): an outage is still a 503 with ``Retry-After``."""
    exc = sys.exc_info()[1]
    if exc is not None and isinstance(exc, _UNAVAILABLE):
        return unavailable_response(exc)
    return server_error_response()


def handler404(request: HttpRequest, exception: Exception) -> JsonResponse:
    return JsonResponse(error_body(message="Not Found.", code="not_found"), status=404)


class TokenSafeExceptionReporterFilter(SafeExceptionReporterFilter):
    """Debug pages and error reports without tokens: headers, body, query and locals scrubbed."""

    def get_safe_request_meta(self, request: HttpRequest) -> dict[str, Any]:
        meta = super().get_safe_request_meta(request)
        return {name: _scrubbed(name, value, self) for name, value in meta.items()}

    def get_post_parameters(self, request: HttpRequest | None) -> Any:
        if request is None:
            return {}
        return {name: self.cleansed_substitute for name in request.POST}

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> Any:
        variables = super().get_traceback_frame_variables(request, tb_frame)
        return [(name, _scrubbed(name, value, self)) for name, value in variables]


class TokenSafeExceptionReporter(ExceptionReporter):
    """The debug page's query string and URL go through the same scrubbing as the log."""

    def get_traceback_data(self) -> dict[str, Any]:
        data = super().get_traceback_data()
        if "request_GET_items" in data:
            data["request_GET_items"] = [
                (name, _scrubbed(name, value, self.filter))
                for name, value in data["request_GET_items"]
            ]
        if "request_insecure_uri" in data:
            data["request_insecure_uri"] = scrub(str(data["request_insecure_uri"]))
        return data


def _scrubbed(name: str, value: Any, report_filter: SafeExceptionReporterFilter) -> Any:
    if any(word in name.lower() for word in _SENSITIVE_NAMES):
        return report_filter.cleansed_substitute
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, HttpRequest):
        return f"<{type(value).__name__} {value.method} {value.path}>"
    return value
