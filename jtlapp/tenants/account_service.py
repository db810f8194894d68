"""The account service's delegated-token endpoints (platform.md §5.3), with our service token.

Kept apart from ``credentials`` (which decides when to call them and stores the result) so the
wire format reads on its own; nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.views.decorators.debug import sensitive_variables

from jtlapp.auth.access_token import service_token_get, service_token_invalidate
from jtlapp.auth.access_token_fetch import lifetime_normalize
from jtlapp.outbound import OutboundError, OutboundUnavailableError, outbound_request

MINT_PATH = "/account/identity/delegated-token"
REFRESH_PATH = "/account/identity/delegated-token/refresh"


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


@sensitive_variables("service_token")
def account_post(*, path: str, body: dict[str, str]) -> DelegatedToken:
    """POST with our service token; after a 401 the token is invalidated and tried once more."""
    for attempt in (1, 2):
        service_token = service_token_get()
        response = outbound_request(
            method="POST",
            url=f"{settings.JTL_API_BASE_URL}{path}",
            headers={
                "Authorization": f"Bearer {service_token.value}",
                "Accept": "application/json",
            },
            json_body=body,
            timeout=settings.JTL_OUTBOUND_TIMEOUT_SECONDS,
        )
        if response.status != 401 or attempt == 2:
            break
        service_token_invalidate(token_value=service_token.value)
    if response.status >= 500 or response.status == 429:
        raise OutboundUnavailableError(f"account service answered HTTP {response.status}")
    data = response.json()
    if not response.ok:
        code = data.get("errorCode", "") if isinstance(data, dict) else ""
        raise AccountServiceRejectedError(status=response.status, error_code=str(code)[:40])
    return delegated_parse(data)


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
