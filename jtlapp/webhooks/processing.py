"""Processing one inbox event exactly once, with retries, a dead-letter state and a sweep.

A worker first claims the row under a row lock taken with ``skip_locked`` and only while
its state is due (so only one worker can win), which also counts the attempt and sets a lease
in ``next_attempt_at``. The handler's
effect and the change to ``done`` commit in one transaction, and the change to ``done`` only
succeeds while this worker's claim still stands (same state and attempt number), so a
worker whose lease ran out rolls its effect back instead of doubling it. Failures are
retried with exponential backoff, jittered over the upper half of each step, until
``JTL_WEBHOOK_MAX_ATTEMPTS``, then the event is ``dead`` until someone replays it.
"""

from __future__ import annotations

import logging
import random
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from jtlapp.webhooks.deferral import webhook_events_release, webhook_state_for
from jtlapp.webhooks.handlers import webhook_handler_for
from jtlapp.webhooks.models import WebhookEvent
from jtlapp.webhooks.queueing import webhook_event_enqueue

logger = logging.getLogger(__name__)

State = WebhookEvent.State
LEASE = timedelta(seconds=180)
"""Longer than the task's hard time limit: a claim older than this belongs to a lost worker."""
RETRY_CAP_SECONDS = 1800.0
"""Below the broker's visibility timeout (1 h), or Redis would deliver the retry twice."""
SWEEP_BATCH = 500


class WebhookClaimLostError(Exception):
    """Our lease ran out and another worker claimed the event; our effect is rolled back."""


def _claim(*, event_pk: int) -> int | None:
    """The attempt number we now own, or None if the event is not ours to process."""
    now = timezone.now()
    due = Q(state=State.RECEIVED) | Q(
        state__in=(State.FAILED, State.PROCESSING), next_attempt_at__lte=now
    )
    with transaction.atomic():
        event = (
            WebhookEvent.objects.select_for_update(skip_locked=True)
            .filter(due, pk=event_pk)
            .only("pk", "attempts")
            .first()
        )
        if event is None:
            return None
        attempt = event.attempts + 1
        WebhookEvent.objects.filter(pk=event_pk).update(
            state=State.PROCESSING, attempts=attempt, next_attempt_at=now + LEASE
        )
    return attempt


def retry_delay_seconds(*, attempt: int) -> float:
    """Jitter over the upper half of an exponential ceiling, so retries do not line up."""
    base: float = settings.JTL_WEBHOOK_RETRY_BASE_SECONDS
    ceiling = min(RETRY_CAP_SECONDS, base * 2 ** (attempt - 1))
    return random.uniform(ceiling / 2, ceiling)  # noqa: S311 - jitter, not a secret


def _error_text(exc: Exception) -> str:
    """Type and message only; our ERP errors never carry tokens, bodies or query strings."""
    return f"{type(exc).__name__}: {exc}"[:500]


def _fail(*, event: WebhookEvent, attempt: int, exc: Exception) -> str:
    now = timezone.now()
    owned = WebhookEvent.objects.filter(pk=event.pk, state=State.PROCESSING, attempts=attempt)
    if attempt >= settings.JTL_WEBHOOK_MAX_ATTEMPTS:
        owned.update(state=State.DEAD, last_error=_error_text(exc), next_attempt_at=None)
        logger.error("webhook event %s is dead after %s attempts", event.event_id, attempt)
        return State.DEAD
    delay = retry_delay_seconds(attempt=attempt)
    updated = owned.update(
        state=State.FAILED,
        last_error=_error_text(exc),
        next_attempt_at=now + timedelta(seconds=delay),
    )
    if updated:
        webhook_event_enqueue(event_pk=event.pk, on_commit=False, countdown=delay)
    logger.warning(
        "webhook event %s failed (attempt %s), retry in %.1f s", event.event_id, attempt, delay
    )
    return State.FAILED


def _finish(*, event: WebhookEvent, attempt: int, state: str, note: str) -> None:
    owned = WebhookEvent.objects.filter(pk=event.pk, state=State.PROCESSING, attempts=attempt)
    finished = owned.update(
        state=state, note=note[:200], processed_at=timezone.now(), next_attempt_at=None
    )
    if not finished:
        raise WebhookClaimLostError(event.event_id)


def _run(*, event: WebhookEvent, attempt: int) -> str:
    tenant = event.tenant
    held_state, reason = webhook_state_for(tenant)
    if tenant is None or held_state != State.RECEIVED:
        _finish(event=event, attempt=attempt, state=held_state, note=reason)
        return held_state
    run = webhook_handler_for(topic=event.topic)
    if run is None:
        _finish(event=event, attempt=attempt, state=State.DONE, note="no handler for this topic")
        return State.DONE
    loaded = run.load(event=event, tenant=tenant)  # ERP reads: no transaction held open
    with transaction.atomic():
        note = run.apply(event=event, tenant=tenant, loaded=loaded)
        _finish(event=event, attempt=attempt, state=State.DONE, note=note)
    return State.DONE


def webhook_event_process(*, event_pk: int) -> str:
    """Process one event if it is due and unclaimed; the outcome, or ``skipped``."""
    attempt = _claim(event_pk=event_pk)
    if attempt is None:
        return "skipped"
    event = WebhookEvent.objects.select_related("tenant").get(pk=event_pk)
    try:
        return _run(event=event, attempt=attempt)
    except WebhookClaimLostError:
        logger.warning("webhook event %s was claimed by another worker", event.event_id)
        return "skipped"
    except Exception as exc:  # noqa: BLE001 - a task boundary: any handler failure is retried
        return _fail(event=event, attempt=attempt, exc=exc)


def webhook_events_sweep() -> int:
    """Enqueue due events again: lost messages, retries whose message vanished, lost workers.

    Also releases deferred events whose tenant is active again.
    """
    webhook_events_release()
    now = timezone.now()
    due = WebhookEvent.objects.filter(
        state__in=(State.RECEIVED, State.FAILED, State.PROCESSING), next_attempt_at__lte=now
    ).order_by("next_attempt_at")
    pks = list(due.values_list("pk", flat=True)[:SWEEP_BATCH])
    for pk in pks:
        webhook_event_enqueue(event_pk=pk, on_commit=False)
    return len(pks)
