"""``manage.py jtl rotate-keys``: re-encrypt stored tokens under the newest encryption key.

Run after putting a new key first in ``JTL_ENCRYPTION_KEYS``; once it reports no unreadable
row, the old key can be removed (security.md §2.2, case 46). A row no key can read is reported
by tenant id and left as it is (fail closed); the command then exits 1.
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from jtlapp.gateway.service_token_store import stored_reencrypt
from jtlapp.tenants.rotation import tenant_secrets_reencrypt


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options: every stored secret and every cached service token is rotated."""


def handle(options: dict[str, Any], stdout: TextIO) -> int:
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
