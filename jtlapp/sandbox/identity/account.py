"""Account service (``api.jtl-cloud.com/account``) and the legacy Ory token endpoint.

Response field names of the token exchange are not published (``jtl/platform.md`` §5.3, [?]);
we use camelCase ``accessToken``/``refreshToken``/``expiresIn``/``tokenType`` like the request
bodies JTL documents (``tenantId``, ``refreshToken``). Errors use JTL's REST error shape.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Blueprint, Response, request

from jtlapp.sandbox.config import SandboxClient
from jtlapp.sandbox.identity.minting import IssuedToken
from jtlapp.sandbox.identity.oauth_http import (
    bearer_token,
    client_authenticate,
    client_credentials,
    json_response,
    oauth_error,
)
from jtlapp.sandbox.identity.principal import Principal, PrincipalKind
from jtlapp.sandbox.identity.state import IdentityState

TENANTS_CREATED_AT = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)


def account_error(*, status: int, code: str, message: str) -> Response:
    response = json_response({"errorCode": code, "errorMessage": message}, status=status)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return response


def tenant_record(*, tenant_id: str, name: str, index: int) -> dict[str, Any]:
    """``/account/tenants`` entry; ``kid`` is a numeric short id as seen in the ERP UI."""
    short_id = int(hashlib.sha256(tenant_id.encode()).hexdigest(), 16) % 900_000 + 100_000
    created_at = TENANTS_CREATED_AT + timedelta(days=index)
    return {
        "name": name,
        "slug": re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-"),
        "kid": str(short_id),
        "id": tenant_id,
        "createdAt": created_at.isoformat().replace("+00:00", "Z"),
    }


def _caller(*, state: IdentityState, kinds: frozenset[PrincipalKind]) -> Principal | None:
    token = bearer_token(request)
    principal = state.token_introspect(token=token) if token else None
    return principal if principal is not None and principal.kind in kinds else None


def _delegated_response(issued: IssuedToken) -> Response:
    body = {
        "accessToken": issued.access_token,
        "refreshToken": issued.refresh_token,
        "expiresIn": issued.expires_in,
        "tokenType": "Bearer",
    }
    return json_response(body, no_store=True)


def _json_field(name: str) -> str | None:
    body = request.get_json(silent=True)
    value = body.get(name) if isinstance(body, dict) else None
    return value if isinstance(value, str) and value else None


SERVICE_KINDS = frozenset({PrincipalKind.SERVICE_ACCOUNT})
LEGACY_JWKS_KINDS = frozenset({PrincipalKind.SERVICE_ACCOUNT, PrincipalKind.LEGACY_ORY})
TENANT_LIST_KINDS = frozenset(PrincipalKind) - {PrincipalKind.ONPREMISE}


def register_account_routes(blueprint: Blueprint, *, state: IdentityState) -> None:
    """Token exchange, tenant directory, legacy JWKS and the legacy Ory token endpoint."""
    _register_token_exchange(blueprint, state=state)
    _register_directory_and_legacy(blueprint, state=state)


def _register_token_exchange(blueprint: Blueprint, *, state: IdentityState) -> None:
    @blueprint.post("/account/identity/delegated-token")
    def delegated_token() -> Response:
        caller = _caller(state=state, kinds=SERVICE_KINDS)
        client = state.config.client(caller.client_id or "") if caller else None
        if client is None:
            return account_error(status=401, code="UNAUTHORIZED", message="Invalid token.")
        tenant_id = _json_field("tenantId")
        if tenant_id is None:
            return account_error(status=400, code="VALIDATION_ERROR", message="tenantId missing.")
        refused = _tenant_refusal(state=state, client=client, tenant_id=tenant_id)
        if refused is not None:
            return refused
        return _delegated_response(state.flows.delegated_mint(client=client, tenant_id=tenant_id))

    @blueprint.post("/account/identity/delegated-token/refresh")
    def delegated_token_refresh() -> Response:
        caller = _caller(state=state, kinds=SERVICE_KINDS)
        client = state.config.client(caller.client_id or "") if caller else None
        if client is None:
            return account_error(status=401, code="UNAUTHORIZED", message="Invalid token.")
        refresh_token = _json_field("refreshToken")
        if refresh_token is None:
            return account_error(
                status=400, code="VALIDATION_ERROR", message="refreshToken missing."
            )
        issued = state.flows.delegated_refresh(client=client, refresh_token=refresh_token)
        if issued is None:
            return account_error(
                status=400, code="INVALID_GRANT", message="Refresh token invalid or used."
            )
        return _delegated_response(issued)


def _register_directory_and_legacy(blueprint: Blueprint, *, state: IdentityState) -> None:
    @blueprint.get("/account/tenants")
    def tenants() -> Response:
        caller = _caller(state=state, kinds=TENANT_LIST_KINDS)
        if caller is None:
            return account_error(status=401, code="UNAUTHORIZED", message="Invalid token.")
        records = [
            tenant_record(tenant_id=tenant_id, name=name, index=index)
            for index, (tenant_id, name) in enumerate(state.tenants.items())
            if caller.tenant_id in (None, tenant_id)
            and state.is_installed(caller.app_id, tenant_id)
        ]
        return json_response(records)

    @blueprint.get("/account/.well-known/jwks.json")
    def legacy_jwks() -> Response:
        if _caller(state=state, kinds=LEGACY_JWKS_KINDS) is None:
            return account_error(status=401, code="UNAUTHORIZED", message="Invalid token.")
        return json_response(state.legacy_keys.jwks())

    @blueprint.post("/oauth2/token")
    def legacy_token() -> Response:
        return _legacy_token(state=state)


def _tenant_refusal(
    *, state: IdentityState, client: SandboxClient, tenant_id: str
) -> Response | None:
    if tenant_id not in state.tenants:
        return account_error(status=404, code="NOT_FOUND", message="Unknown tenant.")
    if not state.is_installed(client.app_id, tenant_id):
        return account_error(
            status=403, code="FORBIDDEN", message="App is not installed for this tenant."
        )
    return None


def _legacy_token(*, state: IdentityState) -> Response:
    """Ory Hydra client_credentials: Basic auth, scope optional, opaque ``ory_at_`` token."""
    credentials = client_credentials(request)
    client = (
        client_authenticate(config=state.config, credentials=credentials, secret_required=True)
        if credentials
        else None
    )
    if client is None:
        return oauth_error(
            "invalid_client", status=401, basic=credentials.via_basic if credentials else True
        )
    if request.form.get("grant_type") != "client_credentials":
        return oauth_error("unsupported_grant_type")
    scopes = request.form.get("scope", "").split()
    if not set(scopes) <= set(client.scopes):
        return oauth_error("invalid_scope")
    issued = state.flows.ory_mint(client=client, scopes=scopes)
    body = {
        "access_token": issued.access_token,
        "expires_in": issued.expires_in,
        "scope": issued.scope,
        "token_type": "bearer",
    }
    return json_response(body, no_store=True)
