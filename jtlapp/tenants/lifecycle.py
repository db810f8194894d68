"""JTL's ``connectUrl``/``disconnectUrl`` calls, accepted defensively.

JTL documents neither the payload nor a signature of these calls (shared/jtl/platform.md
§3.2), so: every call is recorded once (deduplicated by its token or body digest); a call
that carries a verifiable app token changes state for the token's tenant only; a call
without one is recorded and the platform is asked (``lifecycle_call_reconcile``); a call
older than the tenant's last state change is stale and changes nothing, so a replayed
connect never revives a tenant that disconnected after it.

A disconnect is never acted on because of what the call carries: any user's page token is a
valid app token for the whole tenant. Every disconnect, token or not, is recorded and
confirmed with the account service (``jtlapp.gateway.account``) in the background; the tenant is
uninstalled only if the platform no longer lists it. A token only names the tenant.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone

from jtlapp.auth.types import CallerClaims
from jtlapp.errors import ApplicationError
from jtlapp.gateway.account import account_installed_tenant_ids
from jtlapp.tenants.models import LifecycleCall, Tenant
from jtlapp.tenants.services import tenant_connect, tenant_disconnect

logger = logging.getLogger(__name__)

TOKEN_BODY_FIELDS = ("appToken", "accessToken", "sessionToken", "token")
TENANT_BODY_FIELDS = ("tenantId", "tenant_id", "TenantId")


class LifecycleTenantMismatchError(ApplicationError):
    http_status = 400
    code = "tenant_mismatch"


def lifecycle_body_token(*, body: dict[str, Any]) -> str | None:
    """A token JTL might put in the body, since the header is not documented either."""
    for name in TOKEN_BODY_FIELDS:
        value = body.get(name)
        if isinstance(value, str) and value:
            return value
    return None


def _claimed_tenant(body: dict[str, Any]) -> UUID | None:
    for name in TENANT_BODY_FIELDS:
        value = body.get(name)
        if isinstance(value, str):
            try:
                return UUID(value)
            except ValueError:
                return None
    return None


def _event_key(*, kind: str, token: str | None, body: dict[str, Any]) -> str:
    material = token if token is not None else json.dumps(body, sort_keys=True)
    return hashlib.sha256(f"{kind}\0{material}".encode()).hexdigest()


def _redacted(body: dict[str, Any]) -> dict[str, Any]:
    return {k: ("[redacted]" if k in TOKEN_BODY_FIELDS else v) for k, v in body.items()}


def lifecycle_call_receive(
    *, kind: str, body: dict[str, Any], token: str | None, claims: CallerClaims | None
) -> LifecycleCall:
    """Record the call once and apply it if it is verified and not stale."""
    claimed = _claimed_tenant(body)
    if claims is not None and claimed is not None and claimed != UUID(claims.tenant_id):
        raise LifecycleTenantMismatchError("The body names another tenant than the token.")
    event_time = (claims.issued_at if claims else None) or timezone.now()
    try:
        with transaction.atomic():
            call = LifecycleCall.objects.create(
                kind=kind,
                tenant_id=UUID(claims.tenant_id) if claims else claimed,
                event_key=_event_key(kind=kind, token=token, body=body),
                event_time=event_time,
                outcome=LifecycleCall.Outcome.UNVERIFIED,
                body=_redacted(body),
            )
    except IntegrityError:
        return LifecycleCall.objects.get(event_key=_event_key(kind=kind, token=token, body=body))
    if claims is None or kind == LifecycleCall.Kind.DISCONNECT:
        _reconcile_later(call)
        return call
    call.outcome = _apply(kind=kind, claims=claims, event_time=event_time)
    call.save(update_fields=["outcome"])
    return call


def _apply(*, kind: str, claims: CallerClaims, event_time: datetime) -> str:
    tenant = Tenant.objects.filter(tenant_id=UUID(claims.tenant_id)).first()
    if tenant is not None and event_time < tenant.state_changed_at:
        return LifecycleCall.Outcome.STALE
    if kind == LifecycleCall.Kind.CONNECT:
        tenant_connect(claims=claims)
    else:
        tenant_disconnect(tenant_id=UUID(claims.tenant_id), at=event_time)
    return LifecycleCall.Outcome.APPLIED


def _reconcile_later(call: LifecycleCall) -> None:
    from jtlapp.tenants.lifecycle_tasks import (  # noqa: PLC0415 - tasks import this module
        lifecycle_call_reconcile_task,
    )

    logger.info("unverified %s call recorded (id %s); reconciling", call.kind, call.pk)
    transaction.on_commit(lambda: lifecycle_call_reconcile_task.delay(call.pk))


def lifecycle_call_reconcile(*, call_id: int) -> str:
    """Settle an unverified call by what the platform says now; idempotent."""
    call = LifecycleCall.objects.get(pk=call_id)
    if call.outcome != LifecycleCall.Outcome.UNVERIFIED or call.tenant_id is None:
        return call.outcome
    installed = call.tenant_id in account_installed_tenant_ids()
    if call.kind == LifecycleCall.Kind.DISCONNECT and not installed:
        tenant_disconnect(tenant_id=call.tenant_id, at=call.event_time)
    elif call.kind == LifecycleCall.Kind.DISCONNECT:
        logger.warning("disconnect of tenant %s not confirmed: still installed", call.tenant_id)
    elif call.kind == LifecycleCall.Kind.CONNECT and installed:
        Tenant.objects.get_or_create(
            tenant_id=call.tenant_id, defaults={"state_changed_at": call.event_time}
        )
    call.outcome = LifecycleCall.Outcome.RECONCILED
    call.save(update_fields=["outcome"])
    return call.outcome
