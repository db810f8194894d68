"""Reads about tenants."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.utils import timezone

from jtlapp.tenants.models import Tenant
from jtlapp.tenants.services import TenantNotActiveError


def tenant_get_active(*, tenant_id: str) -> Tenant:
    """The caller's tenant, if it completed setup and is still installed."""
    tenant = Tenant.objects.filter(tenant_id=UUID(tenant_id)).first()
    if tenant is None or not tenant.is_active:
        raise TenantNotActiveError(
            "This app is not set up for your JTL tenant; open the app's setup page in JTL."
        )
    return tenant


@dataclass(frozen=True, kw_only=True)
class TenantHealth:
    tenant_id: str
    state: str
    connection: str
    set_up_by: str
    set_up_at: datetime | None
    token_expires_at: datetime | None
    token_expires_in_seconds: int | None
    last_refresh_error: str
    consecutive_auth_failures: int


def tenant_health_list() -> list[TenantHealth]:
    """Every tenant with the state of the token we hold for it, for operators."""
    now = timezone.now()
    rows = []
    for tenant in Tenant.objects.select_related("credential").order_by("created_at"):
        credential = getattr(tenant, "credential", None)
        expires = credential.expires_at if credential else None
        rows.append(
            TenantHealth(
                tenant_id=str(tenant.tenant_id),
                state=tenant.state,
                connection=tenant.connection,
                set_up_by=tenant.set_up_by,
                set_up_at=tenant.set_up_at,
                token_expires_at=expires,
                token_expires_in_seconds=int((expires - now).total_seconds()) if expires else None,
                last_refresh_error=credential.last_refresh_error if credential else "",
                consecutive_auth_failures=tenant.consecutive_auth_failures,
            )
        )
    return rows
