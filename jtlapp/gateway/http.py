"""The HTTP layer under every call to JTL, sync (Celery, commands) and async (the web path).

Decided once for every caller: redirects are never followed (a redirect would carry our token
to another host), every call has a bounded timeout and a total deadline, a response is read
up to ``MAX_RESPONSE_BYTES`` only, and failures are one small typed family that callers catch
narrowly: never classified by message text. Connections are pooled per upstream host (and,
for the async client, per event loop, since a pool cannot outlive its loop). Bodies are never
logged; only scheme, host and path.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 5.0
MAX_RESPONSE_BYTES = 10 * 1024 * 1024
POOL_LIMITS = httpx.Limits(max_connections=200, max_keepalive_connections=50, keepalive_expiry=30)


class OutboundError(Exception):
    """Base of every outbound failure; the message never contains credentials."""


class OutboundUnavailableError(OutboundError):
    """No usable answer (the three subclasses say why)."""


class OutboundTimeoutError(OutboundUnavailableError):
    """A connect, read or total timeout: the upstream may have run the request."""


class OutboundConnectionError(OutboundUnavailableError):
    """Refused, reset, DNS or TLS failure: nothing reached the upstream's application."""


class OutboundTooLargeError(OutboundUnavailableError):
    """The answer exceeded ``MAX_RESPONSE_BYTES``; it was not read further."""


class OutboundStatusError(OutboundError):
    """An answer we cannot use: an unexpected HTTP status, or a body that is not JSON."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, kw_only=True)
class OutboundResponse:
    status: int
    headers: Mapping[str, str]
    """Lower-case names."""
    content: bytes = field(repr=False)
    elapsed_ms: float

    def json(self) -> Any:
        """The body as JSON; ``OutboundStatusError`` if it is not (e.g. an HTML error page)."""
        try:
            return json.loads(self.content)
        except ValueError as exc:
            raise OutboundStatusError(
                f"HTTP {self.status}: body is not JSON", status=self.status
            ) from exc

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def raise_for_status(self) -> None:
        if not self.ok:
            raise OutboundStatusError(f"HTTP {self.status}", status=self.status)


_sync_clients: dict[str, httpx.Client] = {}
_sync_lock = threading.Lock()
_async_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, Any]] = (
    weakref.WeakKeyDictionary()
)


def _origin(url: str) -> str:
    parsed = httpx.URL(url)
    return f"{parsed.scheme}://{parsed.host}:{parsed.port or ''}"


def _client_options() -> dict[str, Any]:
    return {
        "follow_redirects": False,
        "timeout": httpx.Timeout(DEFAULT_TIMEOUT_SECONDS),
        "limits": POOL_LIMITS,
        "trust_env": False,
    }


def _sync_client(url: str) -> httpx.Client:
    origin = _origin(url)
    client = _sync_clients.get(origin)
    if client is None:
        with _sync_lock:
            client = _sync_clients.setdefault(origin, httpx.Client(**_client_options()))
    return client


def _async_client(url: str) -> httpx.AsyncClient:
    loop = asyncio.get_running_loop()
    per_loop = _async_clients.setdefault(loop, {})
    origin = _origin(url)
    client = per_loop.get(origin)
    if client is None:
        client = per_loop[origin] = httpx.AsyncClient(**_client_options())
    assert isinstance(client, httpx.AsyncClient)  # noqa: S101 - the dict holds nothing else
    return client


def _request_options(
    *,
    headers: Mapping[str, str] | None,
    params: Mapping[str, str] | None,
    json_body: Any,
    content: bytes | None,
    form: Mapping[str, str] | None,
    auth: tuple[str, str] | None,
    timeout: float,
    connect_timeout: float | None,
) -> dict[str, Any]:
    options: dict[str, Any] = {
        "headers": dict(headers or {}),
        "timeout": httpx.Timeout(timeout, connect=connect_timeout or min(timeout, 3.0)),
    }
    if params:
        options["params"] = dict(params)
    if content is not None:
        options["content"] = content
    elif json_body is not None:
        options["json"] = json_body
    if form:
        options["data"] = dict(form)
    if auth is not None:
        options["auth"] = auth
    return options


def _failure(exc: httpx.HTTPError, *, method: str, url: str) -> OutboundUnavailableError:
    if isinstance(exc, httpx.TimeoutException):
        return OutboundTimeoutError(f"{method} {_where(url)}: timed out")
    return OutboundConnectionError(f"{method} {_where(url)}: {type(exc).__name__}")


def _answer(response: httpx.Response, content: bytes, started: float) -> OutboundResponse:
    return OutboundResponse(
        status=response.status_code,
        headers={k.lower(): v for k, v in response.headers.items()},
        content=content,
        elapsed_ms=round((time.monotonic() - started) * 1000, 1),
    )


def outbound_request(
    *,
    method: str,
    url: str,
    headers: Mapping[str, str] | None = None,
    params: Mapping[str, str] | None = None,
    json_body: Any = None,
    content: bytes | None = None,
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
    options = _request_options(
        headers=headers,
        params=params,
        json_body=json_body,
        content=content,
        form=form,
        auth=auth,
        timeout=timeout,
        connect_timeout=connect_timeout,
    )
    try:
        with _sync_client(url).stream(method, url, **options) as response:
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                if deadline is not None and time.monotonic() > deadline:
                    raise httpx.ReadTimeout("the response did not arrive within the deadline")
                size = _capped(size + len(chunk), method=method, url=url)
                chunks.append(chunk)
    except httpx.HTTPError as exc:
        raise _failure(exc, method=method, url=url) from exc
    answer = _answer(response, b"".join(chunks), started)
    logger.debug("%s %s -> %s in %.1f ms", method, _where(url), answer.status, answer.elapsed_ms)
    return answer


async def outbound_request_async(
    *,
    method: str,
    url: str,
    headers: Mapping[str, str] | None = None,
    params: Mapping[str, str] | None = None,
    json_body: Any = None,
    content: bytes | None = None,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    connect_timeout: float | None = None,
    total_timeout: float | None = None,
) -> OutboundResponse:
    """``outbound_request`` for the event loop: no thread is held while JTL thinks."""
    started = time.monotonic()
    options = _request_options(
        headers=headers,
        params=params,
        json_body=json_body,
        content=content,
        form=None,
        auth=None,
        timeout=timeout,
        connect_timeout=connect_timeout,
    )
    try:
        async with asyncio.timeout(total_timeout):
            async with _async_client(url).stream(method, url, **options) as response:
                chunks: list[bytes] = []
                size = 0
                async for chunk in response.aiter_bytes():
                    size = _capped(size + len(chunk), method=method, url=url)
                    chunks.append(chunk)
    except TimeoutError as exc:
        raise OutboundTimeoutError(f"{method} {_where(url)}: timed out (deadline)") from exc
    except httpx.HTTPError as exc:
        raise _failure(exc, method=method, url=url) from exc
    answer = _answer(response, b"".join(chunks), started)
    logger.debug("%s %s -> %s in %.1f ms", method, _where(url), answer.status, answer.elapsed_ms)
    return answer


def _capped(size: int, *, method: str, url: str) -> int:
    if size > MAX_RESPONSE_BYTES:
        raise OutboundTooLargeError(
            f"{method} {_where(url)}: response larger than {MAX_RESPONSE_BYTES} bytes"
        )
    return size


def _where(url: str) -> str:
    """Scheme, host and path only: query strings may carry identifiers we do not log."""
    parsed = httpx.URL(url)
    return f"{parsed.scheme}://{parsed.host}{parsed.path}"
