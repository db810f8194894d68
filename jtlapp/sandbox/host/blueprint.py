"""The host shell: a small web UI on the sandbox origin that plays JTL's ERP Cloud and Hub.

It embeds our app's pages (setup, menu entries, customer and sales-order panes) as cross-origin
iframes and speaks the host side of the AppBridge protocol through ``static/host.js``, so the
pages can be developed and browser-tested with no JTL account. Everything lives under
``/host/``: the pages here, customers and sales orders in ``record_routes``, the JSON endpoints
host.js calls in ``api``.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, request

from jtlapp.sandbox.host.api import register_api_routes
from jtlapp.sandbox.host.lifecycle import lifecycle_event_send
from jtlapp.sandbox.host.manifest import host_app_from_config
from jtlapp.sandbox.host.pages import ShellPages, shell_headers
from jtlapp.sandbox.host.record_routes import register_record_routes
from jtlapp.sandbox.host.selection import selection_from_request
from jtlapp.sandbox.state import SandboxState


def host_blueprint(*, state: SandboxState) -> Blueprint:
    """All shell routes, bound to one sandbox's state and its configured app manifest."""
    blueprint = Blueprint(
        "host", __name__, url_prefix="/host", template_folder="templates", static_folder="static"
    )
    pages = ShellPages(state=state, app=host_app_from_config(config=state.config))
    app = pages.app

    @blueprint.after_request
    def headers(response: Response) -> Response:
        return shell_headers(response=response, app=app)

    @blueprint.get("/")
    def home() -> Response:
        return pages.render("host/home.html", selection=selection_from_request(request=request))

    @blueprint.get("/install")
    def install() -> Response:
        return pages.render("host/install.html", selection=selection_from_request(request=request))

    @blueprint.post("/uninstall")
    def uninstall() -> Response:
        """The Uninstall button: no JavaScript needed, the result renders on the overview."""
        selection = selection_from_request(request=request)
        url = app.disconnect_url if app else None
        result = lifecycle_event_send(state=state, selection=selection, event="disconnect", url=url)
        return pages.render("host/home.html", selection=selection, result=result)

    @blueprint.get("/apps/<item_id>")
    def menu_item(item_id: str) -> Response:
        item = next((i for i in (app.menu_items if app else ()) if i.id == item_id), None)
        if item is None:
            abort(404)
        selection = selection_from_request(request=request)
        return pages.render("host/menu_item.html", selection=selection, item=item)

    register_record_routes(blueprint, pages=pages)
    register_api_routes(blueprint, state=state, app=app)
    return blueprint
