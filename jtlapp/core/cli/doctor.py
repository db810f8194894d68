"""``manage.py jtl doctor [--base-url URL]``: green and red lines, non-zero exit on any red."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from jtlapp.core.doctor import doctor_run

GREEN, RED, RESET = "\033[32m", "\033[31m", "\033[0m"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--base-url", help="where the app is served (default: the URLs in manifest.json)"
    )
    parser.add_argument("--no-color", action="store_true", help="plain OK/FAIL words only")


def handle(options: dict[str, Any], stdout: TextIO) -> int:
    color = not options["no_color"] and getattr(stdout, "isatty", lambda: False)()
    lines = doctor_run(base_url=options["base_url"])
    for line in lines:
        mark = "OK  " if line.ok else "FAIL"
        if color:
            mark = f"{GREEN if line.ok else RED}{mark}{RESET}"
        stdout.write(f"{mark} {line.name}: {line.detail}\n")
    failed = sum(not line.ok for line in lines)
    stdout.write("all green\n" if not failed else f"{failed} check(s) failed\n")
    return 1 if failed else 0
