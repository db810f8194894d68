"""``manage.py jtl sandbox``: serve the JTL platform stand-in on its own port.

The sandbox learns our app's service-account credentials and app id from the same settings the
app uses, and the scopes and redirect URIs from ``manifest.json``, so the two agree without any
code path in the app knowing it talks to a sandbox.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from django.conf import settings
from werkzeug.serving import make_server

from jtlapp.sandbox.app import sandbox_app_create
from jtlapp.sandbox.config import SandboxClient, SandboxConfig
from jtlapp.sandbox.host.manifest import manifest_rebase


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=settings.JTL_SANDBOX_PORT)
    parser.add_argument(
        "--token-lifetime",
        type=int,
        default=3600,
        help="seconds a service-account or delegated token lives (short ones test refreshing)",
    )
    parser.add_argument("--app-token-lifetime", type=int, default=300)
    parser.add_argument(
        "--app-url",
        default=None,
        help="origin our app is served on, e.g. http://localhost:8002; replaces scheme, host "
        "and port of every manifest URL the host shell embeds (default: JTL_WEB_PORT's origin)",
    )


def sandbox_config_from_settings(
    *,
    base_url: str,
    token_lifetime: int,
    app_token_lifetime: int,
    app_base_url: str | None = None,
    webhooks_to_manifest: bool = True,
) -> SandboxConfig:
    """``app_base_url`` moves the manifest's URLs (host shell frames, redirect URIs) onto it."""
    raw = json.loads((Path(settings.BASE_DIR) / "manifest.json").read_text(encoding="utf-8"))
    manifest = manifest_rebase(manifest=raw, base_url=app_base_url)
    erp = manifest.get("capabilities", {}).get("erp", {})
    public_client = manifest.get("authentication", {}).get("publicClient", {})
    client = SandboxClient(
        client_id=settings.JTL_CLIENT_ID,
        client_secret=settings.JTL_CLIENT_SECRET,
        app_id=settings.JTL_APP_ID,
        scopes=tuple(erp.get("api", {}).get("scopes", [])),
        redirect_uris=tuple(public_client.get("redirectUris", [])),
    )
    return SandboxConfig(
        base_url=base_url,
        clients=(client,),
        access_token_lifetime_seconds=token_lifetime,
        delegated_token_lifetime_seconds=token_lifetime,
        app_token_lifetime_seconds=app_token_lifetime,
        manifest=raw,
        app_base_url=app_base_url,
        webhook_secret=settings.JTL_WEBHOOK_SECRET or None,
        webhooks_to_manifest=webhooks_to_manifest,
    )


def handle(options: dict[str, Any], stdout: TextIO) -> int:
    base_url = f"http://localhost:{options['port']}"
    config = sandbox_config_from_settings(
        base_url=base_url,
        token_lifetime=options["token_lifetime"],
        app_token_lifetime=options["app_token_lifetime"],
        app_base_url=options.get("app_url") or settings.JTL_APP_BASE_URL,  # follows JTL_WEB_PORT
    )
    server = make_server(
        options["host"], options["port"], sandbox_app_create(config=config), threaded=True
    )
    stdout.write(f"JTL sandbox on {base_url}/ (issuer and API base); Ctrl-C stops it\n")
    stdout.write(f"ERP host shell: {base_url}/host/\n")
    stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
