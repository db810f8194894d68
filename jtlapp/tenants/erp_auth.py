"""Which credentials a call to a tenant's ERP carries (``JTL_TENANT_TOKEN_MODE``).

``service_account``: the app-wide service token plus ``X-Tenant-ID`` (JTL's documented
default). ``delegated``: the tenant's own token from the account service, which is bound to
the tenant and needs no header. The tenant always comes from our ``Tenant`` row, never from
a request.
"""

from __future__ import annotations

from django.conf import settings
from django.views.decorators.debug import sensitive_variables

from jtlapp.auth.access_token import service_token_get
from jtlapp.tenants.credentials import tenant_access_token_get
from jtlapp.tenants.models import Tenant


@sensitive_variables("token")
def tenant_erp_auth_headers(*, tenant: Tenant) -> dict[str, str]:
    if settings.JTL_TENANT_TOKEN_MODE == "delegated":  # noqa: S105 - a mode, not a secret
        token = tenant_access_token_get(tenant=tenant)
        return {"Authorization": f"Bearer {token}"}
    token = service_token_get().value
    return {"Authorization": f"Bearer {token}", "X-Tenant-ID": str(tenant.tenant_id)}
