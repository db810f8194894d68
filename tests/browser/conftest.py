"""Browser tests: Debian's Chromium driven by Playwright against the app and the sandbox.

As with ``make run``: the app serves its pages on one origin (``live_app``), the sandbox plays
JTL's ERP on another and embeds them as cross-origin iframes. Skipped with a reason where no
Chromium is installed (a fresh laptop); ``.ci/run`` installs it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.handlers.wsgi import WSGIHandler
from django.db import connections
from playwright.sync_api import Browser, Page
from werkzeug.serving import make_server

from tests.browser.session import module_browser
from tests.conftest import LiveSandbox, app_url


def _closing_connections(app: Any) -> Any:
    """Each request runs on a new thread; close its database connections when it is done,
    so none outlives the test database."""

    def wsgi(environ: Any, start_response: Any) -> Any:
        try:
            return list(app(environ, start_response))
        finally:
            connections.close_all()

    return wsgi


@pytest.fixture(scope="session")
def live_app_server() -> Iterator[str]:
    """Django (with static files) on the origin the sandbox's manifest points at."""
    port = urlsplit(app_url()).port
    assert port is not None
    app = _closing_connections(StaticFilesHandler(WSGIHandler()))
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield app_url()
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def live_app(live_app_server: str, transactional_db: None) -> str:
    """The app's URL; the test's data is committed, so the server's threads see it."""
    return live_app_server


@pytest.fixture
def page(browser: Browser, platform: LiveSandbox) -> Iterator[Page]:
    """A fresh browser context per test; page errors fail the test at the end."""
    context = browser.new_context(locale="en-US")
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield opened
    finally:
        context.close()
    assert errors == [], f"page errors: {errors}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Chromium for this module only: Playwright's event loop must not outlive the browser
    tests (``tests.browser.session``)."""
    yield from module_browser()
