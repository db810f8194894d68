"""``manage.py jtl startpane NAME [--app partner] [--context customers|salesorders] [--into DIR]``.

Creates the pane in ``panes/partners/<app>/`` of the checkout (or of ``--into``), with its
tests in ``tests/partners/<app>/``, and adds it to ``manifest.json``. Refuses a bad name or
an existing pane without changing anything.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from django.conf import settings

from jtlapp.scaffold.startpane import CONTEXTS, ScaffoldError, pane_scaffold


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="the pane's name: lower-case words joined by hyphens")
    parser.add_argument("--app", default="partner", help="the partner app (default: partner)")
    parser.add_argument("--context", choices=sorted(CONTEXTS), default="customers")
    parser.add_argument("--into", type=Path, help="checkout to write into (default: this one)")


def handle(options: dict[str, Any], stdout: TextIO) -> int:
    root: Path = (options["into"] or Path(settings.BASE_DIR)).resolve()
    try:
        result = pane_scaffold(
            root=root, name=options["name"], app=options["app"], context=options["context"]
        )
    except ScaffoldError as exc:
        stdout.write(f"startpane: {exc}\n")
        return 1
    for path in result.created:
        stdout.write(f"created  {path.relative_to(root)}\n")
    stdout.write(f"updated  manifest.json (pane {result.manifest_pane_id})\n")
    stdout.write("next: python manage.py check && make test\n")
    return 0
