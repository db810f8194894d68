"""Both token modes reach the tenant's ERP data in the sandbox, and only that tenant's."""

import pytest

from jtlapp.auth.verify import app_token_verify
from jtlapp.gateway.erp.credentials import erp_credentials
from jtlapp.gateway.erp.tenant_ref import tenant_ref_of
from jtlapp.gateway.http import outbound_request
from jtlapp.tenants.services import tenant_connect

TENANT_A = "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01"
TENANT_B = "3f9e2b7c-1d4a-4e8b-a6c5-9d0e1f2a3b02"


def first_customer(settings, headers):
    response = outbound_request(
        method="GET",
        url=f"{settings.JTL_API_BASE_URL}/erp/v2/customers",
        headers=headers,
        params={"pageSize": "1"},
    )
    assert response.status == 200, response.content
    return response.json()["items"][0]["id"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("mode", ["service_account", "delegated"])
def test_each_mode_reaches_exactly_the_tenants_own_data(settings, platform, mode):
    # given
    settings.JTL_TENANT_TOKEN_MODE = mode
    tenant_a = tenant_connect(claims=app_token_verify(token=platform.app_token(tenantId=TENANT_A)))
    tenant_b = tenant_connect(claims=app_token_verify(token=platform.app_token(tenantId=TENANT_B)))

    # when
    headers_a = erp_credentials(tenant=tenant_ref_of(tenant_a)).headers()
    headers_b = erp_credentials(tenant=tenant_ref_of(tenant_b)).headers()

    # then
    assert ("X-Tenant-ID" in headers_a) is (mode == "service_account")
    assert first_customer(settings, headers_a) != first_customer(settings, headers_b)
