import base64
import json
import threading
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, OctKey

from jtlapp.sandbox.identity.keys import EdKeyRing, KeyRing

PRIVATE_RSA_MEMBERS = {"d", "p", "q", "dp", "dq", "qi"}


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _verify_with_jwks(token: str, jwks: Any) -> dict[str, Any] | None:
    try:
        return jwt.decode(token, KeySet.import_key_set(jwks), algorithms=["RS256"]).claims
    except JoseError:
        return None


def test_jwks_publishes_only_public_members():
    # given
    ring = KeyRing()

    # when
    keys = ring.jwks()["keys"]

    # then
    assert len(keys) == 1
    assert keys[0]["kid"] == ring.current_kid
    assert keys[0]["kty"] == "RSA"
    assert keys[0]["alg"] == "RS256"
    assert keys[0]["use"] == "sig"
    assert PRIVATE_RSA_MEMBERS.isdisjoint(keys[0])


def test_signed_token_verifies_with_published_jwks():
    ring = KeyRing()

    token = ring.sign(claims={"sub": "x"})

    assert _verify_with_jwks(token, ring.jwks()) == {"sub": "x"}
    header = json.loads(_b64decode(token.split(".")[0]))
    assert header == {"alg": "RS256", "typ": "JWT", "kid": ring.current_kid}


def test_rotation_keeps_old_kid_published_until_retired():
    # given
    ring = KeyRing()
    old_kid = ring.current_kid
    old_token = ring.sign(claims={"sub": "old"})

    # when
    new_kid = ring.rotate()

    # then
    assert new_kid != old_kid
    assert ring.current_kid == new_kid
    assert ring.published_kids() == (old_kid, new_kid)
    assert _verify_with_jwks(old_token, ring.jwks()) == {"sub": "old"}
    assert ring.verify(token=old_token) == {"sub": "old"}


def test_retired_key_no_longer_verifies():
    # given
    ring = KeyRing()
    old_kid = ring.current_kid
    old_token = ring.sign(claims={"sub": "old"})
    ring.rotate()

    # when
    retired = ring.retire()

    # then
    assert retired == (old_kid,)
    assert old_kid not in ring.published_kids()
    assert _verify_with_jwks(old_token, ring.jwks()) is None
    assert ring.verify(token=old_token) is None


def test_current_key_cannot_be_retired():
    ring = KeyRing()

    with pytest.raises(ValueError, match="^the current signing key cannot be retired$"):
        ring.retire(kid=ring.current_kid)


def test_forged_token_fails_verification():
    ring = KeyRing()

    token = ring.sign(claims={"sub": "x"}, forged=True)

    assert ring.verify(token=token) is None
    assert _verify_with_jwks(token, ring.jwks()) is None


def test_verify_rejects_alg_none_and_hmac():
    # given
    ring = KeyRing()
    public_n = ring.jwks()["keys"][0]["n"].encode()
    unsigned = (
        base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=").decode()
        + "."
        + base64.urlsafe_b64encode(b'{"sub":"x"}').rstrip(b"=").decode()
        + "."
    )
    hmac_token = jwt.encode({"alg": "HS256"}, {"sub": "x"}, OctKey.import_key(public_n))

    # when / then
    assert ring.verify(token=unsigned) is None
    assert ring.verify(token=hmac_token) is None


def test_concurrent_rotation_publishes_every_key():
    ring = KeyRing()

    threads = [threading.Thread(target=ring.rotate) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(ring.published_kids()) == 5
    assert len(set(ring.published_kids())) == 5


def test_ed_ring_signs_eddsa_jws_verifiable_with_published_key():
    # given
    ring = EdKeyRing()
    payload = {"exp": 1, "userId": "u", "tenantId": "t", "kid": ring.current_kid}

    # when
    token = ring.sign(payload=payload)

    # then
    header_b64, payload_b64, signature_b64 = token.split(".")
    assert json.loads(_b64decode(header_b64)) == {
        "alg": "EdDSA",
        "typ": "JWT",
        "kid": ring.current_kid,
    }
    assert json.loads(_b64decode(payload_b64)) == payload
    (jwk,) = ring.jwks()["keys"]
    assert {k: jwk[k] for k in ("kty", "crv", "alg", "use")} == {
        "kty": "OKP",
        "crv": "Ed25519",
        "alg": "EdDSA",
        "use": "sig",
    }
    assert "d" not in jwk
    public_key = Ed25519PublicKey.from_public_bytes(_b64decode(jwk["x"]))
    public_key.verify(_b64decode(signature_b64), f"{header_b64}.{payload_b64}".encode())
    assert ring.verify(token=token) == payload


def test_ed_ring_rejects_forged_and_retired_tokens():
    # given
    ring = EdKeyRing()
    forged = ring.sign(payload={"a": 1}, forged=True)
    old = ring.sign(payload={"a": 2})
    ring.rotate()
    ring.retire()

    # when / then
    assert ring.verify(token=forged) is None
    assert ring.verify(token=old) is None
    assert ring.verify(token=ring.sign(payload={"a": 3})) == {"a": 3}


def test_repr_shows_kids_only():
    ring = KeyRing()

    assert repr(ring) == f"KeyRing(kids=[{ring.current_kid!r}])"
