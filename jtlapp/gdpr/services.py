"""GDPR requests: a data request returns the tenant export, a delete request purges the tenant.

JTL documents neither who calls these URLs nor their payload (platform.md §11), so they are
verified as the lifecycle URLs are: an app token (``Authorization: Bearer`` or a ``token``
body field) names the tenant, and only that tenant. Every request is recorded, refused ones
too, with the tenant and user of the token and the outcome; the export itself is not stored.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any
from uuid import UUID

from jtlapp.auth.types import CallerClaims
from jtlapp.gdpr.models import GdprRequest
from jtlapp.observability.metrics import gdpr_request_count
from jtlapp.tenants.export import tenant_export
from jtlapp.tenants.models import Tenant
from jtlapp.tenants.purge import tenant_purge_now

logger = logging.getLogger(__name__)


def _record(
    *, kind: str, claims: CallerClaims | None, outcome: str, detail: dict[str, Any]
) -> GdprRequest:
    request = GdprRequest.objects.create(
        kind=kind,
        tenant_id=UUID(claims.tenant_id) if claims else None,
        user_id=claims.user_id if claims else "",
        outcome=outcome,
        detail=detail,
    )
    gdpr_request_count(kind="data" if kind == GdprRequest.Kind.DATA else "delete", outcome=outcome)
    return request


def gdpr_unverified_record(*, kind: str, reason: str) -> GdprRequest:
    return _record(
        kind=kind, claims=None, outcome=GdprRequest.Outcome.UNVERIFIED, detail={"reason": reason}
    )


def gdpr_data_request(*, claims: CallerClaims) -> tuple[GdprRequest, dict[str, Any] | None]:
    """The caller's tenant export, or None when we hold nothing about it; recorded."""
    tenant_id = UUID(claims.tenant_id)
    if not Tenant.objects.filter(tenant_id=tenant_id).exists():
        kind, outcome = GdprRequest.Kind.DATA, GdprRequest.Outcome.UNKNOWN_TENANT
        return _record(kind=kind, claims=claims, outcome=outcome, detail={}), None
    export = tenant_export(tenant_id=tenant_id)
    raw = json.dumps(export, sort_keys=True).encode()
    detail = {"bytes": len(raw), "sha256": hashlib.sha256(raw).hexdigest()}
    request = _record(
        kind=GdprRequest.Kind.DATA,
        claims=claims,
        outcome=GdprRequest.Outcome.EXPORTED,
        detail=detail,
    )
    logger.info("GDPR data request %s: tenant %s exported", request.pk, tenant_id)
    return request, export


def gdpr_delete_request(*, claims: CallerClaims) -> GdprRequest:
    """Purge the caller's tenant now, installed or not (``--force`` semantics); recorded.

    A merchant who asks for erasure while the app is installed loses the app's data and its
    tokens at once; a later setup starts afresh.
    """
    tenant_id = UUID(claims.tenant_id)
    if not Tenant.objects.filter(tenant_id=tenant_id).exists():
        outcome = GdprRequest.Outcome.UNKNOWN_TENANT
        return _record(kind=GdprRequest.Kind.DELETE, claims=claims, outcome=outcome, detail={})
    report = tenant_purge_now(tenant_id=tenant_id, force=True)
    outcome = (
        GdprRequest.Outcome.PURGED
        if report.outcome == "purged"
        else GdprRequest.Outcome.ALREADY_PURGED
    )
    request = _record(
        kind=GdprRequest.Kind.DELETE,
        claims=claims,
        outcome=outcome,
        detail={"deleted": report.deleted},
    )
    logger.warning("GDPR delete request %s: tenant %s %s", request.pk, tenant_id, outcome)
    return request
