"""The first fill of the dashboard aggregate starts when a tenant becomes active (setup)."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from kombu.exceptions import OperationalError

from jtlapp.tenants.models import Tenant
from panes.models import DashboardSync

logger = logging.getLogger(__name__)


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

        try:
            dashboard_reconcile_task.delay(tenant_id)
        except OperationalError:  # broker down: the hourly reconciliation fills it later
            logger.warning("dashboard first fill of tenant %s not queued (broker down)", tenant_id)

    transaction.on_commit(enqueue)
