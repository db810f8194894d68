"""The operator console's reads and actions (the Django admin calls only these).

Some columns come from other parts of the app: the ERP rate bucket is read straight from
Redis (never written) and the webhook columns come from ``jtlapp.webhooks.selectors``, both
imported like any other module.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any
from uuid import UUID

import redis
from django.conf import settings
from django.db import transaction

from jtlapp.core.redis import redis_client
from jtlapp.errors import ApplicationError
from jtlapp.gateway.erp.admission import KEY_PREFIX as RATE_BUCKET_PREFIX
from jtlapp.tenants.models import Tenant, TenantCredential
from jtlapp.tenants.services import tenant_suspend
from jtlapp.tenants.tasks import tenant_credential_refresh_task
from jtlapp.webhooks.models import WebhookEvent
from jtlapp.webhooks.selectors import webhook_backlog_for_tenants
from jtlapp.webhooks.services import webhook_event_replay

logger = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class WebhookCounts:
    backlog: int
    failed: int
    dead: int


@dataclass(frozen=True, kw_only=True)
class ConsoleExtras:
    """Per-tenant columns that live outside the tenant tables (``None``: unknown or absent)."""

    rate_tokens_left: float | None
    rate_burst: int
    webhooks: WebhookCounts | None


def _rate_tokens_left(tenant_ids: list[UUID]) -> dict[UUID, float | None]:
    """Tokens now in each tenant's bucket, computed as the limiter would (read-only)."""
    rate = settings.JTL_ERP_TENANT_RATE_PER_SECOND
    burst = settings.JTL_ERP_TENANT_RATE_BURST
    try:
        pipe = redis_client().pipeline(transaction=False)
        pipe.time()
        for tenant_id in tenant_ids:
            pipe.hmget(f"{RATE_BUCKET_PREFIX}:{tenant_id}", "tokens", "at")
        clock, *states = pipe.execute()
    except redis.RedisError:
        logger.warning("Redis unavailable: rate-limit headroom not shown")
        return dict.fromkeys(tenant_ids)
    now = clock[0] + clock[1] / 1_000_000
    left: dict[UUID, float | None] = {}
    for tenant_id, (tokens, at) in zip(tenant_ids, states, strict=True):
        if tokens is None or at is None:
            left[tenant_id] = float(burst)  # no bucket: nothing used lately
        else:
            refill = max(0.0, now - float(at)) * rate
            left[tenant_id] = min(float(burst), float(tokens) + refill)
    return left


def _webhook_counts(tenant_ids: list[UUID]) -> dict[UUID, WebhookCounts]:
    try:
        raw: dict[Any, dict[str, int]] = webhook_backlog_for_tenants(tenant_ids)
    except Exception:  # the console must render even if another app's read fails
        logger.exception("webhook backlog could not be read")
        return {}
    counts = {}
    for tenant_id in tenant_ids:
        entry = raw.get(tenant_id, raw.get(str(tenant_id)))
        if entry is not None:
            counts[tenant_id] = WebhookCounts(
                backlog=int(entry.get("backlog", 0)),
                failed=int(entry.get("failed", 0)),
                dead=int(entry.get("dead", 0)),
            )
    return counts


def tenant_console_extras(*, tenant_ids: Iterable[UUID]) -> dict[UUID, ConsoleExtras]:
    """The console columns of one page of tenants, in one Redis round trip and one query."""
    ids = list(tenant_ids)
    tokens = _rate_tokens_left(ids)
    webhooks = _webhook_counts(ids)
    burst = settings.JTL_ERP_TENANT_RATE_BURST
    return {
        tenant_id: ConsoleExtras(
            rate_tokens_left=tokens.get(tenant_id),
            rate_burst=burst,
            webhooks=webhooks.get(tenant_id),
        )
        for tenant_id in ids
    }


def tenant_tokens_refresh_enqueue(*, tenant_ids: Iterable[UUID]) -> tuple[int, int]:
    """Queue a forced refresh for each active tenant holding a delegated token.

    Returns (queued, skipped); tenants in ``service_account`` mode hold no token of their own.
    """
    ids = list(tenant_ids)
    holders = list(
        TenantCredential.objects.filter(
            tenant_id__in=ids, tenant__state=Tenant.State.ACTIVE
        ).values_list("tenant_id", flat=True)
    )
    for tenant_id in holders:
        transaction.on_commit(
            partial(tenant_credential_refresh_task.delay, str(tenant_id), force=True)
        )
    return len(holders), len(ids) - len(holders)


def tenants_suspend(*, tenant_ids: Iterable[UUID]) -> int:
    """Suspend each active or pending tenant; returns how many changed."""
    changed = 0
    for tenant_id in tenant_ids:
        before = Tenant.objects.filter(tenant_id=tenant_id).values_list("state", flat=True).first()
        tenant = tenant_suspend(tenant_id=tenant_id)
        if tenant is not None and tenant.state != before:
            changed += 1
    return changed


def tenant_dead_webhooks_replay(*, tenant_ids: Iterable[UUID]) -> tuple[int, int]:
    """Replay every dead webhook event of the tenants; returns (replayed, refused)."""
    event_ids = WebhookEvent.objects.filter(
        event_tenant_id__in=list(tenant_ids), state="dead"
    ).values_list("event_id", flat=True)
    replayed = refused = 0
    for event_id in list(event_ids):
        try:
            webhook_event_replay(event_id=event_id)
        except ApplicationError as exc:  # replayed meanwhile, or no longer dead
            logger.info("webhook event %s not replayed: %s", event_id, exc)
            refused += 1
        else:
            replayed += 1
    return replayed, refused
