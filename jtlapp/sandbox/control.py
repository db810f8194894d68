"""The sandbox control surface (``/_sandbox/...``): what JTL's consoles and merchants do.

Tests, the host shell and developers use it to mint app tokens for any tenant, user and scope
set, rotate signing keys, open OnPremise registration and approve it, switch faults, and read
call counters. It exists only in the sandbox process; nothing like it runs in the app.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request

from jtlapp.sandbox.config import DEMO_TENANTS, DEMO_USERS
from jtlapp.sandbox.erp_http import json_response
from jtlapp.sandbox.faults import FaultError, fault_from_json
from jtlapp.sandbox.identity.registration import RegistrationError, RegistrationNotFoundError
from jtlapp.sandbox.identity.tokens import (
    AppTokenRequest,
    AppTokenRequestError,
    app_token_mint,
    session_token_mint,
)
from jtlapp.sandbox.state import SandboxState


class ControlError(ValueError):
    pass


def _body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ControlError("body must be a JSON object")
    return data


def _tenant_and_user(data: dict[str, Any]) -> tuple[str, str]:
    tenant_id = data.get("tenantId", next(iter(DEMO_TENANTS)))
    user_id = data.get("userId", next(iter(DEMO_USERS)))
    if not isinstance(tenant_id, str) or not isinstance(user_id, str):
        raise ControlError("tenantId and userId must be strings")
    return tenant_id, user_id


def _state_view(state: SandboxState) -> dict[str, Any]:
    return {
        "issuer": state.config.issuer,
        "apiBaseUrl": state.config.api_base_url,
        "tenants": [{"id": t, "name": n} for t, n in DEMO_TENANTS.items()],
        "installedTenants": state.installed_tenants(),
        "users": [{"id": u, "name": n} for u, n in DEMO_USERS.items()],
        "clients": [
            {"clientId": c.client_id, "appId": c.app_id, "scopes": list(c.scopes)}
            for c in state.config.clients
        ],
        "faults": state.faults.snapshot(),
        "counters": {**state.identity.counters_snapshot(), **state.erp_requests},
        "keyIds": state.identity.key_ids(),
        "today": state.today.isoformat(),
    }


def control_blueprint(*, state: SandboxState) -> Blueprint:  # noqa: C901 - a route table
    blueprint = Blueprint("control", __name__, url_prefix="/_sandbox")

    @blueprint.get("/state")
    def state_get() -> Response:
        return json_response(_state_view(state), status=200)

    @blueprint.post("/app-token")
    def app_token() -> Response:
        data = _body()
        tenant_id, user_id = _tenant_and_user(data)
        minted = app_token_mint(
            state=state.identity,
            request=AppTokenRequest.from_json(data, tenant_id=tenant_id, user_id=user_id),
        )
        return json_response({"accessToken": minted}, status=200)

    @blueprint.post("/session-token")
    def session_token() -> Response:
        tenant_id, user_id = _tenant_and_user(_body())
        minted = session_token_mint(state=state.identity, tenant_id=tenant_id, user_id=user_id)
        return json_response({"sessionToken": minted}, status=200)

    @blueprint.post("/keys/rotate")
    def keys_rotate() -> Response:
        return json_response({"kid": state.identity.keys_rotate()}, status=200)

    @blueprint.post("/keys/retire")
    def keys_retire() -> Response:
        return json_response({"retired": state.identity.keys_retire()}, status=200)

    @blueprint.post("/faults")
    def faults_set() -> Response:
        area, fault = fault_from_json(_body())
        state.faults.set(area=area, fault=fault)
        return json_response(state.faults.snapshot(), status=200)

    @blueprint.get("/erp-calls")
    def erp_calls() -> Response:
        """Every ERP call since the last counters reset (method, path, X-Tenant-ID, ...)."""
        calls = [
            {
                "method": c.method,
                "path": c.path,
                "mount": c.mount,
                "tenantHeader": c.tenant_id,
                "requestId": c.request_id,
                "status": c.status,
                "app": c.app_id,
            }
            for c in state.erp_calls()
        ]
        return json_response(calls, status=200)

    @blueprint.delete("/faults")
    def faults_clear() -> Response:
        state.faults.clear()
        return json_response({}, status=200)

    @blueprint.post("/counters/reset")
    def counters_reset() -> Response:
        state.identity.counters_reset()
        state.erp_calls_clear()
        return json_response({}, status=200)

    @blueprint.post("/rate-limit")
    def rate_limit() -> Response:
        data = _body()
        limit, interval = data.get("limit"), data.get("intervalSeconds", 60)
        if not isinstance(limit, int) or not isinstance(interval, int) or limit < 1 or interval < 1:
            raise ControlError("limit and intervalSeconds must be positive integers")
        state.rate_limiter.configure(limit=limit, interval_seconds=interval)
        return json_response({"limit": limit, "intervalSeconds": interval}, status=200)

    @blueprint.post("/tenants/<tenant_id>/install")
    def tenant_install(tenant_id: str) -> Response:
        state.tenant_install(tenant_id, installed=True)
        return json_response({"installedTenants": state.installed_tenants()}, status=200)

    @blueprint.post("/tenants/<tenant_id>/uninstall")
    def tenant_uninstall(tenant_id: str) -> Response:
        state.tenant_install(tenant_id, installed=False)
        return json_response({"installedTenants": state.installed_tenants()}, status=200)

    @blueprint.post("/reset")
    def reset() -> Response:
        state.reseed()
        state.faults.clear()
        return json_response({}, status=200)

    @blueprint.post("/onpremise/open")
    def onpremise_open() -> Response:
        state.onpremise.registration_open()
        return json_response({"open": True}, status=200)

    @blueprint.post("/onpremise/registrations/<registration_id>/<decision>")
    def onpremise_decide(registration_id: str, decision: str) -> Response:
        if decision not in ("approve", "reject"):
            raise ControlError("decision must be approve or reject")
        scopes = _body().get("grantedScopes")
        state.onpremise.registration_decide(
            registration_id=registration_id,
            approve=decision == "approve",
            granted_scopes=scopes if isinstance(scopes, list) else None,
        )
        return json_response({"registrationId": registration_id, "decision": decision}, status=200)

    @blueprint.errorhandler(ControlError)
    @blueprint.errorhandler(AppTokenRequestError)
    @blueprint.errorhandler(FaultError)
    def bad_request(exc: Exception) -> Response:
        return json_response({"error": str(exc)}, status=400)

    @blueprint.errorhandler(LookupError)
    @blueprint.errorhandler(RegistrationNotFoundError)
    def not_found(exc: Exception) -> Response:
        return json_response({"error": f"not found: {exc}"}, status=404)

    @blueprint.errorhandler(RegistrationError)
    def conflict(exc: RegistrationError) -> Response:
        return json_response({"error": str(exc) or type(exc).__name__}, status=409)

    return blueprint
