"""Public token API of the sandbox IdP for the rest of the sandbox (ERP auth, control surface).

The signing itself lives in ``minting`` (JWTs) and ``flows`` (opaque grants); this module is the
small surface other sandbox parts import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from jtlapp.sandbox.identity.minting import IssuedToken
from jtlapp.sandbox.identity.principal import Principal, PrincipalKind

if TYPE_CHECKING:  # a type-only import: state imports the minting module this one re-exports
    from jtlapp.sandbox.identity.state import IdentityState

__all__ = [
    "AppTokenRequest",
    "IssuedToken",
    "Principal",
    "PrincipalKind",
    "app_token_mint",
    "session_token_mint",
    "token_introspect",
]


class AppTokenRequestError(ValueError):
    """A control-surface app-token request with a malformed field."""


def _optional_list(data: Mapping[str, Any], name: str) -> tuple[str, ...] | None:
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise AppTokenRequestError(f"{name} must be a list of strings")
    return tuple(value)


def _optional_int(data: Mapping[str, Any], name: str) -> int | None:
    value = data.get(name)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise AppTokenRequestError(f"{name} must be an integer")
    return value


@dataclass(frozen=True, kw_only=True)
class AppTokenRequest:
    """What the control surface may ask for; every field beyond tenant/user is a test knob."""

    tenant_id: str
    user_id: str
    app_id: str | None = None
    scopes: tuple[str, ...] | None = None
    lifetime_seconds: int | None = None
    expires_at: int | None = None
    audience: tuple[str, ...] | None = None
    claims: Mapping[str, Any] = field(default_factory=dict)
    omit_claims: tuple[str, ...] = ()
    forged: bool = False

    @classmethod
    def from_json(cls, data: Mapping[str, Any], *, tenant_id: str, user_id: str) -> AppTokenRequest:
        """Parse ``{appId, scopes, expiresIn, exp, audience, claims, omitClaims, forged}``."""
        app_id = data.get("appId")
        claims = data.get("claims", {})
        if app_id is not None and not isinstance(app_id, str):
            raise AppTokenRequestError("appId must be a string")
        if not isinstance(claims, dict):
            raise AppTokenRequestError("claims must be an object")
        if not isinstance(data.get("forged", False), bool):
            raise AppTokenRequestError("forged must be a boolean")
        return cls(
            tenant_id=tenant_id,
            user_id=user_id,
            app_id=app_id,
            scopes=_optional_list(data, "scopes"),
            lifetime_seconds=_optional_int(data, "expiresIn"),
            expires_at=_optional_int(data, "exp"),
            audience=_optional_list(data, "audience"),
            claims=claims,
            omit_claims=_optional_list(data, "omitClaims") or (),
            forged=bool(data.get("forged", False)),
        )


def app_token_mint(*, state: IdentityState, request: AppTokenRequest) -> str:
    """Mint what ``getAppToken`` returns; the app defaults to the first registered client's."""
    app_id = request.app_id or state.config.clients[0].app_id
    expires_at = request.expires_at
    return state.tokens.mint_app_token(
        app_id=app_id,
        tenant_id=request.tenant_id,
        user_id=request.user_id,
        scopes=request.scopes,
        lifetime_seconds=request.lifetime_seconds,
        expires_at=datetime.fromtimestamp(expires_at, tz=UTC) if expires_at is not None else None,
        audience=request.audience,
        claim_overrides=request.claims,
        omit_claims=request.omit_claims,
        forged=request.forged,
    )


def session_token_mint(
    *,
    state: IdentityState,
    tenant_id: str,
    user_id: str,
    lifetime_seconds: int | None = None,
    payload_overrides: Mapping[str, Any] | None = None,
    omit_claims: tuple[str, ...] = (),
    header_kid: str | None = None,
    forged: bool = False,
) -> str:
    """Legacy EdDSA session token as ``getSessionToken`` returned it; knobs mint bad ones."""
    return state.tokens.mint_session_token(
        tenant_id=tenant_id,
        user_id=user_id,
        lifetime_seconds=lifetime_seconds,
        payload_overrides=payload_overrides,
        omit_claims=omit_claims,
        header_kid=header_kid,
        forged=forged,
    )


def token_introspect(*, state: IdentityState, token: str) -> Principal | None:
    """Verified principal of a Bearer token, or None (bad signature, issuer, expiry, audience)."""
    return state.token_introspect(token=token)
