"""Request parsing and response shapes shared by the identity endpoints (RFC 6749/6750)."""

from __future__ import annotations

import base64
import binascii
import secrets
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_plus

from flask import Request, Response, jsonify

from jtlapp.sandbox.config import SandboxClient, SandboxConfig

MAX_AUTHORIZATION_HEADER = 16 * 1024


@dataclass(frozen=True, kw_only=True)
class ClientCredentials:
    client_id: str
    client_secret: str | None = field(repr=False)
    via_basic: bool


def json_response(body: Any, *, status: int = 200, no_store: bool = False) -> Response:
    response = jsonify(body)
    response.status_code = status
    if no_store:
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
    return response


def oauth_error(
    error: str, *, description: str | None = None, status: int = 400, basic: bool = False
) -> Response:
    """RFC 6749 §5.2 error body; 401 ``invalid_client`` after Basic auth carries a challenge."""
    body = {"error": error} | ({"error_description": description} if description else {})
    response = json_response(body, status=status, no_store=True)
    if status == 401 and basic:
        response.headers["WWW-Authenticate"] = 'Basic realm="token"'
    return response


def bearer_token(request: Request) -> str | None:
    """The token of a single ``Authorization: Bearer <token>`` header; anything else is None."""
    values = request.headers.getlist("Authorization")
    if len(values) != 1 or len(values[0]) > MAX_AUTHORIZATION_HEADER:
        return None
    scheme, _, token = values[0].partition(" ")
    if scheme.lower() != "bearer" or not token or " " in token:
        return None
    return token


def client_credentials(request: Request) -> ClientCredentials | None:
    """HTTP Basic (form-urlencoded parts, RFC 6749 §2.3.1) or ``client_secret_post``/public."""
    header = request.headers.get("Authorization", "")
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(encoded, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        client_id, separator, secret = decoded.partition(":")
        if not separator or "client_secret" in request.form:
            return None
        return ClientCredentials(
            client_id=unquote_plus(client_id), client_secret=unquote_plus(secret), via_basic=True
        )
    form_client_id = request.form.get("client_id")
    if not form_client_id:
        return None
    return ClientCredentials(
        client_id=form_client_id, client_secret=request.form.get("client_secret"), via_basic=False
    )


def client_authenticate(
    *, config: SandboxConfig, credentials: ClientCredentials, secret_required: bool
) -> SandboxClient | None:
    """The client if the secret matches (constant time); public clients may omit it for PKCE."""
    client = config.client(credentials.client_id)
    if client is None:
        return None
    if credentials.client_secret is None:
        return None if secret_required or not client.redirect_uris else client
    if not secrets.compare_digest(
        credentials.client_secret.encode(), client.client_secret.encode()
    ):
        return None
    return client
