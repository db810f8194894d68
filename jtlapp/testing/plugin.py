"""pytest fixtures for apps built on jtlapp: the sandbox, tokens, tenants, workers, webhooks.

Loaded by the ``pytest11`` entry point of an installed jtlapp, or with
``-p jtlapp.testing.plugin`` (``addopts``). Needs pytest-django and the test settings the
project's ini names. Fixtures (every name is stable; ours and partners' suites use them):

| fixture | what it gives |
|---|---|
| ``jtl_sandbox`` | the run's sandbox (session), ``LiveSandbox`` |
| ``platform`` | the same with faults, counters, call log and rate limit reset |
| ``jtl_app_token`` | ``jtl_app_token(tenant=..., user=..., scopes=[...]) -> str`` |
| ``jtl_tenant`` | a demo tenant set up through the real setup service (``SetUpTenant``) |
| ``jtl_erp_calls`` | ``ErpCallLog``: what reached the ERP, and ``assert_called(...)`` |
| ``jtl_faults`` | ``jtl_faults(area="erp", status=503, count=1)``; cleared after the test |
| ``jtl_webhook_send`` | POSTs a signed ERP event to ``/webhooks/erp`` (Django test client) |
| ``live_worker`` | a real Celery worker process with a fresh heartbeat |
| ``celery_worker_on_test_db`` | a worker on the test database; yields its queue |
| ``browser`` | Debian's Chromium through Playwright; skipped, and named at the end, without it |
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from jtlapp.testing.browser import (  # noqa: F401 - fixtures this plugin provides
    CHROMIUM,
    CHROMIUM_ENABLE,
    CHROMIUM_MISSING,
    browser,
    live_app,
    live_app_server,
    page,
)
from jtlapp.testing.live import ErpCallLog, LiveSandbox, app_url, wait_for


@pytest.fixture(scope="session")
def jtl_sandbox() -> Iterator[LiveSandbox]:
    """The sandbox the settings point at (``JTL_ISSUER``/``JTL_API_BASE_URL``), on its own port.

    It knows the app by the same client id, secret and app id as the settings and grants the
    scopes of ``manifest.json``, as ``make run`` sets it up; the manifest's URLs point at
    ``app_url()``, where browser tests serve the app.
    """
    from django.conf import settings  # noqa: PLC0415 - after pytest-django configured it
    from werkzeug.serving import make_server  # noqa: PLC0415

    from jtlapp.core.cli.sandbox import sandbox_config_from_settings  # noqa: PLC0415
    from jtlapp.sandbox.app import sandbox_app_create  # noqa: PLC0415

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
    """The run's sandbox with faults, counters, the call log and rate limits as new."""
    import httpx  # noqa: PLC0415

    with httpx.Client(base_url=jtl_sandbox.url, timeout=10) as client:
        client.delete("/_sandbox/faults").raise_for_status()
        client.post("/_sandbox/counters/reset").raise_for_status()
        client.post("/_sandbox/rate-limit", json={"limit": 600}).raise_for_status()
    return jtl_sandbox


AppTokenFactory = Callable[..., str]


@pytest.fixture
def jtl_app_token(platform: LiveSandbox) -> AppTokenFactory:
    """``jtl_app_token(tenant=None, user=None, scopes=None, **knobs)``: a signed app token.

    Defaults are the first demo tenant and user with every scope the manifest declares;
    ``knobs`` are the control surface's (``expiresIn``, ``claims``, ``forged``, ...).
    """

    def mint(
        *,
        tenant: str | None = None,
        user: str | None = None,
        scopes: list[str] | None = None,
        **knobs: object,
    ) -> str:
        body: dict[str, object] = dict(knobs)
        if tenant is not None:
            body["tenantId"] = tenant
        if user is not None:
            body["userId"] = user
        if scopes is not None:
            body["scopes"] = scopes
        return platform.app_token(**body)

    return mint


@dataclass(frozen=True)
class SetUpTenant:
    """A tenant whose setup page ran: its id, a fresh app token and the ``Tenant`` row."""

    tenant_id: str
    token: str
    tenant: Any


@pytest.fixture
def jtl_tenant(jtl_app_token: AppTokenFactory, transactional_db: None) -> SetUpTenant:
    """The first demo tenant, set up through ``tenant_connect`` with a verified app token.

    Committed (``transactional_db``): the ERP gateway reads tenants on its own connection.
    """
    from jtlapp.auth.verify import app_token_verify  # noqa: PLC0415
    from jtlapp.sandbox.config import DEMO_TENANTS  # noqa: PLC0415
    from jtlapp.tenants.services import tenant_connect  # noqa: PLC0415

    tenant_id = next(iter(DEMO_TENANTS))
    token = jtl_app_token(tenant=tenant_id)
    tenant = tenant_connect(claims=app_token_verify(token=token))
    return SetUpTenant(tenant_id=tenant_id, token=token, tenant=tenant)


@pytest.fixture
def jtl_erp_calls(platform: LiveSandbox) -> ErpCallLog:
    return ErpCallLog(sandbox=platform)


@pytest.fixture
def jtl_faults(platform: LiveSandbox) -> Iterator[Callable[..., None]]:
    """``jtl_faults(area="erp", status=503, latency_ms=0, count=0)``; cleared afterwards."""
    yield platform.fault
    platform.faults_clear()


@pytest.fixture
def jtl_webhook_send(transactional_db: None) -> Callable[..., Any]:
    """``jtl_webhook_send(tenant=..., topic=..., entity_id=...)``: a signed delivery, answered.

    Built and signed exactly as the sandbox sends events; returns the Django test response.
    """
    from django.conf import settings  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415

    from jtlapp.sandbox.webhooks import webhook_event_build, webhook_sign  # noqa: PLC0415

    def send(*, tenant: str, topic: str, entity_id: str) -> Any:
        body = json.dumps(
            webhook_event_build(tenant_id=tenant, topic=topic, entity_id=entity_id)
        ).encode()
        headers = webhook_sign(secret=settings.JTL_WEBHOOK_SECRET, body=body)
        return Client().post(
            "/webhooks/erp",
            data=body,
            content_type="application/json",
            headers=headers,
        )

    return send


def _project_root() -> Path:
    from django.conf import settings  # noqa: PLC0415

    return Path(settings.BASE_DIR)


def _worker_command(*extra: str) -> list[str]:
    command = [sys.executable, "-m", "celery", "-A", "jtlapp", "worker", "--pool", "solo"]
    return [*command, "--loglevel", "WARNING", *extra]


@pytest.fixture(scope="session")
def celery_worker_process() -> Iterator[subprocess.Popen[bytes]]:
    """A real Celery worker process consuming from the suite's Redis."""
    from jtlapp.core.redis import redis_client  # noqa: PLC0415
    from jtlapp.core.services import CELERY_HEARTBEAT_KEY  # noqa: PLC0415

    redis_client().delete(CELERY_HEARTBEAT_KEY)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]}
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        _worker_command("--hostname", f"test-{os.getpid()}@%h"), cwd=_project_root(), env=env
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
    from jtlapp.core.redis import redis_client  # noqa: PLC0415
    from jtlapp.core.services import CELERY_HEARTBEAT_KEY  # noqa: PLC0415
    from jtlapp.core.tasks import celery_heartbeat_task  # noqa: PLC0415

    started = time.time()
    celery_heartbeat_task.delay()
    wait_for(
        lambda: float(redis_client().get(CELERY_HEARTBEAT_KEY) or 0) >= started,
        timeout=30,
        message="the worker to run the heartbeat task",
    )
    return celery_worker_process


def worker_database_url() -> str:
    """A URL of the database the tests run on, for worker processes started by a test."""
    from django.db import connection  # noqa: PLC0415

    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    auth = f"{db['USER']}:{db['PASSWORD']}@" if db["PASSWORD"] else f"{db['USER']}@"
    return f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def celery_worker_on_test_db(transactional_db: None) -> Iterator[str]:
    """A real Celery worker process that reads and writes the test database; yields its queue.

    Use with ``transactional_db`` data: the worker sees only committed rows. Send tasks with
    ``apply_async(queue=<the yielded name>)``; the worker sends its follow-up tasks there too.
    """
    from jtlapp.celery import app  # noqa: PLC0415

    queue = f"testdb-{os.getpid()}-{time.monotonic_ns()}"
    hostname = f"{queue}@localhost"
    env = {
        **os.environ,
        "DATABASE_URL": worker_database_url(),
        "JTL_TEST_CELERY_QUEUE": queue,
    }
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        _worker_command("--hostname", hostname, "--queues", queue), cwd=_project_root(), env=env
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


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say what was skipped for want of Chromium, and the one command that enables it."""
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if CHROMIUM_MISSING in str(getattr(report, "longrepr", ""))
    ]
    if not skipped:
        return
    terminalreporter.write_sep("-", "browser tests skipped")
    terminalreporter.write_line(f"{len(skipped)} browser test(s) did not run: {CHROMIUM_MISSING}.")
    terminalreporter.write_line(f"Enable them with: {CHROMIUM_ENABLE}   (then run make test)")
