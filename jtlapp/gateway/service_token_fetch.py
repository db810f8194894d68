"""One request to JTL's token endpoint for the app's service-account token (platform.md §5).

authlib's OAuth2 client builds the client_credentials request and parses the RFC 6749 answer;
the bytes travel through ``jtlapp.gateway.http`` (bounded timeout, no redirects, error mapping), so
this module holds no HTTP client of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlencode

from authlib.common.urls import url_decode
from authlib.oauth2.base import OAuth2Error
from authlib.oauth2.client import DEFAULT_HEADERS, OAuth2Client
from django.conf import settings
from django.views.decorators.debug import sensitive_variables

from jtlapp.gateway.http import OutboundError, OutboundResponse, outbound_request

Generation = Literal["current", "legacy"]

DEFAULT_LIFETIME_SECONDS = 300
"""Used when ``expires_in`` is missing, zero, negative or not a number (security.md case 37)."""
MAX_LIFETIME_SECONDS = 24 * 3600
"""No token is cached longer than this, whatever ``expires_in`` claims."""


class TokenFetchError(Exception):
    """The endpoint gave no token. ``rejected``: it refused us (4xx), retrying will not help."""

    def __init__(self, message: str, *, rejected: bool) -> None:
        super().__init__(message)
        self.rejected = rejected


@dataclass(frozen=True, kw_only=True)
class FetchedToken:
    value: str = field(repr=False)
    lifetime_seconds: int


EXP_GRANULARITY_SECONDS = 1.0
"""A JWT's ``exp`` is whole seconds (NumericDate): the issuer's expiry can fall up to a second
before "issued + ``expires_in``", so that second is never counted as usable."""


def usable_lifetime_seconds(lifetime: int) -> float:
    """How long after the request a token may be used: its lifetime less the ``exp`` rounding.

    At least half of it, so a 1-second token is not "expired on arrival".
    """
    return max(lifetime - EXP_GRANULARITY_SECONDS, lifetime / 2)


def lifetime_normalize(raw: object) -> int:
    """``expires_in`` as seconds, defaulting the absurd and capping the huge (case 37)."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        return DEFAULT_LIFETIME_SECONDS
    try:
        seconds = int(float(raw))
    except (ValueError, OverflowError):
        return DEFAULT_LIFETIME_SECONDS
    if seconds <= 0:
        return DEFAULT_LIFETIME_SECONDS
    return min(seconds, MAX_LIFETIME_SECONDS)


def token_endpoint(*, generation: Generation) -> str:
    if generation == "legacy":
        return settings.JTL_LEGACY_TOKEN_URL
    return f"{settings.JTL_ISSUER}/oauth/v2/token"


class _HttpStatusError(OutboundError):
    """A 5xx (or, for raise_for_status callers, any >= 400) answer of the token endpoint."""

    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status


@dataclass(frozen=True)
class _Response:
    """The slice of a requests/httpx response that authlib's token parsing reads."""

    wrapped: OutboundResponse

    @property
    def status_code(self) -> int:
        return self.wrapped.status

    def json(self) -> Any:
        """The body, with ``expires_in`` made sane before authlib does arithmetic on it."""
        try:
            body = self.wrapped.json()
        except OutboundError as exc:
            raise ValueError("body is not JSON") from exc
        if isinstance(body, dict) and "access_token" in body:
            body["expires_in"] = lifetime_normalize(body.get("expires_in"))
            body.pop("expires_at", None)
        return body

    def raise_for_status(self) -> None:
        if self.wrapped.status >= 400:
            raise _HttpStatusError(self.wrapped.status)


@dataclass(frozen=True)
class OutboundOAuthSession:
    """What authlib calls ``session``: applies its client auth and posts via ``outbound``.

    Shared by every authlib client we run (service token, Hub sign-in), so all token requests
    get the same timeouts, redirect policy and ``expires_in`` sanity.
    """

    timeout: float

    @sensitive_variables("headers", "body", "auth")
    def post(
        self, url: str, *, data: Mapping[str, str], headers: Mapping[str, str], auth: Any, **_: Any
    ) -> _Response:
        url, prepared_headers, body = auth.prepare("POST", url, dict(headers), urlencode(data))
        response = outbound_request(
            method="POST",
            url=url,
            headers=prepared_headers,
            form=dict(url_decode(body)),
            timeout=self.timeout,
        )
        return _Response(response)


@sensitive_variables("client", "token")
def token_fetch(*, generation: Generation) -> FetchedToken:
    """client_credentials with HTTP Basic; the current issuer needs ``scope=openid``, Ory none."""
    client = OAuth2Client(
        session=OutboundOAuthSession(timeout=settings.JTL_OUTBOUND_TIMEOUT_SECONDS),
        client_id=settings.JTL_CLIENT_ID,
        client_secret=settings.JTL_CLIENT_SECRET,
        token_endpoint_auth_method="client_secret_basic",  # noqa: S106 - a method name
        scope="openid" if generation == "current" else None,
    )
    try:
        token = client.fetch_token(
            token_endpoint(generation=generation),
            grant_type="client_credentials",
            headers=dict(DEFAULT_HEADERS),
        )
    except OAuth2Error as exc:
        raise TokenFetchError(f"token endpoint refused: {exc.error}", rejected=True) from None
    except _HttpStatusError as exc:
        rejected = exc.status < 500 and exc.status != 429
        message = f"token endpoint answered HTTP {exc.status}"
        raise TokenFetchError(message, rejected=rejected) from None
    except OutboundError as exc:
        raise TokenFetchError(f"token endpoint unreachable: {exc}", rejected=False) from None
    except ValueError:
        raise TokenFetchError("token endpoint answered no JSON object", rejected=False) from None
    value = token.get("access_token")
    if not isinstance(value, str) or not value:
        raise TokenFetchError("token response has no access_token", rejected=False)
    return FetchedToken(value=value, lifetime_seconds=lifetime_normalize(token.get("expires_in")))
