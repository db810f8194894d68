"""Where a tenant's ERP lives, which credentials a call carries, and what an answer means.

Two deployments (erp-api.md §2, §3): JTL Cloud at ``{JTL_API_BASE_URL}/erp/<path>`` with
``Authorization: Bearer`` (+ ``X-Tenant-ID`` for the service token), and a merchant's own
JTL-Wawi at ``{base_url}/<path>`` with ``Authorization: Wawi <key>``, ``api-version``,
``x-appid`` and ``x-appversion``. Credentials are read per attempt, at the last moment, so
a refreshed token is used by the retry and never stored on the client.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.views.decorators.debug import sensitive_variables

from jtlapp.crypto import secret_decrypt
from jtlapp.erp.exceptions import (
    ErpAuthError,
    ErpError,
    ErpNotFoundError,
    ErpRateLimitedError,
    ErpRequestRejectedError,
    ErpUnavailableError,
)
from jtlapp.erp.resilience import retry_after_seconds
from jtlapp.outbound import OutboundResponse
from jtlapp.tenants.erp_auth import tenant_erp_auth_headers
from jtlapp.tenants.models import OnPremiseConnection, Tenant

CALLER_HEADERS = ("accept", "accept-language", "if-match", "if-none-match", "x-request-id")
"""The only caller headers a call forwards; auth and tenant headers are always ours."""
PASS_THROUGH_HEADERS = (
    "retry-after",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-interval-length-seconds",
)
_ID_SEGMENT = re.compile(r"\d")
_VERSION_SEGMENT = re.compile(r"^v\d+$", re.IGNORECASE)


def erp_base_url(*, tenant: Tenant, connection: OnPremiseConnection | None) -> str:
    if connection is not None:
        return connection.base_url.rstrip("/")
    return f"{settings.JTL_API_BASE_URL.rstrip('/')}/erp"


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
        or any(c in path for c in "?#\\")
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


@sensitive_variables("api_key")
def erp_auth_headers(*, tenant: Tenant, connection: OnPremiseConnection | None) -> dict[str, str]:
    if connection is None:
        return tenant_erp_auth_headers(tenant=tenant)
    api_key = secret_decrypt(ciphertext=connection.api_key_encrypted)
    return {
        "Authorization": f"Wawi {api_key}",
        "api-version": connection.api_version,
        "x-appid": connection.app_id,
        "x-appversion": connection.app_version,
    }


@sensitive_variables("auth")
def service_token_of(auth: Mapping[str, str]) -> str | None:
    """The service-account token a 401 may invalidate: the one sent with ``X-Tenant-ID``."""
    scheme, _, token = auth.get("Authorization", "").partition(" ")
    if scheme == "Bearer" and "X-Tenant-ID" in auth and token:
        return token
    return None


def caller_headers(headers: Mapping[str, str] | None) -> dict[str, str]:
    """Allow-listed caller headers; CR/LF in a value drops it (header injection)."""
    allowed = {}
    for name, value in (headers or {}).items():
        if name.lower() in CALLER_HEADERS and "\r" not in value and "\n" not in value:
            allowed[name.lower()] = value
    return allowed


def json_body(body: bytes | None) -> Any:
    """The body re-encoded by ``outbound_request`` (bare ``application/json``, erp-api §10.6)."""
    if body is None:
        return None
    try:
        return json.loads(body)
    except ValueError:
        raise ErpRequestRejectedError("The request body is not JSON.") from None


def path_template(path: str) -> str:
    """``v2/sales-orders/<uuid>/line-items`` -> ``v2/sales-orders/{id}/line-items`` for logs."""
    return "/".join(
        "{id}" if _ID_SEGMENT.search(s) and not _VERSION_SEGMENT.match(s) else s
        for s in path.split("/")
    )


def _error_fields(response: OutboundResponse) -> tuple[str | None, str | None]:
    """JTL's ``errorCode``/``errorMessage`` (v2) or ``ErrorCode``/``ErrorMessage`` (v1).

    Error bodies may be HTML pages from the gateway or the tunnel (erp-api.md §10.10).
    """
    try:
        data = json.loads(response.content)
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


def erp_error_from_response(*, response: OutboundResponse, operation: str) -> ErpError:
    """The typed error of a non-2xx answer; ``operation`` is method and path template."""
    status = response.status
    code, message = _error_fields(response)
    headers = {k: v for k, v in response.headers.items() if k in PASS_THROUGH_HEADERS}
    fields: dict[str, Any] = {
        "upstream_status": status,
        "error_code": code,
        "error_message": message,
        "headers": headers,
    }
    text = f"{operation}: JTL answered HTTP {status}" + (f" ({code})" if code else "")
    if status == 429:
        return ErpRateLimitedError(text, retry_after_seconds=retry_after_seconds(headers), **fields)
    if status in (401, 403):
        return ErpAuthError(text, **fields)
    if status == 404:
        return ErpNotFoundError(text, **fields)
    if 400 <= status < 500:
        return ErpRequestRejectedError(text, **fields)
    if 300 <= status < 400:
        return ErpUnavailableError(f"{operation}: redirect not followed (HTTP {status})", **fields)
    return ErpUnavailableError(text, retry_after_seconds=retry_after_seconds(headers), **fields)
