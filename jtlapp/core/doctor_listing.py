"""The doctor's look at the store listing: valid, media present and sized, URLs answering.

JTL takes screenshots as JPG or PNG of at most 1024x1024 (platform.md §2.4); icons are
checked to be square. URLs of the app's own origin are checked on ``base_url`` when given.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from django.conf import settings

from jtlapp.core.doctor_pages import DoctorProblem
from jtlapp.gateway.http import OutboundError, outbound_request
from jtlapp.listing import MEDIA_DIR, ListingInvalidError, listing_load, listing_path
from jtlapp.listing.media import MediaUnreadableError, image_size
from jtlapp.listing.models import Listing
from jtlapp.listing.render import listing_render
from jtlapp.listing.validate import listing_parse
from jtlapp.manifest.render import ManifestBaseUrlError

SCREENSHOT_MAX = 1024


def _media_problem(where: str, name: str) -> str | None:
    path = MEDIA_DIR / name
    if not path.is_file():
        return f"{where}: {name} is missing in jtlapp/listing/static/listing/"
    try:
        width, height = image_size(path)
    except MediaUnreadableError as exc:
        return f"{where}: {exc}"
    if where.startswith("media.icons") and width != height:
        return f"{where}: {name} is {width}x{height}; icons must be square"
    if where.startswith("media.screenshots") and max(width, height) > SCREENSHOT_MAX:
        return f"{where}: {name} is {width}x{height}; JTL takes at most 1024x1024"
    return None


def _url_problem(where: str, url: str) -> str | None:
    """Reachable means: an answer below 500 that is not 404 (GDPR URLs take only POST)."""
    try:
        response = outbound_request(method="GET", url=url, timeout=5)
    except OutboundError as exc:
        return f"{where}: {url} unreachable ({exc})"
    if response.status == 404 or response.status >= 500:
        return f"{where}: {url} answered HTTP {response.status}"
    return None


def _listing_for(base_url: str | None) -> Listing:
    if base_url is None:
        return listing_load()
    text = listing_render(
        listing_text=listing_path().read_text(encoding="utf-8"), base_url=base_url
    )
    data = json.loads(text)
    data["media"] = json.loads(listing_path().read_text(encoding="utf-8"))["media"]
    return listing_parse(text=json.dumps(data), source="rendered listing")


def listing_check(*, base_url: str | None) -> str:
    try:
        listing = _listing_for(base_url or settings.JTL_APP_BASE_URL)
    except (ListingInvalidError, ManifestBaseUrlError) as exc:
        raise DoctorProblem(str(exc)) from None
    problems = [p for where, name in listing.media_files() if (p := _media_problem(where, name))]
    problems += [p for where, url in listing.urls() if (p := _url_problem(where, url))]
    if problems:
        raise DoctorProblem("; ".join(problems))
    hosts = sorted({urlsplit(url).netloc for _, url in listing.urls()})
    return (
        f"{len(listing.locales())} locale(s) complete, {len(listing.media_files())} media files "
        f"sized, {len(listing.urls())} URLs answer ({', '.join(hosts)})"
    )
