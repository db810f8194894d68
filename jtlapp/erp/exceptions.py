"""The one error family of calls to a merchant's ERP (house style rule 5).

Callers catch narrowly: Celery tasks retry ``ErpUnavailableError``/``ErpRateLimitedError``,
the page proxy maps each class to one status. JTL's ``errorCode``/``errorMessage`` travel
along when the body had them; messages never contain tokens, query strings or bodies.
"""

from __future__ import annotations

from collections.abc import Mapping
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
    """No usable answer: timeout, connection failure, 5xx after retries, circuit open, too large.

    A timeout's message contains "timed out" so the proxy can answer 504 instead of 502.
    """

    def __init__(
        self, message: str, *, retry_after_seconds: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(message, **kwargs)
        self.retry_after_seconds = retry_after_seconds


class ErpConnectionError(ErpUnavailableError):
    """The connection failed (refused, reset, DNS) without a timeout: safe to retry a GET."""


class ErpRateLimitedError(ErpError):
    """JTL answered 429, or our own per-tenant limiter refused before any upstream call."""

    def __init__(
        self, message: str, *, retry_after_seconds: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(message, **kwargs)
        self.retry_after_seconds = retry_after_seconds


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
