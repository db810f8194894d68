"""The webhook inbox's share of a tenant's data, for purge and data export (tenants registry).

Events are matched by the tenant id they name, so events recorded while the tenant was
unknown (``ignored``, no foreign key) go too.
"""

from __future__ import annotations

from uuid import UUID

from jtlapp.tenants.data_registry import tenant_data_exporters, tenant_data_purgers
from jtlapp.webhooks.models import WebhookEffect, WebhookEvent


@tenant_data_purgers.register("webhooks")
def webhook_tenant_purge(*, tenant_id: UUID) -> int:
    effects = WebhookEffect.objects.filter(tenant_id=tenant_id).delete()[0]
    return effects + WebhookEvent.objects.filter(event_tenant_id=tenant_id).delete()[0]


@tenant_data_exporters.register("webhooks")
def webhook_tenant_export(*, tenant_id: UUID) -> object:
    events = WebhookEvent.objects.filter(event_tenant_id=tenant_id).order_by("received_at")
    return {
        "events": [
            {
                "eventId": event.event_id,
                "topic": event.topic,
                "entityId": event.entity_id,
                "state": event.state,
                "receivedAt": event.received_at.isoformat(),
                "payload": event.payload,
            }
            for event in events
        ]
    }
