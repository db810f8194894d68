"""The real sandbox app signed in with the catalog scopes, for the catalog store tests."""

from __future__ import annotations

import json
from typing import Any

from flask.testing import FlaskClient

from jtlapp.sandbox.app import sandbox_app_create
from jtlapp.sandbox.config import SandboxClient, SandboxConfig
from jtlapp.sandbox.erp.tenant import TenantData
from tests.sandbox.conftest import TENANT_A, TODAY

CATALOG = SandboxClient(
    client_id="catalog",
    client_secret="catalog-secret",
    app_id="catalog",
    scopes=(
        "items.read",
        "items.write",
        "categories.read",
        "categories.write",
        "returns.read",
        "returns.write",
    ),
)
APP = {"x-appid": "catalog/1.0.0", "x-appversion": "1.0.0"}


class Api:
    """The real sandbox app, signed in as ``signed_in`` (``CATALOG``), sending JSON."""

    def __init__(
        self, *, signed_in: SandboxClient = CATALOG, app_headers: dict[str, str] | None = None
    ) -> None:
        config = SandboxConfig(base_url="http://sandbox.test", clients=(signed_in,))
        app = sandbox_app_create(config=config, today=TODAY)
        self.data: TenantData = app.config["SANDBOX_STATE"].store.tenant(TENANT_A)
        self.client: FlaskClient = app.test_client()
        token = self.client.post(
            "/oauth/v2/token",
            data={"grant_type": "client_credentials", "scope": "openid"},
            auth=(signed_in.client_id, signed_in.client_secret),
        ).get_json()["access_token"]
        named = APP if app_headers is None else app_headers
        self.headers = {"Authorization": f"Bearer {token}", "X-Tenant-ID": TENANT_A, **named}

    def send(self, method: str, path: str, body: object | None = None) -> tuple[int, Any]:
        response = self.client.open(
            "/erp" + path,
            method=method,
            headers=self.headers,
            data=None if body is None else json.dumps(body),
            content_type="application/json" if body is not None else None,
        )
        return response.status_code, response.get_json(silent=True)

    def graphql(self, query: str, **variables: object) -> Any:
        _, answer = self.send("POST", "/v2/graphql", {"query": query, "variables": variables})
        assert "errors" not in answer, answer
        return answer["data"]
