"""What ``jtl manifest`` and ``jtl listing`` share: render a checked artefact for a base URL.

Both read a JSON file of the project (or ``--<name>``), rebase it onto ``--base-url``, validate
it, and print it or write it to ``--output``; a broken file lists each problem with its line.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO


def rebase_arguments_add(parser: argparse.ArgumentParser, *, name: str) -> None:
    parser.add_argument("--base-url", required=True, help="where the app is served, https://...")
    parser.add_argument("--output", type=Path, help="write here instead of standard output")
    parser.add_argument("--" + name, type=Path, help=f"{name} to render (default: the project's)")


def rebase_handle(
    *,
    options: dict[str, Any],
    stdout: TextIO,
    source: Path,
    render: Callable[[str, str], str],
    errors: tuple[type[Exception], ...],
) -> int:
    """``render(text, base_url)``; ``errors`` are the render's own (printed, exit 1)."""
    try:
        text = render(source.read_text(encoding="utf-8"), options["base_url"])
    except errors as exc:
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
