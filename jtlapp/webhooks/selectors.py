"""Reading the webhook inbox (the ``jtl webhook list`` command, tests, the admin)."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from django.db.models import Count, Q, QuerySet

from jtlapp.webhooks.models import WebhookEvent


def webhook_events_list(*, state: str | None = None, limit: int = 50) -> list[WebhookEvent]:
    """The newest events first, optionally of one state."""
    events: QuerySet[WebhookEvent] = WebhookEvent.objects.all()
    if state:
        events = events.filter(state=state)
    return list(events.order_by("-received_at", "-pk")[:limit])


def webhook_backlog_for_tenants(tenant_ids: Iterable[UUID]) -> dict[UUID, dict[str, int]]:
    """Per tenant: events waiting (received, processing), failed (will retry) and dead.

    The operator console shows these for one page of tenants, so it is one grouped query.
    Positional, as ``jtlapp.tenants.console`` calls it without importing this app.
    """
    waiting = (WebhookEvent.State.RECEIVED, WebhookEvent.State.PROCESSING)
    rows = (
        WebhookEvent.objects.filter(tenant_id__in=list(tenant_ids))
        .values("tenant_id")
        .annotate(
            backlog=Count("pk", filter=Q(state__in=waiting)),
            failed=Count("pk", filter=Q(state=WebhookEvent.State.FAILED)),
            dead=Count("pk", filter=Q(state=WebhookEvent.State.DEAD)),
        )
    )
    return {
        row["tenant_id"]: {"backlog": row["backlog"], "failed": row["failed"], "dead": row["dead"]}
        for row in rows
    }
