"""host.js in a real Chromium: handshake, host methods, events to a cross-origin pane, no reload.

The "app" is a throwaway page served from a second local server (another origin) that speaks
the app side of the AppBridge wire protocol inline, so this tests the shell and nothing of ours.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from playwright.sync_api import Browser, Frame, Page
from werkzeug.serving import make_server

from jtlapp.sandbox.app import sandbox_app_create
from jtlapp.sandbox.config import SandboxConfig
from jtlapp.sandbox.identity.principal import PrincipalKind
from jtlapp.sandbox.state import SandboxState
from tests.conftest import free_port
from tests.sandbox.conftest import CLIENT, TENANT_A, TODAY
from tests.sandbox.host.conftest import AppServer

pytestmark = [pytest.mark.browser]

APP_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>test pane</title></head>
<body><p>test pane</p>
<script>
window.bootId = Math.random().toString(36).slice(2);
window.app = { events: [], ready: false, handshakes: 0 };
let port = null;
let seq = 0;
const pending = new Map();
const exposed = { ping: (text) => "pong:" + text };
window.appCall = (methodName, ...args) => new Promise((resolve, reject) => {
  const id = "app-" + (++seq);
  pending.set(id, { resolve, reject });
  port.postMessage({ id, type: "METHOD_CALL", body: { methodName, args } });
});
function onPortMessage(event) {
  const m = event.data;
  if (m.type === "METHOD_CALL_RETURN" || m.type === "METHOD_CALL_ERROR") {
    const waiting = pending.get(m.id);
    pending.delete(m.id);
    if (m.type === "METHOD_CALL_RETURN") waiting.resolve(m.body);
    else waiting.reject(new Error(m.body.message));
  } else if (m.type === "EVENT_TRIGGER") {
    window.app.events.push(m.body);
    port.postMessage({ id: m.id, type: "EVENT_TRIGGER_CONFIRMATION" });
  } else if (m.type === "METHOD_CALL") {
    const fn = exposed[m.body.methodName];
    port.postMessage(fn
      ? { id: m.id, type: "METHOD_CALL_RETURN", body: fn(...m.body.args) }
      : { id: m.id, type: "METHOD_CALL_ERROR", body: { message: "not exposed" } });
  }
}
window.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "HANDSHAKE") return;
  window.app.handshakes += 1;
  if (port || !event.ports[0]) return;
  port = event.ports[0];
  port.onmessage = onPortMessage;
  (async () => {
    const within = (call) => Promise.race([call, new Promise((_, reject) =>
      setTimeout(() => reject(new Error("silence")), 500))]);
    window.app.handshakeResult = await window.appCall("completeHandshake");
    try {
      window.app.token = (await within(window.appCall("getAppToken"))).accessToken;
    } catch (error) {
      window.app.sessionToken = await window.appCall("getSessionToken");
    }
    window.app.initialCustomerId = await window.appCall("getCurrentCustomerId");
    try {
      await within(window.appCall("noSuchMethod"));
    } catch (error) {
      window.app.unknownError = error.message;
    }
    if (location.pathname === "/setup") {
      window.app.setupResult = await window.appCall("setupCompleted");
    }
    window.app.ready = true;
  })();
});
</script></body></html>
"""

PANE_PATH = "/pane/customer?x=1"
MANIFEST: dict[str, Any] = {
    "technicalName": "browser-test-app",
    "lifecycle": {
        "configurationUrl": "http://localhost:8000/setup",
        "connectUrl": "http://localhost:8000/lifecycle/connect",
    },
    "capabilities": {
        "erp": {
            "pane": [
                {
                    "id": "test-pane",
                    "context": "customers",
                    "title": "Test pane",
                    "url": "http://localhost:8000/pane/customer?x=1",
                }
            ]
        }
    },
}


@pytest.fixture
def live_host(app_server: AppServer) -> Iterator[tuple[str, SandboxState]]:
    app_server.page = APP_PAGE
    port = free_port()
    config = SandboxConfig(
        base_url=f"http://localhost:{port}",
        clients=(CLIENT,),
        manifest=MANIFEST,
        app_base_url=app_server.url,
    )
    app = sandbox_app_create(config=config, today=TODAY)
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield config.base_url, app.config["SANDBOX_STATE"]
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def _browser_page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A Chromium page and the errors it reports (CSP violations arrive as console errors)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        yield page, errors
    finally:
        context.close()


def _app_frame(page: Page, app_server: AppServer) -> Frame:
    page.wait_for_function("() => window.jtlHost !== undefined")
    frame = next(f for f in page.frames if f.url.startswith(app_server.url))
    frame.wait_for_function("() => window.app.ready", timeout=10_000)
    return frame


def _customer_ids(state: SandboxState, count: int) -> list[str]:
    data = state.store.tenant(TENANT_A)
    return [data.uuid(kind="customer", key=key) for key in sorted(data.customers)[:count]]


def test_pane_gets_tokens_and_customer_events_without_reloading(
    live_host: tuple[str, SandboxState], app_server: AppServer, browser: Browser
):
    url, state = live_host
    first, second, third = _customer_ids(state, 3)
    with _browser_page(browser) as (page, errors):
        # given: the customer page with the pane, connected over the bridge
        page.goto(f"{url}/host/customers?customer={first}&bridge=sandbox")
        frame = _app_frame(page, app_server)
        app = frame.evaluate("() => window.app")
        boot_id = frame.evaluate("() => window.bootId")

        assert app["handshakeResult"] is True
        assert app["initialCustomerId"] == first
        assert app["unknownError"] == "Method noSuchMethod is not exposed"
        principal = state.identity_introspect(app["token"])
        assert principal is not None
        assert principal.kind == PrincipalKind.APP_TOKEN
        assert principal.tenant_id == TENANT_A

        # when: the host selects another customer, then the merchant clicks a third
        results = page.evaluate("(id) => window.jtlHost.selectCustomer(id)", second)
        page.click(f'a[data-select="customer"][data-record-id="{third}"]')
        frame.wait_for_function("() => window.app.events.length === 2")

        # then: events arrived in the same document, the iframe was not reloaded
        assert results == [{"status": "fulfilled", "value": True}]
        assert frame.evaluate("() => window.app.events") == [
            {"topic": "CustomerChanged", "payload": {"customerId": second}},
            {"topic": "CustomerChanged", "payload": {"customerId": third}},
        ]
        assert frame.evaluate("() => window.bootId") == boot_id
        assert len(app_server.received(method="GET", path=PANE_PATH)) == 1
        assert frame.evaluate("() => window.appCall('getCurrentCustomerId')") == third
        assert third in page.url
        assert page.locator("#record-detail article").get_attribute("data-record-id") == third

        # and: the host can call the app, and the protocol log records the confirmations
        assert page.evaluate("() => window.jtlHost.callApp('ping', 'x')") == "pong:x"
        incoming = page.evaluate(
            "() => window.jtlHost.log"
            ".filter((e) => e.direction === 'in').map((e) => e.message.type)"
        )
        assert incoming.count("EVENT_TRIGGER_CONFIRMATION") == 2
        assert incoming.count("METHOD_CALL_RETURN") == 1
        # and: the debug log shows that a token was handed over, never the token itself
        log_text = page.evaluate("() => JSON.stringify(window.jtlHost.log)")
        assert "[token]" in log_text
        assert not re.search(r"ey[\w-]+\.[\w-]+\.", log_text)
        assert errors == []


def test_setup_completed_installs_and_a_reloaded_page_handshakes_again(
    live_host: tuple[str, SandboxState], app_server: AppServer, browser: Browser
):
    url, state = live_host
    state.tenant_install(TENANT_A, installed=False)
    with _browser_page(browser) as (page, errors):
        # given / when: the setup page completes the handshake and calls setupCompleted
        page.goto(f"{url}/host/install?bridge=sandbox")
        frame = _app_frame(page, app_server)

        # then: the sandbox installed the tenant and told our app's connectUrl
        assert frame.evaluate("() => window.app.setupResult") is True
        assert state.tenant_installed(TENANT_A)
        status = page.locator("#install-status")
        assert status.get_attribute("data-installed") == "true"
        assert "the app answered 202" in status.inner_text()
        [connect] = app_server.received(method="POST", path="/lifecycle/connect")
        assert connect.json() == {"tenantId": TENANT_A, "event": "connect"}

        # and: after the page reloads itself, the host offers a new handshake
        boot_id = frame.evaluate("() => window.bootId")
        frame.evaluate("() => location.reload()")
        page.wait_for_function(
            "() => window.jtlHost.log.filter((e) => e.message.type === 'HANDSHAKE').length === 2"
        )
        frame = _app_frame(page, app_server)
        assert frame.evaluate("() => window.bootId") != boot_id
        assert frame.evaluate("() => window.app.handshakeResult") is True
        assert errors == []


def _handshake_log(page: Page) -> list[dict[str, Any]]:
    return page.evaluate("() => window.jtlHost.log.filter((e) => e.message.type === 'HANDSHAKE')")


def test_the_default_mode_behaves_as_jtls_documented_host(
    live_host: tuple[str, SandboxState], app_server: AppServer, browser: Browser
):
    url, state = live_host
    [first] = _customer_ids(state, 1)
    with _browser_page(browser) as (page, errors):
        page.goto(f"{url}/host/customers?customer={first}")
        frame = _app_frame(page, app_server)

        # one port, sent once the iframe loaded; the app saw exactly one handshake
        assert page.evaluate("() => window.jtlHost.mode") == "jtl"
        assert frame.evaluate("() => window.app.handshakes") == 1
        assert len(_handshake_log(page)) == 1
        assert frame.evaluate("() => window.app.token")
        assert frame.evaluate("() => window.app.initialCustomerId") == first
        # silence on an unknown method: no METHOD_CALL_ERROR, the app's own timeout fired
        assert frame.evaluate("() => window.app.unknownError") == "silence"
        silent = page.evaluate(
            "() => window.jtlHost.log.filter((e) => e.direction === 'silent').length"
        )
        assert silent == 1
        assert errors == []


def test_the_2025_host_hands_out_only_session_tokens(
    live_host: tuple[str, SandboxState], app_server: AppServer, browser: Browser
):
    url, state = live_host
    [first] = _customer_ids(state, 1)
    with _browser_page(browser) as (page, errors):
        page.goto(f"{url}/host/customers?customer={first}&bridge=jtl-2025")
        frame = _app_frame(page, app_server)

        assert frame.evaluate("() => window.app.token") is None
        session = frame.evaluate("() => window.app.sessionToken")
        assert isinstance(session, str)
        assert session.count(".") == 2
        assert errors == []
