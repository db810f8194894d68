"""The first fill of the dashboard aggregate starts when a tenant becomes active (setup)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from jtlapp.tenants.models import Tenant
from panes.models import DashboardSync


def tenant_saved_fill(*, sender: type[Tenant], instance: Tenant, **kwargs: Any) -> None:
    """``post_save``: an active tenant without a filled aggregate gets its first fill queued."""
    if instance.state != Tenant.State.ACTIVE:
        return
    if DashboardSync.objects.filter(
        tenant_id=instance.tenant_id, started_at__isnull=False
    ).exists():
        return
    tenant_id = str(instance.tenant_id)

    def enqueue() -> None:
        from panes.tasks import dashboard_reconcile_task  # noqa: PLC0415 - Celery app loads late

        dashboard_reconcile_task.delay(tenant_id)

    transaction.on_commit(enqueue)
