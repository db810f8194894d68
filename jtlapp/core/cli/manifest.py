"""``manage.py jtl manifest --base-url https://app.example.com [--output file]``.

Prints (or writes) ``manifest.json`` rebased onto the deployment and validated, ready to paste
into the Partner Portal's JSON editor; a broken manifest lists each problem with its line.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from jtlapp.manifest import ManifestInvalidError, manifest_path
from jtlapp.manifest.render import ManifestBaseUrlError, manifest_render


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--base-url", required=True, help="where the app is served, https://...")
    parser.add_argument("--output", type=Path, help="write here instead of standard output")
    parser.add_argument("--manifest", type=Path, help="manifest to render (default: the project's)")


def handle(options: dict[str, Any], stdout: TextIO) -> int:
    source: Path = options["manifest"] or manifest_path()
    try:
        text = manifest_render(
            manifest_text=source.read_text(encoding="utf-8"), base_url=options["base_url"]
        )
    except (ManifestInvalidError, ManifestBaseUrlError) as exc:
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
