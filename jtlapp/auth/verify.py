"""Verification of caller tokens: the RS256 app token (current) and EdDSA session token (legacy).

Order matters and fails closed (``jtl/security.md`` §1.3): size and shape first, then the header
(pinned algorithm, no token-supplied key material), then a key from *our* cache, then the
signature (joserfc), and only then the claims. Nothing from the token is trusted before the
signature verifies, except the ``kid`` used to pick one of our own keys.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import time
from collections.abc import Collection
from typing import Any

from django.conf import settings
from joserfc import jwt
from joserfc.errors import JoseError, UnsupportedAlgorithmError
from joserfc.jws import JWSRegistry

from jtlapp.auth.exceptions import TokenInvalidError
from jtlapp.auth.keys import signing_key_get
from jtlapp.auth.keys_fetch import VerifyKey
from jtlapp.auth.types import CallerClaims, Generation
from jtlapp.auth.verify_claims import app_token_claims, session_token_claims

MAX_AUTHORIZATION_HEADER_BYTES = 32 * 1024
"""The largest ``Authorization`` header we accept; the web worker's header block limit
(``jtlapp.web_worker.MAX_HEADER_BLOCK_BYTES``, 48 KB) leaves room for it and the rest."""
MAX_APP_TOKEN_BYTES = MAX_AUTHORIZATION_HEADER_BYTES - len("Authorization: Bearer ")
"""One cap, derived from the header limit: any token that fits the header is parsed. JTL app
tokens embed their scopes (67 scopes exceeded 16 KB), and parsing is bounded anyway."""
MAX_SESSION_TOKEN_BYTES = 4 * 1024
APP_TOKEN_ALGORITHMS = frozenset({"RS256"})
SESSION_TOKEN_ALGORITHMS = frozenset({"EdDSA", "Ed25519"})
_SEGMENT = re.compile(r"[A-Za-z0-9_-]+")
_KEY_MATERIAL_HEADERS = frozenset({"jku", "x5u", "jwk", "x5c", "crit", "b64", "zip", "enc"})
_TYPES = frozenset({"jwt", "at+jwt"})


def now() -> float:
    """Wall-clock seconds; tests replace it (``monkeypatch``) instead of freezing time."""
    return time.time()


class _PinnedRegistry(JWSRegistry):
    """Exactly the allowed algorithms, without joserfc's deprecation warning for ``EdDSA``.

    JTL signs session tokens as ``EdDSA`` (RFC 9864 deprecates the name, ``security.md`` J9); the
    warning would fire on every request and teach people to ignore security warnings.
    """

    def get_alg(self, name: str) -> Any:
        if self.allowed is None or name not in self.allowed or name not in self.algorithms:
            raise UnsupportedAlgorithmError(f"Algorithm of '{name}' is not allowed")
        return self.algorithms[name]


def app_token_verify(*, token: str) -> CallerClaims:
    """Verify a current-generation app token (``getAppToken``, ``jtl/platform.md`` §4.2)."""
    header, _ = token_parse(token=token, max_bytes=MAX_APP_TOKEN_BYTES)
    header_check(header=header, algorithms=APP_TOKEN_ALGORITHMS)
    kid = header.get("kid")
    if kid is None:
        raise TokenInvalidError("kid_missing")
    key = signing_key_get(generation="current", kid=kid)
    claims = signature_verify(token=token, key=key, algorithms=APP_TOKEN_ALGORITHMS)
    return app_token_claims(claims=claims, moment=now())


def session_token_verify(*, token: str) -> CallerClaims:
    """Verify a legacy session token (``getSessionToken``, ``jtl/platform.md`` §4.1).

    JTL documents ``kid`` in the payload; it may also be in the header. Both present and
    different is a forgery attempt or a bug, and is refused either way.
    """
    header, payload = token_parse(token=token, max_bytes=MAX_SESSION_TOKEN_BYTES)
    header_check(header=header, algorithms=session_token_algorithms())
    payload_kid = payload.get("kid")
    if payload_kid is not None and not _is_kid(payload_kid):
        raise TokenInvalidError("kid_malformed")
    header_kid = header.get("kid")
    if header_kid is not None and payload_kid is not None and header_kid != payload_kid:
        raise TokenInvalidError("kid_mismatch")
    key = signing_key_get(generation="legacy", kid=header_kid or payload_kid)
    claims = signature_verify(token=token, key=key, algorithms=session_token_algorithms())
    return session_token_claims(claims=claims, moment=now())


def caller_token_verify(*, token: str) -> CallerClaims:
    """Verify whichever enabled generation the token's ``alg`` names (``JTL_AUTH_GENERATIONS``)."""
    header, _ = token_parse(token=token, max_bytes=MAX_APP_TOKEN_BYTES)
    generation = _generation_of(alg=header.get("alg"))
    if generation is None or generation not in settings.JTL_AUTH_GENERATIONS:
        raise TokenInvalidError("alg_not_allowed")
    if generation == "current":
        return app_token_verify(token=token)
    return session_token_verify(token=token)


def session_token_algorithms() -> frozenset[str]:
    """``EdDSA`` always; the RFC 9864 name ``Ed25519`` only when enabled (default off)."""
    if settings.JTL_LEGACY_ACCEPT_ED25519_ALG:
        return SESSION_TOKEN_ALGORITHMS
    return frozenset({"EdDSA"})


def _generation_of(*, alg: Any) -> Generation | None:
    if not isinstance(alg, str):
        return None
    if alg in APP_TOKEN_ALGORITHMS:
        return "current"
    if alg in SESSION_TOKEN_ALGORITHMS:
        return "legacy"
    return None


def token_parse(*, token: str, max_bytes: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Unverified header and payload of a compact JWS: exactly 3 non-empty base64url segments."""
    if len(token) > max_bytes:
        raise TokenInvalidError("oversize")
    segments = token.split(".")
    if len(segments) != 3 or not all(_SEGMENT.fullmatch(part) for part in segments):
        raise TokenInvalidError("malformed")
    return _json_object(segments[0]), _json_object(segments[1])


def _json_object(segment: str) -> dict[str, Any]:
    try:
        decoded = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
    except (binascii.Error, ValueError, RecursionError) as exc:  # RecursionError: deep nesting
        raise TokenInvalidError("malformed") from exc
    if not isinstance(decoded, dict) or not all(isinstance(name, str) for name in decoded):
        raise TokenInvalidError("malformed")
    return decoded


def header_check(*, header: dict[str, Any], algorithms: Collection[str]) -> None:
    """Pinned ``alg`` and no token-supplied keys (J1, J5) before any key lookup or fetch."""
    alg = header.get("alg")
    if not isinstance(alg, str) or alg not in algorithms:
        raise TokenInvalidError("alg_not_allowed")
    if _KEY_MATERIAL_HEADERS.intersection(header):
        raise TokenInvalidError("header_not_allowed")
    typ = header.get("typ")
    if typ is not None and (not isinstance(typ, str) or typ.lower() not in _TYPES):
        raise TokenInvalidError("typ")
    kid = header.get("kid")
    if kid is not None and not _is_kid(kid):
        raise TokenInvalidError("kid_malformed")


def _is_kid(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 128


def signature_verify(*, token: str, key: VerifyKey, algorithms: Collection[str]) -> dict[str, Any]:
    registry = _PinnedRegistry(algorithms=list(algorithms))
    try:
        decoded = jwt.decode(token, key, registry=registry)
    except (JoseError, ValueError, TypeError, RecursionError) as exc:
        raise TokenInvalidError("signature") from exc
    return dict(decoded.claims)
