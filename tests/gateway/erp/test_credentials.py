"""Both token modes reach the tenant's ERP data in the sandbox, and only that tenant's."""

import pytest

from jtlapp.auth.keys import keys_cache_clear
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


@pytest.mark.django_db(transaction=True)
def test_delegated_tokens_the_platform_forgot_are_reminted_and_the_call_succeeds(
    settings, platform
):
    # given: a delegated-mode tenant, then JTL rotates and retires its signing keys, so every
    # token it issued before (delegated, refresh and service token alike) is refused now
    from jtlapp.gateway.erp import ErpClient
    from jtlapp.gateway.erp.admission import admission_reset
    from jtlapp.tenants.models import Tenant
    from tests.erp.test_client import FAST

    settings.JTL_TENANT_TOKEN_MODE = "delegated"
    admission_reset(tenant_id=TENANT_A)
    tenant = tenant_connect(claims=app_token_verify(token=platform.app_token(tenantId=TENANT_A)))
    platform.control("keys/rotate")
    platform.control("keys/retire")

    # when
    try:
        page = ErpClient(tenant=tenant, policy=FAST).customers_page(page_size=1)
    finally:
        keys_cache_clear()  # later tests verify tokens signed with the new key

    # then: the client renewed the tenant's token itself; nobody was suspended
    tenant.refresh_from_db()
    assert page.items
    assert tenant.state == Tenant.State.ACTIVE
    assert tenant.consecutive_auth_failures == 0
