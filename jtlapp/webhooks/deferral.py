"""Events of a tenant that is briefly not active are kept (``deferred``) and run once it is.

A tenant is ``suspended`` or ``pending`` during a re-setup for minutes; its ERP events then are
still the merchant's changes and must not be lost. Only events of tenants we do not know, or
that uninstalled, are ``ignored``. Deferred events go back to ``received`` when their tenant
is active again: at once when the tenant row is saved as active (a signal), and from the
minute sweep in case that moment was missed (a tenant changed by a bulk update).
"""

from __future__ import annotations

import logging
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from jtlapp.tenants.models import Tenant
from jtlapp.webhooks.models import WebhookEvent
from jtlapp.webhooks.queueing import webhook_event_enqueue

logger = logging.getLogger(__name__)

State = WebhookEvent.State
DEFERRING_TENANT_STATES = frozenset({Tenant.State.PENDING, Tenant.State.SUSPENDED})
RELEASE_BATCH = 500


def webhook_state_for(tenant: Tenant | None) -> tuple[str, str]:
    """The state a new or claimed event takes for its tenant, and why, if not ``received``."""
    if tenant is None:
        return State.IGNORED, "tenant unknown"
    if tenant.is_active:
        return State.RECEIVED, ""
    if tenant.state in DEFERRING_TENANT_STATES:
        return State.DEFERRED, f"tenant {tenant.state}; runs when it is active"
    return State.IGNORED, f"tenant {tenant.state}"


def webhook_events_release(*, tenant_id: UUID | None = None) -> int:
    """Deferred events of active tenants back to ``received`` (enqueued); others settled."""
    from jtlapp.webhooks.services import LOST_MESSAGE_GRACE  # noqa: PLC0415 - services imports us

    deferred = WebhookEvent.objects.filter(state=State.DEFERRED)
    if tenant_id is not None:
        deferred = deferred.filter(tenant_id=tenant_id)
    gone = deferred.exclude(tenant__state__in=[*DEFERRING_TENANT_STATES, Tenant.State.ACTIVE])
    gone.update(state=State.IGNORED, note="tenant left while the event was deferred")
    with transaction.atomic():
        pks = list(
            deferred.filter(tenant__state=Tenant.State.ACTIVE)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:RELEASE_BATCH]
        )
        WebhookEvent.objects.filter(pk__in=pks, state=State.DEFERRED).update(
            state=State.RECEIVED,
            note="released: tenant active again",
            next_attempt_at=timezone.now() + LOST_MESSAGE_GRACE,
        )
        for pk in pks:
            webhook_event_enqueue(event_pk=pk, on_commit=True)
    if pks:
        logger.info("released %d deferred webhook events", len(pks))
    return len(pks)


def tenant_saved_receiver(*, instance: Tenant, **_kwargs: Any) -> None:
    """``post_save`` of ``Tenant``: an active tenant gets its deferred events, after commit."""
    if instance.is_active:
        tenant_id = instance.tenant_id
        transaction.on_commit(lambda: webhook_events_release(tenant_id=tenant_id))
