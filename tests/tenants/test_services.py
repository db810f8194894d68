from datetime import timedelta
from uuid import UUID

import pytest
from django.utils import timezone

from jtlapp.auth.verify import app_token_verify
from jtlapp.tenants.models import Tenant, TenantCredential
from jtlapp.tenants.selectors import tenant_get_active
from jtlapp.tenants.services import (
    SUSPEND_AFTER_AUTH_FAILURES,
    TenantNotActiveError,
    tenant_connect,
    tenant_disconnect,
    tenant_upstream_auth_record,
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
def test_repeated_401_from_jtl_suspends_and_setup_reactivates(claims):
    # given
    tenant = tenant_connect(claims=claims)

    # when
    for _ in range(SUSPEND_AFTER_AUTH_FAILURES):
        tenant_upstream_auth_record(tenant_id=tenant.tenant_id, accepted=False)
    tenant.refresh_from_db()
    suspended = tenant.state
    tenant_connect(claims=claims)
    tenant.refresh_from_db()

    # then
    assert suspended == Tenant.State.SUSPENDED
    assert tenant.state == Tenant.State.ACTIVE
    assert tenant.consecutive_auth_failures == 0


@pytest.mark.django_db
def test_a_success_between_failures_resets_the_count(claims):
    tenant = tenant_connect(claims=claims)

    for _ in range(SUSPEND_AFTER_AUTH_FAILURES - 1):
        tenant_upstream_auth_record(tenant_id=tenant.tenant_id, accepted=False)
    tenant_upstream_auth_record(tenant_id=tenant.tenant_id, accepted=True)
    tenant_upstream_auth_record(tenant_id=tenant.tenant_id, accepted=False)

    tenant.refresh_from_db()
    assert tenant.state == Tenant.State.ACTIVE
    assert tenant.consecutive_auth_failures == 1
