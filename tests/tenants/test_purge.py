"""Purge after the grace period (not before), reinstall within it, and the purge registry."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

import pytest
from django.utils import timezone

from jtlapp.auth.verify import app_token_verify
from jtlapp.core.redis import redis_client
from jtlapp.crypto import secret_encrypt
from jtlapp.gateway.erp.admission import admission_take_sync
from jtlapp.tenants.data_registry import tenant_data_purgers
from jtlapp.tenants.models import LifecycleCall, OnPremiseConnection, Tenant, TenantCredential
from jtlapp.tenants.purge import (
    TenantPurgeRefusedError,
    tenant_purge_if_due,
    tenant_purge_now,
    tenants_purge_due,
)
from jtlapp.tenants.services import tenant_connect, tenant_disconnect
from jtlapp.tenants.tasks import tenant_purge_due_task
from jtlapp.tenants.tenant_redis import tenant_redis_keys
from tests.conftest import wait_for

TENANT = "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01"
GRACE_DAYS = 30


@pytest.fixture(autouse=True)
def grace(settings):
    settings.JTL_TENANT_PURGE_GRACE_DAYS = GRACE_DAYS


def _installed(platform) -> Tenant:
    tenant = tenant_connect(claims=app_token_verify(token=platform.app_token(tenantId=TENANT)))
    OnPremiseConnection.objects.create(
        tenant=tenant,
        base_url="http://127.0.0.1:5883/api/eazybusiness",
        app_id="app",
        app_version="1.0.0",
        api_key_encrypted=secret_encrypt(plaintext="wawi-api-key"),
        registered_at=timezone.now(),
    )
    LifecycleCall.objects.create(
        kind=LifecycleCall.Kind.CONNECT,
        tenant_id=tenant.tenant_id,
        event_key="k1",
        event_time=timezone.now(),
        outcome=LifecycleCall.Outcome.APPLIED,
        body={"shopName": "Mustermann"},
    )
    return tenant


def _uninstalled_days_ago(platform, days: float) -> Tenant:
    tenant = _installed(platform)
    tenant_disconnect(tenant_id=tenant.tenant_id, at=timezone.now())
    Tenant.objects.filter(pk=tenant.pk).update(uninstalled_at=timezone.now() - timedelta(days=days))
    return Tenant.objects.get(pk=tenant.pk)


@pytest.mark.django_db
def test_nothing_is_purged_within_the_grace_period(platform):
    tenant = _uninstalled_days_ago(platform, GRACE_DAYS - 1)

    report = tenant_purge_if_due(tenant_id=tenant.tenant_id)

    tenant.refresh_from_db()
    assert report.outcome == "not_due"
    assert list(tenants_purge_due()) == []
    assert tenant.state == Tenant.State.UNINSTALLED
    assert OnPremiseConnection.objects.filter(tenant=tenant).exists()


@pytest.mark.django_db
def test_after_the_grace_period_the_data_goes_and_an_audit_minimum_stays(
    platform, django_capture_on_commit_callbacks
):
    # given
    tenant = _uninstalled_days_ago(platform, GRACE_DAYS + 1)
    admission_take_sync(tenant_id=tenant.tenant_id, rate=1, burst=5)

    # when
    with django_capture_on_commit_callbacks(execute=True):
        report = tenant_purge_if_due(tenant_id=tenant.tenant_id)

    # then
    tenant.refresh_from_db()
    call = LifecycleCall.objects.get(tenant_id=tenant.tenant_id)
    assert report.outcome == "purged"
    assert report.deleted["onpremise_connections"] == 1
    assert tenant.state == Tenant.State.PURGED
    assert tenant.purged_at is not None
    assert (tenant.set_up_by, tenant.granted_scopes) == ("", [])
    assert not OnPremiseConnection.objects.filter(tenant=tenant).exists()
    assert not TenantCredential.objects.filter(tenant=tenant).exists()
    assert (call.kind, call.outcome, call.body) == ("connect", "applied", {})
    assert tenant_redis_keys(tenant_id=tenant.tenant_id) == []
    assert tenant_purge_if_due(tenant_id=tenant.tenant_id).outcome == "already_purged"


@pytest.mark.django_db
def test_registered_purgers_run_and_a_failing_one_rolls_the_purge_back(platform):
    # given
    tenant = _uninstalled_days_ago(platform, GRACE_DAYS + 1)
    seen: list[UUID] = []

    @tenant_data_purgers.register("test-failing")
    def failing(*, tenant_id: UUID) -> int:
        seen.append(tenant_id)
        raise RuntimeError("storage down")

    # when / then: the failure rolls back and the next run tries again
    try:
        with pytest.raises(RuntimeError):
            tenant_purge_if_due(tenant_id=tenant.tenant_id)
        assert Tenant.objects.get(pk=tenant.pk).state == Tenant.State.UNINSTALLED
        assert OnPremiseConnection.objects.filter(tenant=tenant).exists()

        @tenant_data_purgers.register("test-failing")
        def recovered(*, tenant_id: UUID) -> int:
            seen.append(tenant_id)
            return 0

        report = tenant_purge_if_due(tenant_id=tenant.tenant_id)
    finally:
        tenant_data_purgers.unregister("test-failing")
    assert report.outcome == "purged"
    assert seen == [tenant.tenant_id, tenant.tenant_id]


@pytest.mark.django_db
def test_a_zero_day_grace_period_purges_at_the_next_run(platform, settings):
    settings.JTL_TENANT_PURGE_GRACE_DAYS = 0
    tenant = _uninstalled_days_ago(platform, 0)

    assert list(tenants_purge_due()) == [tenant]


@pytest.mark.django_db
def test_a_reinstall_within_the_grace_period_restores_the_tenant_with_its_data(
    client, platform, settings
):
    # given: uninstalled a while ago, in delegated mode (so the token is gone)
    settings.JTL_TENANT_TOKEN_MODE = "delegated"
    tenant = _uninstalled_days_ago(platform, GRACE_DAYS - 1)
    assert not TenantCredential.objects.filter(tenant=tenant).exists()

    # when: the merchant runs the setup again
    response = client.post(
        "/api/tenant/setup",
        HTTP_AUTHORIZATION=f"Bearer {platform.app_token(tenantId=TENANT)}",
    )

    # then: active, data kept, a new token minted, and no purge pending any more
    tenant.refresh_from_db()
    assert response.status_code == 200
    assert tenant.state == Tenant.State.ACTIVE
    assert tenant.uninstalled_at is None
    assert OnPremiseConnection.objects.filter(tenant=tenant).exists()
    assert TenantCredential.objects.get(tenant=tenant).version == 1
    Tenant.objects.filter(pk=tenant.pk).update(
        uninstalled_at=timezone.now() - timedelta(days=GRACE_DAYS + 1)
    )
    assert tenant_purge_if_due(tenant_id=tenant.tenant_id).outcome == "not_due"


@pytest.mark.django_db
def test_a_setup_after_the_purge_starts_afresh(platform):
    tenant = _uninstalled_days_ago(platform, GRACE_DAYS + 1)
    tenant_purge_if_due(tenant_id=tenant.tenant_id)

    tenant_connect(claims=app_token_verify(token=platform.app_token(tenantId=TENANT)))

    tenant.refresh_from_db()
    assert tenant.state == Tenant.State.ACTIVE
    assert (tenant.uninstalled_at, tenant.purged_at) == (None, None)
    assert not OnPremiseConnection.objects.filter(tenant=tenant).exists()


@pytest.mark.django_db
def test_purging_now_refuses_an_active_tenant_unless_forced(platform):
    tenant = _installed(platform)

    with pytest.raises(TenantPurgeRefusedError):
        tenant_purge_now(tenant_id=tenant.tenant_id)
    report = tenant_purge_now(tenant_id=tenant.tenant_id, force=True)

    assert report.outcome == "purged"
    assert Tenant.objects.get(pk=tenant.pk).state == Tenant.State.PURGED


@pytest.mark.django_db(transaction=True)
def test_beat_purges_due_tenants_through_a_real_worker(platform, celery_worker_on_test_db):
    # given: one tenant past the grace period
    tenant = _uninstalled_days_ago(platform, GRACE_DAYS + 1)

    # when: beat's fan-out runs on the worker; its purge tasks follow on the same queue
    tenant_purge_due_task.apply_async(queue=celery_worker_on_test_db)

    # then
    wait_for(
        lambda: Tenant.objects.filter(pk=tenant.pk, state=Tenant.State.PURGED).exists(),
        timeout=30,
        message="the worker to purge the tenant",
    )
    assert not OnPremiseConnection.objects.filter(tenant=tenant).exists()
    redis_client().delete(celery_worker_on_test_db)
