"""``manage.py jtl <subcommand>``: every project command under one name.

Subcommands live in ``jtlapp/core/cli/`` as modules with ``add_arguments(parser)`` and
``handle(options, stdout) -> int``; this class only dispatches.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "sandbox": ("jtlapp.core.cli.sandbox", "Run the local JTL platform stand-in."),
    "tenants": ("jtlapp.core.cli.tenants", "List tenants with state and token health."),
    "onpremise-register": (
        "jtlapp.core.cli.onpremise_register",
        "Register the app with a merchant's own JTL-Wawi and store its API key.",
    ),
    "tenant-export": (
        "jtlapp.core.cli.tenant_export",
        "Write everything stored about a tenant as JSON (no secrets), for data requests.",
    ),
    "tenant-purge": (
        "jtlapp.core.cli.tenant_purge",
        "Delete a tenant's data now, without waiting for the grace period.",
    ),
    "rotate-keys": ("jtlapp.core.cli.rotate_keys", "Re-encrypt stored tokens with the newest key."),
    "manifest": (
        "jtlapp.core.cli.manifest",
        "Render manifest.json for a deployment URL, validated, for the Partner Portal.",
    ),
    "startpane": (
        "jtlapp.core.cli.startpane",
        "Create a pane in a partner app (view, module, API, webhook handler, tests).",
    ),
    "listing": (
        "jtlapp.core.cli.listing",
        "Render the store listing for a deployment URL, validated, for the Partner Portal.",
    ),
    "doctor": ("jtlapp.core.cli.doctor", "Check the running configuration and say what to fix."),
    "webhook": (
        "jtlapp.core.cli.webhook",
        "ERP webhooks: send a signed test event, replay a dead one, list the inbox.",
    ),
}


SERVERS = frozenset({"sandbox"})
"""Subcommands that serve requests and keep logging them at INFO."""
HTTP_LOGGERS = ("httpx", "httpcore", "jtlapp.erp.client", "jtlapp.gateway")
"""Loggers that write a line per HTTP call; quiet while a command prints for people."""


class Command(BaseCommand):
    help = "jtlapp commands: " + ", ".join(SUBCOMMANDS)

    def add_arguments(self, parser: CommandParser) -> None:
        subparsers = parser.add_subparsers(dest="subcommand", required=True)
        for name, (module, help_text) in SUBCOMMANDS.items():
            subparser = subparsers.add_parser(name, help=help_text)
            importlib.import_module(module).add_arguments(subparser)

    def handle(self, *args: Any, **options: Any) -> None:
        quiet = options["subcommand"] not in SERVERS and options["verbosity"] < 2
        loggers = [logging.getLogger(name) for name in HTTP_LOGGERS] if quiet else []
        levels = [logger.level for logger in loggers]
        for logger in loggers:  # commands print for people; -v 2 shows the per-request lines
            logger.setLevel(max(logger.level, logging.WARNING))
        module = importlib.import_module(SUBCOMMANDS[options["subcommand"]][0])
        try:
            exit_code: int = module.handle(options, self.stdout)
        finally:
            for logger, level in zip(loggers, levels, strict=True):
                logger.setLevel(level)
        if exit_code:
            raise CommandError(f"jtl {options['subcommand']} failed", returncode=exit_code)
