"""The store listing: ``jtlapp/listing/listing.json``, media in ``static/listing/`` beside it.

It is the second artefact JTL's Partner Portal takes besides ``manifest.json``.
"""

from __future__ import annotations

from pathlib import Path

from jtlapp.listing.models import Listing
from jtlapp.listing.validate import ListingInvalidError, listing_parse

__all__ = ["Listing", "ListingInvalidError", "listing_load", "listing_parse", "listing_path"]

LISTING_DIR = Path(__file__).resolve().parent
MEDIA_DIR = LISTING_DIR / "static" / "listing"
MEDIA_URL_PATH = "/static/listing/"


def listing_path() -> Path:
    return LISTING_DIR / "listing.json"


def listing_load(*, path: Path | None = None) -> Listing:
    """The validated listing; ``ListingInvalidError`` names each broken rule and line."""
    source = path or listing_path()
    return listing_parse(text=source.read_text(encoding="utf-8"), source=source.name)
