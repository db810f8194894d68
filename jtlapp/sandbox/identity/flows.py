"""Stateful grant flows: delegated tokens, Hub sign-in (code + PKCE), refresh, legacy Ory.

Every opaque grant is single use: redeeming a code or refresh token consumes it before anything
else is checked, so a replay fails even if the first attempt was rejected.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from jtlapp.sandbox.config import SandboxClient
from jtlapp.sandbox.identity.grants import (
    CODE_LIFETIME,
    DELEGATED_REFRESH_LIFETIME,
    USER_REFRESH_LIFETIME,
    AuthorizationCode,
    DelegatedGrant,
    OpaqueStore,
    OryGrant,
    UserGrant,
)
from jtlapp.sandbox.identity.minting import IssuedToken, TokenMinter
from jtlapp.sandbox.identity.principal import Principal, PrincipalKind

OIDC_SCOPES = frozenset({"openid", "profile", "email", "offline_access"})
ORY_TOKEN_PREFIX = "ory_at_"  # noqa: S105 - a public prefix, not a secret
_VERIFIER = re.compile(r"[A-Za-z0-9\-._~]{43,128}")


def pkce_challenge(*, verifier: str) -> str:
    """S256 code challenge of ``verifier`` (RFC 7636 §4.2)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _pkce_matches(*, verifier: str, challenge: str) -> bool:
    if not _VERIFIER.fullmatch(verifier):
        return False
    return hmac.compare_digest(pkce_challenge(verifier=verifier), challenge)


def user_profile(*, user_id: str, users: Mapping[str, str]) -> dict[str, Any]:
    """Standard OIDC profile claims of a demo user (userinfo and ID token)."""
    name = users.get(user_id, "Unknown User")
    given_name, _, family_name = name.partition(" ")
    username = ".".join(name.lower().split())
    return {
        "name": name,
        "given_name": given_name,
        "family_name": family_name,
        "preferred_username": f"{username}@example.com",
        "email": f"{username}@example.com",
        "email_verified": True,
        "locale": "de",
    }


class GrantFlows:
    """Issues and redeems the sandbox's opaque grants on top of a ``TokenMinter``."""

    def __init__(
        self, *, minter: TokenMinter, users: Mapping[str, str], clock: Callable[[], datetime]
    ) -> None:
        self.minter = minter
        self.users = users
        self.clock = clock
        self._delegated = OpaqueStore[DelegatedGrant](prefix="jtl_drt_", clock=clock)
        self._user_refresh = OpaqueStore[UserGrant](prefix="jtl_urt_", clock=clock)
        self._codes = OpaqueStore[AuthorizationCode](prefix="", clock=clock)
        self._ory = OpaqueStore[OryGrant](prefix=ORY_TOKEN_PREFIX, clock=clock)

    def __repr__(self) -> str:
        return "GrantFlows()"

    def delegated_mint(self, *, client: SandboxClient, tenant_id: str) -> IssuedToken:
        """Token exchange: the app's per-install identity in ``tenant_id``, plus a refresh token."""
        grant = DelegatedGrant(
            client_id=client.client_id,
            app_id=client.app_id,
            tenant_id=tenant_id,
            scopes=client.scopes,
        )
        return self._delegated_issue(client=client, grant=grant)

    def delegated_refresh(self, *, client: SandboxClient, refresh_token: str) -> IssuedToken | None:
        """Rotate: the presented refresh token is consumed; None if unknown, used or foreign."""
        grant = self._delegated.consume(owner=client.client_id, token=refresh_token)
        if grant is None:
            return None
        return self._delegated_issue(client=client, grant=grant)

    def _delegated_issue(self, *, client: SandboxClient, grant: DelegatedGrant) -> IssuedToken:
        access_token = self.minter.mint_delegated_access_token(
            client=client, tenant_id=grant.tenant_id, scopes=grant.scopes
        )
        refresh_token = self._delegated.issue(
            owner=client.client_id, record=grant, lifetime=DELEGATED_REFRESH_LIFETIME
        )
        return IssuedToken(
            access_token=access_token,
            expires_in=self.minter.config.delegated_token_lifetime_seconds,
            scope=" ".join(grant.scopes),
            refresh_token=refresh_token,
        )

    def code_issue(self, *, grant: UserGrant, redirect_uri: str, code_challenge: str) -> str:
        """Authorization code bound to client, redirect URI and PKCE challenge."""
        code = AuthorizationCode(
            grant=grant, redirect_uri=redirect_uri, code_challenge=code_challenge
        )
        return self._codes.issue(owner=grant.client_id, record=code, lifetime=CODE_LIFETIME)

    def code_redeem(
        self, *, client: SandboxClient, code: str, redirect_uri: str, code_verifier: str
    ) -> IssuedToken | None:
        """Exchange a code (single use even on failure) for access, ID and refresh tokens."""
        record = self._codes.consume(owner=client.client_id, token=code)
        if record is None or record.redirect_uri != redirect_uri:
            return None
        if not _pkce_matches(verifier=code_verifier, challenge=record.code_challenge):
            return None
        return self._user_issue(client=client, grant=record.grant, with_id_token=True)

    def user_refresh(self, *, client: SandboxClient, refresh_token: str) -> IssuedToken | None:
        grant = self._user_refresh.consume(owner=client.client_id, token=refresh_token)
        if grant is None:
            return None
        return self._user_issue(client=client, grant=grant, with_id_token=False)

    def _user_issue(
        self, *, client: SandboxClient, grant: UserGrant, with_id_token: bool
    ) -> IssuedToken:
        scope = " ".join(grant.scopes)
        access_token = self.minter.mint_app_token(
            app_id=grant.app_id,
            tenant_id=grant.tenant_id,
            user_id=grant.user_id,
            scopes=grant.scopes,
            lifetime_seconds=self.minter.config.access_token_lifetime_seconds,
            claim_overrides={"client_id": client.client_id},
        )
        id_token = None
        if with_id_token:
            profile = user_profile(user_id=grant.user_id, users=self.users)
            id_token = self.minter.mint_id_token(
                client=client, user_id=grant.user_id, nonce=grant.nonce, profile=profile
            )
        refresh_token = None
        if "offline_access" in grant.scopes:
            refresh_token = self._user_refresh.issue(
                owner=client.client_id, record=grant, lifetime=USER_REFRESH_LIFETIME
            )
        return IssuedToken(
            access_token=access_token,
            expires_in=self.minter.config.access_token_lifetime_seconds,
            scope=scope,
            refresh_token=refresh_token,
            id_token=id_token,
        )

    def ory_mint(self, *, client: SandboxClient, scopes: Sequence[str]) -> IssuedToken:
        """Legacy Hydra client_credentials token: opaque ``ory_at_…``, no scope required."""
        lifetime = self.minter.config.access_token_lifetime_seconds
        grant = OryGrant(
            client_id=client.client_id,
            app_id=client.app_id,
            scopes=client.scopes,
            expires_at=self.clock() + timedelta(seconds=lifetime),
        )
        token = self._ory.issue(owner="", record=grant, lifetime=timedelta(seconds=lifetime))
        return IssuedToken(access_token=token, expires_in=lifetime, scope=" ".join(scopes))

    def ory_principal(self, *, token: str) -> Principal | None:
        """Legacy tokens authorize with the app's manifest scopes (no enforcement back then)."""
        grant = self._ory.peek(owner="", token=token)
        if grant is None:
            return None
        return Principal(
            kind=PrincipalKind.LEGACY_ORY,
            client_id=grant.client_id,
            app_id=grant.app_id,
            tenant_id=None,
            user_id=None,
            scopes=frozenset(grant.scopes),
            expires_at=grant.expires_at,
        )
