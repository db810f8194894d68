"""OIDC ID tokens of the Hub sign-in, through the same verifier as app tokens.

Same order and the same failures as ``verify.app_token_verify`` (size and shape, pinned
RS256, our cached issuer keys, signature, then claims) so the Hub sign-in has no JWT path of
its own. Claim rules from OpenID Connect Core §3.1.3.7: ``iss`` is our issuer, ``aud``
contains our client id (and with several audiences ``azp`` names us), the validity window
(``exp`` required, ``nbf``, ``iat`` and a maximum lifetime, with the shared leeway), and the
``nonce`` we sent, compared in constant time.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings

from jtlapp.auth.exceptions import TokenInvalidError
from jtlapp.auth.keys import signing_key_get
from jtlapp.auth.verify import (
    APP_TOKEN_ALGORITHMS,
    MAX_APP_TOKEN_BYTES,
    header_check,
    now,
    signature_verify,
    token_parse,
)
from jtlapp.auth.verify_claims import (
    APP_TOKEN_MAX_LIFETIME_SECONDS,
    audience_contains,
    identifier,
    validity_window,
)

ID_TOKEN_MAX_LIFETIME_SECONDS = APP_TOKEN_MAX_LIFETIME_SECONDS


def id_token_verify(*, token: str, nonce: str) -> dict[str, Any]:
    """The verified claims of an ID token issued to ``JTL_CLIENT_ID`` for this ``nonce``."""
    header, _ = token_parse(token=token, max_bytes=MAX_APP_TOKEN_BYTES)
    header_check(header=header, algorithms=APP_TOKEN_ALGORITHMS)
    key = signing_key_get(generation="current", kid=header.get("kid"))
    claims = signature_verify(token=token, key=key, algorithms=APP_TOKEN_ALGORITHMS)
    id_token_claims_check(claims=claims, nonce=nonce, moment=now())
    return claims


def id_token_claims_check(*, claims: dict[str, Any], nonce: str, moment: float) -> None:
    if claims.get("iss") != settings.JTL_ISSUER:
        raise TokenInvalidError("issuer")
    client_id = str(settings.JTL_CLIENT_ID)
    audience = claims.get("aud")
    if not audience_contains(audience, client_id):
        raise TokenInvalidError("audience")
    if isinstance(audience, list) and len(audience) > 1 and claims.get("azp") != client_id:
        raise TokenInvalidError("azp")
    validity_window(claims=claims, moment=moment, max_lifetime=ID_TOKEN_MAX_LIFETIME_SECONDS)
    sent = identifier(claims.get("nonce"), reason="nonce")
    if not nonce or not secrets.compare_digest(sent.encode(), nonce.encode()):
        raise TokenInvalidError("nonce")
    identifier(claims.get("sub"), reason="sub")
