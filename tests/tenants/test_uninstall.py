"""Uninstall stops a tenant's periodic work at once and deletes its tokens (fail closed)."""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from uuid import UUID

import pytest
from django.utils import timezone

from jtlapp.auth.verify import app_token_verify
from jtlapp.celery import app as celery_app
from jtlapp.core.redis import redis_client
from jtlapp.crypto import secret_encrypt
from jtlapp.gateway.erp.admission import admission_take_sync
from jtlapp.tenants.credentials import (
    TenantCredentialUnavailableError,
    tenant_access_token_get,
    tenant_credential_mint,
    tenant_credential_refresh,
)
from jtlapp.tenants.lifecycle import lifecycle_call_reconcile
from jtlapp.tenants.models import LifecycleCall, Tenant, TenantCredential
from jtlapp.tenants.services import tenant_connect, tenant_disconnect
from jtlapp.tenants.tasks import (
    tenant_credential_refresh_task,
    tenant_credentials_refresh_batch_task,
    tenant_credentials_refresh_due_task,
)
from jtlapp.tenants.tenant_redis import tenant_redis_keys
from tests.conftest import wait_for

TENANT_A = "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01"
TENANT_B = "3f9e2b7c-1d4a-4e8b-a6c5-9d0e1f2a3b02"
INSPECT_QUEUE = "jtlapp-test-inspect-uninstall"


@pytest.fixture
def delegated(settings):
    settings.JTL_TENANT_TOKEN_MODE = "delegated"


@pytest.fixture
def inspect_queue():
    redis_client().delete(INSPECT_QUEUE)
    yield INSPECT_QUEUE
    redis_client().delete(INSPECT_QUEUE)


def _connected(platform, tenant_id: str) -> Tenant:
    return tenant_connect(claims=app_token_verify(token=platform.app_token(tenantId=tenant_id)))


def _tenant_with_stored_token(tenant_id: str) -> Tenant:
    tenant = Tenant.objects.create(
        tenant_id=UUID(tenant_id), state=Tenant.State.ACTIVE, state_changed_at=timezone.now()
    )
    now = timezone.now()
    TenantCredential.objects.create(
        tenant=tenant,
        access_token_encrypted=secret_encrypt(plaintext="access"),
        expires_at=now + timedelta(hours=1),
        refreshed_at=now,
    )
    return tenant


def _make_due(tenant: Tenant) -> TenantCredential:
    now = timezone.now()
    TenantCredential.objects.filter(tenant=tenant).update(
        refreshed_at=now - timedelta(seconds=3570), expires_at=now + timedelta(seconds=30)
    )
    return TenantCredential.objects.get(tenant=tenant)


def _queued_tenant_ids(queue: str) -> list[str]:
    bodies = [json.loads(raw)["body"] for raw in redis_client().lrange(queue, 0, -1)]
    return [tenant_id for body in bodies for tenant_id in json.loads(base64.b64decode(body))[0][0]]


@pytest.mark.django_db
def test_a_lifecycle_disconnect_deletes_the_tokens_and_the_tenants_redis_state(
    client, platform, delegated, django_capture_on_commit_callbacks
):
    # given: a delegated tenant with a token and a used ERP rate bucket
    tenant = _connected(platform, TENANT_A)
    admission_take_sync(tenant_id=tenant.tenant_id, rate=1, burst=5)
    assert TenantCredential.objects.filter(tenant=tenant).exists()
    assert tenant_redis_keys(tenant_id=tenant.tenant_id)

    # when: JTL uninstalls the app and calls disconnect, which the account service confirms
    token = platform.app_token(tenantId=TENANT_A)
    platform.control(f"tenants/{TENANT_A}/uninstall")
    try:
        with django_capture_on_commit_callbacks(execute=False):
            response = client.post(
                "/lifecycle/disconnect",
                data="{}",
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {token}",
            )
        with django_capture_on_commit_callbacks(execute=True):
            lifecycle_call_reconcile(call_id=LifecycleCall.objects.latest("pk").pk)
    finally:
        platform.control(f"tenants/{TENANT_A}/install")

    # then
    tenant.refresh_from_db()
    assert response.status_code == 202
    assert tenant.state == Tenant.State.UNINSTALLED
    assert tenant.uninstalled_at is not None
    assert not TenantCredential.objects.filter(tenant=tenant).exists()
    assert tenant_redis_keys(tenant_id=tenant.tenant_id) == []


@pytest.mark.django_db
def test_the_due_refresh_fan_out_skips_uninstalled_and_suspended_tenants(
    platform, delegated, monkeypatch, inspect_queue
):
    # given: three tenants with due tokens; one uninstalls, one is suspended
    active = _connected(platform, TENANT_A)
    suspended = _connected(platform, TENANT_B)
    uninstalled = _tenant_with_stored_token("0f0e0d0c-0b0a-4909-8807-060504030201")
    for tenant in (active, suspended, uninstalled):
        _make_due(tenant)
    Tenant.objects.filter(pk=suspended.pk).update(state=Tenant.State.SUSPENDED)
    tenant_disconnect(tenant_id=uninstalled.tenant_id, at=timezone.now())
    batch_task = tenant_credentials_refresh_batch_task
    monkeypatch.setattr(batch_task, "queue", inspect_queue, raising=False)
    monkeypatch.setattr(batch_task, "_exec_options", None)  # cached queue

    # when
    enqueued = tenant_credentials_refresh_due_task()

    # then
    assert enqueued == 1
    assert _queued_tenant_ids(inspect_queue) == [TENANT_A]


@pytest.mark.django_db
def test_a_refresh_for_a_tenant_uninstalled_meanwhile_calls_nobody_and_stores_nothing(
    platform, delegated
):
    tenant = _connected(platform, TENANT_A)
    _make_due(tenant)
    tenant_disconnect(tenant_id=tenant.tenant_id, at=timezone.now())
    before = platform.counters()

    outcome = tenant_credential_refresh(tenant_id=tenant.tenant_id, force=True)

    assert outcome == "skipped"
    assert platform.counters() == before
    assert not TenantCredential.objects.filter(tenant=tenant).exists()


@pytest.mark.django_db
def test_no_token_is_minted_or_stored_for_an_uninstalled_tenant(platform, delegated):
    # given: a caller still holding the tenant object from before the uninstall
    tenant = _connected(platform, TENANT_A)
    tenant_disconnect(tenant_id=tenant.tenant_id, at=timezone.now())
    before = platform.counters()

    # when / then: the lazy path refuses before calling the account service
    with pytest.raises(TenantCredentialUnavailableError):
        tenant_access_token_get(tenant_id=tenant.tenant_id)
    assert platform.counters() == before

    # and a mint that raced the uninstall is dropped, not stored
    tenant_credential_mint(tenant=tenant)
    assert not TenantCredential.objects.filter(tenant=tenant).exists()


@pytest.mark.django_db(transaction=True)
def test_a_refresh_queued_before_the_uninstall_fails_closed_on_a_real_worker(
    platform, delegated, celery_worker_on_test_db
):
    # given: two due tenants; refreshes for both wait in a queue no worker reads yet
    uninstalled = _connected(platform, TENANT_A)
    marker = _connected(platform, TENANT_B)
    _make_due(uninstalled)
    marker_before = _make_due(marker)
    waiting = f"{celery_worker_on_test_db}-waiting"
    tenant_credential_refresh_task.apply_async(args=(TENANT_A,), queue=waiting)
    tenant_credential_refresh_task.apply_async(args=(TENANT_B,), queue=waiting)

    # when: the first tenant uninstalls, then the worker starts reading the queue (in order)
    tenant_disconnect(tenant_id=UUID(TENANT_A), at=timezone.now())
    minted_before = platform.counters().get("delegated_token", 0)
    celery_app.control.add_consumer(waiting, destination=[f"{celery_worker_on_test_db}@localhost"])

    # then: the second task ran after the first, and only the second refreshed anything
    wait_for(
        lambda: TenantCredential.objects.filter(
            tenant=marker, version__gt=marker_before.version
        ).exists(),
        timeout=30,
        message="the worker to run both queued refreshes",
    )
    uninstalled.refresh_from_db()
    assert uninstalled.state == Tenant.State.UNINSTALLED
    assert not TenantCredential.objects.filter(tenant=uninstalled).exists()
    assert platform.counters().get("delegated_token", 0) == minted_before
    assert platform.counters().get("delegated_token_refresh", 0) == 1
    redis_client().delete(waiting)
