"""Lifecycle signals: sent once per change, only after it committed, never breaking it."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

import pytest
from django.db import transaction
from django.utils import timezone

from jtlapp.auth.verify import app_token_verify
from jtlapp.gateway.http import OutboundUnavailableError
from jtlapp.sandbox.config import DEMO_TENANTS
from jtlapp.tenants import signals
from jtlapp.tenants.credentials import tenant_credential_mint, tenant_credential_refresh
from jtlapp.tenants.models import Tenant, TenantCredential
from jtlapp.tenants.purge import tenant_purge_now
from jtlapp.tenants.services import tenant_connect, tenant_disconnect

TENANT = next(iter(DEMO_TENANTS))
ALL = {
    "installed": signals.tenant_installed,
    "reactivated": signals.tenant_reactivated,
    "uninstalled": signals.tenant_uninstalled,
    "purged": signals.tenant_purged,
    "refreshed": signals.tenant_token_refreshed,
    "refresh_failed": signals.tenant_token_refresh_failed,
}


@pytest.fixture
def received():
    """Every signal sent during the test, as (name, keywords without sender/signal)."""
    seen: list[tuple[str, dict[str, object]]] = []
    receivers = {}
    for name, signal in ALL.items():

        def receiver(sender, *, name=name, **kwargs):
            kwargs.pop("signal")
            seen.append((name, kwargs))

        receivers[name] = receiver
        signal.connect(receiver, weak=False)
    yield seen
    for name, signal in ALL.items():
        signal.disconnect(receivers[name])


def _setup(platform):
    return tenant_connect(claims=app_token_verify(token=platform.app_token(tenantId=TENANT)))


def test_setup_sends_installed_after_commit(
    platform, db, received, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _setup(platform)
        assert received == []  # not before the commit

    assert received == [("installed", {"tenant_id": UUID(TENANT), "reactivated": False})]


def test_a_second_setup_of_an_active_tenant_sends_nothing(
    platform, db, received, django_capture_on_commit_callbacks
):
    _setup(platform)
    with django_capture_on_commit_callbacks(execute=True):
        _setup(platform)

    assert received == []


def test_uninstall_then_setup_sends_uninstalled_reactivated_installed(
    platform, db, received, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tenant = _setup(platform)
    received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tenant_disconnect(tenant_id=tenant.tenant_id, at=timezone.now() + timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        _setup(platform)

    assert [name for name, _ in received] == ["uninstalled", "reactivated", "installed"]
    assert received[2][1]["reactivated"] is True


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_sends_nothing(platform, received):
    tenant = _setup(platform)
    received.clear()

    def disconnect_then_fail():
        with transaction.atomic():
            tenant_disconnect(tenant_id=tenant.tenant_id, at=timezone.now() + timedelta(seconds=1))
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError, match="rolled back"):
        disconnect_then_fail()

    assert received == []
    assert Tenant.objects.get(tenant_id=tenant.tenant_id).state == Tenant.State.ACTIVE


def test_purge_sends_purged(platform, db, received, django_capture_on_commit_callbacks):
    tenant = _setup(platform)
    with django_capture_on_commit_callbacks(execute=True):
        tenant_purge_now(tenant_id=tenant.tenant_id, force=True)

    assert received[-1] == ("purged", {"tenant_id": tenant.tenant_id})


def _due_credential(tenant: Tenant) -> None:
    tenant_credential_mint(tenant=tenant)
    TenantCredential.objects.filter(tenant=tenant).update(
        expires_at=timezone.now() + timedelta(seconds=120)
    )


def test_refresh_sends_refreshed_and_a_failure_sends_failed(
    platform, db, received, django_capture_on_commit_callbacks
):
    tenant = _setup(platform)
    _due_credential(tenant)
    received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tenant_credential_refresh(tenant_id=tenant.tenant_id, force=True) == "refreshed"
    _due_credential(tenant)
    platform.control("faults", {"area": "account", "status": 503})
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(OutboundUnavailableError):
        tenant_credential_refresh(tenant_id=tenant.tenant_id, force=True)

    names = [name for name, _ in received]
    assert names[0] == "refreshed"
    assert names[-1] == "refresh_failed"
    assert received[-1][1]["error"].endswith("HTTP 503")


def test_a_failing_receiver_does_not_break_the_change(
    platform, db, received, django_capture_on_commit_callbacks
):
    def broken(sender, **kwargs):
        raise ValueError("partner bug")

    signals.tenant_installed.connect(broken, weak=False)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            tenant = _setup(platform)
    finally:
        signals.tenant_installed.disconnect(broken)

    assert Tenant.objects.get(tenant_id=tenant.tenant_id).state == Tenant.State.ACTIVE
    assert ("installed", {"tenant_id": tenant.tenant_id, "reactivated": False}) in received
