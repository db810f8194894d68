import re
from urllib.parse import parse_qs, urlsplit

import pytest
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError
from joserfc.jwk import KeySet

from jtlapp.sandbox.identity import pkce_challenge
from tests.sandbox.identity.conftest import HUB_REDIRECT, ISSUER, TENANT_B, USER_B, basic, bearer

VERIFIER = "v" * 43 + "-verifier_~."
TOKEN_URL = "/oauth/v2/token"


def _client_credentials(http, *, scope="openid", headers=None, data=None):
    form = {"grant_type": "client_credentials", "scope": scope, **(data or {})}
    auth = basic("app-111", "s3cret-111") if headers is None else headers
    return http.post(TOKEN_URL, data=form, headers=auth)


def _authorize_params(**overrides):
    params = {
        "client_id": "hub-222",
        "redirect_uri": HUB_REDIRECT,
        "response_type": "code",
        "scope": "openid profile offline_access",
        "state": "st-1",
        "nonce": "n-1",
        "code_challenge": pkce_challenge(verifier=VERIFIER),
        "code_challenge_method": "S256",
    }
    return {**params, **overrides}


def _sign_in(http, **overrides):
    form = {**_authorize_params(**overrides), "user_id": USER_B, "tenant_id": TENANT_B}
    response = http.post("/oauth/v2/authorize", data={**form, "action": "allow"})
    assert response.status_code == 302
    return parse_qs(urlsplit(response.headers["Location"]).query)


def _redeem(http, code, *, verifier=VERIFIER, redirect_uri=HUB_REDIRECT):
    form = {
        "grant_type": "authorization_code",
        "client_id": "hub-222",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": verifier,
    }
    return http.post(TOKEN_URL, data=form)


def test_discovery_document(http):
    response = http.get("/.well-known/openid-configuration")

    document = response.get_json()
    assert response.status_code == 200
    assert document["issuer"] == ISSUER
    assert document["jwks_uri"] == f"{ISSUER}/oauth/v2/keys"
    assert document["token_endpoint"] == f"{ISSUER}/oauth/v2/token"
    assert document["authorization_endpoint"] == f"{ISSUER}/oauth/v2/authorize"
    assert document["userinfo_endpoint"] == f"{ISSUER}/oidc/v1/userinfo"
    assert document["end_session_endpoint"] == f"{ISSUER}/oidc/v1/end_session"
    assert document["id_token_signing_alg_values_supported"] == ["RS256"]
    assert document["code_challenge_methods_supported"] == ["S256"]
    assert document["grant_types_supported"] == [
        "authorization_code",
        "client_credentials",
        "refresh_token",
    ]
    assert document["response_types_supported"] == ["code"]


def test_client_credentials_token_verifies_with_published_jwks(http):
    # when
    response = _client_credentials(http)
    jwks = http.get("/oauth/v2/keys").get_json()

    # then
    body = response.get_json()
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert set(body) == {"access_token", "token_type", "expires_in"}
    assert (body["token_type"], body["expires_in"]) == ("Bearer", 3600)
    claims = jwt.decode(body["access_token"], KeySet.import_key_set(jwks), algorithms=["RS256"])
    assert claims.claims["sub"] == "app-111"
    assert claims.header["kid"] == jwks["keys"][0]["kid"]


def test_client_credentials_accepts_client_secret_post(http):
    response = _client_credentials(
        http, headers={}, data={"client_id": "app-111", "client_secret": "s3cret-111"}
    )

    assert response.status_code == 200


def test_client_credentials_without_scope_is_rejected_like_zitadel(http):
    response = _client_credentials(http, scope="")

    assert response.status_code == 400
    assert response.get_json()["error"] == "invalid_request"
    assert response.get_json()["error_description"].startswith(
        "The scope of your request is missing"
    )


def test_client_credentials_without_openid_scope_is_invalid_scope(http):
    response = _client_credentials(http, scope="items.read")

    assert response.status_code == 400
    assert response.get_json()["error"] == "invalid_scope"
    assert response.get_json()["error_description"].startswith("The scope openid is missing")


def test_wrong_secret_is_invalid_client(http):
    response = _client_credentials(http, headers=basic("app-111", "wrong"))

    assert response.status_code == 401
    assert response.get_json() == {"error": "invalid_client"}
    assert response.headers["WWW-Authenticate"] == 'Basic realm="token"'
    assert response.headers["Cache-Control"] == "no-store"


def test_unknown_client_is_invalid_client(http):
    response = _client_credentials(http, headers=basic("nobody", "s3cret-111"))

    assert response.status_code == 401
    assert response.get_json() == {"error": "invalid_client"}


def test_service_client_cannot_skip_its_secret(http):
    response = _client_credentials(http, headers={}, data={"client_id": "app-111"})

    assert response.status_code == 401


def test_unsupported_and_missing_grant_type(http):
    password = http.post(TOKEN_URL, data={"grant_type": "password"})
    missing = http.post(TOKEN_URL, data={})

    assert (password.status_code, password.get_json()) == (400, {"error": "unsupported_grant_type"})
    assert missing.status_code == 400
    assert missing.get_json()["error"] == "invalid_request"


def test_rotation_keeps_old_kid_published(http, state):
    old_kid = state.keys.current_kid

    new_kid = state.keys_rotate()

    kids = [key["kid"] for key in http.get("/oauth/v2/keys").get_json()["keys"]]
    assert kids == [old_kid, new_kid]


def test_token_fails_against_jwks_after_retire(http, state):
    # given
    token = _client_credentials(http).get_json()["access_token"]
    state.keys_rotate()
    state.keys_retire()

    # when
    jwks = http.get("/oauth/v2/keys").get_json()

    # then
    with pytest.raises(InvalidKeyIdError):
        jwt.decode(token, KeySet.import_key_set(jwks), algorithms=["RS256"])


def test_authorize_renders_sign_in_form(http):
    response = http.get("/oauth/v2/authorize", query_string=_authorize_params())

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "<form method='post' action='/oauth/v2/authorize'>" in html
    assert f"<option value='{USER_B}'>Max Becker</option>" in html
    assert "Brauhaus Becker KG" in html


def test_pkce_flow_issues_tokens_and_userinfo(http, state):
    # given
    redirect = _sign_in(http)

    # when
    response = _redeem(http, redirect["code"][0])

    # then
    body = response.get_json()
    assert redirect["state"] == ["st-1"]
    assert response.status_code == 200
    assert set(body) == {"access_token", "token_type", "expires_in", "id_token", "refresh_token"}
    id_claims = state.tokens.verify_claims(token=body["id_token"])
    assert id_claims["nonce"] == "n-1"
    assert id_claims["aud"] == ["hub-222"]
    assert id_claims["sub"] == USER_B
    principal = state.token_introspect(token=body["access_token"])
    assert (principal.tenant_id, principal.user_id, principal.app_id) == (TENANT_B, USER_B, "222")
    userinfo = http.get("/oidc/v1/userinfo", headers=bearer(body["access_token"]))
    assert userinfo.status_code == 200
    assert userinfo.get_json()["sub"] == USER_B
    assert userinfo.get_json()["name"] == "Max Becker"


def test_wrong_verifier_is_invalid_grant_and_burns_the_code(http):
    code = _sign_in(http)["code"][0]

    wrong = _redeem(http, code, verifier="w" * 43)
    right_after = _redeem(http, code)

    assert (wrong.status_code, wrong.get_json()) == (400, {"error": "invalid_grant"})
    assert right_after.status_code == 400


def test_code_is_single_use(http):
    code = _sign_in(http)["code"][0]

    first = _redeem(http, code)
    second = _redeem(http, code)

    assert first.status_code == 200
    assert (second.status_code, second.get_json()) == (400, {"error": "invalid_grant"})


def test_code_is_bound_to_redirect_uri(http):
    code = _sign_in(http)["code"][0]

    response = _redeem(http, code, redirect_uri="http://app.test/other")

    assert response.get_json() == {"error": "invalid_grant"}


def test_code_expires(http, clock):
    code = _sign_in(http)["code"][0]
    clock.advance(301)

    assert _redeem(http, code).get_json() == {"error": "invalid_grant"}


def test_unregistered_redirect_uri_shows_error_page_without_redirect(http):
    params = _authorize_params(redirect_uri="https://evil.test/cb")

    get = http.get("/oauth/v2/authorize", query_string=params)
    post = http.post(
        "/oauth/v2/authorize", data={**params, "user_id": USER_B, "tenant_id": TENANT_B}
    )

    for response in (get, post):
        assert response.status_code == 400
        assert "Location" not in response.headers
        assert "not registered" in response.get_data(as_text=True)


def test_unknown_client_shows_error_page(http):
    response = http.get("/oauth/v2/authorize", query_string=_authorize_params(client_id="x"))

    assert response.status_code == 400
    assert "Location" not in response.headers


def test_missing_pkce_redirects_with_invalid_request(http):
    params = _authorize_params()
    del params["code_challenge"]

    response = http.get("/oauth/v2/authorize", query_string=params)

    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert response.status_code == 302
    assert response.headers["Location"].startswith(HUB_REDIRECT + "?")
    assert query["error"] == ["invalid_request"]
    assert query["state"] == ["st-1"]


def test_cancel_redirects_with_access_denied(http):
    response = http.post("/oauth/v2/authorize", data={**_authorize_params(), "action": "deny"})

    assert parse_qs(urlsplit(response.headers["Location"]).query) == {
        "error": ["access_denied"],
        "state": ["st-1"],
    }


def test_refresh_token_rotates_and_is_single_use(http):
    # given
    first = _redeem(http, _sign_in(http)["code"][0]).get_json()
    form = {"grant_type": "refresh_token", "client_id": "hub-222"}

    # when
    refreshed = http.post(TOKEN_URL, data={**form, "refresh_token": first["refresh_token"]})
    replayed = http.post(TOKEN_URL, data={**form, "refresh_token": first["refresh_token"]})

    # then
    assert refreshed.status_code == 200
    assert refreshed.get_json()["refresh_token"] != first["refresh_token"]
    assert "id_token" not in refreshed.get_json()
    assert (replayed.status_code, replayed.get_json()) == (400, {"error": "invalid_grant"})


def test_no_refresh_token_without_offline_access(http):
    code = _sign_in(http, scope="openid")["code"][0]

    body = _redeem(http, code).get_json()

    assert "refresh_token" not in body


def test_userinfo_requires_a_user_token(http):
    service_token = _client_credentials(http).get_json()["access_token"]

    anonymous = http.get("/oidc/v1/userinfo")
    service = http.get("/oidc/v1/userinfo", headers=bearer(service_token))

    assert anonymous.status_code == 401
    assert service.status_code == 401
    assert anonymous.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'


def test_end_session_redirects_only_to_registered_origin(http):
    ok = http.get(
        "/oidc/v1/end_session",
        query_string={
            "client_id": "hub-222",
            "post_logout_redirect_uri": "http://app.test/",
            "state": "s",
        },
    )
    foreign = http.get(
        "/oidc/v1/end_session",
        query_string={"client_id": "hub-222", "post_logout_redirect_uri": "https://evil.test/"},
    )

    assert (ok.status_code, ok.headers["Location"]) == (302, "http://app.test/?state=s")
    assert foreign.status_code == 200
    assert "Location" not in foreign.headers


def test_counters_count_each_endpoint(http, state):
    http.get("/.well-known/openid-configuration")
    http.get("/oauth/v2/keys")
    http.get("/oauth/v2/keys")
    _client_credentials(http)
    _client_credentials(http, scope="")

    assert state.counters_snapshot() == {"discovery": 1, "keys": 2, "token": 2}
    state.counters_reset()
    assert state.counters_snapshot() == {}


class _Fault:
    def __init__(self, *, status, latency_ms=0, html=False):
        self.status, self.latency_ms, self.html = status, latency_ms, html


class _Faults:
    def __init__(self, **faults):
        self.faults = faults

    def take(self, *, area):
        return self.faults.pop(area, None)


def test_injected_faults_apply_to_their_area_once(http, state):
    state.faults = _Faults(token=_Fault(status=503), keys=_Fault(status=500, html=True))

    failed_token = _client_credentials(http)
    failed_keys = http.get("/oauth/v2/keys")
    recovered = _client_credentials(http)

    assert (failed_token.status_code, failed_token.get_json()) == (503, {"error": "server_error"})
    assert failed_keys.status_code == 500
    assert failed_keys.mimetype == "text/html"
    assert recovered.status_code == 200
    assert state.counters_snapshot() == {"token": 2, "keys": 1}


def test_sign_in_page_escapes_reflected_parameters(http):
    response = http.get("/oauth/v2/authorize", query_string=_authorize_params(state="'><script>"))

    html = response.get_data(as_text=True)
    assert "<script>" not in html
    assert re.search(r"name='state' value='&#39;&gt;&lt;script&gt;'", html)
