"""``manage.py jtl tenant-purge --tenant <uuid> [--yes] [--force]``: delete a tenant's data now.

For data requests that cannot wait for the grace period. Asks for confirmation unless
``--yes``; refuses a tenant that is active or mid-setup unless ``--force``. Keeps the audit
minimum that the beat purge keeps (``jtlapp.tenants.purge``).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO
from uuid import UUID

from jtlapp.tenants.purge import (
    TenantPurgeRefusedError,
    TenantUnknownError,
    tenant_purge_check,
    tenant_purge_now,
)

CONFIRMATIONS = ("y", "yes")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tenant", required=True, type=UUID, help="the tenant's JTL UUID")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    parser.add_argument(
        "--force", action="store_true", help="purge even an active or pending tenant"
    )


def _confirmed(stdout: TextIO, *, tenant_id: UUID, state: str) -> bool:
    stdout.write(
        f"Purge every piece of data of tenant {tenant_id} (state {state})? "
        "This cannot be undone. [y/N] "
    )
    stdout.flush()
    return sys.stdin.readline().strip().lower() in CONFIRMATIONS


def handle(options: dict[str, Any], stdout: TextIO) -> int:
    tenant_id: UUID = options["tenant"]
    try:
        tenant = tenant_purge_check(tenant_id=tenant_id, force=options["force"])
        if not options["yes"] and not _confirmed(stdout, tenant_id=tenant_id, state=tenant.state):
            stdout.write("Nothing purged.\n")
            return 1
        report = tenant_purge_now(tenant_id=tenant_id, force=options["force"])
    except (TenantUnknownError, TenantPurgeRefusedError) as exc:
        stdout.write(f"{exc.message}\n")
        return 1
    if report.outcome == "already_purged":
        stdout.write(f"Tenant {tenant_id} was purged already.\n")
        return 0
    counts = ", ".join(f"{name} {count}" for name, count in report.deleted.items())
    stdout.write(f"Tenant {tenant_id} purged ({counts}).\n")
    return 0
