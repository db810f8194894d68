"""The gateway rules of the sandbox ERP API, each over real HTTP with real tokens."""

import httpx
import pytest

from tests.sandbox.conftest import TENANT_A, TENANT_B

RATE_HEADERS = ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Interval-Length-Seconds")


def test_a_call_without_a_token_is_401_with_an_empty_body(sandbox):
    response = httpx.get(f"{sandbox.url}/erp/v2/info")

    assert response.status_code == 401
    assert response.content == b""
    assert all(name in response.headers for name in RATE_HEADERS)


@pytest.mark.parametrize("token", ["garbage", "a.b.c"])
def test_a_malformed_token_is_401(sandbox, token):
    response = httpx.get(f"{sandbox.url}/erp/v2/info", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 401


def test_a_token_with_a_forged_signature_is_401(sandbox):
    header, payload, signature = sandbox.app_token().split(".")
    forged = f"{header}.{payload}.{signature[::-1]}"

    response = httpx.get(
        f"{sandbox.url}/erp/v2/info", headers={"Authorization": f"Bearer {forged}"}
    )

    assert response.status_code == 401


def test_a_service_account_token_needs_the_tenant_header(sandbox):
    token = sandbox.service_token()

    without = httpx.get(f"{sandbox.url}/erp/v2/info", headers={"Authorization": f"Bearer {token}"})
    with_header = httpx.get(
        f"{sandbox.url}/erp/v2/info",
        headers={"Authorization": f"Bearer {token}", "x-tenant-id": TENANT_A},
    )

    assert without.status_code == 401
    assert with_header.status_code == 200
    assert all(name in with_header.headers for name in RATE_HEADERS)


def test_an_app_token_is_bound_to_its_tenant(sandbox):
    token = sandbox.app_token(tenantId=TENANT_B)
    auth = {"Authorization": f"Bearer {token}"}

    own = httpx.get(f"{sandbox.url}/erp/v2/customers", headers=auth, params={"pageSize": 5})
    other = httpx.get(f"{sandbox.url}/erp/v2/customers", headers={**auth, "X-Tenant-ID": TENANT_A})

    assert own.status_code == 200
    assert other.status_code == 403


def test_data_never_crosses_tenants(sandbox):
    token = sandbox.service_token()

    def customers(tenant):
        headers = {"Authorization": f"Bearer {token}", "X-Tenant-ID": tenant}
        response = httpx.get(f"{sandbox.url}/erp/v2/customers", headers=headers)
        assert response.status_code == 200
        return response.json()["items"]

    ids_a = {c["id"] for c in customers(TENANT_A)}
    ids_b = {c["id"] for c in customers(TENANT_B)}
    foreign = httpx.get(
        f"{sandbox.url}/erp/v2/customers/{next(iter(ids_a))}",
        headers={"Authorization": f"Bearer {token}", "X-Tenant-ID": TENANT_B},
    )

    assert ids_a.isdisjoint(ids_b)
    assert foreign.status_code == 404


def test_an_operation_outside_the_granted_scopes_is_403_naming_the_scope(sandbox):
    token = sandbox.app_token(scopes=["items.read"])
    auth = {"Authorization": f"Bearer {token}"}

    items = httpx.get(f"{sandbox.url}/erp/v2/items", headers=auth)
    customers = httpx.get(f"{sandbox.url}/erp/v2/customers", headers=auth)

    assert items.status_code == 200
    assert customers.status_code == 403
    assert "customers.read" in customers.json()["errorMessage"]


def test_a_graphql_field_outside_the_granted_scopes_is_an_error_with_200(sandbox):
    token = sandbox.app_token(scopes=["items.read"])

    response = httpx.post(
        f"{sandbox.url}/erp/v2/graphql",
        headers={"Authorization": f"Bearer {token}"},
        json={"query": "{ QueryCustomers(first: 1) { totalCount } }"},
    )

    assert response.status_code == 200
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "AUTH_NOT_AUTHORIZED"
    assert error["extensions"]["requiredScope"] == "customers.read"


@pytest.mark.parametrize(
    ("query", "scope"),
    [
        ('mutation { CreateSalesInvoice(request: { salesOrderId: "x" }) { salesInvoiceId } }',
         "invoices.write"),
        ("{ QueryTaxClasses(first: 1) { totalCount } }", "taxes.read"),
        ("{ QueryWorkbenchResourceTypes(first: 1) { totalCount } }", "system.all"),
    ],
)  # fmt: skip
def test_every_root_field_is_refused_without_the_scope_the_descriptions_name(sandbox, query, scope):
    token = sandbox.app_token(scopes=["items.read", "cusomters.read"])
    auth = {"Authorization": f"Bearer {token}"}

    refused = httpx.post(f"{sandbox.url}/erp/v2/graphql", headers=auth, json={"query": query})
    misspelt = httpx.post(
        f"{sandbox.url}/erp/v2/graphql",
        headers=auth,
        json={"query": "{ QueryCustomers(first: 1) { totalCount } }"},
    )

    assert refused.json()["errors"][0]["extensions"]["requiredScope"] == scope
    assert refused.json()["data"] is None
    assert misspelt.json()["data"]["QueryCustomers"]["totalCount"] > 0


def test_json_with_a_charset_parameter_is_refused(sandbox):
    response = httpx.post(
        f"{sandbox.url}/erp/v2/graphql",
        headers={
            "Authorization": f"Bearer {sandbox.app_token()}",
            "Content-Type": "application/json; charset=utf-8",
        },
        content=b'{"query": "{ QueryItems(first: 1) { totalCount } }"}',
    )

    assert response.status_code == 415
    assert response.json()["errorCode"] == "UNSUPPORTED_MEDIA_TYPE"


def test_an_expired_app_token_is_401(sandbox):
    token = sandbox.app_token(expiresIn=-60)

    response = httpx.get(f"{sandbox.url}/erp/v2/info", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 401


def test_the_rate_limit_answers_429_once_the_window_is_used(sandbox):
    httpx.post(f"{sandbox.url}/_sandbox/rate-limit", json={"limit": 2, "intervalSeconds": 3600})
    auth = {"Authorization": f"Bearer {sandbox.app_token()}"}

    statuses = [httpx.get(f"{sandbox.url}/erp/v2/info", headers=auth) for _ in range(3)]

    assert [r.status_code for r in statuses] == [200, 200, 429]
    assert [r.headers["X-RateLimit-Remaining"] for r in statuses] == ["1", "0", "0"]
    assert statuses[-1].headers["X-RateLimit-Interval-Length-Seconds"] == "3600"


def test_a_counted_fault_fails_the_next_request_only(sandbox):
    httpx.post(f"{sandbox.url}/_sandbox/faults", json={"area": "erp", "status": 503, "count": 1})
    auth = {"Authorization": f"Bearer {sandbox.app_token()}"}

    first = httpx.get(f"{sandbox.url}/erp/v2/info", headers=auth)
    second = httpx.get(f"{sandbox.url}/erp/v2/info", headers=auth)

    assert (first.status_code, second.status_code) == (503, 200)


def test_wawi_offline_can_answer_with_an_html_page(sandbox):
    fault = {"area": "erp", "status": 504, "html": True}
    httpx.post(f"{sandbox.url}/_sandbox/faults", json=fault)

    response = httpx.get(
        f"{sandbox.url}/erp/v2/items", headers={"Authorization": f"Bearer {sandbox.app_token()}"}
    )

    assert response.status_code == 504
    assert response.headers["Content-Type"].startswith("text/html")
    assert "Wawi is offline" in response.text


def test_latency_is_added_before_the_answer(sandbox):
    httpx.post(f"{sandbox.url}/_sandbox/faults", json={"area": "erp", "latencyMs": 300})

    response = httpx.get(
        f"{sandbox.url}/erp/v2/info", headers={"Authorization": f"Bearer {sandbox.app_token()}"}
    )

    assert response.status_code == 200
    assert response.elapsed.total_seconds() >= 0.3


def test_an_uninstalled_tenant_is_refused_until_reinstalled(sandbox):
    auth = {"Authorization": f"Bearer {sandbox.app_token(tenantId=TENANT_B)}"}
    httpx.post(f"{sandbox.url}/_sandbox/tenants/{TENANT_B}/uninstall")
    try:
        refused = httpx.get(f"{sandbox.url}/erp/v2/info", headers=auth)
    finally:
        httpx.post(f"{sandbox.url}/_sandbox/tenants/{TENANT_B}/install")
    allowed = httpx.get(f"{sandbox.url}/erp/v2/info", headers=auth)

    assert (refused.status_code, allowed.status_code) == (403, 200)


def test_unknown_routes_are_404_in_jtls_error_shape(sandbox):
    response = httpx.get(
        f"{sandbox.url}/erp/v2/nothing-here",
        headers={"Authorization": f"Bearer {sandbox.app_token()}"},
    )

    assert response.status_code == 404
    assert response.json()["errorCode"] == "NOT_FOUND"


def test_a_known_path_with_another_method_is_405_with_allow(sandbox):
    response = httpx.delete(
        f"{sandbox.url}/erp/v2/customers",
        headers={"Authorization": f"Bearer {sandbox.app_token()}"},
    )

    assert response.status_code == 405
    # POST is the 2.0 description's create, GET the later-version list (version layer)
    assert set(response.headers["Allow"].split(", ")) == {"GET", "POST"}
    assert response.json()["errorCode"] == "METHOD_NOT_ALLOWED"
