"""Fixtures shared by the whole suite: real processes, real Redis, real keys."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import Browser, sync_playwright
from werkzeug.serving import make_server

from jtlapp.core.cli.sandbox import sandbox_config_from_settings
from jtlapp.core.redis import redis_client
from jtlapp.core.services import CELERY_HEARTBEAT_KEY
from jtlapp.sandbox.app import sandbox_app_create
from jtlapp.sandbox.state import SandboxState

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class LiveSandbox:
    """A sandbox served from a thread; tests drive it over HTTP like any other client."""

    url: str
    state: SandboxState

    def control(self, path: str, body: dict[str, object] | None = None) -> dict[str, Any]:
        response = httpx.post(f"{self.url}/_sandbox/{path}", json=body or {}, timeout=10)
        response.raise_for_status()
        return response.json()

    def app_token(self, **claims: object) -> str:
        """What the ERP host hands an embedded page; ``claims`` are control-surface knobs."""
        return self.control("app-token", claims)["accessToken"]

    def session_token(self, **claims: object) -> str:
        return self.control("session-token", claims)["sessionToken"]

    def counters(self) -> dict[str, int]:
        return httpx.get(f"{self.url}/_sandbox/state", timeout=10).json()["counters"]


def app_url() -> str:
    """Where browser tests serve our app (``live_app``); the sandbox embeds pages from here."""
    return f"http://localhost:{os.environ['JTL_TEST_APP_PORT']}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, *, timeout: float, interval: float = 0.1, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {message}")


@pytest.fixture(scope="session")
def jtl_sandbox() -> Iterator[LiveSandbox]:
    """The sandbox our settings point at (``JTL_ISSUER``/``JTL_API_BASE_URL``), on its own port.

    It knows our app by the same client id, secret and app id as the settings and grants the
    scopes of ``manifest.json``, exactly as ``make run`` sets it up; the manifest's URLs point
    at ``app_url()``, where browser tests serve the app.
    """
    config = sandbox_config_from_settings(
        base_url=settings.JTL_ISSUER,
        token_lifetime=3600,
        app_token_lifetime=300,
        app_base_url=app_url(),
        webhooks_to_manifest=False,
    )
    app = sandbox_app_create(config=config)
    server = make_server("127.0.0.1", settings.JTL_SANDBOX_PORT, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveSandbox(url=config.base_url, state=app.config["SANDBOX_STATE"])
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def platform(jtl_sandbox: LiveSandbox) -> LiveSandbox:
    """The suite's sandbox with faults, counters and rate limits as new."""
    with httpx.Client(base_url=jtl_sandbox.url, timeout=10) as client:
        client.delete("/_sandbox/faults").raise_for_status()
        client.post("/_sandbox/counters/reset").raise_for_status()
        client.post("/_sandbox/rate-limit", json={"limit": 600}).raise_for_status()
    return jtl_sandbox


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the whole run (Debian's, driven by Playwright); skipped without it.

    Playwright's sync API keeps an event loop on the test thread, which makes Django refuse
    ORM calls there as "async context"; browser tests call the ORM only between browser steps.
    """
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed (Debian package chromium; .ci/run installs it)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture(autouse=True)
def _language_reset() -> Iterator[None]:
    """A request activates its language on the test thread; the next test starts neutral."""
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def celery_worker_process() -> Iterator[subprocess.Popen[bytes]]:
    """A real Celery worker process consuming from the suite's Redis."""
    redis_client().delete(CELERY_HEARTBEAT_KEY)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    command = [sys.executable, "-m", "celery", "-A", "jtlapp", "worker", "--pool", "solo"]
    process = subprocess.Popen(
        [*command, "--loglevel", "WARNING", "--hostname", f"test-{os.getpid()}@%h"],
        cwd=REPO,
        env=env,
    )
    try:
        wait_for(
            lambda: redis_client().get(CELERY_HEARTBEAT_KEY),
            timeout=60,
            message="the Celery worker to start",
        )
        yield process
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture
def live_worker(celery_worker_process: subprocess.Popen[bytes]) -> subprocess.Popen[bytes]:
    """The session's worker with a heartbeat from just now.

    The worker reports itself at start and then only when beat asks; tests run no beat, so a
    test late in the session would otherwise see an old heartbeat and a "dead" worker.
    """
    from jtlapp.core.tasks import celery_heartbeat_task

    started = time.time()
    celery_heartbeat_task.delay()
    wait_for(
        lambda: float(redis_client().get(CELERY_HEARTBEAT_KEY) or 0) >= started,
        timeout=30,
        message="the worker to run the heartbeat task",
    )
    return celery_worker_process


def _test_database_url() -> str:
    """A URL of the database the tests run on, for worker processes started by a test."""
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    auth = f"{db['USER']}:{db['PASSWORD']}@" if db["PASSWORD"] else f"{db['USER']}@"
    return f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def celery_worker_on_test_db(transactional_db) -> Iterator[str]:
    """A real Celery worker process that reads and writes the test database; yields its queue.

    Use with ``transactional_db`` data: the worker sees only committed rows. Send tasks with
    ``apply_async(queue=<the yielded name>)``; the worker sends its follow-up tasks there too.
    """
    from jtlapp.celery import app

    queue = f"testdb-{os.getpid()}-{time.monotonic_ns()}"
    hostname = f"{queue}@localhost"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": _test_database_url(),
        "JTL_TEST_CELERY_QUEUE": queue,
    }
    command = [sys.executable, "-m", "celery", "-A", "jtlapp", "worker", "--pool", "solo"]
    process = subprocess.Popen(
        [*command, "--loglevel", "WARNING", "--hostname", hostname, "--queues", queue],
        cwd=REPO,
        env=env,
    )
    try:
        wait_for(
            lambda: app.control.ping(destination=[hostname], timeout=0.5),
            timeout=60,
            message="the Celery worker on the test database",
        )
        yield queue
    finally:
        process.terminate()
        process.wait(timeout=20)
