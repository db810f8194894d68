"""What the host shell needs from our app's manifest: lifecycle URLs, menu items and panes.

The manifest names absolute URLs (``http://localhost:8000/...``). Tests and developers who serve
the app elsewhere set ``SandboxConfig.app_base_url``; every URL is then moved onto that origin,
path and query kept, so one manifest serves any port.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from jtlapp.sandbox.config import SandboxConfig


@dataclass(frozen=True, kw_only=True)
class MenuItem:
    id: str
    name: str
    url: str


@dataclass(frozen=True, kw_only=True)
class Pane:
    id: str
    title: str
    context: str
    url: str


@dataclass(frozen=True, kw_only=True)
class HostApp:
    """The parts of the manifest the ERP and Hub hosts act on (``jtl/platform.md`` §2.2)."""

    name: str
    configuration_url: str | None
    connect_url: str | None
    disconnect_url: str | None
    hub_url: str | None
    menu_items: tuple[MenuItem, ...]
    panes: tuple[Pane, ...]

    def panes_for(self, *, context: str) -> tuple[Pane, ...]:
        return tuple(pane for pane in self.panes if pane.context == context)

    def frame_origins(self) -> tuple[str, ...]:
        """Origins the shell embeds, for its ``frame-src``; sorted so headers are stable."""
        urls = [self.configuration_url, *(m.url for m in self.menu_items)]
        urls += [pane.url for pane in self.panes]
        return tuple(sorted({url_origin(url=url) for url in urls if url}))


def url_origin(*, url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def url_rebase(*, url: str, base_url: str) -> str:
    """``url`` with scheme and authority of ``base_url`` (its path, if any, is ignored)."""
    base = urlsplit(base_url)
    parts = urlsplit(url)
    return urlunsplit((base.scheme, base.netloc, parts.path, parts.query, parts.fragment))


def manifest_rebase(*, manifest: Any, base_url: str | None) -> Any:
    """A copy of ``manifest`` with every absolute http(s) URL moved onto ``base_url``."""
    if base_url is None:
        return manifest
    if isinstance(manifest, Mapping):
        return {
            key: manifest_rebase(manifest=value, base_url=base_url)
            for key, value in manifest.items()
        }
    if isinstance(manifest, list):
        return [manifest_rebase(manifest=value, base_url=base_url) for value in manifest]
    if isinstance(manifest, str) and manifest.startswith(("http://", "https://")):
        return url_rebase(url=manifest, base_url=base_url)
    return manifest


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _objects(value: object) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _menu_items(entries: list[Mapping[str, Any]]) -> list[MenuItem]:
    """Flatten the menu tree; nodes without a URL only group children in JTL's sidebar."""
    items: list[MenuItem] = []
    for entry in entries:
        url, name = _text(entry.get("url")), _text(entry.get("name")) or "App"
        if url:
            items.append(MenuItem(id=str(entry.get("id") or len(items)), name=name, url=url))
        items += _menu_items(_objects(entry.get("children")))
    return items


def _panes(entries: list[Mapping[str, Any]]) -> tuple[Pane, ...]:
    return tuple(
        Pane(
            id=str(entry.get("id") or f"pane-{index}"),
            title=_text(entry.get("title")) or "App",
            context=str(entry.get("context", "")),
            url=str(entry["url"]),
        )
        for index, entry in enumerate(entries)
        if _text(entry.get("url"))
    )


def host_app_from_config(*, config: SandboxConfig) -> HostApp | None:
    """The rebased app view of ``config.manifest``, or None when the sandbox knows no app."""
    if config.manifest is None:
        return None
    manifest = manifest_rebase(manifest=config.manifest, base_url=config.app_base_url)
    lifecycle = manifest.get("lifecycle") or {}
    capabilities = manifest.get("capabilities") or {}
    erp = capabilities.get("erp") or {}
    launcher = (capabilities.get("hub") or {}).get("appLauncher") or {}
    return HostApp(
        name=_text(manifest.get("technicalName")) or "app",
        configuration_url=_text(lifecycle.get("configurationUrl") or lifecycle.get("setupUrl")),
        connect_url=_text(lifecycle.get("connectUrl")),
        disconnect_url=_text(lifecycle.get("disconnectUrl")),
        hub_url=_text(launcher.get("redirectUrl")),
        menu_items=tuple(_menu_items(_objects(erp.get("menuItems")))),
        panes=_panes(_objects(erp.get("pane"))),
    )
