"""Registering the app with a merchant's own JTL-Wawi (OnPremise), as erp-api.md §8 describes.

The Wawi accepts a registration only while the merchant has Admin > App-Registrierung open;
the merchant then approves or rejects it in Wawi, and the API key is handed out exactly
once, on the first poll after approval. It is stored encrypted before anything else happens.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from jtlapp.crypto import secret_encrypt
from jtlapp.errors import ApplicationError
from jtlapp.gateway.http import OutboundError, outbound_request
from jtlapp.tenants.models import OnPremiseConnection, Tenant

API_VERSION = "1.0"
STATUS_PENDING, STATUS_REJECTED, STATUS_ACCEPTED = 0, 1, 2
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


@dataclass(frozen=True, kw_only=True)
class PollResult:
    status: int
    api_key: str | None
    granted_scopes: tuple[str, ...]

    def __repr__(self) -> str:
        key = "***" if self.api_key else None
        return f"PollResult(status={self.status}, api_key={key}, scopes={self.granted_scopes})"


def _field(data: Mapping[str, Any], name: str) -> Any:
    """JTL answers PascalCase (v1) or camelCase (v2); read either."""
    return data.get(name, data.get(name[:1].lower() + name[1:]))


def _call(*, method: str, url: str, challenge_code: str, body: Any = None) -> Any:
    headers = {"x-challengecode": challenge_code, "api-version": API_VERSION}
    try:
        response = outbound_request(method=method, url=url, headers=headers, json_body=body)
    except OutboundError as exc:
        raise OnPremiseRegistrationError(f"The Wawi at {url} did not answer: {exc}") from exc
    if response.status in REFUSALS:
        raise OnPremiseRegistrationError(REFUSALS[response.status])
    if response.status not in (200, 201, 202):
        raise OnPremiseRegistrationError(f"The Wawi answered HTTP {response.status}.")
    try:
        data = response.json()
    except OutboundError as exc:
        raise OnPremiseRegistrationError("The Wawi answered without JSON.") from exc
    if not isinstance(data, dict):
        raise OnPremiseRegistrationError("The Wawi answered with an unexpected body.")
    return data


def onpremise_registration_start(*, base_url: str, challenge_code: str, app: WawiApp) -> str:
    if not 0 < len(challenge_code) <= 30:
        raise OnPremiseRegistrationError("The challenge code must have 1 to 30 characters.")
    url = f"{base_url.rstrip('/')}/v1/authentication"
    data = _call(method="POST", url=url, challenge_code=challenge_code, body=app.body())
    registration_id = _field(data, "RegistrationRequestId")
    if not isinstance(registration_id, str | int):
        raise OnPremiseRegistrationError("The Wawi did not return a registration id.")
    return str(registration_id)


def onpremise_registration_poll(
    *, base_url: str, challenge_code: str, registration_id: str
) -> PollResult:
    url = f"{base_url.rstrip('/')}/v1/authentication/{registration_id}"
    data = _call(method="GET", url=url, challenge_code=challenge_code)
    info = _field(data, "RequestStatusInfo") or {}
    token = _field(data, "Token") or {}
    scopes = _field(data, "GrantedScopes") or []
    if isinstance(scopes, str):
        scopes = [s.strip() for s in scopes.split(",") if s.strip()]
    return PollResult(
        status=int(_field(info, "Status") or 0),
        api_key=_field(token, "ApiKey") if isinstance(token, dict) else None,
        granted_scopes=tuple(str(s) for s in scopes),
    )


@sensitive_variables("api_key")
def onpremise_connection_store(
    *, tenant_id: UUID, base_url: str, app: WawiApp, api_key: str, granted_scopes: tuple[str, ...]
) -> Tenant:
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
                "base_url": base_url.rstrip("/"),
                "app_id": app.app_id,
                "app_version": app.version,
                "api_version": API_VERSION,
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
    poll_seconds: float = 5.0,
    timeout_seconds: float = 600.0,
    on_progress: Callable[[str], None] = lambda _message: None,
) -> Tenant:
    """Register, wait for the merchant's decision, store the key; raise with a clear reason."""
    registration_id = onpremise_registration_start(
        base_url=base_url, challenge_code=challenge_code, app=app
    )
    on_progress(f"Registration {registration_id} sent; approve it in JTL-Wawi.")
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        result = onpremise_registration_poll(
            base_url=base_url, challenge_code=challenge_code, registration_id=registration_id
        )
        if result.status == STATUS_REJECTED:
            raise OnPremiseRegistrationError("The merchant rejected the registration in Wawi.")
        if result.status == STATUS_ACCEPTED and result.api_key:
            return onpremise_connection_store(
                tenant_id=tenant_id,
                base_url=base_url,
                app=app,
                api_key=result.api_key,
                granted_scopes=result.granted_scopes,
            )
        on_progress("Still waiting for the merchant to approve in JTL-Wawi...")
        time.sleep(poll_seconds)
    raise OnPremiseRegistrationError(f"No decision within {timeout_seconds:.0f} seconds.")
