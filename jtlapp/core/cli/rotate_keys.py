"""``manage.py jtl rotate-keys``: re-encrypt stored tokens under the newest encryption key.

Order (security.md §2.2, case 46): 1. put the new key first in ``JTL_ENCRYPTION_KEYS``, keeping
the old one after it; 2. restart every web, worker and beat process with that list; 3. run this
command; 4. once it reports no unreadable row, drop the old key and restart again. A process
still running with the old list cannot read what this command re-encrypts, so the command
refuses while any running process announces another list (``--force`` overrides). A row no
key can read is reported by tenant id and left as it is (fail closed); the command then exits 1.
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from jtlapp.core.key_lists import key_lists_differing
from jtlapp.gateway.service_token_store import stored_reencrypt
from jtlapp.tenants.rotation import tenant_secrets_reencrypt

BEFORE = (
    "rotate-keys re-encrypts every stored secret under the FIRST key of JTL_ENCRYPTION_KEYS.\n"
    "Every running web, worker and beat process must already hold this same list (new key\n"
    "first, old key still listed): restart them all with it before rotating, or they cannot\n"
    "read the re-encrypted secrets. `jtl doctor` shows which processes hold another list.\n"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--force",
        action="store_true",
        help="rotate although running processes announce another key list",
    )


def handle(options: dict[str, Any], stdout: TextIO) -> int:
    stdout.write(BEFORE)
    differing = key_lists_differing()
    if differing and not options.get("force"):
        stdout.write("Not rotating: these running processes hold another key list:\n")
        for entry in differing:
            stdout.write(f"  {entry.process}\n")
        stdout.write("Restart them with the new JTL_ENCRYPTION_KEYS first (or pass --force).\n")
        return 2
    report = tenant_secrets_reencrypt()
    tokens_rotated, tokens_dropped = stored_reencrypt()
    stdout.write(
        f"tenant secrets: {report.rotated} re-encrypted, {len(report.unreadable)} unreadable\n"
    )
    for what in report.unreadable:
        stdout.write(f"  unreadable, left unchanged: {what}\n")
    stdout.write(
        f"cached service tokens: {tokens_rotated} re-encrypted, "
        f"{tokens_dropped} unreadable and dropped (refetched on next use)\n"
    )
    return 1 if report.unreadable else 0
