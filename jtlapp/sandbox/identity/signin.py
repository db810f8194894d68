"""Browser sign-in for the Hub launcher page: authorize (code + PKCE), userinfo, end session.

The sandbox never redirects to a URI the client has not registered: an unknown client or
redirect URI gets an error page (RFC 6749 §4.1.2.1), later errors go back to the client.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from flask import Blueprint, Response, request
from markupsafe import Markup

from jtlapp.sandbox.config import SandboxClient
from jtlapp.sandbox.identity.flows import OIDC_SCOPES, user_profile
from jtlapp.sandbox.identity.grants import UserGrant
from jtlapp.sandbox.identity.oauth_http import bearer_token, json_response
from jtlapp.sandbox.identity.principal import PrincipalKind
from jtlapp.sandbox.identity.state import IdentityState

AUTHORIZE_PARAMETERS = (
    "client_id",
    "redirect_uri",
    "response_type",
    "scope",
    "state",
    "nonce",
    "code_challenge",
    "code_challenge_method",
)


@dataclass(frozen=True, kw_only=True)
class AuthorizeRequest:
    client: SandboxClient
    redirect_uri: str
    scopes: tuple[str, ...]
    state: str | None
    nonce: str | None
    code_challenge: str


def _page(*, title: str, body: Markup, status: int = 200) -> Response:
    html = Markup(
        "<!doctype html><html lang='de'><head><meta charset='utf-8'><title>{}</title></head>"
        "<body><main><h1>{}</h1>{}</main></body></html>"
    ).format(title, title, body)
    return Response(str(html), status=status, mimetype="text/html")


def _error_page(message: str) -> Response:
    return _page(
        title="JTL Sign-in", body=Markup("<p role='alert'>{}</p>").format(message), status=400
    )


def _redirect_to_client(*, redirect_uri: str, params: Mapping[str, str | None]) -> Response:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    separator = "&" if urlsplit(redirect_uri).query else "?"
    response = Response(status=302)
    response.headers["Location"] = f"{redirect_uri}{separator}{query}"
    return response


def _authorize_parse(
    *, state: IdentityState, params: Mapping[str, str]
) -> AuthorizeRequest | Response:
    """Validate client and redirect URI first; only then may errors be sent to the client."""
    client = state.config.client(params.get("client_id", ""))
    redirect_uri = params.get("redirect_uri", "")
    if client is None:
        return _error_page("Unknown client_id.")
    if redirect_uri not in client.redirect_uris:
        return _error_page("The redirect_uri is not registered for this client.")
    scopes = tuple(params.get("scope", "").split())
    error: tuple[str, str] | None = None
    if params.get("response_type") != "code":
        error = ("unsupported_response_type", "only response_type=code is supported")
    elif "openid" not in scopes:
        error = ("invalid_scope", "The scope openid is missing in your request.")
    elif not params.get("code_challenge") or params.get("code_challenge_method") != "S256":
        error = ("invalid_request", "PKCE with code_challenge_method=S256 is required")
    if error is not None:
        return _redirect_to_client(
            redirect_uri=redirect_uri,
            params={"error": error[0], "error_description": error[1], "state": params.get("state")},
        )
    return AuthorizeRequest(
        client=client,
        redirect_uri=redirect_uri,
        scopes=scopes,
        state=params.get("state"),
        nonce=params.get("nonce"),
        code_challenge=params["code_challenge"],
    )


def _options(choices: Mapping[str, str], *, name: str) -> Markup:
    items = Markup("").join(
        Markup("<option value='{}'>{}</option>").format(key, label)
        for key, label in choices.items()
    )
    return Markup("<label>{} <select name='{}'>{}</select></label>").format(name, name, items)


def _sign_in_form(*, state: IdentityState, params: Mapping[str, str]) -> Response:
    hidden = Markup("").join(
        Markup("<input type='hidden' name='{}' value='{}'>").format(name, params[name])
        for name in AUTHORIZE_PARAMETERS
        if name in params
    )
    form = Markup(
        "<form method='post' action='/oauth/v2/authorize'>{}<p>{}</p><p>{}</p>"
        "<button type='submit' name='action' value='allow'>Sign in</button> "
        "<button type='submit' name='action' value='deny'>Cancel</button></form>"
    ).format(
        hidden, _options(state.users, name="user_id"), _options(state.tenants, name="tenant_id")
    )
    return _page(title="JTL Sign-in", body=form)


def _sign_in(*, state: IdentityState, parsed: AuthorizeRequest) -> Response:
    if request.form.get("action") == "deny":
        return _redirect_to_client(
            redirect_uri=parsed.redirect_uri,
            params={"error": "access_denied", "state": parsed.state},
        )
    user_id = request.form.get("user_id", "")
    tenant_id = request.form.get("tenant_id", "")
    if user_id not in state.users or tenant_id not in state.tenants:
        return _error_page("Unknown user or tenant.")
    oidc_scopes = [scope for scope in parsed.scopes if scope in OIDC_SCOPES]
    grant = UserGrant(
        client_id=parsed.client.client_id,
        app_id=parsed.client.app_id,
        user_id=user_id,
        tenant_id=tenant_id,
        scopes=(*dict.fromkeys(oidc_scopes), *parsed.client.scopes),
        nonce=parsed.nonce,
    )
    code = state.flows.code_issue(
        grant=grant, redirect_uri=parsed.redirect_uri, code_challenge=parsed.code_challenge
    )
    return _redirect_to_client(
        redirect_uri=parsed.redirect_uri, params={"code": code, "state": parsed.state}
    )


def register_signin_routes(blueprint: Blueprint, *, state: IdentityState) -> None:
    @blueprint.route("/oauth/v2/authorize", methods=["GET", "POST"])
    def authorize() -> Response:
        source = request.args if request.method == "GET" else request.form
        params = {name: source[name] for name in AUTHORIZE_PARAMETERS if name in source}
        parsed = _authorize_parse(state=state, params=params)
        if isinstance(parsed, Response):
            return parsed
        if request.method == "GET":
            return _sign_in_form(state=state, params=params)
        return _sign_in(state=state, parsed=parsed)

    @blueprint.route("/oidc/v1/userinfo", methods=["GET", "POST"])
    def userinfo() -> Response:
        token = bearer_token(request)
        principal = state.token_introspect(token=token) if token else None
        if (
            principal is None
            or principal.kind is not PrincipalKind.APP_TOKEN
            or not principal.user_id
        ):
            response = json_response({"error": "invalid_token"}, status=401)
            response.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
            return response
        profile = user_profile(user_id=principal.user_id, users=state.users)
        return json_response({"sub": principal.user_id, **profile}, no_store=True)

    @blueprint.get("/oidc/v1/end_session")
    def end_session() -> Response:
        target = request.args.get("post_logout_redirect_uri")
        client = state.config.client(request.args.get("client_id", ""))
        if target and client and _same_origin_as_registered(client=client, uri=target):
            return _redirect_to_client(
                redirect_uri=target, params={"state": request.args.get("state")}
            )
        return _page(title="Signed out", body=Markup("<p>You are signed out.</p>"))


def _same_origin_as_registered(*, client: SandboxClient, uri: str) -> bool:
    """Post-logout redirects go only to an origin the client registered a redirect URI on."""
    origin = urlsplit(uri)
    return any(
        (urlsplit(registered).scheme, urlsplit(registered).netloc) == (origin.scheme, origin.netloc)
        for registered in client.redirect_uris
    )
