"""Rendering the shell's pages: shared layout context and the headers every page carries.

The shell embeds our app's pages, so its own CSP names exactly the app's origins in
``frame-src`` (a pane URL on another origin fails loudly, as it would in JTL's ERP) and lets no
one frame the shell itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Response, render_template, request

from jtlapp.sandbox.config import DEMO_TENANTS, DEMO_USERS
from jtlapp.sandbox.host.manifest import HostApp
from jtlapp.sandbox.host.selection import Selection, selection_remember
from jtlapp.sandbox.state import SandboxState

FRAME_SANDBOX = "allow-scripts allow-same-origin allow-forms allow-popups allow-downloads"
"""What the shell lets embedded app pages do; no top navigation, as in an ERP pane."""


def shell_csp(*, app: HostApp | None) -> str:
    origins = " ".join(app.frame_origins()) if app else ""
    frames = origins or "'none'"
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            f"frame-src {frames}",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "base-uri 'none'",
            "object-src 'none'",
        ]
    )


def shell_headers(*, response: Response, app: HostApp | None) -> Response:
    response.headers["Content-Security-Policy"] = shell_csp(app=app)
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"
    return response


@dataclass(frozen=True, kw_only=True)
class ShellPages:
    """Renders templates inside the shell layout for one sandbox and its app."""

    state: SandboxState
    app: HostApp | None

    def render(
        self, template: str, *, selection: Selection, status: int = 200, **context: Any
    ) -> Response:
        """Render ``template`` and remember the tenant/user choice for the next page."""
        html = render_template(
            template,
            selection=selection,
            app=self.app,
            installed=self.state.tenant_installed(selection.tenant_id),
            tenants=DEMO_TENANTS,
            users=DEMO_USERS,
            frame_sandbox=FRAME_SANDBOX,
            current_path=request.path,
            **context,
        )
        response = Response(html, status=status, content_type="text/html; charset=utf-8")
        selection_remember(response=response, selection=selection)
        return response
