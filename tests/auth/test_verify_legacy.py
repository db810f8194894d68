"""Legacy generation: EdDSA session tokens, keys behind the service token (security.md §8 A/B)."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from joserfc import jwt
from joserfc.jwk import OKPKey, RSAKey

from jtlapp.auth import verify as verify_module
from jtlapp.auth.exceptions import KeysUnavailableError, TokenExpiredError, TokenInvalidError
from jtlapp.auth.verify import caller_token_verify, session_token_verify
from tests.auth.conftest import TENANT_ID, USER_ID, b64url, b64url_json, segments, unsigned

pytestmark = pytest.mark.usefixtures("service_token_cold")


@pytest.fixture
def both_generations(settings):
    settings.JTL_AUTH_GENERATIONS = ["current", "legacy"]


def _minted(jtl_sandbox, **knobs) -> str:
    """A session token signed by the sandbox's real legacy key, with test knobs."""
    return jtl_sandbox.state.identity.tokens.mint_session_token(
        tenant_id=knobs.pop("tenant_id", TENANT_ID), user_id=knobs.pop("user_id", USER_ID), **knobs
    )


def _reason(token: str) -> str:
    with pytest.raises(TokenInvalidError) as raised:
        session_token_verify(token=token)
    return raised.value.reason


def _ed_signed(header: dict[str, object], payload: dict[str, object], key: OKPKey) -> str:
    """EdDSA by hand (joserfc warns on the deprecated name); ``key`` holds a private key."""
    signing_input = f"{b64url_json(header)}.{b64url_json(payload)}"
    return f"{signing_input}.{b64url(key.private_key.sign(signing_input.encode()))}"


def test_case_1_valid_session_token_gives_claims(platform):
    # given
    token = platform.session_token()
    _, payload = segments(token)

    # when
    claims = session_token_verify(token=token)

    # then
    assert claims.generation == "legacy"
    assert (claims.tenant_id, claims.user_id) == (TENANT_ID, USER_ID)
    assert (claims.app_id, claims.scopes, claims.issued_at) == (None, frozenset(), None)
    assert claims.expires_at == datetime.fromtimestamp(payload["exp"], tz=UTC)


def test_case_1_caller_token_verify_picks_the_generation(platform, both_generations):
    assert caller_token_verify(token=platform.session_token()).generation == "legacy"
    assert caller_token_verify(token=platform.app_token()).generation == "current"


def test_case_2_kid_in_header_only_or_payload_only(platform, jtl_sandbox):
    header_only = _minted(jtl_sandbox, omit_claims=("kid",))
    header, payload = segments(platform.session_token())
    assert ("kid" in header, "kid" in payload) == (True, True)

    assert session_token_verify(token=header_only).tenant_id == TENANT_ID
    assert session_token_verify(token=platform.session_token()).tenant_id == TENANT_ID


def test_case_2_header_and_payload_kid_must_agree(platform, jtl_sandbox):
    # given: a genuine signature, but the header names another kid than the payload
    kid = segments(platform.session_token())[1]["kid"]
    token = _minted(jtl_sandbox, header_kid="other")

    # then
    assert _reason(token) == "kid_mismatch"
    assert _reason(_minted(jtl_sandbox, payload_overrides={"kid": 5})) == "kid_malformed"
    assert session_token_verify(token=_minted(jtl_sandbox, header_kid=kid)).user_id == USER_ID


def test_case_3_alg_none_is_refused_without_fetch(platform):
    header, payload = segments(platform.session_token())

    assert _reason(unsigned({**header, "alg": "none"}, payload)) == "alg_not_allowed"
    assert _reason(f"{b64url_json({**header, 'alg': 'none'})}.{b64url_json(payload)}.") == (
        "malformed"
    )
    assert platform.counters().get("legacy_jwks", 0) == 0


@pytest.mark.parametrize("alg", ["HS256", "RS256", "ES256", "PS256"])
def test_case_4_5_other_algorithms_are_refused(platform, alg):
    header, payload = segments(platform.session_token())

    assert _reason(unsigned({**header, "alg": alg}, payload)) == "alg_not_allowed"


def test_case_5_rs256_session_token_is_not_an_app_token(platform, both_generations):
    # given: an attacker-signed RS256 token with legacy claims goes the current path
    header, payload = segments(platform.session_token())
    attacker = RSAKey.generate_key(2048)
    token = jwt.encode({**header, "alg": "RS256"}, payload, attacker, algorithms=["RS256"])

    with pytest.raises(TokenInvalidError) as raised:
        caller_token_verify(token=token)
    assert raised.value.reason == "unknown_kid"


def test_case_5_attacker_ed25519_key_is_refused(platform):
    header, payload = segments(platform.session_token())
    attacker = OKPKey.generate_key("Ed25519")

    assert _reason(_ed_signed(header, payload, attacker)) == "signature"
    forged = platform.state.identity.tokens.legacy_keys.sign(payload=payload, forged=True)
    assert _reason(forged) == "signature"


def test_case_6_ed25519_alg_name_only_when_enabled(platform, jtl_sandbox, settings):
    # given: a genuine signature under the RFC 9864 name
    header, payload = segments(platform.session_token())
    real_key = jtl_sandbox.state.identity.legacy_keys._current()
    token = _ed_signed({**header, "alg": "Ed25519"}, payload, real_key)

    # then
    assert _reason(token) == "alg_not_allowed"
    settings.JTL_LEGACY_ACCEPT_ED25519_ALG = True
    assert session_token_verify(token=token).tenant_id == TENANT_ID


@pytest.mark.parametrize("name", ["jwk", "jku", "x5u"])
def test_case_7_token_supplied_keys_are_refused(platform, name):
    attacker = OKPKey.generate_key("Ed25519", parameters={"kid": "evil"})
    value = attacker.as_dict() if name == "jwk" else f"{platform.url}/evil"
    header, payload = segments(platform.session_token())

    assert _reason(_ed_signed({**header, name: value}, payload, attacker)) == "header_not_allowed"
    assert platform.counters().get("legacy_jwks", 0) == 0


def test_case_8_flipped_bits_are_refused(platform):
    header, payload, signature = platform.session_token().split(".")
    other_tenant = b64url_json({**segments(platform.session_token())[1], "tenantId": USER_ID})
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]

    assert _reason(f"{header}.{other_tenant}.{signature}") == "signature"
    assert _reason(f"{header}.{payload}.{flipped}") == "signature"


def test_case_9_exp_missing_or_not_a_number(platform, jtl_sandbox):
    assert _reason(_minted(jtl_sandbox, omit_claims=("exp",))) == "exp_missing"
    soon = str(int(time.time()) + 60)
    assert _reason(_minted(jtl_sandbox, payload_overrides={"exp": soon})) == "exp_malformed"
    assert _reason(_minted(jtl_sandbox, payload_overrides={"exp": False})) == "exp_malformed"


def test_case_10_exp_boundary(platform, jtl_sandbox, settings, monkeypatch):
    expires = int(time.time()) + 120
    token = _minted(jtl_sandbox, payload_overrides={"exp": expires})
    leeway = settings.JTL_TOKEN_LEEWAY_SECONDS

    monkeypatch.setattr(verify_module, "now", lambda: expires + leeway - 1)
    assert session_token_verify(token=token).tenant_id == TENANT_ID
    monkeypatch.setattr(verify_module, "now", lambda: expires + leeway)
    with pytest.raises(TokenExpiredError):
        session_token_verify(token=token)


def test_case_11_nbf_and_iat_checked_when_present(platform, jtl_sandbox, settings):
    future = int(time.time()) + settings.JTL_TOKEN_LEEWAY_SECONDS + 60

    assert _reason(_minted(jtl_sandbox, payload_overrides={"nbf": future})) == "not_yet_valid"
    assert _reason(_minted(jtl_sandbox, payload_overrides={"iat": future})) == "issued_in_future"


def test_case_12_lifetime_over_an_hour_is_refused(platform, jtl_sandbox, settings):
    leeway = settings.JTL_TOKEN_LEEWAY_SECONDS

    too_long = _minted(jtl_sandbox, lifetime_seconds=3600 + leeway + 60)
    just_right = _minted(jtl_sandbox, lifetime_seconds=3600)

    assert _reason(too_long) == "lifetime_too_long"
    assert session_token_verify(token=just_right).tenant_id == TENANT_ID


@pytest.mark.parametrize(
    ("knobs", "reason"),
    [
        ({"omit_claims": ("tenantId",)}, "tenant_id"),
        ({"tenant_id": ""}, "tenant_id"),
        ({"tenant_id": "110929"}, "tenant_id"),
        ({"payload_overrides": {"tenantId": 110929}}, "tenant_id"),
        ({"omit_claims": ("userId",)}, "user_id"),
        ({"user_id": "erika"}, "user_id"),
    ],
)
def test_case_13_tenant_and_user_must_be_uuids(platform, jtl_sandbox, knobs, reason):
    assert _reason(_minted(jtl_sandbox, **knobs)) == reason


def test_case_14_oversize_session_token(platform):
    header, payload, signature = platform.session_token().split(".")

    assert _reason(f"{header}.{'A' * 5000}.{signature}") == "oversize"


def test_case_17_no_aud_or_iss_to_pin_documented_residual_risk(platform, jtl_sandbox):
    """JTL's session token names no app or issuer: one for another app of the tenant passes."""
    token = _minted(jtl_sandbox, payload_overrides={"aud": "other-app", "iss": "elsewhere"})

    assert session_token_verify(token=token).tenant_id == TENANT_ID


def test_case_19_cold_cache_fetches_jwks_once_with_the_service_token(platform):
    for _ in range(3):
        session_token_verify(token=platform.session_token())

    counters = platform.counters()
    assert (counters.get("legacy_jwks", 0), counters.get("legacy_token", 0)) == (1, 1)


def test_case_24_token_endpoint_down_is_keys_unavailable(platform):
    platform.control("faults", {"area": "token", "status": 503})

    with pytest.raises(KeysUnavailableError) as raised:
        session_token_verify(token=platform.session_token())

    assert raised.value.reason == "service_token_unavailable"
    assert platform.counters().get("legacy_jwks", 0) == 0


def test_case_24_jwks_endpoint_down_is_keys_unavailable(platform):
    platform.control("faults", {"area": "keys", "status": 503})

    with pytest.raises(KeysUnavailableError) as raised:
        session_token_verify(token=platform.session_token())

    assert raised.value.reason == "jwks_http_503"
    assert platform.counters().get("legacy_jwks", 0) == 1


def test_case_27_concurrent_cold_start_fetches_once(platform):
    tokens = [platform.session_token() for _ in range(50)]

    with ThreadPoolExecutor(max_workers=25) as pool:
        tenants = list(pool.map(lambda token: session_token_verify(token=token).tenant_id, tokens))

    counters = platform.counters()
    assert tenants == [TENANT_ID] * 50
    assert (counters.get("legacy_jwks", 0), counters.get("legacy_token", 0)) == (1, 1)
