"""``manifest.json``, read once: what we declared to JTL (scopes, pages, lifecycle URLs)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings
from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel


class _Model(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, extra="ignore", frozen=True)


class ErpApi(_Model):
    scopes: tuple[str, ...] = ()


class ErpCapabilities(_Model):
    api: ErpApi = Field(default_factory=ErpApi)


class Capabilities(_Model):
    erp: ErpCapabilities = Field(default_factory=ErpCapabilities)


class Manifest(_Model):
    technical_name: str
    version: str
    capabilities: Capabilities = Field(default_factory=Capabilities)


@cache
def manifest_load(*, path: Path | None = None) -> Manifest:
    source = path or Path(settings.BASE_DIR) / "manifest.json"
    return Manifest.model_validate_json(source.read_text(encoding="utf-8"))


def manifest_api_scopes() -> frozenset[str]:
    """The ERP API scopes the app declares (``capabilities.erp.api.scopes``)."""
    return frozenset(manifest_load().capabilities.erp.api.scopes)
