"""The whole token flow at DEBUG leaves no token, secret or key in the logs (security.md 47)."""

import io
import logging
import re
from typing import Any

import pytest

from jtlapp.gateway.service_token import service_token_get
from jtlapp.logging import SecretScrubFilter
from jtlapp.tenants.credentials import tenant_access_token_get
from jtlapp.tenants.models import Tenant

LOGGERS = ("", "django", "httpx", "httpcore", "celery", "kombu", "jtlapp", "werkzeug", "authlib")


@pytest.fixture
def debug_log():
    """Our configured handler (with its scrub filter), writing into a buffer, all at DEBUG."""
    root = logging.getLogger()
    handler: logging.StreamHandler[Any] | None = None
    for candidate in root.handlers:
        if isinstance(candidate, logging.StreamHandler) and any(
            isinstance(f, SecretScrubFilter) for f in candidate.filters
        ):
            handler = candidate
    assert handler is not None
    buffer = io.StringIO()
    old_stream = handler.setStream(buffer)
    levels = {name: logging.getLogger(name).level for name in LOGGERS}
    for name in LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        yield buffer
    finally:
        handler.setStream(old_stream)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


@pytest.mark.django_db(transaction=True)
def test_the_token_flow_at_debug_logs_no_secret(client, platform, settings, debug_log):
    # given
    settings.JTL_TENANT_TOKEN_MODE = "delegated"
    app_token = platform.app_token()

    # when: setup (verifies the token, fetches keys, mints service and delegated tokens),
    # lifecycle calls, a refused token and a failing call
    setup = client.post("/api/tenant/setup", HTTP_AUTHORIZATION=f"Bearer {app_token}")
    client.post("/lifecycle/connect", data={"appToken": app_token}, content_type="application/json")
    client.get("/api/tenant", HTTP_AUTHORIZATION=f"Bearer {app_token}x")
    service_token = service_token_get().value
    delegated = tenant_access_token_get(tenant_id=Tenant.objects.get().tenant_id)
    logging.getLogger("jtlapp.test").error(
        "failed with %s", app_token, exc_info=ValueError(service_token)
    )

    # then
    output = debug_log.getvalue()
    assert setup.status_code == 200
    assert "HTTP Request" in output  # the DEBUG/INFO lines were really captured
    for secret in (
        app_token,
        service_token,
        delegated,
        settings.JTL_CLIENT_SECRET,
        *settings.JTL_ENCRYPTION_KEYS,
    ):
        assert secret not in output
    assert re.search(r"eyJ[\w-]+\.[\w-]+\.", output) is None
    assert re.search(r"(?i)bearer\s+(?!\[redacted\])\S", output) is None


@pytest.mark.django_db(transaction=True)
def test_the_whole_flow_at_debug_logs_no_secret(client, platform, settings, debug_log):
    """Setup, the ERP proxy, GraphQL, the pages' API, a signed webhook, a refused webhook,
    the admin login and an OnPremise-style key never reach a log line."""
    from tests.webhooks.conftest import SECRET, django_headers, event_body, signed

    settings.JTL_WEBHOOK_SECRET = SECRET
    tenant_id = "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01"
    app_token = platform.app_token(tenantId=tenant_id)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {app_token}"}

    statuses = [client.post("/api/tenant/setup", **auth).status_code]
    statuses.append(client.get("/api/erp/v2/customers?pageSize=2", **auth).status_code)
    client.post(
        "/api/erp/v2/graphql",
        data='{"query": "{ QueryItems(first: 1) { totalCount } }"}',
        content_type="application/json",
        **auth,
    )
    client.get("/api/insights/dashboard", **auth)
    raw, headers = signed(event_body(tenant_id=tenant_id))
    for signed_headers in (headers, dict(headers, **{"X-JTL-Signature": "sha256=" + "0" * 64})):
        response = client.post(
            "/webhooks/erp",
            data=raw,
            content_type="application/json",
            **django_headers(signed_headers),
        )
        statuses.append(response.status_code)
    client.get("/admin/", **auth)

    output = debug_log.getvalue()
    assert statuses == [200, 200, 202, 401]
    assert "HTTP Request" in output
    for secret in (app_token, SECRET, headers["X-JTL-Signature"], settings.JTL_CLIENT_SECRET):
        assert secret not in output
    assert re.search(r"eyJ[\w-]+\.[\w-]+\.", output) is None
    assert re.search(r"(?i)bearer\s+(?!\[redacted\])\S", output) is None
