"""Every log line names its request, tenant and Celery task; JSON for production."""

from __future__ import annotations

import io
import json
import logging
from typing import Any

import httpx
import pytest

from jtlapp.auth.verify import app_token_verify
from jtlapp.logging import ContextFilter, JsonFormatter, SecretScrubFilter
from jtlapp.tenants.services import tenant_connect
from jtlapp.tenants.tasks import tenant_credentials_refresh_due_task

TENANT = "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01"


@pytest.fixture
def log_lines():
    """What our configured handler writes, as JSON lines, at DEBUG for jtlapp."""
    root = logging.getLogger()
    handler: Any = next(
        h for h in root.handlers if any(isinstance(f, SecretScrubFilter) for f in h.filters)
    )
    buffer = io.StringIO()
    old_stream, old_formatter = handler.setStream(buffer), handler.formatter
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("jtlapp")
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    finally:
        handler.setStream(old_stream)
        handler.setFormatter(old_formatter)
        logger.setLevel(old_level)


@pytest.mark.django_db(transaction=True)  # the gateway reads the tenant on its own connection
def test_a_request_logs_its_request_id_and_tenant_and_sends_the_id_to_jtl(
    client, platform, log_lines
):
    tenant_connect(claims=app_token_verify(token=platform.app_token(tenantId=TENANT)))

    response = client.get(
        "/api/erp/v2/info",
        HTTP_AUTHORIZATION=f"Bearer {platform.app_token(tenantId=TENANT)}",
        HTTP_X_REQUEST_ID="req-from-the-host-1",
    )

    assert response["X-Request-ID"] == "req-from-the-host-1"
    erp_lines = [line for line in log_lines() if line["logger"] == "jtlapp.erp.client"]
    assert erp_lines
    assert {line["request_id"] for line in erp_lines} == {"req-from-the-host-1"}
    assert {line["tenant_id"] for line in erp_lines} == {TENANT}
    calls = httpx.get(f"{platform.url}/_sandbox/erp-calls").json()
    assert calls[-1]["requestId"] == "req-from-the-host-1"


@pytest.mark.parametrize("incoming", ["", "a" * 65, "bad id\r\nX: 1", "ä"])
def test_an_unusable_incoming_request_id_is_replaced(client, incoming):
    response = client.get("/api/tenant", HTTP_X_REQUEST_ID=incoming)  # 401, no database

    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_a_task_logs_its_id_and_name(platform, log_lines):
    result = tenant_credentials_refresh_due_task.apply()

    lines = [line for line in log_lines() if line.get("task_id") == result.id]
    assert lines
    assert {line["task_name"] for line in lines} == {tenant_credentials_refresh_due_task.name}


def test_json_lines_carry_the_context_and_the_exception():
    record = logging.LogRecord("jtlapp.x", logging.ERROR, __file__, 1, "failed %s", ("x",), None)
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    ContextFilter().filter(record)

    entry = json.loads(JsonFormatter().format(record))

    assert entry["message"] == "failed x"
    assert entry["level"] == "ERROR"
    assert "ValueError: boom" in entry["exception"]
    assert "request_id" not in entry  # no request: no field, not "-"
