"""The wire side of registering the app with a merchant's JTL-Wawi (erp-api.md §8).

Paths per targeted API version, as JTL's descriptions name them: 1.0 ``/authentication`` and
``/authentication/{registrationId}``, 2.0 ``/v2/authentication...``. Every request carries the
documented headers: ``x-challengecode`` (the same on every call of one registration),
``api-version``, ``x-appid``/``x-appversion`` and, as the 1.0 description requires,
``tenant-id``. Answers are read in either casing (v1 PascalCase, some Wawis camelCase).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from jtlapp.gateway.http import OutboundError, OutboundResponse, outbound_request

REGISTRATION_PATHS = {"1.0": "authentication", "2.0": "v2/authentication"}
STATUS_PENDING, STATUS_REJECTED, STATUS_ACCEPTED = 0, 1, 2


class WawiRegistrationCallError(Exception):
    """The Wawi did not answer usably; ``status`` is its HTTP status when it answered."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, kw_only=True)
class WawiRegistrationTarget:
    base_url: str
    api_version: str
    challenge_code: str
    app_id: str
    app_version: str
    tenant_id: str

    def url(self, registration_id: str | None = None) -> str:
        path = REGISTRATION_PATHS[self.api_version]
        suffix = f"/{quote(registration_id, safe='')}" if registration_id else ""
        return f"{self.base_url.rstrip('/')}/{path}{suffix}"

    def headers(self) -> dict[str, str]:
        return {
            "x-challengecode": self.challenge_code,
            "api-version": self.api_version,
            "x-appid": self.app_id,
            "x-appversion": self.app_version,
            "tenant-id": self.tenant_id,
            "Accept": "application/json",
        }


@dataclass(frozen=True, kw_only=True)
class PollResult:
    status: int
    api_key: str | None
    granted_scopes: tuple[str, ...]

    def __repr__(self) -> str:
        key = "***" if self.api_key else None
        return f"PollResult(status={self.status}, api_key={key}, scopes={self.granted_scopes})"


def field_of(data: Mapping[str, Any], name: str) -> Any:
    """JTL answers PascalCase (v1) or camelCase (v2); read either."""
    return data.get(name, data.get(name[:1].lower() + name[1:]))


def _send(*, target: WawiRegistrationTarget, method: str, url: str, body: Any) -> OutboundResponse:
    try:
        return outbound_request(method=method, url=url, headers=target.headers(), json_body=body)
    except OutboundError as exc:
        raise WawiRegistrationCallError(f"The Wawi at {url} did not answer ({exc}).") from exc


def _json_object(response: OutboundResponse) -> dict[str, Any]:
    if response.status not in (200, 201, 202):
        raise WawiRegistrationCallError(
            f"The Wawi answered HTTP {response.status}.", status=response.status
        )
    try:
        data = response.json()
    except OutboundError as exc:
        raise WawiRegistrationCallError("The Wawi answered without JSON.") from exc
    if not isinstance(data, dict):
        raise WawiRegistrationCallError("The Wawi answered with an unexpected body.")
    return data


def wawi_registration_start(*, target: WawiRegistrationTarget, body: dict[str, Any]) -> str:
    """``POST .../authentication``: the registration request's id (201, status 0 pending)."""
    data = _json_object(_send(target=target, method="POST", url=target.url(), body=body))
    registration_id = field_of(data, "RegistrationRequestId")
    if not isinstance(registration_id, str | int) or registration_id == "":
        raise WawiRegistrationCallError("The Wawi did not return a registration id.")
    return str(registration_id)


def wawi_registration_poll(*, target: WawiRegistrationTarget, registration_id: str) -> PollResult:
    """``GET .../authentication/{id}``: status, and the API key if this answer carries one."""
    url = target.url(registration_id)
    data = _json_object(_send(target=target, method="GET", url=url, body=None))
    info = field_of(data, "RequestStatusInfo")
    token = field_of(data, "Token")
    scopes = field_of(data, "GrantedScopes") or []
    if isinstance(scopes, str):
        scopes = [s.strip() for s in scopes.split(",") if s.strip()]
    key = field_of(token, "ApiKey") if isinstance(token, dict) else None
    status = field_of(info, "Status") if isinstance(info, dict) else None
    return PollResult(
        status=int(status) if isinstance(status, int | str) and str(status).isdigit() else 0,
        api_key=key if isinstance(key, str) and key else None,
        granted_scopes=tuple(str(s) for s in scopes if isinstance(s, str | int)),
    )
