"""Refresh tasks: idempotent, expiring, retrying, and carrying tenant ids only (C 39, D 51)."""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from uuid import UUID, uuid4

import pytest
from django.utils import timezone

from jtlapp.core.redis import redis_client
from jtlapp.crypto import secret_decrypt, secret_encrypt
from jtlapp.gateway import service_token_store as store
from jtlapp.sandbox.config import DEMO_TENANTS
from jtlapp.tenants import refresh_fanout as fanout
from jtlapp.tenants.credentials import tenant_credential_mint
from jtlapp.tenants.models import Tenant, TenantCredential
from jtlapp.tenants.tasks import (
    REFRESH_DUE_PERIOD_SECONDS,
    REFRESH_TASK_EXPIRES_SECONDS,
    service_token_refresh_task,
    tenant_credential_refresh_task,
    tenant_credentials_refresh_batch_task,
    tenant_credentials_refresh_due_task,
)

TENANT_IDS = [UUID(tenant_id) for tenant_id in DEMO_TENANTS]
INSPECT_QUEUE = "jtlapp-test-inspect"


@pytest.fixture(autouse=True)
def clean_token_store():
    client = redis_client()
    for key in client.scan_iter(match=f"{store.KEY_PREFIX}:*"):
        client.delete(key)
    store.local_clear()
    client.delete(INSPECT_QUEUE)
    yield
    client.delete(INSPECT_QUEUE)


def _active_tenant_with_credential(tenant_id: UUID, *, remaining: float) -> Tenant:
    tenant = Tenant.objects.create(
        tenant_id=tenant_id, state=Tenant.State.ACTIVE, state_changed_at=timezone.now()
    )
    tenant_credential_mint(tenant=tenant)
    now = timezone.now()
    TenantCredential.objects.filter(tenant=tenant).update(
        expires_at=now + timedelta(seconds=remaining),
        refreshed_at=now + timedelta(seconds=remaining - 3600),
    )
    return tenant


def test_due_task_enqueues_tenant_ids_only(platform, db, monkeypatch):
    # given: one due and one fresh tenant; messages go to a queue no worker reads
    due = _active_tenant_with_credential(TENANT_IDS[0], remaining=120)
    _active_tenant_with_credential(TENANT_IDS[1], remaining=3000)
    monkeypatch.setattr(
        tenant_credentials_refresh_batch_task, "queue", INSPECT_QUEUE, raising=False
    )
    monkeypatch.setattr(tenant_credentials_refresh_batch_task, "_exec_options", None)
    tokens = [
        secret_decrypt(ciphertext=value)
        for credential in TenantCredential.objects.all()
        for value in (credential.access_token_encrypted, credential.refresh_token_encrypted)
    ]
    # when
    enqueued = tenant_credentials_refresh_due_task()
    # then: the serialized message in the broker carries the tenant id and nothing secret
    raw_messages = redis_client().lrange(INSPECT_QUEUE, 0, -1)
    assert enqueued == 1
    assert len(raw_messages) == 1
    message = json.loads(raw_messages[0])
    args, kwargs, _embed = json.loads(base64.b64decode(message["body"]))
    assert args == [[str(due.tenant_id)]]
    assert kwargs == {}
    assert message["headers"]["task"] == (
        "jtlapp.tenants.tasks.tenant_credentials_refresh_batch_task"
    )
    assert message["headers"]["expires"] is None  # a late batch is still worth running
    assert all(token not in raw_messages[0].decode() for token in tokens)


def test_refresh_task_run_twice_refreshes_once(platform, db):
    tenant = _active_tenant_with_credential(TENANT_IDS[0], remaining=120)

    first = tenant_credential_refresh_task.apply(args=(str(tenant.tenant_id),)).get()
    second = tenant_credential_refresh_task.apply(args=(str(tenant.tenant_id),)).get()

    assert (first, second) == ("refreshed", "fresh")
    assert TenantCredential.objects.get(tenant=tenant).version == 2
    assert platform.counters().get("delegated_token_refresh", 0) == 1


def test_refresh_task_retries_while_the_account_service_is_down(platform, db):
    tenant = _active_tenant_with_credential(TENANT_IDS[0], remaining=120)
    platform.control("faults", {"area": "account", "status": 503, "count": 2})

    result = tenant_credential_refresh_task.apply(args=(str(tenant.tenant_id),))

    assert result.get() == "refreshed"
    assert platform.counters().get("delegated_token_refresh", 0) == 3


def test_refresh_task_declares_bounded_retries_and_expiry():
    assert tenant_credential_refresh_task.max_retries == 4
    assert getattr(tenant_credential_refresh_task, "retry_backoff_max")  # noqa: B009 == 120
    assert tenant_credential_refresh_task.expires == REFRESH_TASK_EXPIRES_SECONDS
    assert REFRESH_TASK_EXPIRES_SECONDS < REFRESH_DUE_PERIOD_SECONDS
    assert tenant_credential_refresh_task.acks_late is True
    assert tenant_credential_refresh_task.reject_on_worker_lost is True


def test_service_token_refresh_task_refreshes_only_when_due(platform):
    first = service_token_refresh_task.apply().get()
    second = service_token_refresh_task.apply().get()

    assert first == {"current": "refreshed"}
    assert second == {"current": "fresh"}
    assert platform.counters().get("token", 0) == 1


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_refreshes_a_due_delegated_token_through_the_broker(
    settings, platform, celery_worker_on_test_db
):
    # given: an active delegated tenant whose token is due
    from datetime import timedelta

    from django.utils import timezone

    from jtlapp.auth.verify import app_token_verify
    from jtlapp.tenants.models import TenantCredential
    from jtlapp.tenants.services import tenant_connect
    from jtlapp.tenants.tasks import tenant_credentials_refresh_due_task
    from tests.conftest import wait_for

    settings.JTL_TENANT_TOKEN_MODE = "delegated"
    tenant = tenant_connect(claims=app_token_verify(token=platform.app_token()))
    TenantCredential.objects.filter(tenant=tenant).update(
        refreshed_at=timezone.now() - timedelta(seconds=3570),
        expires_at=timezone.now() + timedelta(seconds=30),
    )
    before = TenantCredential.objects.get(tenant=tenant)

    # when: beat's fan-out task runs through the broker on the worker process
    tenant_credentials_refresh_due_task.apply_async(queue=celery_worker_on_test_db)

    # then
    refreshed = wait_for(
        lambda: TenantCredential.objects.filter(tenant=tenant, version__gt=before.version).first(),
        timeout=30,
        message="the worker to refresh the credential",
    )
    assert refreshed.expires_at > before.expires_at
    assert refreshed.access_token_encrypted != before.access_token_encrypted


def _batches_to_inspect_queue(monkeypatch) -> None:
    batch_task = tenant_credentials_refresh_batch_task
    monkeypatch.setattr(batch_task, "queue", INSPECT_QUEUE, raising=False)
    monkeypatch.setattr(batch_task, "_exec_options", None)  # the cached queue


def _stored_credential(tenant_id: UUID, *, remaining: float) -> Tenant:
    """A tenant with a stored token the sandbox never issued (the fan-out only reads rows)."""
    now = timezone.now()
    tenant = Tenant.objects.create(
        tenant_id=tenant_id, state=Tenant.State.ACTIVE, state_changed_at=now
    )
    TenantCredential.objects.create(
        tenant=tenant,
        access_token_encrypted=secret_encrypt(plaintext="a"),
        refresh_token_encrypted=secret_encrypt(plaintext="r"),
        expires_at=now + timedelta(seconds=remaining),
        refreshed_at=now,
    )
    return tenant


def _queued_batches() -> list[list[str]]:
    raw_messages = redis_client().lrange(INSPECT_QUEUE, 0, -1)
    return [json.loads(base64.b64decode(json.loads(raw)["body"]))[0][0] for raw in raw_messages]


def test_the_fan_out_sends_batches_and_each_tenant_once_per_window(platform, db, monkeypatch):
    # given: three due tenants and one fresh one, batches of two
    due = [_stored_credential(uuid4(), remaining=120) for _ in range(3)]
    _stored_credential(uuid4(), remaining=3000)
    monkeypatch.setattr(
        tenant_credentials_refresh_batch_task, "queue", INSPECT_QUEUE, raising=False
    )
    monkeypatch.setattr(tenant_credentials_refresh_batch_task, "_exec_options", None)
    monkeypatch.setattr(fanout, "REFRESH_BATCH_SIZE", 2)
    monkeypatch.setattr(fanout.tenant_refresh_fan_out, "__kwdefaults__", {"batch_size": 2})

    # when: beat runs twice before any worker drained the queue
    first = tenant_credentials_refresh_due_task()
    second = tenant_credentials_refresh_due_task()

    # then: every due tenant is queued once, in batches of at most two
    batches = _queued_batches()
    assert (first, second) == (3, 0)
    assert sorted(tenant_id for batch in batches for tenant_id in batch) == sorted(
        str(tenant.tenant_id) for tenant in due
    )
    assert sorted(len(batch) for batch in batches) == [1, 2]


@pytest.mark.django_db(transaction=True)
def test_a_batch_refreshes_its_tenants_and_clears_their_marks(platform):
    tenants = [_active_tenant_with_credential(t, remaining=120) for t in TENANT_IDS[:2]]
    ids = [str(tenant.tenant_id) for tenant in tenants]
    fanout._queued_mark(ids)  # noqa: SLF001 - as the fan-out left them

    outcomes = tenant_credentials_refresh_batch_task.apply(args=(ids,)).get()

    assert outcomes == {"refreshed": 2}
    assert all(TenantCredential.objects.get(tenant=t).version == 2 for t in tenants)
    assert fanout._queued_mark(ids) == ids  # noqa: SLF001 - marks were cleared


@pytest.mark.django_db(transaction=True)
def test_a_batch_leaves_tenants_due_while_the_account_service_is_down(platform):
    tenant = _active_tenant_with_credential(TENANT_IDS[0], remaining=120)
    platform.control("faults", {"area": "account", "status": 503, "count": 1})

    outcomes = tenant_credentials_refresh_batch_task.apply(args=([str(tenant.tenant_id)],)).get()

    assert outcomes == {"unavailable": 1}
    assert TenantCredential.objects.get(tenant=tenant).version == 1


def test_batch_tasks_never_expire():
    assert tenant_credentials_refresh_batch_task.expires is None
    assert tenant_credentials_refresh_batch_task.acks_late is True
