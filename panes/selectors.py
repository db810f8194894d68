"""Reads for the pages that come from our own database, not from the ERP."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.conf import settings

from jtlapp.tenants.models import Tenant

NOT_SET_UP = "not_set_up"


@dataclass(frozen=True, kw_only=True)
class HubTenantRow:
    tenant_id: str
    name: str
    state: str
    """A ``Tenant.State`` value, or ``not_set_up`` when the app was never set up there."""


def hub_tenant_rows(*, tenants: tuple[tuple[str, str], ...]) -> list[HubTenantRow]:
    """The signed-in user's tenants (id, name) with our connection state for each."""
    ids = []
    for tenant_id, _ in tenants:
        try:
            ids.append(UUID(tenant_id))
        except ValueError:
            continue
    states = {
        str(tenant_id): state
        for tenant_id, state in Tenant.objects.filter(tenant_id__in=ids).values_list(
            "tenant_id", "state"
        )
    }
    return [
        HubTenantRow(tenant_id=tenant_id, name=name, state=states.get(tenant_id, NOT_SET_UP))
        for tenant_id, name in tenants
    ]


def erp_url() -> str | None:
    """Where the Hub page sends merchants into their ERP: JTL's ERP origin of this profile."""
    origins = list(settings.JTL_FRAME_ANCESTORS)
    erp = [origin for origin in origins if "://erp." in origin]
    candidates = erp or origins
    chosen = candidates[0] if candidates else ""
    return f"{chosen}/" if chosen and "*" not in chosen else None
