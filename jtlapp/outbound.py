"""The one place that speaks HTTP to JTL (identity provider, account service, ERP API).

Every outbound call goes through ``outbound_request`` so that timeouts, redirects and error
mapping are decided once: redirects are never followed (a redirect would carry our token to
another host), every call has a bounded timeout, and failures surface as one small error
family that callers can catch narrowly. Request and response bodies are never logged.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import httpx

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 5.0
MAX_RESPONSE_BYTES = 10 * 1024 * 1024


class OutboundError(Exception):
    """Base of every outbound failure; the message never contains credentials."""


class OutboundUnavailableError(OutboundError):
    """No answer: connection refused, DNS failure, timeout, or a response too large."""


@dataclass(frozen=True, kw_only=True)
class OutboundResponse:
    status: int
    headers: Mapping[str, str]
    content: bytes = field(repr=False)
    elapsed_ms: float

    def json(self) -> Any:
        """The body as JSON; ``OutboundError`` if it is not JSON (e.g. an HTML error page)."""
        try:
            return json.loads(self.content)
        except ValueError as exc:
            raise OutboundError(f"HTTP {self.status}: body is not JSON") from exc

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


@cache
def _client() -> httpx.Client:
    """One pooled client per process; per-call timeouts override the default."""
    return httpx.Client(
        follow_redirects=False,
        timeout=httpx.Timeout(DEFAULT_TIMEOUT_SECONDS),
        limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
        trust_env=False,
    )


def outbound_request(
    *,
    method: str,
    url: str,
    headers: Mapping[str, str] | None = None,
    params: Mapping[str, str] | None = None,
    json_body: Any = None,
    form: Mapping[str, str] | None = None,
    auth: tuple[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    connect_timeout: float | None = None,
    total_timeout: float | None = None,
) -> OutboundResponse:
    """Send one request and read the whole (size-capped) response.

    Any HTTP status is returned as a response; only transport failures raise. ``timeout``
    bounds each read, so a server dripping one byte at a time needs ``total_timeout``.
    """
    started = time.monotonic()
    deadline = started + total_timeout if total_timeout is not None else None
    timeouts = httpx.Timeout(timeout, connect=connect_timeout or min(timeout, 3.0))
    try:
        with _client().stream(
            method,
            url,
            headers=dict(headers or {}),
            params=dict(params) if params else None,
            json=json_body,
            data=dict(form) if form else None,
            auth=auth,
            timeout=timeouts,
        ) as response:
            content = _read_capped(response, deadline=deadline)
    except httpx.TimeoutException as exc:
        raise OutboundUnavailableError(f"{method} {_where(url)}: timed out") from exc
    except httpx.HTTPError as exc:
        raise OutboundUnavailableError(f"{method} {_where(url)}: {type(exc).__name__}") from exc
    elapsed_ms = round((time.monotonic() - started) * 1000, 1)
    logger.debug("%s %s -> %s in %.1f ms", method, _where(url), response.status_code, elapsed_ms)
    return OutboundResponse(
        status=response.status_code,
        headers={k.lower(): v for k, v in response.headers.items()},
        content=content,
        elapsed_ms=elapsed_ms,
    )


def _read_capped(response: httpx.Response, *, deadline: float | None) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        if deadline is not None and time.monotonic() > deadline:
            raise httpx.ReadTimeout("the response did not arrive within the total timeout")
        size += len(chunk)
        if size > MAX_RESPONSE_BYTES:
            raise OutboundUnavailableError(f"response larger than {MAX_RESPONSE_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _where(url: str) -> str:
    """Scheme, host and path only: query strings may carry identifiers we do not log."""
    parsed = httpx.URL(url)
    return f"{parsed.scheme}://{parsed.host}{parsed.path}"
