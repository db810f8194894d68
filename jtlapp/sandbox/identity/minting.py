"""Minting and introspection of every JWT the sandbox issues.

Claim names follow what JTL's official code reads (``jtl/platform.md`` §4.2): ``iss``, ``sub``,
``aud`` (list containing the app id), ``exp``, ``urn:jtl:app_id``, ``urn:jtl:tenant_id``. Granted
scopes travel in ``scope`` as one space-separated string (RFC 9068 §2.2.3); JTL's own claim name
is unknown, and introspection also accepts a JSON list there.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from jtlapp.sandbox.config import SandboxClient, SandboxConfig
from jtlapp.sandbox.identity.keys import EdKeyRing, KeyRing
from jtlapp.sandbox.identity.principal import Principal, PrincipalKind

APP_ID_CLAIM = "urn:jtl:app_id"
TENANT_ID_CLAIM = "urn:jtl:tenant_id"
SCOPE_CLAIM = "scope"
_INSTALL_NAMESPACE = uuid.UUID("6f1c1f4e-2b0c-4c55-9a51-5a4d1b0e7a01")


@dataclass(frozen=True, kw_only=True)
class IssuedToken:
    """A token-endpoint result; ``repr`` hides every secret."""

    access_token: str = field(repr=False)
    expires_in: int
    scope: str
    refresh_token: str | None = field(default=None, repr=False)
    id_token: str | None = field(default=None, repr=False)


def utc_now() -> datetime:
    return datetime.now(tz=UTC)


def install_subject(*, app_id: str, tenant_id: str) -> str:
    """Stable id of an app's per-install service identity in one tenant (delegated ``sub``)."""
    return str(uuid.uuid5(_INSTALL_NAMESPACE, f"{app_id}:{tenant_id}"))


def _timestamp(moment: datetime) -> int:
    return int(moment.timestamp())


def _scopes_from(value: object) -> frozenset[str] | None:
    if isinstance(value, str):
        return frozenset(value.split())
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return frozenset(value)
    return None if value is not None else frozenset()


class TokenMinter:
    """Signs tokens with the issuer's keys and turns presented tokens back into principals."""

    def __init__(
        self,
        *,
        config: SandboxConfig,
        keys: KeyRing,
        legacy_keys: EdKeyRing,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.config = config
        self.keys = keys
        self.legacy_keys = legacy_keys
        self.clock = clock

    def __repr__(self) -> str:
        return f"TokenMinter(issuer={self.config.issuer!r})"

    def _base_claims(self, *, sub: str, audience: Sequence[str], lifetime: int) -> dict[str, Any]:
        now = self.clock()
        return {
            "iss": self.config.issuer,
            "sub": sub,
            "aud": list(audience),
            "exp": _timestamp(now) + lifetime,
            "iat": _timestamp(now),
            "nbf": _timestamp(now),
            "jti": secrets.token_hex(16),
        }

    def mint_service_token(self, *, client: SandboxClient) -> IssuedToken:
        """App-wide service-account token (client_credentials); tenant comes via X-Tenant-ID."""
        lifetime = self.config.access_token_lifetime_seconds
        scope = " ".join(["openid", *client.scopes])
        claims = self._base_claims(
            sub=client.client_id, audience=[client.app_id], lifetime=lifetime
        )
        claims |= {"client_id": client.client_id, APP_ID_CLAIM: client.app_id, SCOPE_CLAIM: scope}
        return IssuedToken(
            access_token=self.keys.sign(claims=claims), expires_in=lifetime, scope=scope
        )

    def mint_app_token(
        self,
        *,
        app_id: str,
        tenant_id: str,
        user_id: str,
        scopes: Sequence[str] | None = None,
        lifetime_seconds: int | None = None,
        expires_at: datetime | None = None,
        audience: Sequence[str] | str | None = None,
        claim_overrides: Mapping[str, Any] | None = None,
        omit_claims: Collection[str] = (),
        forged: bool = False,
    ) -> str:
        """The RS256 token the ERP host hands an embedded page (``getAppToken``).

        The knobs exist so tests can mint exactly-wrong tokens: expired, foreign audience,
        missing tenant, signed by an unpublished key (``forged``).
        """
        client = next((c for c in self.config.clients if c.app_id == app_id), None)
        granted = tuple(scopes) if scopes is not None else (client.scopes if client else ())
        lifetime = lifetime_seconds or self.config.app_token_lifetime_seconds
        claims = self._base_claims(sub=user_id, audience=[app_id], lifetime=lifetime)
        claims |= {APP_ID_CLAIM: app_id, TENANT_ID_CLAIM: tenant_id, SCOPE_CLAIM: " ".join(granted)}
        if expires_at is not None:
            claims["exp"] = _timestamp(expires_at)
        if audience is not None:
            claims["aud"] = audience if isinstance(audience, str) else list(audience)
        claims |= dict(claim_overrides or {})
        for name in omit_claims:
            claims.pop(name, None)
        return self.keys.sign(claims=claims, forged=forged)

    def mint_delegated_access_token(
        self, *, client: SandboxClient, tenant_id: str, scopes: Sequence[str]
    ) -> str:
        """Tenant-bound token of the app's per-install identity (RFC 8693 ``act`` = caller)."""
        sub = install_subject(app_id=client.app_id, tenant_id=tenant_id)
        lifetime = self.config.delegated_token_lifetime_seconds
        claims = self._base_claims(sub=sub, audience=[client.app_id], lifetime=lifetime)
        claims |= {
            "client_id": client.client_id,
            "act": {"sub": client.client_id},
            APP_ID_CLAIM: client.app_id,
            TENANT_ID_CLAIM: tenant_id,
            SCOPE_CLAIM: " ".join(scopes),
        }
        return self.keys.sign(claims=claims)

    def mint_id_token(
        self, *, client: SandboxClient, user_id: str, nonce: str | None, profile: Mapping[str, Any]
    ) -> str:
        """OIDC ID token for the Hub sign-in; audience is the client, never an API."""
        lifetime = self.config.access_token_lifetime_seconds
        claims = self._base_claims(sub=user_id, audience=[client.client_id], lifetime=lifetime)
        claims |= {"azp": client.client_id, "auth_time": claims["iat"], **profile}
        claims.pop("jti")
        if nonce is not None:
            claims["nonce"] = nonce
        return self.keys.sign(claims=claims)

    def mint_session_token(
        self,
        *,
        tenant_id: str,
        user_id: str,
        lifetime_seconds: int | None = None,
        expires_at: datetime | None = None,
        payload_overrides: Mapping[str, Any] | None = None,
        omit_claims: Collection[str] = (),
        header_kid: str | None = None,
        forged: bool = False,
    ) -> str:
        """Legacy EdDSA session token, payload ``{exp, userId, tenantId, kid}`` as JTL documents."""
        lifetime = lifetime_seconds or self.config.session_token_lifetime_seconds
        expiry = expires_at or self.clock() + timedelta(seconds=lifetime)
        payload: dict[str, Any] = {
            "exp": _timestamp(expiry),
            "userId": user_id,
            "tenantId": tenant_id,
            "kid": self.legacy_keys.current_kid,
        }
        payload |= dict(payload_overrides or {})
        for name in omit_claims:
            payload.pop(name, None)
        return self.legacy_keys.sign(payload=payload, kid=header_kid, forged=forged)

    def verify_claims(self, *, token: str) -> dict[str, Any] | None:
        """Signature (published keys, RS256 only), issuer and expiry, as a real verifier would."""
        claims = self.keys.verify(token=token)
        if claims is None or claims.get("iss") != self.config.issuer:
            return None
        expiry = claims.get("exp")
        if isinstance(expiry, bool) or not isinstance(expiry, int):
            return None
        if expiry <= _timestamp(self.clock()):
            return None
        return claims

    def principal_from_jwt(self, *, token: str) -> Principal | None:
        """Map a verified access token to its principal; ID tokens are never access tokens."""
        claims = self.verify_claims(token=token)
        if claims is None or "nonce" in claims or ("azp" in claims and "scope" not in claims):
            return None
        if not isinstance(claims.get("sub"), str):
            return None
        app_id = self._app_id(claims=claims)
        scopes = _scopes_from(claims.get(SCOPE_CLAIM))
        if app_id is None or scopes is None:
            return None
        tenant_id = claims.get(TENANT_ID_CLAIM)
        expires_at = datetime.fromtimestamp(claims["exp"], tz=UTC)
        if tenant_id is None:
            return self._service_principal(
                claims=claims, app_id=app_id, scopes=scopes, expires_at=expires_at
            )
        if not isinstance(tenant_id, str) or not tenant_id:
            return None
        actor = claims.get("act")
        actor_id = actor.get("sub") if isinstance(actor, dict) else None
        delegated = isinstance(actor_id, str)
        client = next((c for c in self.config.clients if c.app_id == app_id), None)
        return Principal(
            kind=PrincipalKind.DELEGATED if delegated else PrincipalKind.APP_TOKEN,
            client_id=actor_id
            if isinstance(actor_id, str)
            else (client.client_id if client else None),
            app_id=app_id,
            tenant_id=tenant_id,
            user_id=None if delegated else claims["sub"],
            scopes=scopes,
            expires_at=expires_at,
        )

    def _app_id(self, *, claims: Mapping[str, Any]) -> str | None:
        """The registered app the token is for: in ``aud``, and ``urn:jtl:app_id`` if set."""
        audience = claims.get("aud")
        audiences = [audience] if isinstance(audience, str) else audience
        if not isinstance(audiences, list):
            return None
        known = {client.app_id for client in self.config.clients}
        claimed = claims.get(APP_ID_CLAIM)
        candidates = [claimed] if claimed is not None else audiences
        return next((a for a in candidates if a in known and a in audiences), None)

    def _service_principal(
        self,
        *,
        claims: Mapping[str, Any],
        app_id: str,
        scopes: frozenset[str],
        expires_at: datetime,
    ) -> Principal | None:
        client = self.config.client(str(claims.get("client_id", claims.get("sub"))))
        if client is None or client.app_id != app_id or claims.get("sub") != client.client_id:
            return None
        return Principal(
            kind=PrincipalKind.SERVICE_ACCOUNT,
            client_id=client.client_id,
            app_id=app_id,
            tenant_id=None,
            user_id=None,
            scopes=scopes,
            expires_at=expires_at,
        )
