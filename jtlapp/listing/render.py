"""The listing for the Partner Portal: URLs on the deployment's origin, media as absolute URLs."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from jtlapp.listing import MEDIA_URL_PATH
from jtlapp.listing.validate import listing_parse
from jtlapp.manifest.render import _base, _rebase


def _media_urls(data: dict[str, Any], *, base: str) -> None:
    media = data["media"]
    media["icons"] = {k: f"{base}{MEDIA_URL_PATH}{v}" for k, v in media["icons"].items()}
    media["screenshots"] = [f"{base}{MEDIA_URL_PATH}{v}" for v in media["screenshots"]]


def listing_render(*, listing_text: str, base_url: str) -> str:
    """Own-origin URLs moved onto ``base_url``; media files become URLs there; validated.

    https is required outside localhost, as for the manifest; media are served by Django's
    static files at ``/static/listing/...``.
    """
    base = _base(base_url)
    listing = listing_parse(text=listing_text)
    own = urlsplit(listing.legal.gdpr.request)
    data = _rebase(json.loads(listing_text), origins={f"{own.scheme}://{own.netloc}"}, base=base)
    rendered_check = json.dumps(data)
    listing_parse(text=rendered_check, source="rendered listing")
    _media_urls(data, base=base)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
