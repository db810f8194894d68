"""Deleting a tenant's data after it uninstalled us (platform.md §3.2: "clean up tenant data").

Tokens go at the uninstall itself (``tenant_disconnect``); the rest stays for
``JTL_TENANT_PURGE_GRACE_DAYS`` so that a merchant who reinstalls soon finds the app as they
left it. After that, ``tenant_purge_due_task`` purges. What stays is an audit minimum: the
``Tenant`` row (id, state ``purged``, when it was created, set up, uninstalled and purged) and
each lifecycle call's kind, times and outcome, with its body cleared.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from jtlapp.errors import ApplicationError
from jtlapp.tenants.data_registry import tenant_data_purgers
from jtlapp.tenants.models import LifecycleCall, OnPremiseConnection, Tenant, TenantCredential
from jtlapp.tenants.signals import tenant_purged, tenant_signal_send
from jtlapp.tenants.tenant_redis import tenant_redis_state_delete

logger = logging.getLogger(__name__)

IN_USE_STATES = (Tenant.State.ACTIVE, Tenant.State.PENDING)
"""States an operator purges only with ``--force``: the merchant is using the app."""

PurgeOutcome = Literal["purged", "already_purged", "not_due", "unknown"]


class TenantPurgeRefusedError(ApplicationError):
    http_status = 409
    code = "tenant_purge_refused"


class TenantUnknownError(ApplicationError):
    http_status = 404
    code = "tenant_unknown"


@dataclass(frozen=True, kw_only=True)
class PurgeReport:
    tenant_id: UUID
    outcome: PurgeOutcome
    deleted: dict[str, int] = field(default_factory=dict)


def tenant_purge_grace() -> timedelta:
    return timedelta(days=settings.JTL_TENANT_PURGE_GRACE_DAYS)


def tenants_purge_due(*, now: datetime | None = None) -> QuerySet[Tenant]:
    """Uninstalled tenants whose grace period is over."""
    cutoff = (now or timezone.now()) - tenant_purge_grace()
    return Tenant.objects.filter(state=Tenant.State.UNINSTALLED, uninstalled_at__lte=cutoff)


def tenant_purge_if_due(*, tenant_id: UUID) -> PurgeReport:
    """Purge one tenant if it is still uninstalled and due (the beat path; idempotent).

    Re-checked with the row locked, so a reinstall that came after the task was queued wins.
    """
    with transaction.atomic():
        tenant = tenants_purge_due().select_for_update().filter(tenant_id=tenant_id).first()
        if tenant is None:
            return PurgeReport(tenant_id=tenant_id, outcome=_why_not_due(tenant_id))
        deleted = _purge_locked(tenant)
    logger.info("tenant %s purged after the grace period: %s", tenant_id, deleted)
    return PurgeReport(tenant_id=tenant_id, outcome="purged", deleted=deleted)


def _why_not_due(tenant_id: UUID) -> PurgeOutcome:
    state = Tenant.objects.filter(tenant_id=tenant_id).values_list("state", flat=True).first()
    if state is None:
        return "unknown"
    return "already_purged" if state == Tenant.State.PURGED else "not_due"


def tenant_purge_check(*, tenant_id: UUID, force: bool) -> Tenant:
    """The tenant an operator may purge now; refuses one in use unless ``force``."""
    tenant = Tenant.objects.filter(tenant_id=tenant_id).first()
    if tenant is None:
        raise TenantUnknownError(f"No tenant {tenant_id} is stored.")
    if tenant.state in IN_USE_STATES and not force:
        raise TenantPurgeRefusedError(
            f"Tenant {tenant_id} is {tenant.state}: the merchant is using the app. "
            "Purge it only with --force."
        )
    return tenant


def tenant_purge_now(*, tenant_id: UUID, force: bool = False) -> PurgeReport:
    """Purge at once, grace period or not (an operator's data request); idempotent."""
    with transaction.atomic():
        tenant_purge_check(tenant_id=tenant_id, force=force)
        tenant = Tenant.objects.select_for_update().get(tenant_id=tenant_id)
        if tenant.state == Tenant.State.PURGED:
            return PurgeReport(tenant_id=tenant_id, outcome="already_purged")
        if tenant.state in IN_USE_STATES and not force:  # changed since the check
            raise TenantPurgeRefusedError(f"Tenant {tenant_id} became {tenant.state}.")
        deleted = _purge_locked(tenant)
    logger.warning("tenant %s purged by an operator: %s", tenant_id, deleted)
    return PurgeReport(tenant_id=tenant_id, outcome="purged", deleted=deleted)


def _purge_locked(tenant: Tenant) -> dict[str, int]:
    """Delete what we store, then every registered app's data; the caller holds the row lock."""
    tenant_id = tenant.tenant_id
    deleted = {
        "credentials": TenantCredential.objects.filter(tenant_id=tenant_id).delete()[0],
        "onpremise_connections": OnPremiseConnection.objects.filter(tenant_id=tenant_id).delete()[
            0
        ],
        "lifecycle_call_bodies": LifecycleCall.objects.filter(tenant_id=tenant_id).update(body={}),
    }
    for name, purger in tenant_data_purgers.items():
        deleted[name] = purger(tenant_id=tenant_id)
    now = timezone.now()
    tenant.state = Tenant.State.PURGED
    tenant.state_changed_at = max(now, tenant.state_changed_at)
    tenant.purged_at = now
    tenant.set_up_by = ""
    tenant.granted_scopes = []
    tenant.consecutive_auth_failures = 0
    tenant.last_erp_success_at = None
    tenant.save()
    transaction.on_commit(lambda: tenant_redis_state_delete(tenant_id=tenant_id))
    tenant_signal_send(tenant_purged, tenant_id=tenant_id)  # issue 15: tenant_signals
    return deleted
