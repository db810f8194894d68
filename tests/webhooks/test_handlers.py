"""A handler's ERP reads run before the transaction that records its effect and the event."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection

from jtlapp.webhooks import handlers
from jtlapp.webhooks.handlers import webhook_handler, webhook_handler_for
from jtlapp.webhooks.models import WebhookEffect, WebhookEvent
from jtlapp.webhooks.processing import webhook_event_process
from jtlapp.webhooks.services import webhook_receive
from tests.webhooks.conftest import ORDER_PAID, TENANT_ID, event_body, signed, tenant_create

TOPIC = "com.jtl.erp.workflow.v1.test.twostep"


@pytest.fixture
def registry() -> Iterator[list[tuple[str, bool]]]:
    saved, loaders = dict(handlers._HANDLERS), dict(handlers._LOADERS)
    seen: list[tuple[str, bool]] = []

    def load(*, event, tenant):
        seen.append(("load", connection.in_atomic_block))
        return {"entity": event.entity_id}

    @webhook_handler(TOPIC, load=load)
    def record(*, event, tenant, loaded):
        seen.append(("apply", connection.in_atomic_block))
        return f"recorded {loaded['entity']}"

    yield seen
    handlers._HANDLERS.clear()
    handlers._HANDLERS.update(saved)
    handlers._LOADERS.clear()
    handlers._LOADERS.update(loaders)


@pytest.mark.django_db(transaction=True)
def test_load_runs_outside_the_transaction_and_apply_inside(registry):
    tenant_create()
    raw, headers = signed(event_body(event_id="evt-2s", topic=TOPIC, entity_id="e-1"))
    event = webhook_receive(body=raw, headers=headers).event

    assert webhook_event_process(event_pk=event.pk) == "done"

    event.refresh_from_db()
    assert registry == [("load", False), ("apply", True)]
    assert event.note == "recorded e-1"


@pytest.mark.django_db(transaction=True)
def test_the_default_handlers_read_the_erp_before_their_transaction(platform):
    from jtlapp.sandbox.erp.ids import erp_uuid

    tenant_create()
    order_id = erp_uuid(tenant_id=TENANT_ID, kind="salesorder", key=2)
    raw, headers = signed(event_body(event_id="evt-paid", topic=ORDER_PAID, entity_id=order_id))
    event = webhook_receive(body=raw, headers=headers).event
    run = webhook_handler_for(topic=ORDER_PAID)

    assert run is not None
    assert webhook_event_process(event_pk=event.pk) == "done"
    assert WebhookEffect.objects.get(event=event).summary["id"] == order_id
    assert WebhookEvent.objects.get(pk=event.pk).state == WebhookEvent.State.DONE
