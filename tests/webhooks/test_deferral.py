"""Events of a briefly inactive tenant are kept and processed once it is active again."""

from __future__ import annotations

import pytest

from jtlapp.tenants.models import Tenant
from jtlapp.webhooks.deferral import webhook_events_release
from jtlapp.webhooks.models import WebhookEffect, WebhookEvent
from jtlapp.webhooks.processing import webhook_event_process, webhook_events_sweep
from jtlapp.webhooks.services import webhook_event_replay, webhook_receive
from tests.webhooks.conftest import ORDER_PAID, TENANT_ID, event_body, signed, tenant_create


def _deferred_event(state: str = Tenant.State.SUSPENDED, event_id: str = "evt-d") -> WebhookEvent:
    from jtlapp.sandbox.erp.ids import erp_uuid

    tenant_create(state=state)
    order_id = erp_uuid(tenant_id=TENANT_ID, kind="salesorder", key=2)
    raw, headers = signed(event_body(event_id=event_id, topic=ORDER_PAID, entity_id=order_id))
    event = webhook_receive(body=raw, headers=headers).event
    assert event.state == WebhookEvent.State.DEFERRED
    return event


def _activate() -> None:
    tenant = Tenant.objects.get(tenant_id=TENANT_ID)
    tenant.state = Tenant.State.ACTIVE
    tenant.save()


@pytest.mark.django_db
def test_a_deferred_event_is_processed_once_the_tenant_is_active(
    platform, django_capture_on_commit_callbacks
):
    event = _deferred_event()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _activate()

    event.refresh_from_db()
    assert event.state == WebhookEvent.State.RECEIVED
    assert callbacks  # the release, then the enqueue of the event
    assert webhook_event_process(event_pk=event.pk) == "done"
    assert WebhookEffect.objects.get().event == event


@pytest.mark.django_db
def test_the_sweep_releases_what_the_signal_missed(platform):
    event = _deferred_event(state=Tenant.State.PENDING)
    Tenant.objects.filter(tenant_id=TENANT_ID).update(state=Tenant.State.ACTIVE)  # no signal

    webhook_events_sweep()

    event.refresh_from_db()
    assert event.state == WebhookEvent.State.RECEIVED


@pytest.mark.django_db
def test_a_deferred_event_stays_while_the_tenant_is_inactive(platform):
    event = _deferred_event()

    assert webhook_events_release() == 0
    event.refresh_from_db()
    assert event.state == WebhookEvent.State.DEFERRED


@pytest.mark.django_db
def test_a_deferred_event_of_a_tenant_that_uninstalled_is_ignored(platform):
    event = _deferred_event()
    Tenant.objects.filter(tenant_id=TENANT_ID).update(state=Tenant.State.UNINSTALLED)

    webhook_events_release()

    event.refresh_from_db()
    assert event.state == WebhookEvent.State.IGNORED


@pytest.mark.django_db
@pytest.mark.parametrize("state", [WebhookEvent.State.DEFERRED, WebhookEvent.State.IGNORED])
def test_replay_works_on_deferred_and_ignored_events(platform, state):
    event = _deferred_event()
    WebhookEvent.objects.filter(pk=event.pk).update(state=state)
    _activate()

    replayed = webhook_event_replay(event_id="evt-d")

    assert replayed.state == WebhookEvent.State.RECEIVED
    assert webhook_event_process(event_pk=event.pk) == "done"


@pytest.mark.django_db
def test_replaying_while_the_tenant_is_still_inactive_defers_again(platform):
    event = _deferred_event()

    webhook_event_replay(event_id="evt-d")

    assert webhook_event_process(event_pk=event.pk) == "deferred"


@pytest.mark.django_db
def test_the_cli_replays_a_deferred_event(platform, capsys):
    from django.core.management import call_command

    _deferred_event()
    _activate()

    call_command("jtl", "webhook", "replay", "evt-d")

    assert "evt-d is received again" in capsys.readouterr().out
