"""Which credentials a tenant's ERP call carries, and how each renews after a 401.

- Cloud, ``service_account`` mode: the app's service token plus ``X-Tenant-ID`` (JTL's
  documented default); a 401 drops the token if it is still the stored one.
- Cloud, ``delegated`` mode: the tenant's own token from the account service; a 401 means the
  platform no longer honours it (it may have forgotten it), so it is refreshed or re-minted.
- OnPremise JTL-Wawi: ``Authorization: Wawi <key>`` with the registration's headers; a key
  cannot be renewed from here (the merchant registers again).
The tenant always comes from our ``Tenant`` row (``TenantRef``), never from a request.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from uuid import UUID

from django.conf import settings
from django.views.decorators.debug import sensitive_variables

from jtlapp.crypto import secret_decrypt
from jtlapp.gateway.authorized import Credentials, ServiceCredentials
from jtlapp.gateway.erp.tenant_ref import OnPremiseRef, TenantRef
from jtlapp.gateway.sync import gateway_thread
from jtlapp.tenants.credentials import tenant_access_token_get, tenant_credential_refresh


class DelegatedCredentials:
    def __init__(self, *, tenant_id: UUID) -> None:
        self.tenant_id = tenant_id

    @sensitive_variables("token")
    def headers(self) -> dict[str, str]:
        token = tenant_access_token_get(tenant_id=self.tenant_id)
        return {"Authorization": f"Bearer {token}"}

    async def headers_async(self) -> dict[str, str]:
        return await gateway_thread(self.headers)

    def invalidate(self, *, sent: Mapping[str, str]) -> bool:
        """Refresh (or re-mint) now; a token JTL forgot must not suspend the tenant."""
        outcome = tenant_credential_refresh(tenant_id=self.tenant_id, force=True)
        return outcome in ("refreshed", "busy")

    async def invalidate_async(self, *, sent: Mapping[str, str]) -> bool:
        return await gateway_thread(self.invalidate, sent=sent)


class OnPremiseCredentials:
    def __init__(self, *, onpremise: OnPremiseRef) -> None:
        self.onpremise = onpremise

    @sensitive_variables("api_key")
    def headers(self) -> dict[str, str]:
        api_key = _wawi_key(self.onpremise.api_key_encrypted)
        return {
            "Authorization": f"Wawi {api_key}",
            "api-version": self.onpremise.api_version,
            "x-appid": self.onpremise.app_id,
            "x-appversion": self.onpremise.app_version,
        }

    async def headers_async(self) -> dict[str, str]:
        return self.headers()

    def invalidate(self, *, sent: Mapping[str, str]) -> bool:
        return False

    async def invalidate_async(self, *, sent: Mapping[str, str]) -> bool:
        return False


@lru_cache(maxsize=4096)
def _wawi_key(ciphertext: str) -> str:
    """Decrypted once per process and key: Fernet costs more than the rest of the headers.

    A rotated or re-registered key is a new ciphertext, so it is never served stale.
    """
    return secret_decrypt(ciphertext=ciphertext)


def erp_credentials(*, tenant: TenantRef) -> Credentials:
    if tenant.onpremise is not None:
        return OnPremiseCredentials(onpremise=tenant.onpremise)
    if settings.JTL_TENANT_TOKEN_MODE == "delegated":  # noqa: S105 - a mode, not a secret
        return DelegatedCredentials(tenant_id=tenant.tenant_id)
    return ServiceCredentials(tenant_id=str(tenant.tenant_id))


def erp_base_url(*, tenant: TenantRef) -> str:
    if tenant.onpremise is not None:
        return tenant.onpremise.base_url.rstrip("/")
    return f"{settings.JTL_API_BASE_URL.rstrip('/')}/erp"
