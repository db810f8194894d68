"""All tenants' ERP data for one sandbox process."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date

from jtlapp.sandbox.config import DEMO_TENANTS
from jtlapp.sandbox.erp.seed import erp_tenant_seed
from jtlapp.sandbox.erp.tenant import TenantData


class ErpUnknownTenantError(LookupError):
    """The tenant id has no ERP data here (the lead maps this to 401/403/404 as JTL would)."""

    def __init__(self, tenant_id: str) -> None:
        super().__init__(f"unknown tenant: {tenant_id}")
        self.tenant_id = tenant_id


class ErpStore:
    """Per-tenant data; record writes lock ``TenantData.lock``, tenant changes lock the store."""

    def __init__(self, *, tenants: dict[str, TenantData]) -> None:
        self._tenants = dict(tenants)
        self._lock = threading.Lock()

    def tenant(self, tenant_id: str) -> TenantData:
        with self._lock:
            data = self._tenants.get(tenant_id)
        if data is None:
            raise ErpUnknownTenantError(tenant_id)
        return data

    def tenant_ids(self) -> tuple[str, ...]:
        with self._lock:
            return tuple(self._tenants)

    def tenant_replace(self, data: TenantData) -> None:
        """Swap in fresh data for one tenant (e.g. a sandbox reset endpoint)."""
        with self._lock:
            self._tenants[data.tenant_id] = data


def erp_store_seed(*, seed: int, today: date, tenant_ids: Sequence[str]) -> ErpStore:
    """Seed every tenant; names come from ``DEMO_TENANTS`` (unknown ids get a generic name)."""
    tenants = {
        tenant_id: erp_tenant_seed(
            seed=seed,
            today=today,
            tenant_id=tenant_id,
            company_name=DEMO_TENANTS.get(tenant_id, f"Demo-Händler {tenant_id[:8]}"),
        )
        for tenant_id in tenant_ids
    }
    return ErpStore(tenants=tenants)
