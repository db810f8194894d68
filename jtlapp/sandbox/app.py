"""The sandbox WSGI app: one origin that plays every JTL host."""

from __future__ import annotations

from datetime import date

from flask import Flask, Response, request

from jtlapp.sandbox.config import SandboxConfig
from jtlapp.sandbox.control import control_blueprint
from jtlapp.sandbox.erp_http import erp_blueprint, json_response
from jtlapp.sandbox.host import host_blueprint
from jtlapp.sandbox.identity.blueprint import identity_blueprint
from jtlapp.sandbox.identity.onpremise import onpremise_blueprint
from jtlapp.sandbox.state import SandboxState
from jtlapp.sandbox.webhooks_control import webhooks_blueprint


def sandbox_app_create(*, config: SandboxConfig, today: date | None = None) -> Flask:
    state = SandboxState(config=config, today=today)
    app = Flask("jtlapp.sandbox")
    app.config["SANDBOX_STATE"] = state
    app.register_blueprint(
        onpremise_blueprint(registry=state.onpremise, counters=state.identity.counters)
    )
    app.register_blueprint(identity_blueprint(state=state.identity))
    app.register_blueprint(erp_blueprint(state=state))
    app.register_blueprint(control_blueprint(state=state))
    app.register_blueprint(webhooks_blueprint(state=state))
    app.register_blueprint(host_blueprint(state=state))

    @app.get("/")
    def index() -> Response:
        """JSON for API clients; a browser goes on to the ERP host shell under ``/host/``."""
        if request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html":
            return Response(status=302, headers={"Location": "/host/"})
        return json_response(
            {
                "sandbox": "JTL platform stand-in",
                "issuer": config.issuer,
                "discovery": f"{config.issuer}/.well-known/openid-configuration",
                "erp": f"{config.api_base_url}/erp/v2/info",
                "control": f"{config.base_url.rstrip('/')}/_sandbox/state",
                "host": f"{config.base_url.rstrip('/')}/host/",
            },
            status=200,
        )

    return app
