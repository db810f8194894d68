"""Hub launcher sign-in: OIDC authorization code with PKCE (S256) against JTL's identity provider.

The Hub opens our launcher as a normal browser tab, so there is no AppBridge and no app token:
the user signs in as a public client (``JTL_CLIENT_ID``, no secret) and the redirect URI is the
one ``manifest.json`` registers (``authentication.publicClient.redirectUris``), built from the
host we are served on so that JTL's exact-match check is the one that decides. authlib's
OAuth2 client builds the requests; they travel through ``jtlapp.gateway.http`` like every other
call to JTL (authlib's Django integration would need ``requests``, which we do not ship).
State, PKCE verifier and nonce live in the Django session only until the callback uses them.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from authlib.oauth2.base import OAuth2Error
from authlib.oauth2.client import DEFAULT_HEADERS, OAuth2Client
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.cache import cache

from jtlapp.gateway.account import account_user_tenants
from jtlapp.gateway.http import OutboundError, outbound_request
from jtlapp.gateway.service_token_fetch import OutboundOAuthSession
from panes.hub_tokens import HubSignInError, id_token_claims

SCOPE = "openid profile email"
PENDING_KEY = "panes.hub.pending"
USER_KEY = "panes.hub.user"
METADATA_CACHE_KEY = "panes:hub:oidc-metadata"
METADATA_CACHE_SECONDS = 3600

__all__ = ["HubSignInError", "HubUser", "hub_sign_in_finish", "hub_sign_in_start", "hub_sign_out"]


@dataclass(frozen=True, kw_only=True)
class HubUser:
    sub: str
    name: str
    email: str | None
    tenants: tuple[tuple[str, str], ...]
    """(tenant id, name) of every tenant the account service lists for this user."""
    tenants_listed: bool

    @classmethod
    def from_session(cls, session: SessionBase) -> HubUser | None:
        raw = session.get(USER_KEY)
        if not isinstance(raw, dict):
            return None
        tenants = tuple((str(t[0]), str(t[1])) for t in raw.get("tenants", []))
        return cls(
            sub=str(raw["sub"]),
            name=str(raw["name"]),
            email=raw.get("email"),
            tenants=tenants,
            tenants_listed=bool(raw.get("tenantsListed")),
        )


def _client(*, redirect_uri: str) -> OAuth2Client:
    return OAuth2Client(
        session=OutboundOAuthSession(timeout=settings.JTL_OUTBOUND_TIMEOUT_SECONDS),
        client_id=settings.JTL_CLIENT_ID,
        token_endpoint_auth_method="none",  # noqa: S106 - a public client: PKCE, no secret
        scope=SCOPE,
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
    )


def _get_json(*, url: str, token: str | None = None) -> Any:
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        response = outbound_request(
            method="GET", url=url, headers=headers, timeout=settings.JTL_OUTBOUND_TIMEOUT_SECONDS
        )
    except OutboundError as exc:
        raise HubSignInError("JTL's sign-in service is not reachable right now.") from exc
    if response.status != 200:  # noqa: PLR2004
        raise HubSignInError(f"JTL's sign-in service answered HTTP {response.status}.")
    return response.json()


def provider_metadata() -> dict[str, Any]:
    """OIDC discovery of ``JTL_ISSUER``, cached: endpoints change with deployments, not calls."""
    key = f"{METADATA_CACHE_KEY}:{settings.JTL_ISSUER}"
    metadata = cache.get(key)
    if not isinstance(metadata, dict):
        metadata = _get_json(url=f"{settings.JTL_ISSUER}/.well-known/openid-configuration")
        if not isinstance(metadata, dict) or metadata.get("issuer") != settings.JTL_ISSUER:
            raise HubSignInError("JTL's sign-in metadata names another issuer.")
        cache.set(key, metadata, METADATA_CACHE_SECONDS)
    return metadata


def hub_sign_in_start(*, session: SessionBase, redirect_uri: str, language: str) -> str:
    """The authorize URL to send the browser to; remembers state, verifier and nonce."""
    verifier = secrets.token_urlsafe(48)
    nonce = secrets.token_urlsafe(24)
    url, state = _client(redirect_uri=redirect_uri).create_authorization_url(
        provider_metadata()["authorization_endpoint"],
        code_verifier=verifier,
        nonce=nonce,
        ui_locales=language,
    )
    session[PENDING_KEY] = {
        "state": state,
        "verifier": verifier,
        "nonce": nonce,
        "redirectUri": redirect_uri,
    }
    session.pop(USER_KEY, None)
    return str(url)


def hub_sign_in_finish(*, session: SessionBase, params: Mapping[str, str]) -> HubUser:
    """Check the callback's state, redeem the code with the verifier, verify the ID token."""
    pending = session.pop(PENDING_KEY, None)
    if params.get("error"):
        raise HubSignInError(f"Sign-in was not completed ({params['error']}).")
    state = params.get("state", "")
    if not isinstance(pending, dict) or not secrets.compare_digest(state, pending["state"]):
        raise HubSignInError("The sign-in answer does not belong to this browser session.")
    if not params.get("code"):
        raise HubSignInError("The sign-in answer carries no authorization code.")
    metadata = provider_metadata()
    try:
        token = _client(redirect_uri=pending["redirectUri"]).fetch_token(
            metadata["token_endpoint"],
            grant_type="authorization_code",
            code=params["code"],
            code_verifier=pending["verifier"],
            headers=dict(DEFAULT_HEADERS),
        )
    except OAuth2Error as exc:
        raise HubSignInError(f"JTL refused the sign-in ({exc.error}).") from None
    except (OutboundError, ValueError) as exc:  # unreachable, 5xx, or not a JSON answer
        raise HubSignInError("JTL's sign-in service is not reachable right now.") from exc
    user = _user_from_tokens(token=token, nonce=pending["nonce"], metadata=metadata)
    session.cycle_key()
    session[USER_KEY] = {
        "sub": user.sub,
        "name": user.name,
        "email": user.email,
        "tenants": [list(pair) for pair in user.tenants],
        "tenantsListed": user.tenants_listed,
    }
    return user


def _user_from_tokens(
    *, token: Mapping[str, Any], nonce: str, metadata: Mapping[str, Any]
) -> HubUser:
    access_token = token.get("access_token")
    if not isinstance(access_token, str) or not isinstance(token.get("id_token"), str):
        raise HubSignInError("JTL's token answer lacks an access or ID token.")
    claims = id_token_claims(id_token=token["id_token"], nonce=nonce)
    profile = _get_json(url=metadata["userinfo_endpoint"], token=access_token)
    if not isinstance(profile, dict) or profile.get("sub") != claims["sub"]:
        raise HubSignInError("JTL's user profile names another user.")
    tenants, listed = _account_tenants(access_token=access_token)
    return HubUser(
        sub=claims["sub"],
        name=str(profile.get("name") or profile.get("email") or claims["sub"]),
        email=profile.get("email"),
        tenants=tenants,
        tenants_listed=listed,
    )


def _account_tenants(*, access_token: str) -> tuple[tuple[tuple[str, str], ...], bool]:
    """The user's tenants from the account service; an outage only hides the list."""
    records = account_user_tenants(access_token=access_token)
    tenants = tuple(
        (str(r["id"]), str(r.get("name") or r["id"]))
        for r in records if isinstance(r, dict) and isinstance(r.get("id"), str)
    ) if isinstance(records, list) else ()  # fmt: skip
    return tenants, isinstance(records, list)


def hub_sign_out(*, session: SessionBase, post_logout_uri: str) -> str:
    """Forget the user here and return JTL's end-session URL (or our page if it has none)."""
    session.flush()
    try:
        endpoint = provider_metadata().get("end_session_endpoint")
    except HubSignInError:
        endpoint = None
    if not isinstance(endpoint, str):
        return post_logout_uri
    query = urlencode(
        {"client_id": settings.JTL_CLIENT_ID, "post_logout_redirect_uri": post_logout_uri}
    )
    return f"{endpoint}?{query}"
