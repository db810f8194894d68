"""What an ERP answer means for the tenant, recorded by the client after the call.

Outside the transport and outside any caller's transaction: the work runs in a thread of its
own with its own database connection, so a webhook handler whose transaction rolls back cannot
undo it. Cheap on the hot path: a success writes at most once a minute per tenant and process;
nothing else is written for a 2xx.

The suspension rule (README, "Suspension"): a 401 that survived the credential's renewal is
counted and makes the platform confirm whether the tenant still has the app installed
(``tenant_presence_confirm_task``); only JTL's "not installed" suspends. A 403 is about a scope
and never suspends.
"""

from __future__ import annotations

import time
from uuid import UUID

from jtlapp.gateway.erp.tenant_ref import TenantRef
from jtlapp.gateway.sync import gateway_thread
from jtlapp.tenants.services import (
    ERP_SUCCESS_RECORD_SECONDS,
    tenant_erp_success_record,
    tenant_upstream_rejected_record,
)

_success_noted: dict[UUID, float] = {}


async def erp_outcome_record(*, tenant: TenantRef, status: int | None) -> None:
    if status is None:
        return
    if 200 <= status < 300:
        now = time.monotonic()
        last = _success_noted.get(tenant.tenant_id)
        if last is not None and now - last < ERP_SUCCESS_RECORD_SECONDS:
            return
        _success_noted[tenant.tenant_id] = now
        await gateway_thread(tenant_erp_success_record, tenant_id=tenant.tenant_id)
    elif status == 401:
        await gateway_thread(tenant_upstream_rejected_record, tenant_id=tenant.tenant_id)
