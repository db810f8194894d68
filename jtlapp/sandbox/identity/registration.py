"""OnPremise JTL-Wawi app registration logic (``jtl/erp-api.md`` §8); HTTP in ``onpremise``.

The merchant's "Admin > App-Registrierung" dialog is played by the control surface:
``registration_open()`` makes the Wawi accept requests, ``registration_decide()`` is the click on
accept/reject. The API key is handed out exactly once, on the first poll after acceptance.
"""

from __future__ import annotations

import dataclasses
import hashlib
import secrets
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum
from typing import Any

from jtlapp.sandbox.config import DEMO_TENANTS, SandboxConfig
from jtlapp.sandbox.identity.minting import utc_now
from jtlapp.sandbox.identity.principal import Principal, PrincipalKind

MAX_CHALLENGE_CODE_LENGTH = 30
REQUIRED_TEXT_FIELDS = (
    "AppId",
    "DisplayName",
    "Description",
    "Version",
    "ProviderName",
    "ProviderWebsite",
)


class RegistrationStatus(IntEnum):
    PENDING = 0
    REJECTED = 1
    ACCEPTED = 2


class RegistrationError(Exception):
    """Base of the registration outcomes the HTTP layer maps to status codes."""


class RegistrationClosedError(RegistrationError):
    """No "App-Registrierung" dialog is waiting (HTTP 403)."""


class AppAlreadyRegisteredError(RegistrationError):
    """The AppId already holds an accepted registration (HTTP 409)."""


class RegistrationNotFoundError(RegistrationError, LookupError):
    """Unknown id, or a challenge code that differs from the one used to register (HTTP 404)."""


class RegistrationAnsweredError(RegistrationError):
    """The decision was already delivered once (HTTP 410)."""


@dataclass(frozen=True, kw_only=True)
class RegistrationRequest:
    """``CreateAppRegistrationRequest``, reduced to what the sandbox keeps."""

    app_id: str
    display_name: str
    description: str
    version: str
    provider_name: str
    provider_website: str
    mandatory_scopes: tuple[str, ...]
    optional_scopes: tuple[str, ...] = ()
    app_icon: str | None = field(default=None, repr=False)


@dataclass(frozen=True, kw_only=True)
class Registration:
    registration_id: str
    request: RegistrationRequest
    challenge_code: str = field(repr=False)
    status: RegistrationStatus = RegistrationStatus.PENDING
    granted_scopes: tuple[str, ...] = ()
    api_key: str | None = field(default=None, repr=False)
    answered: bool = False
    created_at: datetime


def api_key_new() -> str:
    """An upper-case GUID, the format of ``AppToken.ApiKey`` in the 1.0 description.

    Its example is ``FB622234-98A7-46FA-A01B-06C9D0971AAF``; ``uuid4`` draws 122 random bits.
    """
    return str(uuid.uuid4()).upper()


def _key_digest(api_key: str) -> str:
    return hashlib.sha256(api_key.encode()).hexdigest()


class OnPremiseRegistry:
    """Registrations of one OnPremise Wawi, which belongs to exactly one tenant.

    The tenant defaults to the first demo tenant; ``config`` is accepted so the registry is
    built like every other sandbox part, it holds nothing OnPremise-specific yet.
    """

    def __init__(
        self,
        *,
        config: SandboxConfig | None = None,
        tenant_id: str | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        del config
        self.tenant_id = tenant_id or next(iter(DEMO_TENANTS))
        self._clock = clock
        self._lock = threading.Lock()
        self._open = False
        self._registrations: dict[str, Registration] = {}
        self._keys: dict[str, str] = {}

    def __repr__(self) -> str:
        return f"OnPremiseRegistry(tenant_id={self.tenant_id!r}, open={self._open})"

    @property
    def is_open(self) -> bool:
        with self._lock:
            return self._open

    def registration_open(self) -> None:
        """Stand-in for the merchant opening Admin > App-Registrierung."""
        with self._lock:
            self._open = True

    def registration_close(self) -> None:
        with self._lock:
            self._open = False

    def registration_list(self) -> list[Registration]:
        with self._lock:
            return list(self._registrations.values())

    def registration_create(
        self, *, challenge_code: str, request: RegistrationRequest
    ) -> Registration:
        with self._lock:
            if not self._open:
                raise RegistrationClosedError
            if any(
                r.request.app_id == request.app_id and r.status is RegistrationStatus.ACCEPTED
                for r in self._registrations.values()
            ):
                raise AppAlreadyRegisteredError
            registration = Registration(
                registration_id=str(uuid.uuid4()).upper(),
                request=request,
                challenge_code=challenge_code,
                created_at=self._clock(),
            )
            self._registrations[registration.registration_id] = registration
        return registration

    def registration_poll(self, *, registration_id: str, challenge_code: str) -> Registration:
        """Current state; a decided registration is returned once, then it is gone (410)."""
        with self._lock:
            registration = self._registrations.get(registration_id)
            if registration is None or not secrets.compare_digest(
                registration.challenge_code.encode(), challenge_code.encode()
            ):
                raise RegistrationNotFoundError
            if registration.answered:
                raise RegistrationAnsweredError
            if registration.status is not RegistrationStatus.PENDING:
                self._registrations[registration_id] = dataclasses.replace(
                    registration, answered=True
                )
        return registration

    def registration_find(
        self, *, registration_id: str, challenge_code: str
    ) -> Registration | None:
        """The registration, without delivering anything (multi-instance status)."""
        with self._lock:
            registration = self._registrations.get(registration_id)
        if registration is None or not secrets.compare_digest(
            registration.challenge_code.encode(), challenge_code.encode()
        ):
            return None
        return registration

    def registration_decide(
        self,
        *,
        registration_id: str,
        approve: bool,
        granted_scopes: Sequence[str] | None = None,
    ) -> str | None:
        """Accept (returns the new API key) or reject a pending registration."""
        with self._lock:
            registration = self._registrations.get(registration_id)
            if registration is None:
                raise RegistrationNotFoundError
            if registration.status is not RegistrationStatus.PENDING:
                raise RegistrationAnsweredError
            if not approve:
                self._registrations[registration_id] = dataclasses.replace(
                    registration, status=RegistrationStatus.REJECTED
                )
                return None
            request = registration.request
            default_scopes = (*request.mandatory_scopes, *request.optional_scopes)
            api_key = api_key_new()
            self._registrations[registration_id] = dataclasses.replace(
                registration,
                status=RegistrationStatus.ACCEPTED,
                granted_scopes=tuple(granted_scopes or default_scopes),
                api_key=api_key,
            )
            self._keys[_key_digest(api_key)] = registration_id
        return api_key

    def principal(self, *, api_key: str) -> Principal | None:
        return self.onpremise_principal(api_key=api_key)

    def onpremise_principal(self, *, api_key: str) -> Principal | None:
        """Principal for ``Authorization: Wawi <api_key>``, or None for an unknown key."""
        with self._lock:
            registration_id = self._keys.get(_key_digest(api_key))
            registration = self._registrations.get(registration_id or "")
        if registration is None or registration.status is not RegistrationStatus.ACCEPTED:
            return None
        return Principal(
            kind=PrincipalKind.ONPREMISE,
            client_id=None,
            app_id=registration.request.app_id,
            tenant_id=self.tenant_id,
            user_id=None,
            scopes=frozenset(registration.granted_scopes),
            expires_at=None,
        )


def registration_request_parse(
    *, body: object
) -> tuple[RegistrationRequest | None, dict[str, str]]:
    """Parse a v1 (PascalCase) or v2 (camelCase) body; ASP.NET binds either case-insensitively."""
    if not isinstance(body, Mapping):
        return None, {"": "A non-empty request body is required."}
    fields: dict[str, Any] = {str(k).lower(): v for k, v in body.items()}
    errors: dict[str, str] = {}
    for name in REQUIRED_TEXT_FIELDS:
        value = fields.get(name.lower())
        if not isinstance(value, str) or not value.strip():
            errors[name] = f"The {name} field is required."
    scope_lists: dict[str, tuple[str, ...]] = {}
    for name, required in (("MandatoryApiScopes", True), ("OptionalApiScopes", False)):
        value = fields.get(name.lower())
        if value is None and not required:
            value = []
        if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
            errors[name] = f"The {name} field is required and must be a list of scopes."
            continue
        scope_lists[name] = tuple(value)
    icon = fields.get("appicon")
    if icon is not None and not isinstance(icon, str):
        errors["AppIcon"] = "The AppIcon field must be base64 encoded image data."
    if errors:
        return None, errors
    return (
        RegistrationRequest(
            app_id=fields["appid"],
            display_name=fields["displayname"],
            description=fields["description"],
            version=fields["version"],
            provider_name=fields["providername"],
            provider_website=fields["providerwebsite"],
            mandatory_scopes=scope_lists["MandatoryApiScopes"],
            optional_scopes=scope_lists["OptionalApiScopes"],
            app_icon=icon,
        ),
        {},
    )
