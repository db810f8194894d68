"""ID-token checks for the Hub sign-in (OpenID Connect Core §3.1.3.7).

The signature is checked with the issuer's keys from ``jtlapp.auth.keys`` (the same cached key
set that verifies app tokens), then issuer, audience (our client id), expiry and the nonce we
sent, so a token minted for another client or replayed from another sign-in is refused.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
import time
from typing import Any

from django.conf import settings
from joserfc import jwt
from joserfc.errors import JoseError

from jtlapp.auth.exceptions import KeysUnavailableError, TokenInvalidError
from jtlapp.auth.keys import signing_key_get


class HubSignInError(Exception):
    """The sign-in cannot complete; the message is safe to show to the user."""


def _header(id_token: str) -> dict[str, Any]:
    segment = id_token.split(".", 1)[0]
    try:
        header = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
    except (binascii.Error, ValueError) as exc:
        raise HubSignInError("JTL's ID token is malformed.") from exc
    if not isinstance(header, dict) or header.get("alg") != "RS256":
        raise HubSignInError("JTL's ID token uses an unexpected algorithm.")
    return header


def id_token_claims(*, id_token: str, nonce: str) -> dict[str, Any]:
    kid = _header(id_token).get("kid")
    try:
        key = signing_key_get(generation="current", kid=kid if isinstance(kid, str) else None)
        claims = dict(jwt.decode(id_token, key, algorithms=["RS256"]).claims)
    except (TokenInvalidError, JoseError, ValueError) as exc:
        raise HubSignInError("JTL's ID token did not verify.") from exc
    except KeysUnavailableError as exc:
        raise HubSignInError("JTL's signing keys are not reachable right now.") from exc
    _claims_check(claims=claims, nonce=nonce)
    return claims


def _claims_check(*, claims: dict[str, Any], nonce: str) -> None:
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    leeway = settings.JTL_TOKEN_LEEWAY_SECONDS
    expires = claims.get("exp")
    problems = [
        claims.get("iss") != settings.JTL_ISSUER and "issuer",
        settings.JTL_CLIENT_ID not in audiences and "audience",
        (not isinstance(expires, int | float) or expires + leeway < time.time()) and "expiry",
        not secrets.compare_digest(str(claims.get("nonce", "")), nonce) and "nonce",
        not isinstance(claims.get("sub"), str) and "subject",
    ]
    failed = [problem for problem in problems if problem]
    if failed:
        raise HubSignInError(f"JTL's ID token failed its checks ({', '.join(failed)}).")
