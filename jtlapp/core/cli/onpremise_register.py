"""``manage.py jtl onpremise-register --url ... --challenge-code ... --tenant-id ...``.

Registers the app with a merchant's own JTL-Wawi, shows progress while the merchant
approves it in Wawi, and stores the API key encrypted (Wawi shows it only once).
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO
from uuid import UUID

from jtlapp.manifest import manifest_api_scopes, manifest_load
from jtlapp.tenants.onpremise import (
    API_VERSIONS,
    OnPremiseRegistrationError,
    WawiApp,
    onpremise_register,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--url", required=True, help="Wawi REST base, e.g. http://127.0.0.1:5883/api/eazybusiness"
    )
    parser.add_argument("--challenge-code", required=True, help="any text of up to 30 characters")
    parser.add_argument(
        "--tenant-id", required=True, type=UUID, help="the JTL tenant UUID this Wawi belongs to"
    )
    parser.add_argument(
        "--api-version",
        default="1.0",
        choices=API_VERSIONS,
        help="the Wawi API generation to register with (paths and api-version header follow it)",
    )
    parser.add_argument("--optional-scope", action="append", default=[], dest="optional_scopes")
    parser.add_argument("--provider-name", default="jtlapp")
    parser.add_argument("--provider-website", default="https://github.com/")
    parser.add_argument("--poll-seconds", type=float, default=5.0)
    parser.add_argument("--timeout", type=float, default=600.0)


def handle(options: dict[str, Any], stdout: TextIO) -> int:
    manifest = manifest_load()
    mandatory = tuple(sorted(manifest_api_scopes()))
    app = WawiApp(
        app_id=f"{manifest.technical_name}/{manifest.version}",
        display_name=manifest.technical_name,
        description=f"{manifest.technical_name} {manifest.version}",
        version=manifest.version,
        provider_name=options["provider_name"],
        provider_website=options["provider_website"],
        mandatory_scopes=mandatory,
        optional_scopes=tuple(s for s in options["optional_scopes"] if s not in mandatory),
    )

    def progress(message: str) -> None:
        stdout.write(message + "\n")
        stdout.flush()

    try:
        tenant = onpremise_register(
            base_url=options["url"],
            challenge_code=options["challenge_code"],
            tenant_id=options["tenant_id"],
            app=app,
            api_version=options["api_version"],
            poll_seconds=options["poll_seconds"],
            timeout_seconds=options["timeout"],
            on_progress=progress,
        )
    except OnPremiseRegistrationError as exc:
        stdout.write(f"Registration failed: {exc.message}\n")
        return 1
    scopes = ", ".join(tenant.granted_scopes) or "none"
    stdout.write(f"Registered. Tenant {tenant.tenant_id} is active; granted scopes: {scopes}.\n")
    stdout.write("The API key is stored encrypted; Wawi will not show it again.\n")
    return 0
