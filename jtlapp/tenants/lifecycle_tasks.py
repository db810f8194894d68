"""Celery tasks of the lifecycle calls (imported by ``jtlapp.tenants.tasks``)."""

from __future__ import annotations

from celery import shared_task

from jtlapp.gateway.http import OutboundError
from jtlapp.tenants.lifecycle import lifecycle_call_reconcile


@shared_task(
    autoretry_for=(OutboundError,),
    retry_backoff=True,
    retry_kwargs={"max_retries": 5},
    soft_time_limit=30,
    time_limit=45,
    expires=3600,
)
def lifecycle_call_reconcile_task(call_id: int) -> str:
    return lifecycle_call_reconcile(call_id=call_id)
