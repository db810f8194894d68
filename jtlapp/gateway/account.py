"""Every call to JTL's account service (platform.md §5).

Delegated tokens (§5.3), the tenants that installed the app, and a signed-in user's tenants.

Kept apart from ``tenants.credentials`` (which decides when to mint and stores the result) so
the wire format reads on its own; nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.conf import settings
from django.views.decorators.debug import sensitive_variables

from jtlapp.gateway.authorized import service_request
from jtlapp.gateway.http import (
    OutboundError,
    OutboundStatusError,
    OutboundUnavailableError,
    outbound_request,
)
from jtlapp.gateway.service_token_fetch import lifetime_normalize

MINT_PATH = "/account/identity/delegated-token"
REFRESH_PATH = "/account/identity/delegated-token/refresh"
TENANTS_PATH = "/account/tenants"


class AccountServiceRejectedError(OutboundError):
    """A 4xx from the account service (not installed, unknown tenant, used refresh token)."""

    def __init__(self, *, status: int, error_code: str) -> None:
        super().__init__(f"account service answered HTTP {status} {error_code}".strip())
        self.status = status


@dataclass(frozen=True, kw_only=True, repr=False)
class DelegatedToken:
    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    lifetime_seconds: int

    def __repr__(self) -> str:
        return (
            "DelegatedToken(access_token='***', refresh_token='***', "
            f"lifetime_seconds={self.lifetime_seconds})"
        )

    __str__ = __repr__


def account_post(*, path: str, body: dict[str, str]) -> DelegatedToken:
    """POST a delegated-token request with our service token (``authorized``'s 401 rule)."""
    response = service_request(
        method="POST", path=path, json_body=body, headers={"Accept": "application/json"}
    )
    if response.status >= 500 or response.status == 429:
        raise OutboundUnavailableError(f"account service answered HTTP {response.status}")
    data = response.json()
    if not response.ok:
        code = data.get("errorCode", "") if isinstance(data, dict) else ""
        raise AccountServiceRejectedError(status=response.status, error_code=str(code)[:40])
    return delegated_parse(data)


def account_installed_tenant_ids() -> set[UUID]:
    """Which tenants have the app installed now (``GET /account/tenants``, platform.md §5)."""
    response = service_request(method="GET", path=TENANTS_PATH)
    if not response.ok:
        raise OutboundStatusError(
            f"account service answered HTTP {response.status}", status=response.status
        )
    listed = response.json()
    if not isinstance(listed, list):
        raise OutboundStatusError("account service: tenant list is not a list", status=200)
    return {UUID(str(e["id"])) for e in listed if isinstance(e, dict) and "id" in e}


@sensitive_variables("access_token")
def account_user_tenants(*, access_token: str) -> list[Any] | None:
    """The tenants a signed-in user may open (the Hub page); ``None`` if not listable now."""
    try:
        response = outbound_request(
            method="GET",
            url=f"{settings.JTL_API_BASE_URL}{TENANTS_PATH}",
            headers={"Authorization": f"Bearer {access_token}", "Accept": "application/json"},
            timeout=settings.JTL_OUTBOUND_TIMEOUT_SECONDS,
        )
        records = response.json() if response.ok else None
    except OutboundError:
        return None
    return records if isinstance(records, list) else None


def delegated_parse(data: Any) -> DelegatedToken:
    access = data.get("accessToken") if isinstance(data, dict) else None
    if not isinstance(access, str) or not access:
        raise OutboundUnavailableError("account service answered without accessToken")
    refresh = data.get("refreshToken")
    return DelegatedToken(
        access_token=access,
        refresh_token=refresh if isinstance(refresh, str) else "",
        lifetime_seconds=lifetime_normalize(data.get("expiresIn")),
    )
