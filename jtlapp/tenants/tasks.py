"""Periodic token refreshes. Beat only refreshes ahead of time; requests refresh lazily too.

Tasks carry tenant ids, never tokens (security.md case 51), are idempotent (case 39) and
expire before the next beat run, so a backlog after a broker outage is dropped (T7).
"""

from __future__ import annotations

from uuid import UUID

from celery import shared_task

from jtlapp.auth.access_token import TokenEndpointUnavailableError, service_tokens_refresh
from jtlapp.outbound import OutboundUnavailableError
from jtlapp.tenants.credentials import tenant_credential_refresh, tenant_credentials_due

REFRESH_DUE_PERIOD_SECONDS = 300
"""Beat period of ``tenant_credentials_refresh_due_task``; must match CELERY_BEAT_SCHEDULE."""
REFRESH_TASK_EXPIRES_SECONDS = 240


@shared_task(ignore_result=True, soft_time_limit=60, time_limit=90)
def tenant_credentials_refresh_due_task() -> int:
    """Fan out one refresh task per due credential of an active tenant."""
    tenant_ids = list(tenant_credentials_due().values_list("tenant_id", flat=True))
    for tenant_id in tenant_ids:
        tenant_credential_refresh_task.delay(str(tenant_id))  # only reads above: no commit to await
    return len(tenant_ids)


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
def tenant_credential_refresh_task(tenant_id: str) -> str:
    return tenant_credential_refresh(tenant_id=UUID(tenant_id))


@shared_task(ignore_result=True, expires=50, soft_time_limit=20, time_limit=30)
def service_token_refresh_task() -> dict[str, str]:
    return service_tokens_refresh()
