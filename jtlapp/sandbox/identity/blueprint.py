"""The Zitadel-like issuer: discovery, JWKS and the token endpoint (``jtl/platform.md`` §5.1).

Sign-in pages live in ``signin``, the account service and legacy Ory in ``account``; this
factory mounts all of them on one blueprint, since the sandbox plays every JTL host at once.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request

from jtlapp.sandbox.config import SandboxClient
from jtlapp.sandbox.identity.account import register_account_routes
from jtlapp.sandbox.identity.faults import ENDPOINT_AREAS, fault_apply
from jtlapp.sandbox.identity.flows import OIDC_SCOPES
from jtlapp.sandbox.identity.minting import IssuedToken
from jtlapp.sandbox.identity.oauth_http import (
    client_authenticate,
    client_credentials,
    json_response,
    oauth_error,
)
from jtlapp.sandbox.identity.signin import register_signin_routes
from jtlapp.sandbox.identity.state import IdentityState

# Zitadel's wording (zitadel/oidc ``ValidateAuthReqScopes``) for scope-less requests.
SCOPE_MISSING = (
    "The scope of your request is missing. Please ensure some scopes are requested. "
    "If you have any questions, you may contact the administrator of the application."
)
OPENID_MISSING = (
    "The scope openid is missing in your request. Please ensure the scope openid is added to "
    "the request. If you have any questions, you may contact the administrator of the "
    "application."
)


def discovery_document(*, issuer: str) -> dict[str, Any]:
    """OpenID Provider metadata, limited to what the sandbox actually implements."""
    return {
        "issuer": issuer,
        "authorization_endpoint": f"{issuer}/oauth/v2/authorize",
        "token_endpoint": f"{issuer}/oauth/v2/token",
        "userinfo_endpoint": f"{issuer}/oidc/v1/userinfo",
        "end_session_endpoint": f"{issuer}/oidc/v1/end_session",
        "jwks_uri": f"{issuer}/oauth/v2/keys",
        "scopes_supported": sorted(OIDC_SCOPES),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "client_credentials", "refresh_token"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": [
            "none",
            "client_secret_basic",
            "client_secret_post",
        ],
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": [
            "sub",
            "aud",
            "exp",
            "iat",
            "iss",
            "auth_time",
            "nonce",
            "azp",
            "name",
            "given_name",
            "family_name",
            "preferred_username",
            "email",
            "email_verified",
            "locale",
            "urn:jtl:app_id",
            "urn:jtl:tenant_id",
        ],  # fmt: skip
        "request_parameter_supported": False,
        "request_uri_parameter_supported": False,
        "ui_locales_supported": ["de", "en"],
    }


def token_response(issued: IssuedToken) -> Response:
    """Zitadel's shape: no ``scope`` echoed; ID/refresh token only when issued."""
    body: dict[str, Any] = {
        "access_token": issued.access_token,
        "token_type": "Bearer",
        "expires_in": issued.expires_in,
    }
    if issued.id_token is not None:
        body["id_token"] = issued.id_token
    if issued.refresh_token is not None:
        body["refresh_token"] = issued.refresh_token
    return json_response(body, no_store=True)


def identity_blueprint(*, state: IdentityState) -> Blueprint:
    """All identity routes of one sandbox app, bound to ``state``."""
    blueprint = Blueprint("jtl_identity", __name__)

    @blueprint.before_request
    def count_and_inject_faults() -> Response | None:
        name = (request.endpoint or "").rpartition(".")[2]
        if name not in ENDPOINT_AREAS:
            return None
        state.counters.increment(name=name)
        return fault_apply(faults=state.faults, area=ENDPOINT_AREAS[name])

    @blueprint.get("/.well-known/openid-configuration")
    def discovery() -> Response:
        return json_response(discovery_document(issuer=state.config.issuer))

    @blueprint.get("/oauth/v2/keys")
    def keys() -> Response:
        return json_response(state.keys.jwks())

    @blueprint.post("/oauth/v2/token")
    def token() -> Response:
        grant_type = request.form.get("grant_type")
        if not grant_type:
            return oauth_error("invalid_request", description="grant_type missing")
        handler = {
            "client_credentials": _client_credentials_grant,
            "authorization_code": _authorization_code_grant,
            "refresh_token": _refresh_token_grant,
        }.get(grant_type)
        if handler is None:
            return oauth_error("unsupported_grant_type")
        return handler(state=state)

    register_signin_routes(blueprint, state=state)
    register_account_routes(blueprint, state=state)
    return blueprint


def _authenticated_client(
    *, state: IdentityState, secret_required: bool
) -> SandboxClient | Response:
    """RFC 6749 §5.2: unknown client or wrong secret is 401 ``invalid_client``."""
    credentials = client_credentials(request)
    if credentials is None:
        return oauth_error("invalid_client", status=401, basic=True)
    client = client_authenticate(
        config=state.config, credentials=credentials, secret_required=secret_required
    )
    if client is None:
        return oauth_error("invalid_client", status=401, basic=credentials.via_basic)
    return client


def _client_credentials_grant(*, state: IdentityState) -> Response:
    client = _authenticated_client(state=state, secret_required=True)
    if isinstance(client, Response):
        return client
    scopes = request.form.get("scope", "").split()
    if not scopes:
        return oauth_error("invalid_request", description=SCOPE_MISSING)
    if "openid" not in scopes:
        return oauth_error("invalid_scope", description=OPENID_MISSING)
    return token_response(state.tokens.mint_service_token(client=client))


def _authorization_code_grant(*, state: IdentityState) -> Response:
    client = _authenticated_client(state=state, secret_required=False)
    if isinstance(client, Response):
        return client
    code = request.form.get("code")
    redirect_uri = request.form.get("redirect_uri")
    verifier = request.form.get("code_verifier")
    if not code or not redirect_uri or not verifier:
        return oauth_error("invalid_request", description="code, redirect_uri, code_verifier")
    issued = state.flows.code_redeem(
        client=client, code=code, redirect_uri=redirect_uri, code_verifier=verifier
    )
    if issued is None:
        return oauth_error("invalid_grant")
    return token_response(issued)


def _refresh_token_grant(*, state: IdentityState) -> Response:
    client = _authenticated_client(state=state, secret_required=False)
    if isinstance(client, Response):
        return client
    refresh_token = request.form.get("refresh_token")
    if not refresh_token:
        return oauth_error("invalid_request", description="refresh_token missing")
    issued = state.flows.user_refresh(client=client, refresh_token=refresh_token)
    if issued is None:
        return oauth_error("invalid_grant")
    return token_response(issued)
