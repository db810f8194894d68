"""Registering the app with a merchant's own JTL-Wawi (OnPremise), as erp-api.md §8 describes.

The wire calls are the gateway's (``jtlapp.gateway.wawi_registration``); this module decides.

The Wawi accepts a registration only while the merchant has Admin > App-Registrierung open;
the merchant then approves or rejects it in Wawi, and the API key is handed out exactly
once, on the first poll after approval. It is stored encrypted before anything else happens.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from jtlapp.crypto import secret_encrypt
from jtlapp.errors import ApplicationError
from jtlapp.gateway.wawi_registration import (
    REGISTRATION_PATHS,
    STATUS_REJECTED,
    WawiRegistrationCallError,
    WawiRegistrationTarget,
    wawi_registration_poll,
    wawi_registration_start,
)
from jtlapp.tenants.models import OnPremiseConnection, Tenant

API_VERSIONS = tuple(REGISTRATION_PATHS)
REFUSALS = {
    402: "The Wawi has no REST API licence (HTTP 402).",
    403: "The Wawi is not waiting for a registration: open Admin > App-Registrierung in "
    "JTL-Wawi and start the registration there, then run this command again.",
    409: "An app with this AppId is already registered in this Wawi: remove it in "
    "Admin > App-Registrierung first, or register under another AppId.",
    410: "This registration was already answered and its key handed out once; start a new one.",
}


class OnPremiseRegistrationError(ApplicationError):
    code = "onpremise_registration_failed"


@dataclass(frozen=True, kw_only=True)
class WawiApp:
    """What the merchant sees in Wawi's registration dialog."""

    app_id: str
    display_name: str
    description: str
    version: str
    provider_name: str
    provider_website: str
    mandatory_scopes: tuple[str, ...]
    optional_scopes: tuple[str, ...] = ()
    app_icon: str = ""

    def body(self) -> dict[str, Any]:
        return {
            "AppId": self.app_id,
            "DisplayName": self.display_name,
            "Description": self.description,
            "Version": self.version,
            "ProviderName": self.provider_name,
            "ProviderWebsite": self.provider_website,
            "MandatoryApiScopes": list(self.mandatory_scopes),
            "OptionalApiScopes": list(self.optional_scopes),
            "AppIcon": self.app_icon,
        }


def _refusal(exc: WawiRegistrationCallError) -> OnPremiseRegistrationError:
    message = REFUSALS.get(exc.status or 0, str(exc))
    return OnPremiseRegistrationError(message)


@sensitive_variables("api_key")
def onpremise_connection_store(
    *,
    tenant_id: UUID,
    target: WawiRegistrationTarget,
    api_key: str,
    granted_scopes: tuple[str, ...],
) -> Tenant:
    """Store the key (encrypted) and activate the tenant: the Wawi hands the key out once."""
    now = timezone.now()
    with transaction.atomic():
        tenant, _ = Tenant.objects.get_or_create(
            tenant_id=tenant_id, defaults={"state_changed_at": now}
        )
        tenant.connection = Tenant.Connection.ONPREMISE
        tenant.state = Tenant.State.ACTIVE
        tenant.state_changed_at = now
        tenant.set_up_at = now
        tenant.granted_scopes = sorted(granted_scopes)
        tenant.save()
        OnPremiseConnection.objects.update_or_create(
            tenant=tenant,
            defaults={
                "base_url": target.base_url.rstrip("/"),
                "app_id": target.app_id,
                "app_version": target.app_version,
                "api_version": target.api_version,
                "api_key_encrypted": secret_encrypt(plaintext=api_key),
                "granted_scopes": sorted(granted_scopes),
                "registered_at": now,
            },
        )
    return tenant


def onpremise_register(
    *,
    base_url: str,
    challenge_code: str,
    tenant_id: UUID,
    app: WawiApp,
    api_version: str = "1.0",
    poll_seconds: float = 5.0,
    timeout_seconds: float = 600.0,
    on_progress: Callable[[str], None] = lambda _message: None,
) -> Tenant:
    """Register, wait for the merchant's decision, store the key; raise with a clear reason.

    A key is stored the moment an answer carries one, whatever status that answer names: the
    Wawi shows it once, and a key we did not keep is a registration the merchant must redo.
    """
    if not 0 < len(challenge_code) <= 30:
        raise OnPremiseRegistrationError("The challenge code must have 1 to 30 characters.")
    if api_version not in API_VERSIONS:
        raise OnPremiseRegistrationError(f"api-version must be one of {', '.join(API_VERSIONS)}.")
    target = WawiRegistrationTarget(
        base_url=base_url,
        api_version=api_version,
        challenge_code=challenge_code,
        app_id=app.app_id,
        app_version=app.version,
        tenant_id=str(tenant_id),
    )
    try:
        registration_id = wawi_registration_start(target=target, body=app.body())
    except WawiRegistrationCallError as exc:
        raise _refusal(exc) from exc
    on_progress(f"Registration {registration_id} sent; approve it in JTL-Wawi.")
    return _await_decision(
        target=target,
        tenant_id=tenant_id,
        registration_id=registration_id,
        poll_seconds=poll_seconds,
        timeout_seconds=timeout_seconds,
        on_progress=on_progress,
    )


def _await_decision(
    *,
    target: WawiRegistrationTarget,
    tenant_id: UUID,
    registration_id: str,
    poll_seconds: float,
    timeout_seconds: float,
    on_progress: Callable[[str], None],
) -> Tenant:
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        try:
            result = wawi_registration_poll(target=target, registration_id=registration_id)
        except WawiRegistrationCallError as exc:
            raise _refusal(exc) from exc
        if result.api_key:
            return onpremise_connection_store(
                tenant_id=tenant_id,
                target=target,
                api_key=result.api_key,
                granted_scopes=result.granted_scopes,
            )
        if result.status == STATUS_REJECTED:
            raise OnPremiseRegistrationError("The merchant rejected the registration in Wawi.")
        on_progress("Still waiting for the merchant to approve in JTL-Wawi...")
        time.sleep(poll_seconds)
    raise OnPremiseRegistrationError(f"No decision within {timeout_seconds:.0f} seconds.")
