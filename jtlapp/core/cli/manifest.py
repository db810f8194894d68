"""``manage.py jtl manifest --base-url https://app.example.com [--output file]``.

Prints (or writes) ``manifest.json`` rebased onto the deployment and validated, ready to paste
into the Partner Portal's JSON editor; a broken manifest lists each problem with its line.
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from jtlapp.core.cli.rebase import rebase_arguments_add, rebase_handle
from jtlapp.manifest import ManifestInvalidError, manifest_path
from jtlapp.manifest.render import ManifestBaseUrlError, manifest_render


def add_arguments(parser: argparse.ArgumentParser) -> None:
    rebase_arguments_add(parser, name="manifest")


def handle(options: dict[str, Any], stdout: TextIO) -> int:
    return rebase_handle(
        options=options,
        stdout=stdout,
        source=options["manifest"] or manifest_path(),
        render=lambda text, base_url: manifest_render(manifest_text=text, base_url=base_url),
        errors=(ManifestInvalidError, ManifestBaseUrlError),
    )
