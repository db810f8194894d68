"""Configuration of one sandbox process: who may call it and how long its tokens live."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

DEMO_TENANTS: dict[str, str] = {
    "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01": "Mustermann Handels GmbH",
    "3f9e2b7c-1d4a-4e8b-a6c5-9d0e1f2a3b02": "Brauhaus Becker KG",
}
"""Tenant UUID -> company name of the demo merchants the seed creates."""

DEMO_USERS: dict[str, str] = {
    "0a1b2c3d-0000-4000-8000-000000000001": "Erika Mustermann",
    "0a1b2c3d-0000-4000-8000-000000000002": "Max Becker",
}
"""User UUID -> display name; every demo user is a member of every demo tenant."""


@dataclass(frozen=True, kw_only=True)
class SandboxClient:
    """A registered app: its service-account credentials and the scopes its manifest declares."""

    client_id: str
    client_secret: str = field(repr=False)
    app_id: str
    scopes: tuple[str, ...]
    redirect_uris: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class SandboxConfig:
    """Everything a sandbox process needs; built by the ``jtl sandbox`` command or by tests.

    ``base_url`` is the sandbox's own origin. It plays every JTL host at once: the issuer
    (``id.jtl-cloud.com``), the API gateway (``api.jtl-cloud.com``), the legacy Ory host and
    the ERP/Hub UI, each under the same paths as on the real host.
    """

    base_url: str
    clients: tuple[SandboxClient, ...]
    access_token_lifetime_seconds: int = 3600
    app_token_lifetime_seconds: int = 300
    delegated_token_lifetime_seconds: int = 3600
    session_token_lifetime_seconds: int = 300
    missing_tenant_status: int = 401
    """401 or 412: JTL documents both for a service-account call without X-Tenant-ID."""
    erp_version: str = "2.0"
    """The Wawi API version the sandbox plays: "2.0" answers every described route as the 2.0
    description says; "2.1" (or a request's ``api-version: 2.1``) lets the later-version routes
    of the version layer answer where they replace a described one (``openapi.layer``)."""
    graphql_later_versions: bool = True
    """Serve ``erp/schema_extension.graphql`` (GetSalesOrderById, searchTerm ...: documented for
    Wawi 2.1+ only) on top of the official 2.0 SDL; off: exactly the official SDL."""
    require_app_headers: bool = True
    """Refuse documented operations without ``x-appid``/``x-appversion`` (both descriptions mark
    them required on every operation) with 400 naming the header."""
    rate_limit: int = 600
    rate_limit_interval_seconds: int = 60
    seed: int = 20261123
    manifest: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)
    """Our app's parsed ``manifest.json``; the host shell embeds its pages (None: no app)."""
    app_base_url: str | None = None
    """Replaces scheme, host and port of every manifest URL (the app on another port)."""
    webhook_secret: str | None = field(default=None, repr=False)
    webhooks_to_manifest: bool = True
    """Send data-change events to the manifest's subscription URLs. The test suite turns this
    off, so one test's ERP writes never reach another test's app server; an explicitly
    configured or given URL is always used."""
    """Signs ERP webhooks (HMAC-SHA256); None sends them unsigned."""

    @property
    def issuer(self) -> str:
        return self.base_url.rstrip("/")

    @property
    def api_base_url(self) -> str:
        return self.base_url.rstrip("/")

    def client(self, client_id: str) -> SandboxClient | None:
        return next((c for c in self.clients if c.client_id == client_id), None)
