"""Claim rules for signature-verified caller tokens, one function per generation.

Written out by hand instead of joserfc's ``JWTClaimsRegistry``: that registry accepts a token
*at* ``exp`` (``jtl/security.md`` J3) and treats ``exp`` as optional unless told otherwise (J2).
RFC 7519 §4.1.4: a token must not be accepted on or after ``exp``; we allow ``leeway`` seconds
of clock skew on top.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from django.conf import settings

from jtlapp.auth.exceptions import TokenExpiredError, TokenInvalidError
from jtlapp.auth.types import CallerClaims

TENANT_ID_CLAIM = "urn:jtl:tenant_id"
APP_ID_CLAIM = "urn:jtl:app_id"
APP_TOKEN_MAX_LIFETIME_SECONDS = 24 * 3600
MAX_TIMESTAMP = 2**35  # about the year 3058; keeps datetime conversion from overflowing
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def app_token_claims(*, claims: Mapping[str, Any], moment: float) -> CallerClaims:
    """Current generation: JTL's three checks (issuer+expiry, ``aud`` ∋ app, ``urn:jtl:app_id``).

    ``jtl/platform.md`` §4.2; a token without a tenant is a service token, never a caller.
    """
    if claims.get("iss") != settings.JTL_ISSUER:
        raise TokenInvalidError("issuer")
    app_id = str(settings.JTL_APP_ID)
    if not _audience_contains(claims.get("aud"), app_id):
        raise TokenInvalidError("audience")
    if claims.get(APP_ID_CLAIM, app_id) != app_id:
        raise TokenInvalidError("app_id")
    expires_at, issued_at = _validity_window(
        claims=claims, moment=moment, max_lifetime=APP_TOKEN_MAX_LIFETIME_SECONDS
    )
    return CallerClaims(
        generation="current",
        tenant_id=_uuid(claims.get(TENANT_ID_CLAIM), reason="tenant_id"),
        user_id=_identifier(claims.get("sub"), reason="sub"),
        app_id=app_id,
        scopes=_scopes(claims.get("scope")),
        expires_at=expires_at,
        issued_at=issued_at,
        token_id=_optional_identifier(claims.get("jti")),
    )


def session_token_claims(*, claims: Mapping[str, Any], moment: float) -> CallerClaims:
    """Legacy generation: ``{exp, tenantId, userId, kid}`` and nothing to pin an app or issuer.

    Without ``iat`` the only bound on a stolen token is ``exp``, hence the maximum lifetime.
    """
    expires_at, issued_at = _validity_window(
        claims=claims, moment=moment, max_lifetime=settings.JTL_SESSION_TOKEN_MAX_LIFETIME_SECONDS
    )
    return CallerClaims(
        generation="legacy",
        tenant_id=_uuid(claims.get("tenantId"), reason="tenant_id"),
        user_id=_uuid(claims.get("userId"), reason="user_id"),
        app_id=None,
        scopes=frozenset(),
        expires_at=expires_at,
        issued_at=issued_at,
        token_id=_optional_identifier(claims.get("jti")),
    )


def validity_window(
    *, claims: Mapping[str, Any], moment: float, max_lifetime: float
) -> tuple[datetime, datetime | None]:
    """``exp`` required; ``nbf``, ``iat`` and the lifetime bound checked with the leeway."""
    return _validity_window(claims=claims, moment=moment, max_lifetime=max_lifetime)


def identifier(value: Any, *, reason: str) -> str:
    """A printable, non-empty string of at most 255 characters (``sub``, ``nonce``)."""
    return _identifier(value, reason=reason)


def audience_contains(audience: Any, expected: str) -> bool:
    return _audience_contains(audience, expected)


def leeway_seconds() -> float:
    return float(settings.JTL_TOKEN_LEEWAY_SECONDS)


def _validity_window(
    *, claims: Mapping[str, Any], moment: float, max_lifetime: float
) -> tuple[datetime, datetime | None]:
    leeway = leeway_seconds()
    expires = _timestamp(claims, "exp")
    if expires is None:
        raise TokenInvalidError("exp_missing")
    if moment >= expires + leeway:
        raise TokenExpiredError("expired")
    if expires - moment > max_lifetime + leeway:
        raise TokenInvalidError("lifetime_too_long")
    not_before, issued = _timestamp(claims, "nbf"), _timestamp(claims, "iat")
    if not_before is not None and not_before > moment + leeway:
        raise TokenInvalidError("not_yet_valid")
    if issued is not None and issued > moment + leeway:
        raise TokenInvalidError("issued_in_future")
    issued_at = datetime.fromtimestamp(issued, tz=UTC) if issued is not None else None
    return datetime.fromtimestamp(expires, tz=UTC), issued_at


def _timestamp(claims: Mapping[str, Any], name: str) -> float | None:
    """A NumericDate or None; booleans, strings, NaN and absurd values are malformed."""
    value = claims.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TokenInvalidError(f"{name}_malformed")
    if not 0 <= value < MAX_TIMESTAMP:  # also false for NaN
        raise TokenInvalidError(f"{name}_malformed")
    return float(value)


def _audience_contains(audience: Any, app_id: str) -> bool:
    if isinstance(audience, str):
        return audience == app_id
    if isinstance(audience, list) and all(isinstance(item, str) for item in audience):
        return app_id in audience
    return False


def _uuid(value: Any, *, reason: str) -> str:
    if not isinstance(value, str) or _UUID.fullmatch(value) is None:
        raise TokenInvalidError(reason)
    return value.lower()


def _identifier(value: Any, *, reason: str) -> str:
    if not isinstance(value, str) or not 0 < len(value) <= 255 or not value.isprintable():
        raise TokenInvalidError(reason)
    return value


def _optional_identifier(value: Any) -> str | None:
    return value if isinstance(value, str) and 0 < len(value) <= 255 else None


def _scopes(value: Any) -> frozenset[str]:
    """``scope`` as RFC 9068's space-separated string, or a JSON list; absent means none."""
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset(value.split())
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return frozenset(value)
    raise TokenInvalidError("scope")
