"""A live sandbox on its own port, served from a thread, shared by the sandbox tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import httpx
import pytest
from werkzeug.serving import BaseWSGIServer, make_server

from jtlapp.sandbox.app import sandbox_app_create
from jtlapp.sandbox.config import DEMO_TENANTS, DEMO_USERS, SandboxClient, SandboxConfig
from jtlapp.sandbox.state import SandboxState
from tests.conftest import free_port

TODAY = date(2026, 11, 23)
TENANT_A, TENANT_B = list(DEMO_TENANTS)
USER_A = next(iter(DEMO_USERS))
CLIENT = SandboxClient(
    client_id="test-client",
    client_secret="test-client-secret",
    app_id="test-app",
    scopes=("customers.read", "items.read", "salesorders.read", "salesorders.write"),
    redirect_uris=("http://localhost:8000/panes/hub/callback",),
)


@dataclass(frozen=True)
class LiveSandbox:
    url: str
    state: SandboxState
    server: BaseWSGIServer

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=10)

    def service_token(self) -> str:
        response = httpx.post(
            f"{self.url}/oauth/v2/token",
            data={"grant_type": "client_credentials", "scope": "openid"},
            auth=(CLIENT.client_id, CLIENT.client_secret),
        )
        response.raise_for_status()
        return response.json()["access_token"]

    def app_token(self, **claims: object) -> str:
        body = {"tenantId": TENANT_A, "userId": USER_A, **claims}
        response = httpx.post(f"{self.url}/_sandbox/app-token", json=body)
        response.raise_for_status()
        return response.json()["accessToken"]


@pytest.fixture(scope="session")
def live_sandbox() -> Iterator[LiveSandbox]:
    port = free_port()
    config = SandboxConfig(base_url=f"http://localhost:{port}", clients=(CLIENT,))
    app = sandbox_app_create(config=config, today=TODAY)
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveSandbox(url=config.base_url, state=app.config["SANDBOX_STATE"], server=server)
    finally:
        server.shutdown()


@pytest.fixture
def sandbox(live_sandbox: LiveSandbox) -> LiveSandbox:
    """The live sandbox with faults, counters and rate limits as new."""
    with live_sandbox.client() as client:
        client.delete("/_sandbox/faults").raise_for_status()
        client.post("/_sandbox/counters/reset").raise_for_status()
        client.post("/_sandbox/rate-limit", json={"limit": 600}).raise_for_status()
    return live_sandbox
