"""The control surface answers bad requests with 4xx, never 500."""

import httpx

from tests.sandbox.conftest import TENANT_A


def test_state_lists_tenants_clients_and_key_ids(sandbox):
    state = httpx.get(f"{sandbox.url}/_sandbox/state").json()

    assert [t["id"] for t in state["tenants"]][0] == TENANT_A
    assert state["clients"][0]["clientId"] == "test-client"
    assert "clientSecret" not in state["clients"][0]
    assert len(state["keyIds"]["rs256"]) >= 1


def test_rotating_keys_publishes_the_new_kid_and_keeps_the_old_until_retired(sandbox):
    before = httpx.get(f"{sandbox.url}/_sandbox/state").json()["keyIds"]["rs256"]

    new_kid = httpx.post(f"{sandbox.url}/_sandbox/keys/rotate").json()["kid"]
    published = [k["kid"] for k in httpx.get(f"{sandbox.url}/oauth/v2/keys").json()["keys"]]
    retired = httpx.post(f"{sandbox.url}/_sandbox/keys/retire").json()["retired"]
    after = [k["kid"] for k in httpx.get(f"{sandbox.url}/oauth/v2/keys").json()["keys"]]

    assert set(before) | {new_kid} == set(published)
    assert set(before) <= set(retired)
    assert after == [new_kid]


def test_token_endpoint_calls_are_counted(sandbox):
    sandbox.service_token()
    sandbox.service_token()

    assert httpx.get(f"{sandbox.url}/_sandbox/state").json()["counters"]["token"] == 2


def test_malformed_requests_are_4xx(sandbox):
    bad_token = httpx.post(f"{sandbox.url}/_sandbox/app-token", json={"scopes": 5})
    bad_fault = httpx.post(f"{sandbox.url}/_sandbox/faults", json={"area": "moon"})
    unknown_tenant = httpx.post(f"{sandbox.url}/_sandbox/tenants/nope/install")
    unknown_registration = httpx.post(
        f"{sandbox.url}/_sandbox/onpremise/registrations/nope/approve"
    )

    assert bad_token.status_code == 400
    assert bad_fault.status_code == 400
    assert unknown_tenant.status_code == 404
    assert unknown_registration.status_code == 404


def test_erp_calls_are_logged_with_their_tenant_header_until_reset(sandbox):
    token = sandbox.service_token()
    headers = {"Authorization": f"Bearer {token}", "X-Tenant-ID": TENANT_A, "X-Request-ID": "r-1"}
    headers |= {"x-appid": "jtlapp", "x-appversion": "1.0.0"}
    httpx.get(f"{sandbox.url}/erp/v2/info", headers=headers)

    calls = httpx.get(f"{sandbox.url}/_sandbox/erp-calls").json()
    httpx.post(f"{sandbox.url}/_sandbox/counters/reset")
    after_reset = httpx.get(f"{sandbox.url}/_sandbox/erp-calls").json()

    assert calls == [
        {
            "method": "GET",
            "path": "/erp/v2/info",
            "mount": "cloud",
            "tenantHeader": TENANT_A,
            "requestId": "r-1",
            "status": 200,
            "app": "jtlapp/1.0.0",
        }
    ]
    assert after_reset == []
