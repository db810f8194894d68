"""``manifest.json`` rebased onto a deployment's URL, ready for the Partner Portal's editor.

The committed manifest points at ``http://localhost:8000`` (``make run``); a deployment serves
the same routes under its own origin. Every URL on the manifest's own origin moves to
``base_url``; the result is validated by the same rules as the file, and anything but a local
development origin must be https (JTL loads the pages inside its https ERP).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from jtlapp.manifest.models import Manifest
from jtlapp.manifest.validate import manifest_parse

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class ManifestBaseUrlError(ValueError):
    pass


def _base(base_url: str) -> str:
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ManifestBaseUrlError(
            f"{base_url!r} is not an http(s) URL such as https://app.example.com"
        )
    if parts.query or parts.fragment:
        raise ManifestBaseUrlError("the base URL must not have a query or fragment")
    if parts.scheme != "https" and parts.hostname not in LOCAL_HOSTS:
        raise ManifestBaseUrlError(
            f"{base_url!r} must use https: JTL embeds the pages in its https ERP"
        )
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def _rebase(value: Any, *, origins: set[str], base: str) -> Any:
    if isinstance(value, dict):
        return {key: _rebase(item, origins=origins, base=base) for key, item in value.items()}
    if isinstance(value, list):
        return [_rebase(item, origins=origins, base=base) for item in value]
    if isinstance(value, str):
        parts = urlsplit(value)
        if parts.scheme in ("http", "https") and f"{parts.scheme}://{parts.netloc}" in origins:
            query = f"?{parts.query}" if parts.query else ""
            return f"{base}{parts.path}{query}"
    return value


def manifest_render(*, manifest_text: str, base_url: str) -> str:
    """The manifest JSON with every URL of its own origin moved to ``base_url``, validated."""
    base = _base(base_url)
    manifest: Manifest = manifest_parse(text=manifest_text)
    configuration = manifest.lifecycle.configuration_url or (manifest.urls() or [("", "")])[0][1]
    own = urlsplit(configuration)
    origins = {f"{own.scheme}://{own.netloc}"}
    rendered = _rebase(json.loads(manifest_text), origins=origins, base=base)
    text = json.dumps(rendered, indent=2, ensure_ascii=False) + "\n"
    manifest_parse(text=text, source="rendered manifest")
    return text
