"""Periodic tenant work: token refreshes ahead of time, and purges after the grace period.

Tasks carry tenant ids, never tokens (security.md case 51) and are idempotent (case 39). Due
token refreshes fan out in batches that never expire (``refresh_fanout``): at 100 000 tenants
a per-tenant expiring task discarded work. Each refresh re-reads the tenant's state when it
runs: one queued before an uninstall does nothing after it.
"""

from __future__ import annotations

from uuid import UUID

from celery import shared_task

from jtlapp.gateway.http import OutboundError, OutboundUnavailableError
from jtlapp.gateway.service_token import TokenEndpointUnavailableError, service_tokens_refresh
from jtlapp.tenants.credentials import tenant_credential_refresh
from jtlapp.tenants.lifecycle_tasks import lifecycle_call_reconcile_task
from jtlapp.tenants.purge import PurgeOutcome, tenant_purge_if_due, tenants_purge_due
from jtlapp.tenants.refresh_fanout import tenant_refresh_batch, tenant_refresh_fan_out
from jtlapp.tenants.services import tenant_presence_confirm

__all__ = ["lifecycle_call_reconcile_task"]  # registered with the worker by this import

REFRESH_DUE_PERIOD_SECONDS = 300
"""Beat period of ``tenant_credentials_refresh_due_task``; must match CELERY_BEAT_SCHEDULE."""
REFRESH_TASK_EXPIRES_SECONDS = 240
PURGE_DUE_PERIOD_SECONDS = 3600
"""Beat period of ``tenant_purge_due_task``; must match CELERY_BEAT_SCHEDULE."""
PURGE_TASK_EXPIRES_SECONDS = 3000


@shared_task(ignore_result=True, soft_time_limit=60, time_limit=90)
def tenant_credentials_refresh_due_task() -> int:
    """Fan out the due credentials of active tenants, one message per batch of tenants."""
    return tenant_refresh_fan_out(send=tenant_credentials_refresh_batch_task.delay)


@shared_task(ignore_result=True, acks_late=True, soft_time_limit=120, time_limit=150)
def tenant_credentials_refresh_batch_task(tenant_ids: list[str]) -> dict[str, int]:
    """No ``expires``: a late batch still refreshes what is due and skips what is fresh."""
    return tenant_refresh_batch(tenant_ids=tenant_ids)


@shared_task(
    ignore_result=True,
    expires=REFRESH_TASK_EXPIRES_SECONDS,
    autoretry_for=(OutboundUnavailableError, TokenEndpointUnavailableError),
    retry_backoff=5,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=4,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=30,
    time_limit=45,
)
def tenant_credential_refresh_task(tenant_id: str, force: bool = False) -> str:
    return tenant_credential_refresh(tenant_id=UUID(tenant_id), force=force)


@shared_task(ignore_result=True, expires=50, soft_time_limit=20, time_limit=30)
def service_token_refresh_task() -> dict[str, str]:
    return service_tokens_refresh()


@shared_task(ignore_result=True, soft_time_limit=60, time_limit=90)
def tenant_purge_due_task() -> int:
    """Fan out one purge task per uninstalled tenant whose grace period is over."""
    tenant_ids = list(tenants_purge_due().values_list("tenant_id", flat=True))
    for tenant_id in tenant_ids:
        tenant_purge_task.delay(str(tenant_id))  # only reads above: no commit to await
    return len(tenant_ids)


@shared_task(
    ignore_result=True,
    expires=PURGE_TASK_EXPIRES_SECONDS,
    acks_late=True,
    soft_time_limit=120,
    time_limit=150,
)
def tenant_purge_task(tenant_id: str) -> PurgeOutcome:
    return tenant_purge_if_due(tenant_id=UUID(tenant_id)).outcome


@shared_task(
    ignore_result=True,
    autoretry_for=(OutboundError,),
    retry_backoff=10,
    retry_backoff_max=600,
    max_retries=6,
    soft_time_limit=30,
    time_limit=45,
)
def tenant_presence_confirm_task(tenant_id: str) -> str:
    """After a 401 that survived renewal: suspend only if JTL says the app is not installed."""
    return tenant_presence_confirm(tenant_id=UUID(tenant_id))
