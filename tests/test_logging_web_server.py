"""The web server's access log goes through the same scrubbing as every other log line.

A token in a query string is part of the request line gunicorn (and uvicorn's worker) logs.
Proved against a real gunicorn process with our ``gunicorn_conf``, and for uvicorn's logger
names through the app's ``LOGGING``.
"""

from __future__ import annotations

import io
import logging
import logging.config
import os
import subprocess
import sys
from typing import Any

import httpx
import pytest

from jtlapp.logging import WEB_SERVER_LOGGERS, SecretScrubFilter, gunicorn_logconfig_dict
from tests.conftest import REPO, free_port, wait_for

TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlc2lnbmF0dXJl"
OPAQUE = "ory_at_0123456789abcdef"
QUERY = f"access_token={TOKEN}&token={OPAQUE}&code=authcode123456&state=keep-me"


def _live(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def test_gunicorns_access_log_has_no_token_from_the_query_string(tmp_path):
    """gunicorn with the configured uvicorn worker, exactly as compose and make run start it."""
    port = free_port()
    app = "jtlapp.asgi:application"
    command = [sys.executable, "-m", "gunicorn", app, "--config", "python:jtlapp.gunicorn_conf"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "1"]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=out)  # noqa: S603
        try:
            wait_for(lambda: _live(f"http://127.0.0.1:{port}/healthz/live"), timeout=30)
            httpx.get(f"http://127.0.0.1:{port}/healthz/live?{QUERY}", timeout=5)
            wait_for(lambda: "keep-me" in log.read_text(), timeout=10, message="the access line")
        finally:
            server.terminate()
            server.wait(timeout=20)
    text = log.read_text()

    assert "/healthz/live?" in text
    for secret in (TOKEN, OPAQUE, "authcode123456"):
        assert secret not in text
    assert "state=keep-me" in text


@pytest.mark.parametrize("name", WEB_SERVER_LOGGERS)
def test_every_web_server_logger_is_scrubbed_by_the_app_logging(name, settings):
    # As a web worker starts: Django applies LOGGING (in-process uvicorn servers of other
    # tests reconfigure these loggers in this test process).
    logging.config.dictConfig(settings.LOGGING)
    logger = logging.getLogger(name)
    ours = [
        handler
        for handler in logger.handlers
        if isinstance(handler, logging.StreamHandler)
        and any(isinstance(f, SecretScrubFilter) for f in handler.filters)
    ]
    assert ours
    assert logger.propagate is False
    buffer = io.StringIO()
    streams = [handler.setStream(buffer) for handler in ours]
    try:
        logger.info(
            '%s - "%s %s HTTP/%s" %d', "127.0.0.1:5000", "GET", f"/api/tenant?{QUERY}", "1.1", 200
        )
    finally:
        for handler, stream in zip(ours, streams, strict=True):
            handler.setStream(stream)
    err = buffer.getvalue()
    assert "/api/tenant?" in err
    assert TOKEN not in err
    assert OPAQUE not in err
    assert "authcode123456" not in err


def test_gunicorns_log_config_scrubs_before_django_is_set_up():
    config: Any = gunicorn_logconfig_dict()

    assert set(config["loggers"]) == set(WEB_SERVER_LOGGERS)
    assert all(handler["filters"] == ["scrub"] for handler in config["handlers"].values())
