"""Current generation: RS256 app tokens from the sandbox IdP (security.md §8 A, adapted)."""

from __future__ import annotations

import hashlib
import hmac
import time
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from joserfc import jwt
from joserfc.jwk import ECKey, RSAKey

from jtlapp.auth import verify as verify_module
from jtlapp.auth.exceptions import TokenExpiredError, TokenInvalidError
from jtlapp.auth.verify import app_token_verify, caller_token_verify
from tests.auth.conftest import TENANT_ID, USER_ID, b64url, b64url_json, segments, unsigned

pytestmark = pytest.mark.usefixtures("keys_cold")


def _reason(token: str) -> str:
    with pytest.raises(TokenInvalidError) as raised:
        app_token_verify(token=token)
    return raised.value.reason


def _attacker_token(
    platform, *, alg: str, key, extra_header: dict[str, object] | None = None
) -> str:
    """Real claims and kid, signed by a key that JTL never published."""
    header, payload = segments(platform.app_token())
    return jwt.encode(
        {**header, "alg": alg, **(extra_header or {})}, payload, key, algorithms=[alg]
    )


def test_case_1_valid_app_token_gives_claims(platform, settings):
    # given
    token = platform.app_token(scopes=["erp.items.read", "openid"])
    _, payload = segments(token)

    # when
    claims = app_token_verify(token=token)

    # then
    assert claims.generation == "current"
    assert claims.tenant_id == TENANT_ID
    assert claims.user_id == USER_ID
    assert claims.app_id == settings.JTL_APP_ID
    assert claims.scopes == frozenset({"erp.items.read", "openid"})
    assert claims.expires_at == datetime.fromtimestamp(payload["exp"], tz=UTC)
    assert claims.issued_at == datetime.fromtimestamp(payload["iat"], tz=UTC)
    assert claims.token_id == payload["jti"]
    assert TENANT_ID not in repr(claims)


def test_case_1_tenant_id_is_lower_cased(platform):
    token = platform.app_token(claims={"urn:jtl:tenant_id": TENANT_ID.upper()})

    assert app_token_verify(token=token).tenant_id == TENANT_ID


def test_case_1_scope_as_json_list_and_absent(platform):
    listed = platform.app_token(claims={"scope": ["a", "b"]})
    absent = platform.app_token(omitClaims=["scope"])

    assert app_token_verify(token=listed).scopes == frozenset({"a", "b"})
    assert app_token_verify(token=absent).scopes == frozenset()


def test_case_1_scope_of_wrong_type_is_refused(platform):
    assert _reason(platform.app_token(claims={"scope": 7})) == "scope"


def test_case_2_header_kid_is_required_and_must_be_published(platform):
    header, payload = segments(platform.app_token())
    del header["kid"]

    assert _reason(unsigned(header, payload)) == "kid_missing"
    assert _reason(unsigned({**header, "kid": "404"}, payload)) == "unknown_kid"
    assert _reason(unsigned({**header, "kid": 123}, payload)) == "kid_malformed"


def test_case_3_alg_none_is_refused_without_key_fetch(platform):
    header, payload = segments(platform.app_token())
    none_token = f"{b64url_json({**header, 'alg': 'none'})}.{b64url_json(payload)}."

    assert _reason(none_token) == "malformed"
    assert _reason(unsigned({**header, "alg": "none"}, payload)) == "alg_not_allowed"
    assert platform.counters().get("keys", 0) == 0
    assert platform.counters().get("discovery", 0) == 0


def test_case_4_hs256_with_the_public_key_as_secret_is_refused(platform):
    # given: the attacker knows our real public key (it is published)
    token = platform.app_token()
    app_token_verify(token=token)
    header, payload = segments(token)
    jwks = __import__("httpx").get(f"{platform.url}/oauth/v2/keys", timeout=5).json()
    public = RSAKey.import_key(jwks["keys"][0]).raw_value
    pem = public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    signing_input = f"{b64url_json({**header, 'alg': 'HS256'})}.{b64url_json(payload)}"
    signature = hmac.new(pem, signing_input.encode(), hashlib.sha256).digest()

    # when / then
    assert _reason(f"{signing_input}.{b64url(signature)}") == "alg_not_allowed"


def test_case_5_attacker_signed_rs256_is_refused(platform):
    attacker = RSAKey.generate_key(2048)

    assert _reason(_attacker_token(platform, alg="RS256", key=attacker)) == "signature"
    assert _reason(platform.app_token(forged=True)) == "signature"


@pytest.mark.parametrize("alg", ["PS256", "RS512"])
def test_case_5_other_rsa_algorithms_are_refused(platform, alg):
    attacker = RSAKey.generate_key(2048)

    assert _reason(_attacker_token(platform, alg=alg, key=attacker)) == "alg_not_allowed"


def test_case_5_es256_is_refused(platform):
    attacker = ECKey.generate_key("P-256")

    assert _reason(_attacker_token(platform, alg="ES256", key=attacker)) == "alg_not_allowed"


def test_case_6_ed25519_names_are_not_current_algorithms(platform):
    header, payload = segments(platform.app_token())

    assert _reason(unsigned({**header, "alg": "EdDSA"}, payload)) == "alg_not_allowed"
    assert _reason(unsigned({**header, "alg": "Ed25519"}, payload)) == "alg_not_allowed"


@pytest.mark.parametrize("name", ["jwk", "jku", "x5u", "x5c", "crit"])
def test_case_7_token_supplied_key_material_is_refused_without_fetch(platform, name):
    # given: signed by the attacker key the header points at
    attacker = RSAKey.generate_key(2048, parameters={"kid": "evil"})
    value = {
        "jwk": attacker.as_dict(private=False),
        "jku": f"{platform.url}/evil/jwks.json",
        "x5u": f"{platform.url}/evil/cert.pem",
        "x5c": ["MIIB"],
        "crit": ["exp"],
    }[name]
    header, payload = segments(platform.app_token())
    signing_input = f"{b64url_json({**header, name: value})}.{b64url_json(payload)}"
    signature = attacker.raw_value.sign(signing_input.encode(), *_rs256_padding())

    # when / then
    assert _reason(f"{signing_input}.{b64url(signature)}") == "header_not_allowed"
    assert platform.counters().get("keys", 0) == 0


def _rs256_padding() -> tuple[padding.PKCS1v15, hashes.SHA256]:
    return padding.PKCS1v15(), hashes.SHA256()


def test_case_8_flipped_bits_are_refused(platform):
    header, payload, signature = platform.app_token().split(".")
    flipped_payload = b64url_json({**segments(platform.app_token())[1], "sub": "someone-else"})
    flipped_signature = ("A" if signature[0] != "A" else "B") + signature[1:]

    assert _reason(f"{header}.{flipped_payload}.{signature}") == "signature"
    assert _reason(f"{header}.{payload}.{flipped_signature}") == "signature"


def test_case_9_exp_missing_or_not_a_number(platform):
    assert _reason(platform.app_token(omitClaims=["exp"])) == "exp_missing"
    assert (
        _reason(platform.app_token(claims={"exp": str(int(time.time()) + 60)})) == "exp_malformed"
    )
    assert _reason(platform.app_token(claims={"exp": True})) == "exp_malformed"
    assert _reason(platform.app_token(claims={"exp": 10**12})) == "exp_malformed"


def test_case_10_exp_boundary(platform, settings, monkeypatch):
    # given: a token expiring at a known second, and our clock around it
    expires = int(time.time()) + 120
    token = platform.app_token(exp=expires)
    leeway = settings.JTL_TOKEN_LEEWAY_SECONDS

    def at(moment: float) -> None:
        monkeypatch.setattr(verify_module, "now", lambda: moment)

    # when / then
    at(expires - 1)
    assert app_token_verify(token=token).tenant_id == TENANT_ID
    at(expires + leeway - 1)
    assert app_token_verify(token=token).tenant_id == TENANT_ID
    at(expires + leeway)
    with pytest.raises(TokenExpiredError):
        app_token_verify(token=token)
    settings.JTL_TOKEN_LEEWAY_SECONDS = 0
    at(expires)
    with pytest.raises(TokenExpiredError) as raised:
        app_token_verify(token=token)
    assert raised.value.code == "token_expired"
    assert raised.value.http_status == 401


def test_case_10_expired_token_from_the_sandbox(platform):
    token = platform.app_token(exp=int(time.time()) - 3600)

    with pytest.raises(TokenExpiredError):
        app_token_verify(token=token)


def test_case_11_nbf_and_iat_in_the_future(platform, settings):
    future = int(time.time()) + settings.JTL_TOKEN_LEEWAY_SECONDS + 60
    near = int(time.time()) + settings.JTL_TOKEN_LEEWAY_SECONDS // 2

    assert _reason(platform.app_token(claims={"nbf": future})) == "not_yet_valid"
    assert _reason(platform.app_token(claims={"iat": future})) == "issued_in_future"
    token = platform.app_token(claims={"nbf": near, "iat": near})
    assert app_token_verify(token=token).tenant_id == TENANT_ID


def test_case_12_lifetime_over_a_day_is_refused(platform):
    assert _reason(platform.app_token(exp=int(time.time()) + 25 * 3600)) == "lifetime_too_long"


@pytest.mark.parametrize("tenant", ["", "not-a-uuid", 42, TENANT_ID + "0", f"{{{TENANT_ID}}}"])
def test_case_13_tenant_must_be_a_uuid(platform, tenant):
    assert _reason(platform.app_token(claims={"urn:jtl:tenant_id": tenant})) == "tenant_id"


def test_case_13_tenant_and_user_are_required(platform):
    assert _reason(platform.app_token(omitClaims=["urn:jtl:tenant_id"])) == "tenant_id"
    assert _reason(platform.app_token(omitClaims=["sub"])) == "sub"
    assert _reason(platform.app_token(claims={"sub": ""})) == "sub"


def test_case_14_malformed_tokens_fail_fast(platform):
    # given
    header, payload, signature = platform.app_token().split(".")
    cases = {
        f"{header}.{payload}": "malformed",
        f"{header}.{payload}.{signature}.{signature}": "malformed",
        f"{header}.{payload}!.{signature}": "malformed",
        f"{header}.{b64url(b'not json')}.{signature}": "malformed",
        f"{header}.{b64url_json([1, 2])}.{signature}": "malformed",
        f"{header}.{'A' * 65536}.{signature}": "oversize",
        "": "malformed",
    }

    for token, reason in cases.items():
        # when
        started = time.monotonic()
        actual = _reason(token)
        # then
        assert (actual, time.monotonic() - started < 0.05) == (reason, True)


def test_case_14_large_but_legal_app_token_is_accepted(platform):
    scopes = [f"erp.scope-{index:03d}.read" for index in range(300)]
    token = platform.app_token(scopes=scopes)

    assert 8 * 1024 < len(token) < 16 * 1024
    assert len(app_token_verify(token=token).scopes) == 300


def test_case_17_wrong_issuer_is_refused(platform):
    assert _reason(platform.app_token(claims={"iss": "https://id.evil.example"})) == "issuer"
    assert _reason(platform.app_token(omitClaims=["iss"])) == "issuer"


def test_case_17_audience_must_contain_our_app(platform, settings):
    ours = settings.JTL_APP_ID

    assert _reason(platform.app_token(audience=["other-app"])) == "audience"
    assert _reason(platform.app_token(omitClaims=["aud"])) == "audience"
    assert _reason(platform.app_token(claims={"aud": [ours, 7]})) == "audience"
    assert app_token_verify(token=platform.app_token(claims={"aud": ours})).app_id == ours
    assert app_token_verify(token=platform.app_token(audience=["other-app", ours])).app_id == ours


def test_case_17_app_id_claim_must_be_ours_when_present(platform):
    assert _reason(platform.app_token(claims={"urn:jtl:app_id": "other-app"})) == "app_id"
    token = platform.app_token(omitClaims=["urn:jtl:app_id"])
    assert app_token_verify(token=token).tenant_id == TENANT_ID


def test_caller_token_verify_uses_enabled_generations_only(platform, settings):
    settings.JTL_AUTH_GENERATIONS = ["current"]

    assert caller_token_verify(token=platform.app_token()).generation == "current"
    with pytest.raises(TokenInvalidError) as raised:
        caller_token_verify(token=platform.session_token())
    assert raised.value.reason == "alg_not_allowed"
    assert platform.counters().get("legacy_jwks", 0) == 0
