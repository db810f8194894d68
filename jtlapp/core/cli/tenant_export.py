"""``manage.py jtl tenant-export --tenant <uuid> [--output file]``: a tenant's data request.

Writes everything we store about the tenant as JSON, secrets only as "present"/"absent".
A file is created readable by its owner only: the export holds personal data.
"""

from __future__ import annotations

import argparse
import json
import os
from typing import Any, TextIO
from uuid import UUID

from jtlapp.tenants.export import tenant_export
from jtlapp.tenants.purge import TenantUnknownError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tenant", required=True, type=UUID, help="the tenant's JTL UUID")
    parser.add_argument("--output", help="write to this file (mode 0600) instead of stdout")


def handle(options: dict[str, Any], stdout: TextIO) -> int:
    try:
        document = tenant_export(tenant_id=options["tenant"])
    except TenantUnknownError as exc:
        stdout.write(f"{exc.message}\n")
        return 1
    text = json.dumps(document, indent=2, sort_keys=True) + "\n"
    if not options["output"]:
        stdout.write(text)
        return 0
    descriptor = os.open(options["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as output:
        output.write(text)
    stdout.write(f"Export of tenant {options['tenant']} written to {options['output']}.\n")
    return 0
