"""``manage.py jtl tenants [--json]``: every tenant with its state and token health."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any, TextIO

from jtlapp.tenants.selectors import TenantHealth, tenant_health_list

COLUMNS = ("tenant_id", "state", "connection", "set_up_at", "token", "auth_failures")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def _token_cell(row: TenantHealth) -> str:
    if row.token_expires_in_seconds is None:
        return "-"
    if row.token_expires_in_seconds <= 0:
        return "EXPIRED"
    error = f" ({row.last_refresh_error})" if row.last_refresh_error else ""
    return f"expires in {row.token_expires_in_seconds // 60} min{error}"


def _cells(row: TenantHealth) -> tuple[str, ...]:
    set_up = row.set_up_at.strftime("%Y-%m-%d %H:%M") if row.set_up_at else "-"
    failures = str(row.consecutive_auth_failures)
    return (row.tenant_id, row.state, row.connection, set_up, _token_cell(row), failures)


def handle(options: dict[str, Any], stdout: TextIO) -> int:
    rows = tenant_health_list()
    if options["json"]:
        stdout.write(json.dumps([asdict(row) for row in rows], default=str, indent=2) + "\n")
        return 0
    if not rows:
        stdout.write("No tenants yet: a tenant appears when a merchant completes the setup.\n")
        return 0
    table = [COLUMNS, *(_cells(row) for row in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    for line in table:
        cells = (cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        stdout.write("  ".join(cells).rstrip() + "\n")  # one write per row: no blank lines
    return 0
