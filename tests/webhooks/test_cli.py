"""``manage.py jtl webhook send|list|replay``."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from jtlapp.webhooks.models import WebhookEvent
from tests.webhooks.conftest import ITEM_CHANGED, TENANT_ID, tenant_create


def _jtl(*args: str) -> str:
    out = io.StringIO()
    call_command("jtl", "webhook", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_send_posts_a_signed_event_to_our_endpoint(live_server):
    tenant_create()

    output = _jtl(
        "send",
        "--tenant",
        TENANT_ID,
        "--topic",
        ITEM_CHANGED,
        "--entity-id",
        "item-7",
        "--url",
        live_server.url + "/webhooks/erp",
    )

    event = WebhookEvent.objects.get()
    assert "HTTP 202" in output
    assert event.event_id in output
    assert (event.verified, event.entity_id, event.topic) == (True, "item-7", ITEM_CHANGED)


@pytest.mark.django_db(transaction=True)
def test_send_fails_when_the_endpoint_refuses(live_server, settings):
    settings.JTL_WEBHOOK_VERIFIER = "none"
    url = live_server.url + "/webhooks/erp"

    with pytest.raises(CommandError):
        _jtl(
            "send", "--tenant", TENANT_ID, "--topic", ITEM_CHANGED, "--entity-id", "1", "--url", url
        )


@pytest.mark.django_db
def test_list_and_replay(tenant_events):
    listing = _jtl("list", "--state", "dead")
    replayed = _jtl("replay", "evt-dead")

    assert "evt-dead" in listing
    assert "evt-done" not in listing
    assert "ErpUnavailableError: down" in listing
    assert "received again" in replayed
    assert WebhookEvent.objects.get(event_id="evt-dead").state == "received"
    with pytest.raises(CommandError):
        _jtl("replay", "evt-done")


@pytest.fixture
def tenant_events():
    tenant = tenant_create()
    for event_id, state, error in (
        ("evt-dead", "dead", "ErpUnavailableError: down"),
        ("evt-done", "done", ""),
    ):
        WebhookEvent.objects.create(
            event_id=event_id,
            topic=ITEM_CHANGED,
            event_tenant_id=tenant.tenant_id,
            tenant=tenant,
            entity_id="1",
            state=state,
            attempts=3,
            last_error=error,
        )


@pytest.mark.django_db
def test_list_says_when_the_inbox_is_empty():
    assert _jtl("list") == "No webhook events.\n"
