"""Asking the account service which tenants have our app installed (``GET /account/tenants``).

A lifecycle call proves nothing by itself (JTL documents neither payload nor signature, and any
user's page token could be posted), so a disconnect is acted on only when this list, fetched
with our own service-account token, no longer names the tenant. For the lead: this is an
outbound call to JTL and belongs in the gateway package.
"""

from __future__ import annotations

from uuid import UUID

from django.conf import settings

from jtlapp.auth.access_token import service_token_get
from jtlapp.outbound import OutboundError, outbound_request


def account_installed_tenant_ids() -> set[UUID]:
    """Tenants the platform lists for our app now; ``OutboundError`` when it cannot tell."""
    response = outbound_request(
        method="GET",
        url=f"{settings.JTL_API_BASE_URL}/account/tenants",
        headers={"Authorization": f"Bearer {service_token_get().value}"},
        timeout=settings.JTL_OUTBOUND_TIMEOUT_SECONDS,
    )
    if not response.ok:
        raise OutboundError(f"account service answered HTTP {response.status}")
    listed = response.json()
    if not isinstance(listed, list):
        raise OutboundError("account service: tenant list is not a list")
    tenant_ids: set[UUID] = set()
    for entry in listed:
        try:
            tenant_ids.add(UUID(str(entry["id"])))
        except (TypeError, KeyError, ValueError):
            continue
    return tenant_ids
