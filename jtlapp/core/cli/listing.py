"""``manage.py jtl listing --base-url https://app.example.com [--output file]``.

Prints (or writes) the store listing rebased onto the deployment, media as absolute URLs,
validated, for the Partner Portal; a broken listing lists each problem with its line.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from jtlapp.listing import ListingInvalidError, listing_path
from jtlapp.listing.render import listing_render
from jtlapp.manifest.render import ManifestBaseUrlError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--base-url", required=True, help="where the app is served, https://...")
    parser.add_argument("--output", type=Path, help="write here instead of standard output")
    parser.add_argument("--listing", type=Path, help="listing to render (default: the project's)")


def handle(options: dict[str, Any], stdout: TextIO) -> int:
    source: Path = options["listing"] or listing_path()
    try:
        text = listing_render(
            listing_text=source.read_text(encoding="utf-8"), base_url=options["base_url"]
        )
    except (ListingInvalidError, ManifestBaseUrlError) as exc:
        stdout.write(f"{exc}\n")
        return 1
    except OSError as exc:
        stdout.write(f"cannot read {source}: {exc.strerror}\n")
        return 1
    if options["output"] is None:
        stdout.write(text)
        return 0
    options["output"].write_text(text, encoding="utf-8")
    stdout.write(f"wrote {options['output']} (valid; paste it into the Partner Portal)\n")
    return 0
