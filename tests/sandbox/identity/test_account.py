from jtlapp.sandbox.identity import PrincipalKind
from tests.sandbox.identity.conftest import TENANT_A, TENANT_B, USER_A, basic, bearer

DELEGATED_URL = "/account/identity/delegated-token"
REFRESH_URL = "/account/identity/delegated-token/refresh"


def _service_token(state, client) -> str:
    return state.tokens.mint_service_token(client=client).access_token


def test_delegated_token_for_tenant(http, state, service_client):
    response = http.post(
        DELEGATED_URL,
        json={"tenantId": TENANT_B},
        headers=bearer(_service_token(state, service_client)),
    )

    body = response.get_json()
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert set(body) == {"accessToken", "refreshToken", "expiresIn", "tokenType"}
    assert (body["expiresIn"], body["tokenType"]) == (3600, "Bearer")
    principal = state.token_introspect(token=body["accessToken"])
    assert principal.kind is PrincipalKind.DELEGATED
    assert principal.tenant_id == TENANT_B


def test_delegated_token_requires_a_service_account_bearer(http, state):
    app_token = state.tokens.mint_app_token(app_id="111", tenant_id=TENANT_A, user_id=USER_A)

    missing = http.post(DELEGATED_URL, json={"tenantId": TENANT_A})
    garbage = http.post(DELEGATED_URL, json={"tenantId": TENANT_A}, headers=bearer("x.y.z"))
    user = http.post(DELEGATED_URL, json={"tenantId": TENANT_A}, headers=bearer(app_token))

    assert [r.status_code for r in (missing, garbage, user)] == [401, 401, 401]
    assert missing.get_json() == {"errorCode": "UNAUTHORIZED", "errorMessage": "Invalid token."}


def test_delegated_token_refuses_bad_body_unknown_and_uninstalled_tenant(
    http, state, service_client, installed
):
    # given
    headers = bearer(_service_token(state, service_client))
    installed.add(("111", TENANT_B))

    # when
    bad_body = http.post(DELEGATED_URL, data="tenantId", headers=headers)
    unknown = http.post(
        DELEGATED_URL, json={"tenantId": "00000000-0000-0000-0000-0000"}, headers=headers
    )
    uninstalled = http.post(DELEGATED_URL, json={"tenantId": TENANT_B}, headers=headers)

    # then
    assert (bad_body.status_code, bad_body.get_json()["errorCode"]) == (400, "VALIDATION_ERROR")
    assert (unknown.status_code, unknown.get_json()["errorCode"]) == (404, "NOT_FOUND")
    assert (uninstalled.status_code, uninstalled.get_json()["errorCode"]) == (403, "FORBIDDEN")


def test_delegated_refresh_is_single_use(http, state, service_client):
    # given
    headers = bearer(_service_token(state, service_client))
    first = http.post(DELEGATED_URL, json={"tenantId": TENANT_A}, headers=headers).get_json()

    # when
    refreshed = http.post(
        REFRESH_URL, json={"refreshToken": first["refreshToken"]}, headers=headers
    )
    replayed = http.post(REFRESH_URL, json={"refreshToken": first["refreshToken"]}, headers=headers)

    # then
    assert refreshed.status_code == 200
    assert refreshed.get_json()["refreshToken"] != first["refreshToken"]
    assert state.token_introspect(token=refreshed.get_json()["accessToken"]).tenant_id == TENANT_A
    assert (replayed.status_code, replayed.get_json()["errorCode"]) == (400, "INVALID_GRANT")


def test_delegated_refresh_requires_bearer_and_body(http, state, service_client):
    headers = bearer(_service_token(state, service_client))

    anonymous = http.post(REFRESH_URL, json={"refreshToken": "jtl_drt_x"})
    empty = http.post(REFRESH_URL, json={}, headers=headers)
    unknown = http.post(REFRESH_URL, json={"refreshToken": "jtl_drt_x"}, headers=headers)

    assert [r.status_code for r in (anonymous, empty, unknown)] == [401, 400, 400]


def test_tenants_lists_installed_tenants(http, state, service_client):
    response = http.get("/account/tenants", headers=bearer(_service_token(state, service_client)))

    tenants = response.get_json()
    assert response.status_code == 200
    assert [t["id"] for t in tenants] == [TENANT_A, TENANT_B]
    assert tenants[0]["name"] == "Mustermann Handels GmbH"
    assert tenants[0]["slug"] == "mustermann-handels-gmbh"
    assert tenants[0]["createdAt"] == "2025-03-03T08:00:00Z"
    assert tenants[0]["kid"].isdigit()
    assert len(tenants[0]["kid"]) == 6


def test_tenants_with_tenant_bound_token_lists_only_its_tenant(http, state):
    token = state.tokens.mint_app_token(app_id="111", tenant_id=TENANT_B, user_id=USER_A)

    response = http.get("/account/tenants", headers=bearer(token))

    assert [t["id"] for t in response.get_json()] == [TENANT_B]


def test_tenants_requires_bearer(http):
    assert http.get("/account/tenants").status_code == 401


def test_legacy_jwks_requires_service_or_ory_bearer(http, state, service_client):
    # given
    ory = http.post(
        "/oauth2/token",
        data={"grant_type": "client_credentials"},
        headers=basic("app-111", "s3cret-111"),
    ).get_json()["access_token"]
    app_token = state.tokens.mint_app_token(app_id="111", tenant_id=TENANT_A, user_id=USER_A)

    # when
    anonymous = http.get("/account/.well-known/jwks.json")
    with_app_token = http.get("/account/.well-known/jwks.json", headers=bearer(app_token))
    with_service = http.get(
        "/account/.well-known/jwks.json", headers=bearer(_service_token(state, service_client))
    )
    with_ory = http.get("/account/.well-known/jwks.json", headers=bearer(ory))

    # then
    assert anonymous.status_code == 401
    assert with_app_token.status_code == 401
    assert with_service.status_code == 200
    assert with_ory.get_json() == with_service.get_json() == state.legacy_keys.jwks()
    (key,) = with_service.get_json()["keys"]
    assert (key["kty"], key["crv"], key["kid"]) == ("OKP", "Ed25519", state.legacy_keys.current_kid)
    assert "d" not in key
    assert state.counters_snapshot() == {"legacy_token": 1, "legacy_jwks": 4}


def test_legacy_ory_token_endpoint(http):
    ok = http.post(
        "/oauth2/token",
        data={"grant_type": "client_credentials", "scope": "items.read"},
        headers=basic("app-111", "s3cret-111"),
    )
    wrong = http.post(
        "/oauth2/token",
        data={"grant_type": "client_credentials"},
        headers=basic("app-111", "nope"),
    )
    foreign_scope = http.post(
        "/oauth2/token",
        data={"grant_type": "client_credentials", "scope": "salesorders.write"},
        headers=basic("app-111", "s3cret-111"),
    )

    body = ok.get_json()
    assert ok.status_code == 200
    assert set(body) == {"access_token", "expires_in", "scope", "token_type"}
    assert (body["scope"], body["token_type"]) == ("items.read", "bearer")
    assert body["access_token"].startswith("ory_at_")
    assert (wrong.status_code, wrong.get_json()) == (401, {"error": "invalid_client"})
    assert (foreign_scope.status_code, foreign_scope.get_json()) == (
        400,
        {"error": "invalid_scope"},
    )
