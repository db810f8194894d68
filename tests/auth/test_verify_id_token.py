"""Hub sign-in ID tokens through the one verifier: one test per check, so removing any fails one.

Tokens are signed with the suite sandbox's published issuer key (what JTL's IdP would sign),
with exactly one claim changed per test.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from jtlapp.auth.exceptions import TokenExpiredError, TokenInvalidError
from jtlapp.auth.verify_id_token import ID_TOKEN_MAX_LIFETIME_SECONDS, id_token_verify
from panes.hub_tokens import HubSignInError, id_token_claims
from tests.auth.conftest import b64url_json, segments

pytestmark = pytest.mark.usefixtures("keys_cold")

NONCE = "n-0S6_WzA2Mj"


def _claims(settings, **changes: Any) -> dict[str, Any]:
    moment = int(time.time())
    claims: dict[str, Any] = {
        "iss": settings.JTL_ISSUER,
        "aud": settings.JTL_CLIENT_ID,
        "sub": "user-1",
        "exp": moment + 300,
        "iat": moment,
        "nonce": NONCE,
    }
    claims.update(changes)
    return {name: value for name, value in claims.items() if value is not None}


def _signed(platform, claims: dict[str, Any]) -> str:
    return platform.state.identity.keys.sign(claims=claims)


def _reason(token: str, nonce: str = NONCE) -> str:
    with pytest.raises(TokenInvalidError) as raised:
        id_token_verify(token=token, nonce=nonce)
    return raised.value.reason


def test_a_valid_id_token_gives_its_claims(platform, settings):
    claims = id_token_verify(token=_signed(platform, _claims(settings)), nonce=NONCE)

    assert claims["sub"] == "user-1"


def test_audience_must_be_our_client(platform, settings):
    assert _reason(_signed(platform, _claims(settings, aud="another-client"))) == "audience"


def test_with_several_audiences_azp_must_name_us(platform, settings):
    aud = [settings.JTL_CLIENT_ID, "other"]
    assert _reason(_signed(platform, _claims(settings, aud=aud))) == "azp"
    token = _signed(platform, _claims(settings, aud=aud, azp=settings.JTL_CLIENT_ID))
    assert id_token_verify(token=token, nonce=NONCE)["sub"] == "user-1"


def test_issuer_must_be_ours(platform, settings):
    assert _reason(_signed(platform, _claims(settings, iss="https://evil.example"))) == "issuer"


def test_expired_is_refused(platform, settings):
    moment = int(time.time())
    token = _signed(platform, _claims(settings, exp=moment - 60, iat=moment - 120))
    with pytest.raises(TokenExpiredError):
        id_token_verify(token=token, nonce=NONCE)


def test_exp_is_required(platform, settings):
    assert _reason(_signed(platform, _claims(settings, exp=None))) == "exp_missing"


def test_nonce_must_be_the_one_we_sent(platform, settings):
    assert _reason(_signed(platform, _claims(settings)), nonce="another-nonce") == "nonce"
    assert _reason(_signed(platform, _claims(settings, nonce=None))) == "nonce"


def test_not_yet_valid_is_refused(platform, settings):
    token = _signed(platform, _claims(settings, nbf=int(time.time()) + 600))
    assert _reason(token) == "not_yet_valid"


def test_issued_in_the_future_is_refused(platform, settings):
    token = _signed(platform, _claims(settings, iat=int(time.time()) + 600))
    assert _reason(token) == "issued_in_future"


def test_lifetime_is_bounded(platform, settings):
    token = _signed(
        platform, _claims(settings, exp=int(time.time()) + ID_TOKEN_MAX_LIFETIME_SECONDS + 600)
    )
    assert _reason(token) == "lifetime_too_long"


@pytest.mark.parametrize("alg", ["HS256", "none", ["RS256"]])
def test_algorithm_is_pinned_to_rs256(platform, settings, alg):
    token = _signed(platform, _claims(settings))
    _, payload, signature = token.split(".")
    real_header, _ = segments(token)
    forged = f"{b64url_json({**real_header, 'alg': alg})}.{payload}.{signature}"
    assert _reason(forged) == "alg_not_allowed"


def test_a_key_jtl_never_published_is_refused(platform, settings):
    token = platform.state.identity.keys.sign(claims=_claims(settings), forged=True)
    assert _reason(token) == "signature"


def test_the_hub_uses_the_one_verifier(platform, settings):
    with pytest.raises(HubSignInError, match="audience"):
        id_token_claims(id_token=_signed(platform, _claims(settings, aud="x")), nonce=NONCE)
    token = _signed(platform, _claims(settings, nbf=int(time.time()) + 600))
    with pytest.raises(HubSignInError, match="not_yet_valid"):
        id_token_claims(id_token=token, nonce=NONCE)
