"""The one error family of calls to a merchant's ERP (house style rule 5).

Callers catch narrowly: Celery tasks retry ``ErpUnavailableError``/``ErpRateLimitedError``,
the page proxy maps each class to one status. JTL's ``errorCode``/``errorMessage`` travel
along when the body had them; messages never contain tokens, query strings or bodies.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any


class ErpError(Exception):
    """Base of every failed ERP call."""

    def __init__(
        self,
        message: str,
        *,
        upstream_status: int | None = None,
        error_code: str | None = None,
        error_message: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.upstream_status = upstream_status
        self.error_code = error_code
        self.error_message = error_message
        self.headers: dict[str, str] = dict(headers or {})


class ErpUnavailableError(ErpError):
    """No usable answer: timeout, connection failure, 5xx after retries, circuit open, too large."""

    def __init__(
        self, message: str, *, retry_after_seconds: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(message, **kwargs)
        self.retry_after_seconds = retry_after_seconds


class ErpTimeoutError(ErpUnavailableError):
    """No answer within the deadline (the proxy answers 504; the upstream may have acted)."""


class ErpConnectionError(ErpUnavailableError):
    """The connection failed (refused, reset, DNS) without a timeout: safe to retry a GET."""


class ErpRateLimitedError(ErpError):
    """JTL answered 429 (``upstream``), or our limiter (``rate``) or bulkhead refused first.

    Always carries a wait: ``retry_after_seconds``.
    """

    def __init__(
        self,
        message: str,
        *,
        retry_after_seconds: int | None = None,
        reason: str = "upstream",
        **kwargs: Any,
    ) -> None:
        super().__init__(message, **kwargs)
        self.retry_after_seconds = retry_after_seconds
        self.reason = reason


class ErpAuthError(ErpError):
    """401/403: our credentials (401) or the granted scopes (403) did not suffice."""


class ErpNotFoundError(ErpError):
    """404: the object does not exist in this tenant's ERP (or the route does not)."""


class ErpRequestRejectedError(ErpError):
    """Any other 4xx, e.g. 400 VALIDATION_ERROR, 409, 412, 415, 422."""


class ErpGraphQLError(ErpError):
    """GraphQL answered HTTP 200 with ``errors[]`` (JTL's way to fail a query)."""

    def __init__(self, message: str, *, errors: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.errors = errors


PASS_THROUGH_HEADERS = (
    "retry-after",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-interval-length-seconds",
)
DEFAULT_RATE_LIMIT_WAIT_SECONDS = 5
"""A 429 that names no wait still gets one (README): JTL documents none (platform.md §7.5)."""


def retry_after_parse(value: str | None) -> int | None:
    """``Retry-After`` as delta-seconds or HTTP-date (RFC 9110 §10.2.3), in whole seconds."""
    raw = (value or "").strip()
    if not raw:
        return None
    if raw.isdigit():
        return int(raw)
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0, math.ceil((when - datetime.now(UTC)).total_seconds()))


def _error_fields(content: bytes) -> tuple[str | None, str | None]:
    """JTL's ``errorCode``/``errorMessage`` (v2) or ``ErrorCode``/``ErrorMessage`` (v1).

    Error bodies may be HTML pages from the gateway or the tunnel (erp-api.md §10.10).
    """
    try:
        data = json.loads(content)
    except ValueError:
        return None, None
    if not isinstance(data, dict):
        return None, None
    code = data.get("errorCode", data.get("ErrorCode"))
    message = data.get("errorMessage", data.get("ErrorMessage"))
    return (
        code if isinstance(code, str) else None,
        message[:500] if isinstance(message, str) else None,
    )


def erp_error_from_response(
    *, status: int, headers: Mapping[str, str], content: bytes, operation: str
) -> ErpError:
    """The typed error of a non-2xx answer; ``operation`` is method and path template."""
    code, message = _error_fields(content)
    passed = {k: v for k, v in headers.items() if k in PASS_THROUGH_HEADERS}
    fields: dict[str, Any] = {
        "upstream_status": status,
        "error_code": code,
        "error_message": message,
        "headers": passed,
    }
    text = f"{operation}: JTL answered HTTP {status}" + (f" ({code})" if code else "")
    if status == 429:
        wait = retry_after_parse(passed.get("retry-after"))
        if wait is None:
            wait = retry_after_parse(passed.get("x-ratelimit-interval-length-seconds"))
        wait = DEFAULT_RATE_LIMIT_WAIT_SECONDS if wait is None else max(1, wait)
        return ErpRateLimitedError(text, retry_after_seconds=wait, **fields)
    if status in (401, 403):
        return ErpAuthError(text, **fields)
    if status == 404:
        return ErpNotFoundError(text, **fields)
    if 400 <= status < 500:
        return ErpRequestRejectedError(text, **fields)
    if 300 <= status < 400:
        return ErpUnavailableError(f"{operation}: redirect not followed (HTTP {status})", **fields)
    # A 5xx names a wait only through its own Retry-After; the rate-limit window is not one.
    wait = retry_after_parse(passed.get("retry-after"))
    return ErpUnavailableError(text, retry_after_seconds=wait, **fields)
