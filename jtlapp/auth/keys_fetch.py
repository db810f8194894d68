"""Fetching and vetting JTL's published verification keys (both auth generations).

Current: OIDC discovery of ``JTL_ISSUER`` names the ``jwks_uri`` (RS256 keys, ``jtl/platform.md``
§4.2). Legacy: ``{JTL_API_BASE_URL}/account/.well-known/jwks.json``, which JTL only serves to a
caller holding the app's client-credentials token (§4.1). Only keys that fit the generation's
single algorithm survive vetting, so a JWKS with HMAC or encryption keys cannot widen what we
accept (``jtl/security.md`` J1, J5, case 25).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import redis
from django.conf import settings
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey, RSAKey

from jtlapp.auth.types import Generation
from jtlapp.core.redis import redis_client
from jtlapp.errors import ApplicationError
from jtlapp.gateway.authorized import service_request
from jtlapp.gateway.http import OutboundError, OutboundResponse, outbound_request

logger = logging.getLogger(__name__)

MAX_KEYS = 50
MAX_FETCH_TIMEOUT_SECONDS = 5.0
MIN_RSA_BITS = 2048
DISCOVERY_TTL_SECONDS = 24 * 3600
_RSA_MEMBERS = ("kty", "kid", "use", "alg", "n", "e")
# No "alg" kept for Ed25519: a key published as "EdDSA" must also verify the RFC 9864 name
# "Ed25519" when that is enabled; the verifier pins the algorithm, not the JWK.
_OKP_MEMBERS = ("kty", "kid", "use", "crv", "x")
_LEGACY_ALGS = (None, "EdDSA", "Ed25519")

VerifyKey = RSAKey | OKPKey

_discovered_jwks_uri: dict[str, str] = {}


class KeysFetchError(Exception):
    """The key endpoint gave no usable key set; ``reason`` is a short word for logs."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def fetch_timeout_seconds() -> float:
    """Bounded even if the outbound default is raised: a key fetch blocks a login request."""
    return min(float(settings.JTL_OUTBOUND_TIMEOUT_SECONDS), MAX_FETCH_TIMEOUT_SECONDS)


def jwks_fetch(*, generation: Generation) -> list[dict[str, Any]]:
    """The vetted public JWKs of ``generation``, straight from JTL; ``KeysFetchError`` if none."""
    if generation == "current":
        response = _get(url=_current_jwks_uri(), headers={})
    else:
        response = _legacy_jwks_response()
    if response.status != 200:
        raise KeysFetchError(f"jwks_http_{response.status}")
    try:
        document = response.json()
    except OutboundError as exc:
        raise KeysFetchError("jwks_not_json") from exc
    return jwks_vet(document=document, generation=generation)


def jwks_vet(*, document: Any, generation: Generation) -> list[dict[str, Any]]:
    """Keep at most ``MAX_KEYS`` usable keys (first of duplicate ``kid``s), public members only."""
    if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
        raise KeysFetchError("jwks_malformed")
    usable: list[dict[str, Any]] = []
    seen: set[str] = set()
    for jwk in document["keys"]:
        if not isinstance(jwk, dict) or not _is_usable(jwk=jwk, generation=generation):
            continue
        if jwk["kid"] in seen or len(usable) >= MAX_KEYS:
            continue
        seen.add(jwk["kid"])
        members = _RSA_MEMBERS if generation == "current" else _OKP_MEMBERS
        usable.append({name: jwk[name] for name in members if name in jwk})
    if not usable:
        raise KeysFetchError("jwks_without_usable_keys")
    return usable


def keys_import(*, jwks: list[dict[str, Any]], generation: Generation) -> dict[str, VerifyKey]:
    """Vetted JWKs → joserfc keys by ``kid``; a key that does not import is skipped, not fatal."""
    keys: dict[str, VerifyKey] = {}
    for jwk in jwks:
        try:
            key: VerifyKey = (
                RSAKey.import_key(jwk) if generation == "current" else OKPKey.import_key(jwk)
            )
        except (JoseError, ValueError, TypeError):
            logger.warning("skipping a %s JWK that does not import", generation)
            continue
        if isinstance(key, RSAKey) and key.raw_value.key_size < MIN_RSA_BITS:
            continue
        keys[str(jwk["kid"])] = key
    return keys


def source_fingerprint(*, generation: Generation) -> str:
    """Short id of where ``generation``'s keys come from, to namespace shared caches.

    Environments (or test sandboxes) sharing one Redis must never trust each other's keys.
    """
    source = settings.JTL_ISSUER if generation == "current" else settings.JTL_API_BASE_URL
    return hashlib.sha256(str(source).encode()).hexdigest()[:16]


def _discovery_cache_key() -> str:
    return f"jtl:auth:discovery:{source_fingerprint(generation='current')}:jwks_uri"


def discovery_cache_clear() -> None:
    _discovered_jwks_uri.clear()
    _redis_best_effort(lambda client: client.delete(_discovery_cache_key()))


def _is_usable(*, jwk: dict[str, Any], generation: Generation) -> bool:
    kid = jwk.get("kid")
    if not isinstance(kid, str) or not 0 < len(kid) <= 128:
        return False
    if jwk.get("use") not in (None, "sig"):
        return False
    key_ops = jwk.get("key_ops")
    if key_ops is not None and (not isinstance(key_ops, list) or "verify" not in key_ops):
        return False
    if generation == "current":
        return jwk.get("kty") == "RSA" and jwk.get("alg") in (None, "RS256")
    return (
        jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519" and jwk.get("alg") in _LEGACY_ALGS
    )


def _get(*, url: str, headers: dict[str, str]) -> OutboundResponse:
    try:
        return outbound_request(
            method="GET", url=url, headers=headers, timeout=fetch_timeout_seconds()
        )
    except OutboundError as exc:
        raise KeysFetchError("unreachable") from exc


def _current_jwks_uri() -> str:
    """``jwks_uri`` from discovery, cached long: it practically never changes."""
    issuer = str(settings.JTL_ISSUER)
    cached = _discovered_jwks_uri.get(issuer)
    if cached is not None:
        return cached
    shared = _redis_best_effort(lambda client: client.get(_discovery_cache_key()))
    if isinstance(shared, bytes) and _same_origin(shared.decode(), issuer):
        _discovered_jwks_uri[issuer] = shared.decode()
        return shared.decode()
    response = _get(url=f"{issuer}/.well-known/openid-configuration", headers={})
    if response.status != 200:
        raise KeysFetchError(f"discovery_http_{response.status}")
    jwks_uri = _jwks_uri_from(content=response.content, issuer=issuer)
    _discovered_jwks_uri[issuer] = jwks_uri
    _redis_best_effort(
        lambda client: client.set(_discovery_cache_key(), jwks_uri, ex=DISCOVERY_TTL_SECONDS)
    )
    return jwks_uri


def _redis_best_effort(operation: Callable[[redis.Redis], Any]) -> Any:
    """Discovery caching is an optimisation; a Redis outage must not block verification."""
    try:
        return operation(redis_client())
    except redis.RedisError:
        logger.warning("redis unavailable; discovery cached in this process only")
        return None


def _jwks_uri_from(*, content: bytes, issuer: str) -> str:
    """OIDC Discovery §4.3: the document must name our issuer; keys stay on the issuer's host."""
    try:
        document = json.loads(content)
    except ValueError as exc:
        raise KeysFetchError("discovery_not_json") from exc
    if not isinstance(document, dict) or document.get("issuer") != issuer:
        raise KeysFetchError("discovery_issuer_mismatch")
    jwks_uri = document.get("jwks_uri")
    if not isinstance(jwks_uri, str) or not _same_origin(jwks_uri, issuer):
        raise KeysFetchError("discovery_jwks_uri_foreign")
    return jwks_uri


def _same_origin(url: str, issuer: str) -> bool:
    candidate, trusted = urlsplit(url), urlsplit(issuer)
    return (candidate.scheme, candidate.netloc) == (trusted.scheme, trusted.netloc)


def _legacy_jwks_response() -> OutboundResponse:
    """GET the legacy JWKS with the app's Ory token (``authorized``'s one re-send after a 401)."""
    try:
        return service_request(
            method="GET",
            path="/account/.well-known/jwks.json",
            generation="legacy",
            timeout=fetch_timeout_seconds(),
        )
    except (ApplicationError, redis.RedisError) as exc:
        raise KeysFetchError("service_token_unavailable") from exc
    except OutboundError as exc:
        raise KeysFetchError("unreachable") from exc
