"""OnPremise Wawi app registration over HTTP: ``/api/<mandant>[/v1|/v2]/authentication``.

v1 and the unversioned path answer in PascalCase, v2 in camelCase (``jtl/erp-api.md`` §8). The
registry (``registration``) is re-exported here so callers need one import.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request

from jtlapp.sandbox.identity.principal import CallCounter
from jtlapp.sandbox.identity.registration import (
    MAX_CHALLENGE_CODE_LENGTH,
    AppAlreadyRegisteredError,
    OnPremiseRegistry,
    Registration,
    RegistrationAnsweredError,
    RegistrationClosedError,
    RegistrationNotFoundError,
    RegistrationStatus,
    registration_request_parse,
)

__all__ = ["OnPremiseRegistry", "RegistrationStatus", "onpremise_blueprint"]

CLOSED_MESSAGE = (
    "There was no application service available to receive and handle the registration request"
)
CONFLICT_MESSAGE = "An application with the specified unique id is already registered."
NOT_FOUND_MESSAGE = "No registration request was found for the specified identifier"


def _camel(value: Any) -> Any:
    """PascalCase keys → camelCase, recursively (v2 serialisation)."""
    if isinstance(value, dict):
        return {key[:1].lower() + key[1:]: _camel(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_camel(item) for item in value]
    return value


def _respond(body: Any, *, status: int, version: str | None) -> Response:
    response = jsonify(_camel(body) if version == "v2" else body)
    response.status_code = status
    return response


def _error(
    *,
    status: int,
    code: str,
    message: str,
    version: str | None,
    fields: dict[str, str] | None = None,
) -> Response:
    body = {"ErrorCode": code, "ValidationErrors": fields or {}, "ErrorMessage": message}
    return _respond(body, status=status, version=version)


def status_info(registration: Registration) -> dict[str, Any]:
    return {
        "AppId": registration.request.app_id,
        "RegistrationRequestId": registration.registration_id,
        "Status": int(registration.status),
    }


def registration_information(registration: Registration) -> dict[str, Any]:
    accepted = registration.status is RegistrationStatus.ACCEPTED
    return {
        "RequestStatusInfo": status_info(registration),
        "Token": {"ApiKey": registration.api_key} if accepted else None,
        "GrantedScopes": list(registration.granted_scopes) if accepted else [],
    }


def _challenge_code(version: str | None) -> str | Response:
    code = request.headers.get("x-challengecode", "")
    if not code or len(code) > MAX_CHALLENGE_CODE_LENGTH:
        return _error(
            status=400,
            code="VALIDATION_ERROR",
            message="The sent data is invalid.",
            version=version,
            fields={"x-challengecode": "Required, at most 30 characters."},
        )
    return code


def _register(*, registry: OnPremiseRegistry, version: str | None) -> Response:
    challenge = _challenge_code(version)
    if isinstance(challenge, Response):
        return challenge
    parsed, errors = registration_request_parse(body=request.get_json(silent=True))
    if parsed is None:
        return _error(
            status=400,
            code="VALIDATION_ERROR",
            message="The sent data is invalid.",
            version=version,
            fields=errors,
        )
    try:
        registration = registry.registration_create(challenge_code=challenge, request=parsed)
    except RegistrationClosedError:
        return _error(status=403, code="FORBIDDEN", message=CLOSED_MESSAGE, version=version)
    except AppAlreadyRegisteredError:
        return _error(status=409, code="CONFLICT", message=CONFLICT_MESSAGE, version=version)
    return _respond(status_info(registration), status=201, version=version)


def _poll(*, registry: OnPremiseRegistry, registration_id: str, version: str | None) -> Response:
    challenge = _challenge_code(version)
    if isinstance(challenge, Response):
        return challenge
    try:
        registration = registry.registration_poll(
            registration_id=registration_id, challenge_code=challenge
        )
    except RegistrationNotFoundError:
        return _error(status=404, code="NOT_FOUND", message=NOT_FOUND_MESSAGE, version=version)
    except RegistrationAnsweredError:
        return Response(status=410)
    return _respond(registration_information(registration), status=200, version=version)


def onpremise_blueprint(
    *,
    registry: OnPremiseRegistry,
    mandant: str = "eazybusiness",
    counters: CallCounter | None = None,
) -> Blueprint:
    """Registration routes of the OnPremise Wawi REST server for database ``mandant``."""
    blueprint = Blueprint(f"jtl_onpremise_{mandant}", __name__)
    base = f"/api/{mandant}"

    def count(name: str) -> None:
        if counters is not None:
            counters.increment(name=name)

    @blueprint.post(f"{base}/authentication", defaults={"version": None})
    @blueprint.post(f"{base}/<any(v1, v2):version>/authentication")
    def register(version: str | None) -> Response:
        count("onpremise_register")
        return _register(registry=registry, version=version)

    @blueprint.get(f"{base}/authentication/<registration_id>", defaults={"version": None})
    @blueprint.get(f"{base}/<any(v1, v2):version>/authentication/<registration_id>")
    def poll(registration_id: str, version: str | None) -> Response:
        count("onpremise_poll")
        return _poll(registry=registry, registration_id=registration_id, version=version)

    return blueprint
