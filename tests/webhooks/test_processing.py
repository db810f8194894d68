"""Processing: a real worker loads the entity from the sandbox once; failures retry, die, replay."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from jtlapp.sandbox.erp.ids import erp_uuid
from jtlapp.webhooks.models import WebhookEffect, WebhookEvent
from jtlapp.webhooks.processing import retry_delay_seconds, webhook_event_process
from jtlapp.webhooks.services import (
    WebhookNotReplayableError,
    webhook_event_replay,
    webhook_receive,
)
from jtlapp.webhooks.tasks import webhook_event_process_task, webhook_events_sweep_task
from tests.webhooks.conftest import (
    ORDER_PAID,
    TENANT_ID,
    WORKER_MAX_ATTEMPTS,
    django_headers,
    event_body,
    signed,
    tenant_create,
    wait_state,
)


def _post(client, raw: bytes, headers: dict[str, str]):
    return client.post(
        "/webhooks/erp", data=raw, content_type="application/json", **django_headers(headers)
    )


def test_the_worker_loads_the_entity_and_records_one_effect_for_ten_deliveries(
    webhook_worker, client, platform
):
    # given
    tenant = tenant_create()
    order_id = erp_uuid(tenant_id=TENANT_ID, kind="salesorder", key=2)
    raw, headers = signed(event_body(event_id="evt-w", topic=ORDER_PAID, entity_id=order_id))
    # when
    answers = [_post(client, raw, headers) for _ in range(10)]
    wait_state("evt-w", "done")
    # then
    assert [a.status_code for a in answers] == [202] + [200] * 9
    effect = WebhookEffect.objects.get()
    assert (effect.tenant, effect.topic, effect.entity_id) == (tenant, ORDER_PAID, order_id)
    assert effect.summary["id"] == order_id
    event = WebhookEvent.objects.get(event_id="evt-w")
    assert (event.attempts, event.last_error, event.next_attempt_at) == (1, "", None)
    assert event.processed_at is not None
    calls = [c for c in platform.state.erp_calls() if order_id in c.path]
    assert [(c.method, c.tenant_id) for c in calls] == [("GET", TENANT_ID)]


def test_a_failing_handler_retries_dies_and_replays_to_done(webhook_worker, client, platform):
    # given: the ERP answers 500 to everything
    tenant_create()
    platform.control("faults", {"area": "erp", "status": 500})
    raw, headers = signed(event_body(event_id="evt-dead"))
    # when
    assert _post(client, raw, headers).status_code == 202
    wait_state("evt-dead", "dead")
    # then
    dead = WebhookEvent.objects.get(event_id="evt-dead")
    assert dead.attempts == WORKER_MAX_ATTEMPTS
    assert dead.last_error.startswith("ErpUnavailableError")
    assert not WebhookEffect.objects.exists()
    # when: the ERP recovers and someone replays the event
    _faults_clear(platform)
    webhook_event_replay(event_id="evt-dead")
    wait_state("evt-dead", "done")
    # then
    replayed = WebhookEvent.objects.get(event_id="evt-dead")
    assert (replayed.attempts, replayed.note) == (1, "loaded " + replayed.entity_id)
    assert WebhookEffect.objects.count() == 1


def _faults_clear(platform) -> None:
    import httpx

    httpx.delete(f"{platform.url}/_sandbox/faults", timeout=10).raise_for_status()


def test_the_sweep_enqueues_a_received_event_whose_message_was_lost(webhook_worker):
    # given: an event recorded without its message, past the lost-message grace
    tenant_create()
    WebhookEvent.objects.create(
        event_id="evt-lost",
        topic="com.jtl.erp.workflow.v1.item.changed",
        event_tenant_id=TENANT_ID,
        tenant_id=TENANT_ID,
        entity_id=erp_uuid(tenant_id=TENANT_ID, kind="item", key=1),
        next_attempt_at=timezone.now() - timedelta(seconds=1),
    )
    # when
    webhook_events_sweep_task.apply_async(queue=webhook_worker)
    wait_state("evt-lost", "done")
    # then
    assert WebhookEffect.objects.get().event.event_id == "evt-lost"


@pytest.mark.django_db(transaction=True)
def test_parallel_workers_process_an_event_once(platform, breaker_reset):
    # given
    tenant_create()
    raw, headers = signed(event_body(event_id="evt-claim"))
    event = webhook_receive(body=raw, headers=headers).event
    barrier = threading.Barrier(10)
    outcomes: list[str] = []

    def work() -> None:
        barrier.wait()
        try:
            outcomes.append(webhook_event_process(event_pk=event.pk))
        finally:
            connection.close()

    # when
    threads = [threading.Thread(target=work) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    # then
    assert sorted(outcomes) == ["done"] + ["skipped"] * 9
    assert WebhookEffect.objects.count() == 1
    assert WebhookEvent.objects.get(pk=event.pk).attempts == 1


@pytest.mark.django_db
def test_an_unknown_topic_is_done_with_a_note_and_no_erp_call(platform):
    tenant_create()
    raw, headers = signed(event_body(event_id="evt-topic", topic="com.jtl.erp.workflow.v1.x.y"))
    event = webhook_receive(body=raw, headers=headers).event

    outcome = webhook_event_process(event_pk=event.pk)

    event.refresh_from_db()
    assert (outcome, event.state, event.note) == ("done", "done", "no handler for this topic")
    assert not WebhookEffect.objects.exists()


@pytest.mark.django_db
def test_a_tenant_suspended_after_receipt_defers_the_event(platform):
    tenant = tenant_create()
    raw, headers = signed(event_body(event_id="evt-late"))
    event = webhook_receive(body=raw, headers=headers).event
    tenant.state = "suspended"
    tenant.save()

    outcome = webhook_event_process(event_pk=event.pk)

    assert outcome == "deferred"
    assert WebhookEvent.objects.get(pk=event.pk).state == "deferred"


@pytest.mark.django_db
def test_a_tenant_uninstalled_after_receipt_makes_the_event_ignored(platform):
    tenant = tenant_create()
    raw, headers = signed(event_body(event_id="evt-gone"))
    event = webhook_receive(body=raw, headers=headers).event
    tenant.state = "uninstalled"
    tenant.save()

    outcome = webhook_event_process(event_pk=event.pk)

    assert outcome == "ignored"
    assert WebhookEvent.objects.get(pk=event.pk).note == "tenant uninstalled"


@pytest.mark.django_db
def test_processing_a_done_event_again_is_a_no_op(platform):
    tenant_create()
    raw, headers = signed(event_body(event_id="evt-twice"))
    event = webhook_receive(body=raw, headers=headers).event

    first = webhook_event_process(event_pk=event.pk)
    second = webhook_event_process(event_pk=event.pk)

    assert (first, second) == ("done", "skipped")
    assert WebhookEffect.objects.count() == 1


@pytest.mark.django_db
def test_a_failed_event_is_not_retried_before_its_time(platform, settings, breaker_reset):
    tenant_create()
    platform.control("faults", {"area": "erp", "status": 500, "count": 1})
    raw, headers = signed(event_body(event_id="evt-early"))
    event = webhook_receive(body=raw, headers=headers).event

    first = webhook_event_process(event_pk=event.pk)
    early = webhook_event_process(event_pk=event.pk)

    event.refresh_from_db()
    assert (first, early, event.state, event.attempts) == ("failed", "skipped", "failed", 1)
    assert event.next_attempt_at is not None
    assert event.next_attempt_at > timezone.now()


@pytest.mark.django_db
def test_only_dead_or_failed_events_can_be_replayed():
    tenant_create()
    raw, headers = signed(event_body(event_id="evt-fresh"))
    webhook_receive(body=raw, headers=headers)

    with pytest.raises(WebhookNotReplayableError):
        webhook_event_replay(event_id="evt-fresh")
    with pytest.raises(WebhookNotReplayableError):
        webhook_event_replay(event_id="evt-missing")


def test_retry_delays_grow_exponentially_with_jitter(settings):
    settings.JTL_WEBHOOK_RETRY_BASE_SECONDS = 10

    delays = [retry_delay_seconds(attempt=attempt) for attempt in (1, 2, 3, 20)]

    assert 5 <= delays[0] <= 10
    assert 10 <= delays[1] <= 20
    assert 20 <= delays[2] <= 40
    assert 900 <= delays[3] <= 1800


def test_the_process_task_takes_the_event_pk_only():
    assert webhook_event_process_task.name == "jtlapp.webhooks.tasks.webhook_event_process_task"
