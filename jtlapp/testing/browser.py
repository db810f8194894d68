"""Browser fixtures: Debian's Chromium through Playwright, and the app served to it.

As with ``make run``: the app serves its pages on one origin (``live_app``), the sandbox plays
JTL's ERP on another and embeds them as cross-origin iframes. Without Chromium the tests are
skipped, and the run ends saying so and how to install it (``pytest_terminal_summary``).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from jtlapp.testing.live import LiveSandbox, app_url

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_MISSING = "Chromium is not installed (Debian package chromium; .ci/run installs it)"
CHROMIUM_ENABLE = "apt-get install -y chromium"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium per test module (Debian's, driven by Playwright); skipped without it.

    Per module, not per run: while Playwright's sync API is open the thread counts as inside
    an event loop, which would make later non-browser tests' sync clients refuse to run.

    Playwright's sync API keeps an event loop on the test thread, which makes Django refuse
    ORM calls there as "async context"; browser tests call the ORM only between browser steps.
    """
    if not os.path.exists(CHROMIUM):  # noqa: PTH110
        pytest.skip(CHROMIUM_MISSING)
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - dev-only

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


def _closing_connections(app: Any) -> Any:
    """Close each request thread's database connections, so none outlives the test database."""
    from django.db import connections  # noqa: PLC0415

    def wsgi(environ: Any, start_response: Any) -> Any:
        try:
            return list(app(environ, start_response))
        finally:
            connections.close_all()

    return wsgi


@pytest.fixture(scope="session")
def live_app_server() -> Iterator[str]:
    """Django (with static files) on the origin the sandbox's manifest points at."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler  # noqa: PLC0415
    from django.core.handlers.wsgi import WSGIHandler  # noqa: PLC0415
    from werkzeug.serving import make_server  # noqa: PLC0415

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
def page(browser: Any, platform: LiveSandbox) -> Iterator[Any]:
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
