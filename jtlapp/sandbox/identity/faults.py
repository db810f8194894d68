"""Injected IdP faults (latency, error status, HTML error pages) from the control surface.

Typed as protocols so the identity package does not depend on the sandbox's fault module.
"""

from __future__ import annotations

import time
from typing import Protocol

from flask import Response

from jtlapp.sandbox.identity.oauth_http import json_response

ENDPOINT_AREAS: dict[str, str | None] = {
    "discovery": "keys",
    "keys": "keys",
    "token": "token",
    "authorize": None,
    "userinfo": None,
    "end_session": None,
    "legacy_token": "token",
    "legacy_jwks": "keys",
    "delegated_token": "account",
    "delegated_token_refresh": "account",
    "tenants": "account",
}
"""View name (also the call-counter name) -> fault area it belongs to."""


class FaultLike(Protocol):
    @property
    def status(self) -> int | None: ...

    @property
    def latency_ms(self) -> int: ...

    @property
    def html(self) -> bool: ...


class FaultSource(Protocol):
    def take(self, *, area: str) -> FaultLike | None: ...


def fault_apply(*, faults: FaultSource | None, area: str | None) -> Response | None:
    """Sleep for the injected latency; return the injected error response, if any."""
    if faults is None or area is None:
        return None
    fault = faults.take(area=area)
    if fault is None:
        return None
    if fault.latency_ms:
        time.sleep(fault.latency_ms / 1000)
    if fault.status is None:
        return None
    if fault.html:
        html = f"<html><body><h1>{fault.status}</h1><p>Injected fault</p></body></html>"
        return Response(html, status=fault.status, mimetype="text/html")
    if area == "token":
        error = "server_error" if fault.status >= 500 else "invalid_request"
        return json_response({"error": error}, status=fault.status, no_store=True)
    body = {"errorCode": "SANDBOX_FAULT", "errorMessage": "Injected fault"}
    return json_response(body, status=fault.status)
