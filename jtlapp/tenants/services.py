"""Tenant lifecycle: every state change goes through here, idempotently.

States: pending -> active (setup done) -> suspended (the platform refuses our calls) ->
uninstalled (disconnect: tokens deleted at once) -> purged (data deleted after
``JTL_TENANT_PURGE_GRACE_DAYS``, see ``jtlapp.tenants.purge``). Setup reactivates a suspended
or uninstalled tenant with its data; nothing revives a purged one except a new setup, which
starts afresh. An operator may suspend; only a setup reactivates.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone

from jtlapp.auth.types import CallerClaims
from jtlapp.errors import ApplicationError
from jtlapp.tenants.models import Tenant, TenantCredential
from jtlapp.tenants.signals import tenant_setup_completed_send as setup_completed_send
from jtlapp.tenants.signals import tenant_signal_send, tenant_uninstalled
from jtlapp.tenants.tenant_redis import tenant_redis_state_delete

logger = logging.getLogger(__name__)

SUSPEND_AFTER_AUTH_FAILURES = 3
ERP_SUCCESS_RECORD_SECONDS = 60
"""``Tenant.last_erp_success_at`` is written at most once per this per tenant."""
_erp_success_noted: dict[UUID, float] = {}
"""Per process: when this process last tried to record a tenant's ERP success (monotonic)."""


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
    from jtlapp.outbound import OutboundError  # noqa: PLC0415 - keeps the import graph flat
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

    Called on every successful ERP call, so it writes at most once a minute per tenant: each
    process asks the database at most once a minute, and the conditional update writes only
    if the stored time is older than a minute (other processes may have written meanwhile).
    """
    now_mono = time.monotonic()
    last = _erp_success_noted.get(tenant_id)
    if last is not None and now_mono - last < ERP_SUCCESS_RECORD_SECONDS:
        return
    _erp_success_noted[tenant_id] = now_mono
    now = timezone.now()
    stale = Q(last_erp_success_at__isnull=True) | Q(
        last_erp_success_at__lt=now - timedelta(seconds=ERP_SUCCESS_RECORD_SECONDS)
    )
    try:
        Tenant.objects.filter(stale, tenant_id=tenant_id).update(last_erp_success_at=now)
    except DatabaseError:  # bookkeeping must never fail the ERP call that succeeded
        logger.warning("could not record the ERP success of tenant %s", tenant_id)


def tenant_upstream_auth_record(*, tenant_id: UUID, accepted: bool) -> None:
    """Track how JTL answered our calls for a tenant: repeated 401/403 suspends it.

    A tenant that uninstalled us without the disconnect call reaching us shows up exactly
    like this; a later successful setup reactivates it.
    """
    if accepted:
        Tenant.objects.filter(tenant_id=tenant_id, consecutive_auth_failures__gt=0).update(
            consecutive_auth_failures=0
        )
        return
    with transaction.atomic():
        tenant = Tenant.objects.select_for_update().filter(tenant_id=tenant_id).first()
        if tenant is None:
            return
        tenant.consecutive_auth_failures += 1
        fields = ["consecutive_auth_failures", "updated_at"]
        if (
            tenant.state == Tenant.State.ACTIVE
            and tenant.consecutive_auth_failures >= SUSPEND_AFTER_AUTH_FAILURES
        ):
            _transition(tenant, state=Tenant.State.SUSPENDED, at=timezone.now())
            fields += ["state", "state_changed_at"]
            logger.warning("tenant %s suspended after repeated 401/403 from JTL", tenant_id)
        tenant.save(update_fields=fields)
