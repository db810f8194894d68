"""A sandbox app, a token with the scopes of the attached-record routes, and one send helper."""

from __future__ import annotations

import json
from dataclasses import dataclass

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from jtlapp.sandbox.app import sandbox_app_create
from jtlapp.sandbox.config import SandboxClient, SandboxConfig
from jtlapp.sandbox.erp.tenant import TenantData
from tests.sandbox.conftest import TENANT_A, TODAY

ATTACHED_CLIENT = SandboxClient(
    client_id="attached",
    client_secret="attached-secret",
    app_id="attached",
    scopes=(
        "customers.read",
        "customers.write",
        "salesorders.read",
        "salesorders.write",
        "customfields.read",
        "customfields.write",
    ),
)
APP = {"x-appid": "attached/1.0.0", "x-appversion": "1.0.0"}


@dataclass(frozen=True, kw_only=True)
class Session:
    client: FlaskClient
    headers: dict[str, str]
    data: TenantData

    def send(self, method: str, path: str, body: object | None = None) -> TestResponse:
        """``path`` below ``/erp``: ``/v1/...`` for 1.0, ``/v2/...`` for 2.0."""
        return self.client.open(
            "/erp" + path,
            method=method,
            headers=self.headers,
            data=None if body is None else json.dumps(body),
            content_type="application/json" if body is not None else None,
        )


def session_create() -> Session:
    """A fresh app per test, so one test's writes never show in another's reads."""
    config = SandboxConfig(base_url="http://sandbox.test", clients=(ATTACHED_CLIENT,))
    app = sandbox_app_create(config=config, today=TODAY)
    client = app.test_client()
    token = client.post(
        "/oauth/v2/token",
        data={"grant_type": "client_credentials", "scope": "openid"},
        auth=(ATTACHED_CLIENT.client_id, ATTACHED_CLIENT.client_secret),
    ).get_json()["access_token"]
    headers = {"Authorization": f"Bearer {token}", "X-Tenant-ID": TENANT_A, **APP}
    return Session(
        client=client, headers=headers, data=app.config["SANDBOX_STATE"].store.tenant(TENANT_A)
    )
