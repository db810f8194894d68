"""Request level: ``AppTokenAuthentication`` behind a test view (security.md §8 A, B 24)."""

from __future__ import annotations

import logging
import time

import pytest

from jtlapp.auth.authentication import RETRY_HEADER
from tests.auth.conftest import TENANT_ID, USER_ID

pytestmark = [pytest.mark.urls("tests.auth.urls"), pytest.mark.usefixtures("keys_cold")]

INVALID_BODY = {
    "message": "The token is invalid. Fetch a fresh token and retry once.",
    "code": "token_invalid",
    "extra": {},
}


def _get(client, authorization: str | None = None, path: str = "/whoami"):
    headers = {} if authorization is None else {"HTTP_AUTHORIZATION": authorization}
    return client.get(path, **headers)


def test_case_1_valid_app_token_authenticates(client, platform):
    # when
    response = _get(client, f"Bearer {platform.app_token()}")

    # then
    assert response.status_code == 200
    assert response.json() == {
        "tenantId": TENANT_ID,
        "userId": USER_ID,
        "generation": "current",
        "user": "JtlCaller(generation='current', tenant_id=8c6d5a1e…, user_id=0a1b2c3d…)",
    }
    assert RETRY_HEADER not in response.headers


def test_case_1_post_needs_no_csrf_token(client, platform):
    response = client.post(
        "/whoami",
        data={},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {platform.app_token()}",
    )

    assert (response.status_code, response.json()) == (200, {"tenantId": TENANT_ID})


def test_case_15_missing_header_or_query_token_is_401_without_retry_marker(client, platform):
    token = platform.app_token()

    for response in (_get(client), _get(client, path=f"/whoami?token={token}")):
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'
        assert RETRY_HEADER not in response.headers
        assert response.json()["code"] == "not_authenticated"
        assert token not in response.content.decode()


def test_case_16_scheme_is_case_insensitive(client, platform):
    assert _get(client, f"bearer {platform.app_token()}").status_code == 200
    assert _get(client, f"BEARER {platform.app_token()}").status_code == 200


def test_case_16_other_schemes_are_not_ours(client, platform):
    response = _get(client, "Basic dXNlcjpwYXNz")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize(
    "template",
    [
        "Bearer  {token}",
        "Bearer {token} ",
        "Bearer\t{token}",
        "Bearer {token}, Bearer {token}",
        "Bearer {token},Bearer {token}",
        "Bearer",
        "Bearer ",
    ],
)
def test_case_16_malformed_bearer_headers_are_401(client, platform, template):
    token = platform.app_token()

    response = _get(client, template.format(token=token))

    assert response.status_code == 401
    assert response.json() == INVALID_BODY
    assert response[RETRY_HEADER] == "1"


def test_case_14_oversized_header_is_401_fast(client, platform):
    started = time.monotonic()

    response = _get(client, "Bearer " + "A" * 65536)

    assert (response.status_code, response.json()) == (401, INVALID_BODY)
    assert time.monotonic() - started < 0.5


def test_case_18_invalid_token_asks_for_a_fresh_one(client, platform, caplog):
    # given
    token = platform.app_token(forged=True)

    # when
    with caplog.at_level(logging.DEBUG):
        response = _get(client, f"Bearer {token}")

    # then
    assert response.status_code == 401
    assert response.json() == INVALID_BODY
    assert response[RETRY_HEADER] == "1"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert token not in response.content.decode()
    assert token not in caplog.text
    assert token.split(".")[2] not in caplog.text
    assert "caller token rejected: signature" in caplog.text


def test_case_18_expired_token_has_its_own_code(client, platform):
    token = platform.app_token(exp=int(time.time()) - 3600)

    response = _get(client, f"Bearer {token}")

    assert response.status_code == 401
    assert response.json() == {
        "message": "The token has expired. Fetch a fresh token and retry once.",
        "code": "token_expired",
        "extra": {},
    }
    assert response[RETRY_HEADER] == "1"


def test_case_24_keys_unavailable_is_503_with_retry_after(client, platform, settings):
    # given: cold cache and JTL's key endpoints failing
    platform.control("faults", {"area": "keys", "status": 503})

    # when
    response = _get(client, f"Bearer {platform.app_token()}")

    # then
    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.JTL_KEYS_REFETCH_COOLDOWN_SECONDS)
    assert RETRY_HEADER not in response.headers
    assert response.json() == {
        "message": "Token verification is temporarily unavailable. Retry later.",
        "code": "keys_unavailable",
        "extra": {},
    }


def test_case_1_legacy_session_token_when_enabled(client, platform, settings):
    settings.JTL_AUTH_GENERATIONS = ["current", "legacy"]

    response = _get(client, f"Bearer {platform.session_token()}")

    assert response.status_code == 200
    assert response.json()["generation"] == "legacy"
    assert response.json()["tenantId"] == TENANT_ID


def test_case_1_legacy_session_token_refused_by_default(client, platform):
    response = _get(client, f"Bearer {platform.session_token()}")

    assert (response.status_code, response.json()) == (401, INVALID_BODY)
    assert platform.counters().get("legacy_jwks", 0) == 0


@pytest.mark.parametrize(
    "header",
    [
        {"alg": ["RS256"], "kid": "k"},
        {"alg": {"RS256": 1}},
        {"alg": "RS256", "kid": {"a": "b"}},
        {"alg": "RS256", "kid": "k", "deep": [[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]},
    ],
)
def test_malformed_headers_answer_the_documented_401(client, header):
    from tests.auth.conftest import unsigned

    response = _get(client, f"Bearer {unsigned(header, {'exp': 1})}")

    assert response.status_code == 401
    assert response.json() == INVALID_BODY
    assert response[RETRY_HEADER] == "1"


def test_deeply_nested_payload_answers_the_documented_401(client):
    from tests.auth.conftest import b64url, b64url_json

    token = f"{b64url_json({'alg': 'RS256', 'kid': 'k'})}.{b64url(b'[' * 3000 + b']' * 3000)}.eA"

    response = _get(client, f"Bearer {token}")

    assert (response.status_code, response.json()) == (401, INVALID_BODY)
