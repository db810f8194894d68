"""``manifest.json``, read once: what we declared to JTL (scopes, pages, lifecycle URLs)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings

from jtlapp.manifest.models import Manifest
from jtlapp.manifest.validate import ManifestInvalidError, ManifestProblem, manifest_parse

__all__ = [
    "Manifest",
    "ManifestInvalidError",
    "ManifestProblem",
    "manifest_api_scopes",
    "manifest_load",
    "manifest_parse",
    "manifest_path",
]


def manifest_path() -> Path:
    return Path(settings.BASE_DIR) / "manifest.json"


@cache
def manifest_load(*, path: Path | None = None) -> Manifest:
    """The validated manifest; ``ManifestInvalidError`` names each broken rule and line."""
    source = path or manifest_path()
    return manifest_parse(text=source.read_text(encoding="utf-8"), source=source.name)


def manifest_api_scopes() -> frozenset[str]:
    """The ERP API scopes the app declares (``capabilities.erp.api.scopes``)."""
    return frozenset(manifest_load().capabilities.erp.api.scopes)
