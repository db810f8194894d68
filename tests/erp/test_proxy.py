"""The page-facing ERP gateway over HTTP: scopes, paths, headers, tenants (security.md E, F, H)."""

import json
from concurrent.futures import ThreadPoolExecutor
from uuid import UUID

import httpx
import pytest

from jtlapp.auth.verify import app_token_verify
from jtlapp.tenants.services import tenant_connect, tenant_disconnect

TENANT_A = "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01"
TENANT_B = "3f9e2b7c-1d4a-4e8b-a6c5-9d0e1f2a3b02"


def erp_calls(platform):
    return httpx.get(f"{platform.url}/_sandbox/erp-calls").json()


@pytest.fixture
def tenants(platform, transactional_db):
    """Tenants A and B set up; returns a fresh app token per tenant."""
    tokens = {}
    for tenant in (TENANT_A, TENANT_B):
        tokens[tenant] = platform.app_token(tenantId=tenant)
        tenant_connect(claims=app_token_verify(token=tokens[tenant]))
    platform.control("counters/reset")
    return tokens


def get(client, path, token, **extra):
    return client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}", **extra)


def test_a_declared_operation_is_forwarded_for_the_callers_tenant(client, platform, tenants):
    response = get(client, "/api/erp/v2/customers?pageSize=2", tenants[TENANT_A])

    assert response.status_code == 200
    assert len(json.loads(response.content)["items"]) == 2
    assert response["Cache-Control"] == "no-store"
    assert "X-RateLimit-Remaining" in response
    [call] = erp_calls(platform)
    assert call["path"] == "/erp/v2/customers?pageSize=2"
    assert call["tenantHeader"] == TENANT_A


def test_an_operation_whose_scope_the_manifest_lacks_is_403_without_upstream_call(
    client, platform, tenants
):
    response = client.post(
        "/api/erp/v2/sales-orders/00000000-0000-0000-0000-000001000000/line-items",
        data="[]",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {tenants[TENANT_A]}",
    )

    assert response.status_code == 403
    assert response.json()["code"] == "scope_not_declared"
    assert response.json()["extra"]["missingScope"] == "salesorders.write"
    assert "salesorders.write" in response.json()["message"]
    assert erp_calls(platform) == []


def test_graphql_is_forwarded_and_its_scopes_checked(client, platform, tenants):
    def graphql(query):
        return client.post(
            "/api/erp/v2/graphql",
            data=json.dumps({"query": query}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {tenants[TENANT_A]}",
        )

    allowed = graphql("{ QueryCustomers(first: 2) { totalCount nodes { id } } }")
    refused = graphql("{ QueryWarehouses(first: 1) { nodes { id } } }")

    assert allowed.status_code == 200
    assert allowed.json()["data"]["QueryCustomers"]["totalCount"] > 0
    assert refused.status_code == 403
    assert refused.json()["extra"]["missingScope"] == "warehouse.read"  # as Cloud 2.0 names it
    assert len(erp_calls(platform)) == 1


def test_graphql_errors_with_200_reach_the_page_as_errors(client, tenants):
    response = client.post(
        "/api/erp/v2/graphql",
        data=json.dumps({"query": "{ QueryCustomers(first: 1) { noSuchField } }"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {tenants[TENANT_A]}",
    )

    assert response.status_code == 422
    assert response.json()["code"] == "erp_graphql_error"
    assert response.json()["extra"]["errors"]


@pytest.mark.parametrize(
    "raw",
    [
        "../account/.well-known/jwks.json",
        "..%2faccount",
        "%2e%2e/account",
        "v2/%252e%252e/account",
        "v2/items%5C..%5Caccount",
        "//evil.example/x",
        "https://evil.example/x",
        "v2/x@evil.example",
        "v2/items%00",
        "v2/items%0d%0aX-Injected:%201",
        "v2/items%3Fid=1",
        "v2//items",
        "v2/" + "a" * 1100,
        "v2/items/..;/account",
        "v2/items/1;jsessionid=x",
        "v2/items/..%3b/account",
        "v2/items/..%3B/account",
        ";/v2/items",
    ],
)
def test_case_53_to_60_unsafe_paths_are_400_without_upstream_call(client, platform, tenants, raw):
    response = get(client, f"/api/erp/{raw}", tenants[TENANT_A], RAW_URI=f"/api/erp/{raw}")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_path"
    assert erp_calls(platform) == []


@pytest.mark.parametrize("method", ["TRACE", "OPTIONS", "HEAD"])
def test_case_63_other_methods_are_405_without_upstream_call(client, platform, tenants, method):
    response = client.generic(
        method, "/api/erp/v2/items", HTTP_AUTHORIZATION=f"Bearer {tenants[TENANT_A]}"
    )

    assert response.status_code == 405
    assert erp_calls(platform) == []


def test_case_64_78_client_credentials_and_tenant_hints_never_reach_upstream(
    client, platform, tenants
):
    response = get(
        client,
        f"/api/erp/v2/customers?tenantId={TENANT_B}",
        tenants[TENANT_A],
        HTTP_X_TENANT_ID=TENANT_B,
        HTTP_COOKIE="sessionid=abc",
        HTTP_X_FORWARDED_FOR="1.2.3.4",
        HTTP_X_FORWARDED_HOST="evil.example",
        HTTP_PROXY_AUTHORIZATION="Basic eA==",
        HTTP_X_REQUEST_ID="req-64",
    )

    assert response.status_code == 200
    [call] = erp_calls(platform)
    assert call["tenantHeader"] == TENANT_A
    assert call["requestId"] == "req-64"


def test_case_66_only_allowed_upstream_headers_come_back(client, tenants):
    response = get(client, "/api/erp/v2/info", tenants[TENANT_A])

    names = {name.lower() for name in response.headers}
    assert "set-cookie" not in names
    assert "server" not in names
    assert names <= {
        "content-type",
        "content-language",
        "x-request-id",
        "content-length",
        "cache-control",
        "api-supported-versions",
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-ratelimit-interval-length-seconds",
        "x-frame-options",
        "content-security-policy",
        "x-content-type-options",
        "referrer-policy",
        "cross-origin-opener-policy",
        "vary",
        "allow",
    }


def test_case_68_an_oversized_body_is_413_without_upstream_call(client, platform, tenants):
    response = client.patch(
        "/api/erp/v2/customers/00000000-0000-0000-0000-000001000000",
        data=b"x" * (1024 * 1024 + 1),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {tenants[TENANT_A]}",
    )

    assert response.status_code == 413
    assert erp_calls(platform) == []


def test_case_81_a_disconnected_tenant_is_403_without_upstream_call(client, platform, tenants):
    from django.utils import timezone

    tenant_disconnect(tenant_id=UUID(TENANT_A), at=timezone.now())

    response = get(client, "/api/erp/v2/info", tenants[TENANT_A])

    assert response.status_code == 403
    assert response.json()["code"] == "tenant_not_active"
    assert erp_calls(platform) == []


def test_upstream_errors_reach_the_page_in_our_shape_with_jtls_code(client, tenants):
    response = get(
        client, "/api/erp/v2/customers/00000000-0000-0000-0000-00000f000000", tenants[TENANT_A]
    )

    assert response.status_code == 404
    body = response.json()
    assert body["code"] == "erp_not_found"
    assert body["extra"]["upstreamStatus"] == 404
    assert body["extra"]["errorCode"] == "NOT_FOUND"
    assert "Bearer" not in response.content.decode()


def test_a_wawi_offline_html_page_is_tolerated(client, platform, tenants):
    platform.control("faults", {"area": "erp", "status": 504, "html": True})

    response = get(client, "/api/erp/v2/info", tenants[TENANT_A])

    assert response.status_code in (502, 504)
    assert response.json()["extra"]["upstreamStatus"] == 504


@pytest.mark.django_db(transaction=True)
def test_case_79_a_thousand_interleaved_requests_of_two_tenants_never_mix(
    live_asgi, platform, settings
):
    # given: rate limits out of the way (they have their own tests)
    settings.JTL_ERP_TENANT_RATE_PER_SECOND = 100000.0
    settings.JTL_ERP_TENANT_RATE_BURST = 100000
    tokens = {}
    for tenant in (TENANT_A, TENANT_B):
        tokens[tenant] = platform.app_token(tenantId=tenant)
        tenant_connect(claims=app_token_verify(token=tokens[tenant]))
    platform.control("counters/reset")
    platform.control("rate-limit", {"limit": 100000})

    def call(index):
        tenant = (TENANT_A, TENANT_B)[index % 2]
        response = httpx.get(
            f"{live_asgi}/api/erp/v2/info",
            headers={"Authorization": f"Bearer {tokens[tenant]}", "X-Request-ID": f"r{index}"},
            timeout=30,
        )
        return f"r{index}", tenant, response.status_code

    # when
    with ThreadPoolExecutor(max_workers=16) as pool:
        sent = list(pool.map(call, range(1000)))

    # then
    expected = {request_id: tenant for request_id, tenant, _ in sent}
    seen = {c["requestId"]: c["tenantHeader"] for c in erp_calls(platform)}
    assert {status for _, _, status in sent} == {200}
    assert seen == expected


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "authentication"), ("GET", "authentication/r-1"), ("GET", "v1/authentication/r-1")],
)
def test_app_registration_is_not_for_pages(client, platform, tenants, method, path):
    response = client.generic(
        method, f"/api/erp/{path}", b"{}", "application/json",
        HTTP_AUTHORIZATION=f"Bearer {tenants[TENANT_A]}",
    )  # fmt: skip

    assert response.status_code == 403
    assert response.json()["code"] == "operation_not_for_pages"
    assert erp_calls(platform) == []


def test_a_body_that_is_not_json_is_400_without_upstream_call(client, platform, tenants):
    response = client.patch(
        "/api/erp/v2/customers/00000000-0000-0000-0000-000001000000",
        data=b"name=not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {tenants[TENANT_A]}",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_body"
    assert erp_calls(platform) == []


def test_a_5xx_names_no_wait_taken_from_the_rate_limit_window(client, platform, tenants):
    platform.control("faults", {"area": "erp", "status": 500})

    response = get(client, "/api/erp/v2/info", tenants[TENANT_A])

    assert response.status_code == 502
    assert "Retry-After" not in response


def test_an_upstream_429_always_comes_back_with_a_wait(client, platform, tenants):
    platform.control("faults", {"area": "erp", "status": 429})

    response = get(client, "/api/erp/v2/info", tenants[TENANT_A])

    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert response.json()["extra"]["reason"] == "upstream"


@pytest.mark.parametrize("incoming", ["a" * 3000, "<script>x</script>", "ok-id\r\nX: 1"])
def test_one_request_id_in_logs_response_and_upstream(client, platform, tenants, incoming):
    response = get(client, "/api/erp/v2/info", tenants[TENANT_A], HTTP_X_REQUEST_ID=incoming)

    ours = response["X-Request-ID"]
    assert ours != incoming
    assert len(ours) == 32
    assert erp_calls(platform)[-1]["requestId"] == ours
