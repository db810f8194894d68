from datetime import timedelta
from uuid import UUID

import pytest
from django.utils import timezone

from jtlapp.auth.verify import app_token_verify
from jtlapp.tenants.models import Tenant, TenantCredential
from jtlapp.tenants.selectors import tenant_get_active
from jtlapp.tenants.services import (
    TenantNotActiveError,
    tenant_connect,
    tenant_disconnect,
    tenant_presence_confirm,
    tenant_upstream_rejected_record,
)

TENANT = "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01"
USER = "0a1b2c3d-0000-4000-8000-000000000002"


@pytest.fixture
def claims(platform):
    return app_token_verify(token=platform.app_token(tenantId=TENANT, userId=USER))


@pytest.mark.django_db
def test_connect_creates_an_active_tenant_with_the_callers_scopes(claims):
    tenant = tenant_connect(claims=claims)

    assert tenant.tenant_id == UUID(TENANT)
    assert tenant.state == Tenant.State.ACTIVE
    assert tenant.set_up_by == USER
    assert tenant.granted_scopes == sorted(claims.scopes)
    assert tenant_get_active(tenant_id=TENANT) == tenant


@pytest.mark.django_db
def test_connect_twice_is_one_tenant(claims):
    tenant_connect(claims=claims)
    tenant_connect(claims=claims)

    assert Tenant.objects.count() == 1


@pytest.mark.django_db
def test_disconnect_uninstalls_and_deletes_the_tokens(claims):
    tenant = tenant_connect(claims=claims)
    TenantCredential.objects.create(
        tenant=tenant,
        access_token_encrypted="x",
        expires_at=timezone.now(),
        refreshed_at=timezone.now(),
    )

    tenant_disconnect(tenant_id=tenant.tenant_id, at=timezone.now())

    tenant.refresh_from_db()
    assert tenant.state == Tenant.State.UNINSTALLED
    assert not TenantCredential.objects.filter(tenant=tenant).exists()
    with pytest.raises(TenantNotActiveError):
        tenant_get_active(tenant_id=TENANT)


@pytest.mark.django_db
def test_a_disconnect_older_than_the_last_change_is_ignored(claims):
    tenant = tenant_connect(claims=claims)

    tenant_disconnect(tenant_id=tenant.tenant_id, at=tenant.state_changed_at - timedelta(1))

    tenant.refresh_from_db()
    assert tenant.state == Tenant.State.ACTIVE


@pytest.mark.django_db
def test_a_rejected_call_counts_and_asks_the_platform_but_never_suspends(claims, settings):
    # given: tasks go to a queue nobody reads, so only the count is observed here
    settings.CELERY_TASK_ALWAYS_EAGER = False
    tenant = tenant_connect(claims=claims)

    # when
    for _ in range(5):
        tenant_upstream_rejected_record(tenant_id=tenant.tenant_id)

    # then
    tenant.refresh_from_db()
    assert tenant.state == Tenant.State.ACTIVE
    assert tenant.consecutive_auth_failures == 5


@pytest.mark.django_db
def test_presence_confirm_keeps_a_tenant_the_platform_lists_as_installed(claims, platform):
    tenant = tenant_connect(claims=claims)
    platform.control(f"tenants/{TENANT}/install")

    outcome = tenant_presence_confirm(tenant_id=tenant.tenant_id)

    tenant.refresh_from_db()
    assert (outcome, tenant.state) == ("installed", Tenant.State.ACTIVE)


@pytest.mark.django_db
def test_presence_confirm_suspends_when_jtl_says_gone_and_setup_reactivates(claims, platform):
    # given: JTL no longer lists the app as installed for the tenant
    tenant = tenant_connect(claims=claims)
    platform.control(f"tenants/{TENANT}/uninstall")

    # when
    outcome = tenant_presence_confirm(tenant_id=tenant.tenant_id)
    tenant.refresh_from_db()
    suspended = tenant.state
    platform.control(f"tenants/{TENANT}/install")
    tenant_connect(claims=claims)
    tenant.refresh_from_db()

    # then
    assert (outcome, suspended) == ("suspended", Tenant.State.SUSPENDED)
    assert tenant.state == Tenant.State.ACTIVE
    assert tenant.consecutive_auth_failures == 0
