"""Celery edges of the dashboard aggregate: first fill after setup and the periodic pass."""

from __future__ import annotations

from uuid import UUID

from celery import shared_task

from jtlapp.tenants.models import Tenant
from panes.dashboard_sync import dashboard_reconcile


@shared_task(soft_time_limit=600, time_limit=660)
def dashboard_reconcile_task(tenant_id: str) -> int:
    """Re-read one tenant's window; a tenant no longer active is skipped."""
    tenant = Tenant.objects.filter(tenant_id=UUID(tenant_id), state=Tenant.State.ACTIVE).first()
    return dashboard_reconcile(tenant=tenant) if tenant else 0


@shared_task
def dashboard_reconcile_all_task() -> int:
    """Beat: one reconciliation task per active tenant (each paces its own ERP calls)."""
    ids = Tenant.objects.filter(state=Tenant.State.ACTIVE).values_list("tenant_id", flat=True)
    for tenant_id in ids:
        dashboard_reconcile_task.delay(str(tenant_id))
    return len(ids)
