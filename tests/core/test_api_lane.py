"""The gateway's fast lane answers with the same headers as Django's full middleware stack."""

from __future__ import annotations

import httpx
import pytest

from jtlapp.auth.verify import app_token_verify
from jtlapp.tenants.services import tenant_connect

TENANT = "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01"
VARYING = {"date", "server", "content-length", "x-request-id", "set-cookie", "vary"}


def _names(headers) -> set[str]:
    return {name.lower() for name in headers} - VARYING


@pytest.mark.parametrize("with_token", [True, False])
def test_api_lane_headers_equal_the_full_stacks(live_asgi, client, platform, with_token):
    token = platform.app_token(tenantId=TENANT)
    tenant_connect(claims=app_token_verify(token=token))
    headers = {"Authorization": f"Bearer {token}"} if with_token else {}

    lane = httpx.get(f"{live_asgi}/api/erp/v2/info", headers=headers)
    full = client.get("/api/erp/v2/info", headers=headers)  # Django's test handler: all middleware

    assert lane.status_code == full.status_code
    assert _names(lane.headers) == _names(full.headers)
    for name in ("x-frame-options", "content-security-policy", "x-content-type-options"):
        assert lane.headers.get(name) == full.headers.get(name)
    assert len(lane.headers["x-request-id"]) == 32


def test_an_unknown_host_is_refused_on_the_lane_too(live_asgi):
    response = httpx.get(f"{live_asgi}/api/erp/v2/info", headers={"Host": "evil.example"})

    assert response.status_code == 400
