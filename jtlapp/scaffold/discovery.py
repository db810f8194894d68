"""Find partner apps (``panes/partners/<app>/apps.py``) so settings and urls pick them up."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from typing import Any

PARTNERS_PACKAGE = "panes.partners"


def partner_apps(*, base_dir: Path) -> list[str]:
    """Dotted names of the partner apps under ``base_dir/panes/partners``, sorted."""
    root = base_dir / "panes" / "partners"
    if not root.is_dir():
        return []
    return [
        f"{PARTNERS_PACKAGE}.{path.parent.name}"
        for path in sorted(root.glob("*/apps.py"))
        if path.parent.name.isidentifier()
    ]


def partner_urlpatterns(*, installed_apps: list[str]) -> list[Any]:
    """``<app>/...`` for every installed partner app that has a ``urls`` module."""
    from django.urls import include, path  # noqa: PLC0415 - settings are loaded by now

    patterns = []
    for app in installed_apps:
        if app.startswith(PARTNERS_PACKAGE + ".") and importlib.util.find_spec(f"{app}.urls"):
            patterns.append(path(f"{app.rsplit('.', 1)[1]}/", include(f"{app}.urls")))
    return patterns


def modules_named(*, package: str, prefix: str) -> list[Any]:
    """Import and return ``package``'s modules whose names start with ``prefix``."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return []
    found = []
    for location in spec.submodule_search_locations:
        for path in sorted(Path(location).glob(f"{prefix}*.py")):
            found.append(importlib.import_module(f"{package}.{path.stem}"))
    return found
