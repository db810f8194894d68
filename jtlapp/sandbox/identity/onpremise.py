"""OnPremise Wawi app registration over HTTP: ``/api/<mandant>[/v1|/v2]/authentication``.

The 1.0 description documents ``/authentication[/{registrationId}]``, the 2.0 description
``/v2/authentication[/{registrationId}]``; the seeds also show ``/v1/authentication``
(erp-api.md §8). v1 and the unversioned path answer in PascalCase, v2 in camelCase. As the
seeds require on every OnPremise request, ``api-version`` must be sent and name the path's
generation (1.x below ``/v1`` or no prefix, 2.x below ``/v2``); ``x-challengecode`` is required
(at most 30 characters); scopes neither description names are refused (erp-api.md §9). The
registry (``registration``) is re-exported here so callers need one import.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request

from jtlapp.sandbox.casing import camel_keys
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
from jtlapp.sandbox.openapi.scopes import documented_scopes

__all__ = ["OnPremiseRegistry", "RegistrationStatus", "onpremise_blueprint"]

CLOSED_MESSAGE = (
    "There was no application service available to receive and handle the registration request"
)
CONFLICT_MESSAGE = "An application with the specified unique id is already registered."
NOT_FOUND_MESSAGE = "No registration request was found for the specified identifier"


def _respond(body: Any, *, status: int, version: str | None) -> Response:
    response = jsonify(camel_keys(body) if version == "v2" else body)
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


def _api_version(version: str | None) -> Response | None:
    """400 unless ``api-version`` is sent and belongs to the path's generation."""
    sent = request.headers.get("api-version", "").strip()
    major = "2" if version == "v2" else "1"
    if sent.split(".")[0] == major and sent.replace(".", "").isdigit():
        return None
    message = f"unsupported api version {sent!r}" if sent else "api-version header required"
    return _error(
        status=400,
        code="VALIDATION_ERROR",
        message=message,
        version=version,
        fields={"api-version": f"Required; {major}.x on this path."},
    )


def _preconditions(version: str | None) -> str | Response:
    refused = _api_version(version)
    return refused if refused is not None else _challenge_code(version)


def _unknown_scopes(parsed: Any) -> dict[str, str]:
    known = documented_scopes()
    fields: dict[str, str] = {}
    for name, scopes in (
        ("MandatoryApiScopes", parsed.mandatory_scopes),
        ("OptionalApiScopes", parsed.optional_scopes),
    ):
        unknown = [scope for scope in scopes if scope.lower() not in known]
        if unknown:
            fields[name] = "Unknown scopes: " + ", ".join(unknown)
    return fields


def _register(*, registry: OnPremiseRegistry, version: str | None) -> Response:
    challenge = _preconditions(version)
    if isinstance(challenge, Response):
        return challenge
    parsed, errors = registration_request_parse(body=request.get_json(silent=True))
    if parsed is not None:
        errors = _unknown_scopes(parsed)
        parsed = None if errors else parsed
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
    challenge = _preconditions(version)
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

    @blueprint.post(f"{base}/authentication/<registration_id>", defaults={"version": None})
    @blueprint.post(f"{base}/<any(v1, v2):version>/authentication/<registration_id>")
    def instance(registration_id: str, version: str | None) -> Response:
        """2b multi-instance: the documented POST answers the request's status info."""
        count("onpremise_instance")
        return _instance(registry=registry, registration_id=registration_id, version=version)

    return blueprint


def _instance(
    *, registry: OnPremiseRegistry, registration_id: str, version: str | None
) -> Response:
    challenge = _preconditions(version)
    if isinstance(challenge, Response):
        return challenge
    found = registry.registration_find(registration_id=registration_id, challenge_code=challenge)
    if found is None:
        return _error(status=404, code="NOT_FOUND", message=NOT_FOUND_MESSAGE, version=version)
    return _respond(status_info(found), status=200, version=version)
