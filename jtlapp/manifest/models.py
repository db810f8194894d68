"""``manifest.json`` as typed models that enforce JTL's documented rules (platform.md §2).

JTL's server DTOs reject unknown properties, so these do too; each rule's message says what
to change in plain words, and ``jtlapp.manifest.validate`` adds the line.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic.alias_generators import to_camel

URL_PATTERN = re.compile(r"^https?://(?:[^{}\s]|\{\s*metadata\.[a-zA-Z0-9_-]+\s*})+$")
"""JTL's pattern for manifest URLs (platform.md §2.3)."""
VERSION_PATTERN = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
PANE_CONTEXTS = ("customers", "salesorders")
"""The pane contexts JTL documents; ``items``/``orders`` are unconfirmed (platform.md §2.5)."""
DOCUMENTED_SCOPES = frozenset(
    {
        "customers.read",
        "customers.write",
        "cusomters.read",
        "items.read",
        "items.write",
        "items.print",
        "salesorders.read",
        "salesorders.write",
        "taxes.read",
        "accountings.read",
        "extensibility.integration",
        "system.config.read",
    }
)
"""Scopes JTL's docs and samples name (platform.md §8); the rest come from the scope table."""


@cache
def known_scopes() -> frozenset[str]:
    """Documented scopes plus every scope the gateway's table derives from JTL's OpenAPI."""
    table = Path(__file__).resolve().parent.parent / "erp" / "scope_table.json"
    rows = json.loads(table.read_text(encoding="utf-8"))
    derived = {row["scope"] for row in rows["rest"] if row["scope"]}
    return DOCUMENTED_SCOPES | derived | frozenset(rows["graphql"].values())


def _url(value: str) -> str:
    if "{metadata." in value.replace(" ", ""):
        raise ValueError(
            "uses a {metadata.*} placeholder; JTL accepts it but never fills it in, "
            "so write the full URL"
        )
    if not URL_PATTERN.match(value):
        raise ValueError("must be an http:// or https:// URL without spaces or braces")
    return value


def _version(value: str) -> str:
    if not VERSION_PATTERN.match(value):
        raise ValueError(
            f"{value!r} is not a plain version like 1.2.3: JTL takes digits-only semantic "
            "versions, without pre-release tags such as -beta or leading zeros"
        )
    return value


def _scope(value: str) -> str:
    if value not in known_scopes():
        raise ValueError(f"{value!r} is not a scope JTL documents (format resource.permission)")
    return value


Url = Annotated[str, AfterValidator(_url)]
Scope = Annotated[str, AfterValidator(_scope)]


class _Model(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel, extra="forbid", frozen=True, populate_by_name=True
    )


class Lifecycle(_Model):
    configuration_url: Url | None = None
    connect_url: Url | None = None
    disconnect_url: Url | None = None


class AppLauncher(_Model):
    redirect_url: Url
    closed_preview_url: Url | None = None


class Hub(_Model):
    app_launcher: AppLauncher | None = None


class MenuItem(_Model):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    url: Url | None = None


class ErpApi(_Model):
    scopes: tuple[Scope, ...] = ()


class Pane(_Model):
    id: str = Field(min_length=1)
    context: Literal["customers", "salesorders"]
    title: str = Field(min_length=1)
    url: Url
    match_child_context: bool = False
    required_scopes: tuple[Scope, ...] = ()


class WebhookEndpoint(_Model):
    url: Url


class WebhookSubscription(_Model):
    topics: tuple[str, ...] = Field(min_length=1)
    endpoint: WebhookEndpoint


class Webhooks(_Model):
    api_version: str | None = None
    subscriptions: tuple[WebhookSubscription, ...] = ()


class ErpCapabilities(_Model):
    menu_items: tuple[MenuItem, ...] = ()
    api: ErpApi = Field(default_factory=ErpApi)
    pane: tuple[Pane, ...] = ()
    webhooks: Webhooks | None = None

    @model_validator(mode="after")
    def _coherent(self) -> ErpCapabilities:
        _unique("menu item id", [item.id for item in self.menu_items])
        _unique("pane id", [pane.id for pane in self.pane])
        declared = set(self.api.scopes)
        for pane in self.pane:
            missing = sorted(set(pane.required_scopes) - declared)
            if missing:
                raise ValueError(
                    f"pane {pane.id!r} requires {', '.join(missing)}, which "
                    "capabilities.erp.api.scopes does not declare"
                )
        return self


def _unique(what: str, values: list[str]) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{what} {value!r} is used twice; ids must be unique")
        seen.add(value)


class Capabilities(_Model):
    hub: Hub | None = None
    erp: ErpCapabilities = Field(default_factory=ErpCapabilities)


class PublicClient(_Model):
    redirect_uris: tuple[Url, ...] = ()
    post_logout_redirect_uris: tuple[Url, ...] = ()


class ServiceAccount(_Model):
    client_credentials: bool = True
    description: str | None = None


class Authentication(_Model):
    public_client: PublicClient | None = None
    service_account: ServiceAccount | None = None


class Requirements(_Model):
    min_cloud_api_version: str | None = None


class Manifest(_Model):
    version: Annotated[str, AfterValidator(_version)]
    technical_name: str = Field(min_length=1, max_length=100)
    requirements: Requirements | None = None
    lifecycle: Lifecycle = Field(default_factory=Lifecycle)
    capabilities: Capabilities = Field(default_factory=Capabilities)
    authentication: Authentication | None = None

    def urls(self) -> list[tuple[str, str]]:
        """(where, url) of every URL the manifest names, for checks and rendering."""
        found: list[tuple[str, str]] = []
        _collect(self.model_dump(by_alias=True), "", found)
        return found


def _collect(value: object, where: str, found: list[tuple[str, str]]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _collect(item, f"{where}.{key}" if where else key, found)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _collect(item, f"{where}[{index}]", found)
    elif isinstance(value, str) and URL_PATTERN.match(value):
        found.append((where, value))
