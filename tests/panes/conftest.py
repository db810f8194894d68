"""Fixtures for the pages: connected demo tenants and their seeded ERP data."""

import pytest

from jtlapp.auth.verify import app_token_verify
from jtlapp.tenants.models import Tenant
from jtlapp.tenants.services import tenant_connect
from panes.dashboard_sync import dashboard_reconcile

TENANT_A = "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01"
TENANT_B = "3f9e2b7c-1d4a-4e8b-a6c5-9d0e1f2a3b02"


@pytest.fixture
def tokens(platform, db):
    """Demo tenants A and B set up through the real setup service; a fresh app token each."""
    issued = {}
    for tenant in (TENANT_A, TENANT_B):
        issued[tenant] = platform.app_token(tenantId=tenant)
        tenant_connect(claims=app_token_verify(token=issued[tenant]))
    return issued


@pytest.fixture
def erp_a(platform):
    """Tenant A's seeded ERP data, read straight from the sandbox as the oracle."""
    return platform.state.store.tenant(TENANT_A)


def api_get(client, path, token):
    return client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture(autouse=True)
def _fast_dashboard_sync(settings):
    """The sandbox answers at once; pacing the aggregate's ERP calls would only slow tests."""
    settings.DASHBOARD_SYNC_CALLS_PER_SECOND = 0
    settings.JTL_ERP_TENANT_RATE_BURST = 10_000
    settings.JTL_ERP_TENANT_RATE_PER_SECOND = 10_000


def dashboard_filled(tenant_id: str) -> None:
    """The first fill, as the worker runs it after setup."""
    dashboard_reconcile(tenant=Tenant.objects.get(tenant_id=tenant_id))
