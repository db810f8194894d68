"""The client base: credentials added at the last moment, one invalidate-and-resend on 401.

A 401 from JTL means "this credential is no longer good", never "this request is wrong", and
JTL did not run the request, so exactly one re-send with fresh credentials is safe for any
method. Whether a credential *can* be renewed is the credential's business (the service token
is dropped if it is still the stored one; a tenant's delegated token is refreshed or re-minted;
an OnPremise API key cannot be), so this rule is written once, here, for every caller.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol

from django.conf import settings
from django.views.decorators.debug import sensitive_variables

from jtlapp.auth.types import Generation
from jtlapp.gateway.http import OutboundResponse, outbound_request, outbound_request_async
from jtlapp.gateway.service_token import (
    service_token_get,
    service_token_get_cached,
    service_token_invalidate,
)
from jtlapp.gateway.sync import gateway_thread


class Credentials(Protocol):
    """What a call carries; ``invalidate`` says whether a re-send could succeed."""

    def headers(self) -> dict[str, str]: ...

    async def headers_async(self) -> dict[str, str]: ...

    def invalidate(self, *, sent: Mapping[str, str]) -> bool: ...

    async def invalidate_async(self, *, sent: Mapping[str, str]) -> bool: ...


def bearer_of(headers: Mapping[str, str]) -> str | None:
    scheme, _, token = headers.get("Authorization", "").partition(" ")
    return token if scheme == "Bearer" and token else None


class ServiceCredentials:
    """The app's service-account token (optionally with ``X-Tenant-ID``)."""

    def __init__(self, *, generation: Generation = "current", tenant_id: str | None = None) -> None:
        self.generation: Generation = generation
        self.extra = {"X-Tenant-ID": tenant_id} if tenant_id else {}

    @sensitive_variables("token")
    def headers(self) -> dict[str, str]:
        token = service_token_get(generation=self.generation).value
        return {"Authorization": f"Bearer {token}", **self.extra}

    async def headers_async(self) -> dict[str, str]:
        """No I/O with a fresh copy in this process; otherwise the shared refresh, in a thread."""
        token = service_token_get_cached(generation=self.generation)
        if token is None:
            return await gateway_thread(self.headers)
        return {"Authorization": f"Bearer {token}", **self.extra}

    def invalidate(self, *, sent: Mapping[str, str]) -> bool:
        token = bearer_of(sent)
        if token is None:
            return False
        service_token_invalidate(token_value=token, generation=self.generation)
        return True

    async def invalidate_async(self, *, sent: Mapping[str, str]) -> bool:
        return await gateway_thread(self.invalidate, sent=sent)


def authorized_request(
    *, credentials: Credentials, headers: Mapping[str, str] | None = None, **request: Any
) -> OutboundResponse:
    """``outbound_request`` with ``credentials``; after a 401 renewed once and sent again."""
    send: Callable[..., OutboundResponse] = request.pop("send", outbound_request)
    for attempt in (1, 2):
        auth = credentials.headers()
        response = send(headers={**(headers or {}), **auth}, **request)
        if response.status != 401 or attempt == 2 or not credentials.invalidate(sent=auth):
            return response
    raise AssertionError("unreachable")  # pragma: no cover


async def authorized_request_async(
    *, credentials: Credentials, headers: Mapping[str, str] | None = None, **request: Any
) -> OutboundResponse:
    """The same rule on the event loop."""
    send: Callable[..., Awaitable[OutboundResponse]] = request.pop("send", outbound_request_async)
    for attempt in (1, 2):
        auth = await credentials.headers_async()
        response = await send(headers={**(headers or {}), **auth}, **request)
        if response.status != 401 or attempt == 2:
            return response
        if not await credentials.invalidate_async(sent=auth):
            return response
    raise AssertionError("unreachable")  # pragma: no cover


def service_request(
    *, method: str, path: str, generation: Generation = "current", **request: Any
) -> OutboundResponse:
    """A call to ``{JTL_API_BASE_URL}{path}`` (account service) with the service token."""
    request.setdefault("timeout", settings.JTL_OUTBOUND_TIMEOUT_SECONDS)
    return authorized_request(
        credentials=ServiceCredentials(generation=generation),
        method=method,
        url=f"{settings.JTL_API_BASE_URL}{path}",
        **request,
    )
