"""Fixtures for the host shell: a stand-in "app" HTTP server and a sandbox that embeds it."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from jtlapp.sandbox.app import sandbox_app_create
from jtlapp.sandbox.config import DEMO_USERS, SandboxConfig
from jtlapp.sandbox.state import SandboxState
from tests.conftest import free_port
from tests.sandbox.conftest import CLIENT, TODAY

USER_A, USER_B = list(DEMO_USERS)
REPO = Path(__file__).resolve().parents[3]
PROJECT_MANIFEST: dict[str, Any] = json.loads((REPO / "manifest.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class AppServer:
    """Our app's stand-in on its own origin: records every request, serves ``page`` on GET."""

    url: str
    page: str = "<!doctype html><title>app</title><p>app page</p>"
    requests: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def received(self, *, method: str, path: str) -> list[Received]:
        with self.lock:
            return [r for r in self.requests if r.method == method and r.path == path]


def _handler(server: AppServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _record(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            entry = Received(self.command, self.path, dict(self.headers.items()), body)
            with server.lock:
                server.requests.append(entry)

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._record()
            payload = server.page.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_POST(self) -> None:  # noqa: N802
            self._record()
            self.send_response(202)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    return Handler


@pytest.fixture
def app_server() -> Iterator[AppServer]:
    port = free_port()
    server = AppServer(url=f"http://127.0.0.1:{port}")
    httpd = ThreadingHTTPServer(("127.0.0.1", port), _handler(server))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()


def host_sandbox_create(*, manifest: dict[str, Any] | None, app_base_url: str | None) -> Flask:
    config = SandboxConfig(
        base_url="http://localhost:8001",
        clients=(CLIENT,),
        manifest=manifest,
        app_base_url=app_base_url,
    )
    return sandbox_app_create(config=config, today=TODAY)


@pytest.fixture
def host_app(app_server: AppServer) -> Flask:
    """A sandbox whose host shell embeds the project's manifest, rebased onto ``app_server``."""
    return host_sandbox_create(manifest=PROJECT_MANIFEST, app_base_url=app_server.url)


@pytest.fixture
def host(host_app: Flask) -> FlaskClient:
    return host_app.test_client()


@pytest.fixture
def host_state(host_app: Flask) -> SandboxState:
    return host_app.config["SANDBOX_STATE"]
