"""Signing keys of the sandbox IdP: RS256 for Zitadel tokens, Ed25519 for legacy session tokens.

Both rings keep every key published until it is retired, so a token signed before ``rotate()``
still verifies, exactly the window an app's JWKS cache has to cope with on the real platform.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from cryptography.exceptions import InvalidSignature
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, OKPKey, RSAKey

RS256 = "RS256"
EDDSA = "EdDSA"

KeyT = TypeVar("KeyT", RSAKey, OKPKey)


def _new_kid() -> str:
    """Zitadel publishes numeric key ids; we mimic the shape so no client assumes hex or UUIDs."""
    return str(10**17 + secrets.randbelow(9 * 10**17))


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class _Ring(Generic[KeyT]):
    """Ordered list of keys (oldest first, newest = current) guarded by one lock."""

    def __init__(self, *, factory: Callable[[str], KeyT]) -> None:
        self._factory: Callable[[str], KeyT] = factory
        self._lock = threading.Lock()
        self._keys: list[KeyT] = [factory(_new_kid())]

    def __repr__(self) -> str:
        return f"{type(self).__name__}(kids={list(self.published_kids())!r})"

    @property
    def current_kid(self) -> str:
        with self._lock:
            return self._require_kid(self._keys[-1])

    def published_kids(self) -> tuple[str, ...]:
        with self._lock:
            return tuple(self._require_kid(key) for key in self._keys)

    def rotate(self) -> str:
        """Make a fresh key current; older keys stay published until ``retire``."""
        kid = _new_kid()
        key = self._factory(kid)
        with self._lock:
            self._keys.append(key)
        return kid

    def retire(self, *, kid: str | None = None) -> tuple[str, ...]:
        """Unpublish ``kid`` (or every non-current key); the current key can never be retired."""
        with self._lock:
            current = self._keys[-1]
            if kid is not None and kid == current.kid:
                raise ValueError("the current signing key cannot be retired")
            retired = [k for k in self._keys[:-1] if kid is None or k.kid == kid]
            self._keys = [k for k in self._keys if k not in retired]
        return tuple(self._require_kid(key) for key in retired)

    def jwks(self) -> dict[str, Any]:
        """Public JWK set; private parts never leave the ring."""
        with self._lock:
            return {"keys": [dict(key.as_dict(private=False)) for key in self._keys]}

    def _current(self) -> KeyT:
        with self._lock:
            return self._keys[-1]

    def _published(self) -> list[KeyT]:
        with self._lock:
            return list(self._keys)

    @staticmethod
    def _require_kid(key: KeyT) -> str:
        kid = key.kid
        if kid is None:  # pragma: no cover - keys are always created with a kid
            raise ValueError("key without kid")
        return kid


def _rsa_key(kid: str) -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": kid, "use": "sig", "alg": RS256})


def _ed_key(kid: str) -> OKPKey:
    return OKPKey.generate_key("Ed25519", parameters={"kid": kid, "use": "sig", "alg": EDDSA})


class KeyRing(_Ring[RSAKey]):
    """RS256 keys of the Zitadel-like issuer (published at ``/oauth/v2/keys``)."""

    def __init__(self) -> None:
        super().__init__(factory=_rsa_key)

    def sign(self, *, claims: Mapping[str, Any], forged: bool = False) -> str:
        """Sign with the current key; ``forged`` uses an unpublished key under the same kid."""
        key = self._current()
        if forged:
            key = _rsa_key(self._require_kid(key))
        header = {"alg": RS256, "typ": "JWT", "kid": self._require_kid(key)}
        return jwt.encode(header, dict(claims), key, algorithms=[RS256])

    def verify(self, *, token: str) -> dict[str, Any] | None:
        """Return the claims if the signature verifies against a published key (RS256 only)."""
        try:
            decoded = jwt.decode(token, KeySet(list(self._published())), algorithms=[RS256])
        except (JoseError, ValueError, TypeError):
            return None
        return dict(decoded.claims)


class EdKeyRing(_Ring[OKPKey]):
    """Ed25519 keys of the legacy account service (``/account/.well-known/jwks.json``).

    Signing is done with ``cryptography`` directly: JTL's header says ``"alg": "EdDSA"``, which
    joserfc only emits with a deprecation warning, and the JWS is a few lines anyway.
    """

    def __init__(self) -> None:
        super().__init__(factory=_ed_key)

    def sign(
        self, *, payload: Mapping[str, Any], kid: str | None = None, forged: bool = False
    ) -> str:
        """Sign ``payload`` with the current key; ``kid`` overrides the header kid."""
        key = self._current()
        if forged:
            key = _ed_key(self._require_kid(key))
        header = {"alg": EDDSA, "typ": "JWT", "kid": kid or self._require_kid(key)}
        signing_input = ".".join(
            _b64url(json.dumps(part, separators=(",", ":")).encode()) for part in (header, payload)
        )
        signature = key.private_key.sign(signing_input.encode("ascii"))  # type: ignore[union-attr]
        return f"{signing_input}.{_b64url(signature)}"

    def verify(self, *, token: str) -> dict[str, Any] | None:
        """Return the payload if an EdDSA signature verifies against the key named by ``kid``."""
        try:
            header_b64, payload_b64, signature_b64 = token.split(".")
            header = json.loads(_b64url_decode(header_b64))
            key = next(k for k in self._published() if k.kid == header.get("kid"))
            if header.get("alg") != EDDSA:
                return None
            key.public_key.verify(  # type: ignore[union-attr]
                _b64url_decode(signature_b64), f"{header_b64}.{payload_b64}".encode("ascii")
            )
            payload = json.loads(_b64url_decode(payload_b64))
        except (ValueError, StopIteration, InvalidSignature, TypeError):
            return None
        return payload if isinstance(payload, dict) else None
