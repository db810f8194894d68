"""Tenant lifecycle: every state change goes through here, idempotently.

States: pending -> active (setup done) -> suspended (the platform refuses our calls) ->
uninstalled (disconnect: tokens deleted at once) -> purged (data deleted after
``JTL_TENANT_PURGE_GRACE_DAYS``, see ``jtlapp.tenants.purge``). Setup reactivates a suspended
or uninstalled tenant with its data; nothing revives a purged one except a new setup, which
starts afresh. An operator may suspend; only a setup reactivates.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from uuid import UUID

import redis
from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F, Q
from django.utils import timezone

from jtlapp.auth.types import CallerClaims
from jtlapp.core.redis import redis_client
from jtlapp.errors import ApplicationError
from jtlapp.tenants.models import Tenant, TenantCredential
from jtlapp.tenants.signals import tenant_setup_completed_send as setup_completed_send
from jtlapp.tenants.signals import tenant_signal_send, tenant_uninstalled
from jtlapp.tenants.tenant_redis import tenant_redis_state_delete

logger = logging.getLogger(__name__)

ERP_SUCCESS_RECORD_SECONDS = 60
"""``Tenant.last_erp_success_at`` is written at most once per this per tenant."""


class TenantNotActiveError(ApplicationError):
    http_status = 403
    code = "tenant_not_active"


class TenantTokenUnavailableError(ApplicationError):
    http_status = 502
    code = "tenant_token_unavailable"


def _transition(tenant: Tenant, *, state: str, at: datetime) -> None:
    tenant.state = state
    tenant.state_changed_at = at


def tenant_connect(*, claims: CallerClaims) -> Tenant:
    """Create or reactivate the caller's tenant from a verified token (the setup page).

    The change is dated by the token's issue time, the same clock that dates lifecycle
    calls, so their order is decided consistently. In delegated mode the tenant's own token
    is minted first: a setup that reports success has everything the app needs, and a
    failure there leaves the tenant pending.
    """
    at = claims.issued_at or timezone.now()
    with transaction.atomic():
        tenant, _ = Tenant.objects.select_for_update().get_or_create(
            tenant_id=UUID(claims.tenant_id), defaults={"state_changed_at": at}
        )
        previous_state = tenant.state  # issue 15: tenant_signals
        tenant.set_up_by = claims.user_id
        tenant.set_up_at = timezone.now()
        tenant.granted_scopes = sorted(claims.scopes)
        tenant.consecutive_auth_failures = 0
        if tenant.state != Tenant.State.ACTIVE:
            _transition(tenant, state=Tenant.State.PENDING, at=max(at, tenant.state_changed_at))
        tenant.save()
    if settings.JTL_TENANT_TOKEN_MODE == "delegated":  # noqa: S105 - a mode, not a secret
        _tenant_credential_mint(tenant)
    with transaction.atomic():
        tenant = Tenant.objects.select_for_update().get(pk=tenant.pk)
        if tenant.state == Tenant.State.PENDING:
            _transition(tenant, state=Tenant.State.ACTIVE, at=tenant.state_changed_at)
            tenant.uninstalled_at = tenant.purged_at = None  # a reinstall keeps the data
            tenant.save()
            setup_completed_send(tenant_id=tenant.tenant_id, previous_state=previous_state)  # i15
    logger.info("tenant %s connected by user %s", tenant.tenant_id, claims.user_id)
    return tenant


def _tenant_credential_mint(tenant: Tenant) -> None:
    from jtlapp.gateway.http import OutboundError  # noqa: PLC0415 - keeps the import graph flat
    from jtlapp.tenants.credentials import tenant_credential_mint  # noqa: PLC0415

    try:
        tenant_credential_mint(tenant=tenant)
    except (OutboundError, ApplicationError) as exc:
        logger.warning("tenant %s: minting its token failed: %s", tenant.tenant_id, exc)
        raise TenantTokenUnavailableError(
            "JTL did not issue a token for this tenant; please try the setup again."
        ) from exc


def tenant_disconnect(*, tenant_id: UUID, at: datetime) -> Tenant | None:
    """Mark the tenant uninstalled and delete its tokens; a no-op for stale or unknown calls.

    ``at`` is when the platform decided (the token's issue time); an event older than the
    tenant's last state change is stale and ignored. Periodic work stops at once: beat fans
    out only for active tenants, and a task already queued re-reads the state and skips.
    The purge grace period starts now, on our clock.
    """
    with transaction.atomic():
        tenant = Tenant.objects.select_for_update().filter(tenant_id=tenant_id).first()
        if tenant is None or tenant.state in (Tenant.State.UNINSTALLED, Tenant.State.PURGED):
            return tenant
        if at < tenant.state_changed_at:
            return tenant
        _transition(tenant, state=Tenant.State.UNINSTALLED, at=at)
        tenant.uninstalled_at = timezone.now()
        tenant.save(update_fields=["state", "state_changed_at", "uninstalled_at", "updated_at"])
        TenantCredential.objects.filter(tenant=tenant).delete()
        transaction.on_commit(lambda: tenant_redis_state_delete(tenant_id=tenant_id))
        tenant_signal_send(tenant_uninstalled, tenant_id=tenant_id)  # issue 15: tenant_signals
    logger.info("tenant %s disconnected; tokens deleted", tenant_id)
    return tenant


def tenant_suspend(*, tenant_id: UUID) -> Tenant | None:
    """Stop serving an active or pending tenant (an operator's decision); data and tokens stay.

    There is deliberately no "reactivate": only the merchant's setup makes a tenant active
    again, so a suspension cannot be undone without the merchant being there.
    """
    with transaction.atomic():
        tenant = Tenant.objects.select_for_update().filter(tenant_id=tenant_id).first()
        if tenant is None or tenant.state not in (Tenant.State.ACTIVE, Tenant.State.PENDING):
            return tenant
        _transition(tenant, state=Tenant.State.SUSPENDED, at=timezone.now())
        tenant.save(update_fields=["state", "state_changed_at", "updated_at"])
    logger.warning("tenant %s suspended by an operator", tenant_id)
    return tenant


def tenant_erp_success_record(*, tenant_id: UUID) -> None:
    """Note a 2xx from the tenant's ERP for the operator console, cheaply.

    The ERP client calls it at most once a minute per tenant and process
    (``gateway.erp.outcome``); the conditional update writes only if the stored time is older
    than a minute (other processes may have written meanwhile). A success also clears the
    count of rejected calls.
    """
    now = timezone.now()
    stale = Q(last_erp_success_at__isnull=True) | Q(
        last_erp_success_at__lt=now - timedelta(seconds=ERP_SUCCESS_RECORD_SECONDS)
    )
    try:
        Tenant.objects.filter(stale, tenant_id=tenant_id).update(
            last_erp_success_at=now, consecutive_auth_failures=0
        )
    except DatabaseError:  # bookkeeping must never fail the ERP call that succeeded
        logger.warning("could not record the ERP success of tenant %s", tenant_id)


PRESENCE_CONFIRM_SPACING_SECONDS = 60
"""At most one "is this tenant still installed?" question per tenant and minute."""


def tenant_upstream_rejected_record(*, tenant_id: UUID) -> None:
    """A 401 survived the credential's renewal: count it and ask the platform about the tenant.

    Never suspends by itself: a platform that forgot our tokens, or a wrong secret of ours,
    looks exactly like this, and a merchant must not lose the app over either. Only the
    account service saying "not installed" suspends (``tenant_presence_confirm``).
    """
    from jtlapp.tenants.tasks import tenant_presence_confirm_task  # noqa: PLC0415 - tasks import us

    Tenant.objects.filter(tenant_id=tenant_id).update(
        consecutive_auth_failures=F("consecutive_auth_failures") + 1
    )
    try:
        first = redis_client().set(
            f"jtlapp:tenant:presence-confirm:{tenant_id}",
            "1",
            nx=True,
            ex=PRESENCE_CONFIRM_SPACING_SECONDS,
        )
    except redis.RedisError:
        first = True
    if first:
        tenant_presence_confirm_task.delay(str(tenant_id))


def tenant_presence_confirm(*, tenant_id: UUID) -> str:
    """Suspend an active tenant only if the account service no longer lists it as installed.

    Returns "installed", "suspended" or "skipped" (not active). An unreachable account service
    raises ``OutboundError`` so the task retries; nothing changes meanwhile.
    """
    from jtlapp.gateway.account import account_installed_tenant_ids  # noqa: PLC0415

    tenant = Tenant.objects.filter(tenant_id=tenant_id).first()
    if tenant is None or tenant.state != Tenant.State.ACTIVE:
        return "skipped"
    if tenant_id in account_installed_tenant_ids():
        logger.warning(
            "tenant %s: JTL refused our credentials but lists the app as installed; not suspended",
            tenant_id,
        )
        return "installed"
    with transaction.atomic():
        tenant = Tenant.objects.select_for_update().get(tenant_id=tenant_id)
        if tenant.state != Tenant.State.ACTIVE:
            return "skipped"
        _transition(tenant, state=Tenant.State.SUSPENDED, at=timezone.now())
        tenant.save(update_fields=["state", "state_changed_at", "updated_at"])
    logger.warning("tenant %s suspended: JTL no longer lists the app as installed", tenant_id)
    return "suspended"
