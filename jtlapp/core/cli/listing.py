"""``manage.py jtl listing --base-url https://app.example.com [--output file]``.

Prints (or writes) the store listing rebased onto the deployment, media as absolute URLs,
validated, for the Partner Portal; a broken listing lists each problem with its line.
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from jtlapp.core.cli.rebase import rebase_arguments_add, rebase_handle
from jtlapp.listing import ListingInvalidError, listing_path
from jtlapp.listing.render import listing_render
from jtlapp.manifest.render import ManifestBaseUrlError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    rebase_arguments_add(parser, name="listing")


def handle(options: dict[str, Any], stdout: TextIO) -> int:
    return rebase_handle(
        options=options,
        stdout=stdout,
        source=options["listing"] or listing_path(),
        render=lambda text, base_url: listing_render(listing_text=text, base_url=base_url),
        errors=(ListingInvalidError, ManifestBaseUrlError),
    )
