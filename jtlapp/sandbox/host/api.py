"""The shell's same-origin JSON endpoints: what ``host.js`` asks the sandbox for.

``getAppToken``/``getSessionToken`` need keys only the sandbox process holds, and
``setupCompleted`` makes the sandbox call our app's ``connectUrl``; the browser reaches them
here. POSTs from another site are refused, so a page elsewhere cannot uninstall a tenant.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request

from jtlapp.sandbox.erp_http import json_response
from jtlapp.sandbox.host.lifecycle import host_app_token, lifecycle_event_send
from jtlapp.sandbox.host.manifest import HostApp
from jtlapp.sandbox.host.selection import selection_from_request
from jtlapp.sandbox.identity.tokens import session_token_mint
from jtlapp.sandbox.state import SandboxState

SAME_SITE_FETCHES = frozenset({"same-origin", "none"})


def _body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else {}


def _cross_site_refusal() -> Response | None:
    """Browsers name the initiator in ``Sec-Fetch-Site``; tests and curl send none."""
    if request.method != "POST":
        return None
    site = request.headers.get("Sec-Fetch-Site")
    if site is None or site in SAME_SITE_FETCHES:
        return None
    return json_response({"error": "cross-site request refused"}, status=403)


def register_api_routes(blueprint: Blueprint, *, state: SandboxState, app: HostApp | None) -> None:
    blueprint.before_request(_cross_site_refusal)

    @blueprint.post("/api/app-token")
    def api_app_token() -> Response:
        selection = selection_from_request(request=request, body=_body())
        token = host_app_token(state=state, selection=selection)
        return json_response(
            {"accessToken": token}, status=200, headers={"Cache-Control": "no-store"}
        )

    @blueprint.post("/api/session-token")
    def api_session_token() -> Response:
        selection = selection_from_request(request=request, body=_body())
        token = session_token_mint(
            state=state.identity, tenant_id=selection.tenant_id, user_id=selection.user_id
        )
        return json_response(
            {"sessionToken": token}, status=200, headers={"Cache-Control": "no-store"}
        )

    @blueprint.post("/api/install")
    def api_install() -> Response:
        """``setupCompleted`` from the setup page: mark installed, then POST ``connectUrl``."""
        selection = selection_from_request(request=request, body=_body())
        url = app.connect_url if app else None
        result = lifecycle_event_send(state=state, selection=selection, event="connect", url=url)
        return json_response(result.as_json(), status=200)

    @blueprint.post("/api/uninstall")
    def api_uninstall() -> Response:
        selection = selection_from_request(request=request, body=_body())
        url = app.disconnect_url if app else None
        result = lifecycle_event_send(state=state, selection=selection, event="disconnect", url=url)
        return json_response(result.as_json(), status=200)
