"""Receiving ERP webhooks: verify, record once, answer fast; and replaying dead events.

The request does no ERP call: it stores the event and enqueues processing after commit
(platform.md §9 "respond 2xx fast, process async"). A redelivery of a known event id is a
no-op that answers ``duplicate: true``; the unique key decides, so parallel redeliveries
race safely.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from jtlapp.errors import ApplicationError
from jtlapp.tenants.models import Tenant
from jtlapp.webhooks.deferral import webhook_state_for
from jtlapp.webhooks.envelope import WebhookEnvelope, webhook_envelope_parse
from jtlapp.webhooks.models import WebhookEvent
from jtlapp.webhooks.queueing import webhook_event_enqueue
from jtlapp.webhooks.verifiers import webhook_verifier_get

logger = logging.getLogger(__name__)

LOST_MESSAGE_GRACE = timedelta(seconds=60)
"""A received event still unprocessed after this is re-enqueued by the sweep."""


class WebhookUnverifiedError(ApplicationError):
    http_status = 401
    code = "webhook_unverified"


class WebhookInvalidError(ApplicationError):
    code = "invalid_event"


class WebhookNotReplayableError(ApplicationError):
    http_status = 409
    code = "not_replayable"


REPLAYABLE_STATES = frozenset(
    {
        WebhookEvent.State.DEAD,
        WebhookEvent.State.FAILED,
        WebhookEvent.State.DEFERRED,
        WebhookEvent.State.IGNORED,
    }
)


@dataclass(frozen=True, kw_only=True)
class WebhookReceipt:
    event: WebhookEvent
    duplicate: bool


def _verify(*, body: bytes, headers: Mapping[str, str]) -> tuple[bool, str]:
    result = webhook_verifier_get()(body=body, headers=headers)
    if result.verified:
        return True, ""
    if not settings.JTL_WEBHOOK_ALLOW_UNVERIFIED:
        logger.warning("webhook delivery refused: %s", result.reason)
        raise WebhookUnverifiedError(
            "The delivery could not be verified.", extra={"reason": result.reason}
        )
    return False, f"unverified: {result.reason}"[:200]


def _record(
    *, envelope: WebhookEnvelope, payload: dict[str, object], verified: bool, note: str
) -> WebhookReceipt:
    tenant = Tenant.objects.filter(tenant_id=envelope.tenant_id).first()
    state, held_note = webhook_state_for(tenant)
    runs_now = state == WebhookEvent.State.RECEIVED
    now = timezone.now()
    try:
        with transaction.atomic():
            event = WebhookEvent.objects.create(
                event_id=envelope.id,
                topic=envelope.type,
                event_tenant_id=envelope.tenant_id,
                tenant=tenant,
                entity_id=envelope.entity_id,
                occurred_at=envelope.time,
                payload=payload,
                verified=verified,
                state=state,
                note=(held_note or note)[:200],
                next_attempt_at=now + LOST_MESSAGE_GRACE if runs_now else None,
            )
    except IntegrityError:
        return WebhookReceipt(event=WebhookEvent.objects.get(event_id=envelope.id), duplicate=True)
    if runs_now:
        webhook_event_enqueue(event_pk=event.pk, on_commit=True)
    return WebhookReceipt(event=event, duplicate=False)


def webhook_receive(*, body: bytes, headers: Mapping[str, str]) -> WebhookReceipt:
    """Verify and record one delivery; processing is enqueued after the row commits."""
    verified, note = _verify(body=body, headers=headers)
    try:
        envelope, payload = webhook_envelope_parse(body=body)
    except ValueError as exc:
        raise WebhookInvalidError(str(exc)) from None
    receipt = _record(envelope=envelope, payload=payload, verified=verified, note=note)
    logger.info(
        "webhook %s %s for tenant %s: %s",
        envelope.type,
        envelope.id,
        envelope.tenant_id,
        "duplicate" if receipt.duplicate else receipt.event.state,
    )
    return receipt


@transaction.atomic
def webhook_event_replay(*, event_id: str) -> WebhookEvent:
    """Give a dead, failed, deferred or ignored event a fresh set of attempts, enqueued now.

    A replayed event whose tenant is still not active is deferred again when it is claimed.
    """
    event = WebhookEvent.objects.select_for_update().filter(event_id=event_id).first()
    if event is None:
        raise WebhookNotReplayableError(f"No webhook event {event_id!r}.")
    if event.state not in REPLAYABLE_STATES:
        raise WebhookNotReplayableError(
            f"Only dead, failed, deferred or ignored events can be replayed; this one is "
            f"{event.state}."
        )
    if event.tenant is None:
        event.tenant = Tenant.objects.filter(tenant_id=event.event_tenant_id).first()
    event.state = WebhookEvent.State.RECEIVED
    event.attempts = 0
    event.next_attempt_at = timezone.now() + LOST_MESSAGE_GRACE
    event.note = "replayed"
    event.save(update_fields=["state", "attempts", "next_attempt_at", "note", "tenant"])
    webhook_event_enqueue(event_pk=event.pk, on_commit=True)
    return event
