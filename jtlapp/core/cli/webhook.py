"""``manage.py jtl webhook send|replay|list``: try the ERP webhook endpoint and run the inbox.

``send`` builds and signs an event exactly as the sandbox does (``jtlapp.sandbox.webhooks``)
with ``JTL_WEBHOOK_SECRET`` and posts it, printing our answer; ``replay`` gives a dead or
failed event new attempts; ``list`` shows the newest events.
"""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

import httpx
from django.conf import settings

from jtlapp.errors import ApplicationError
from jtlapp.sandbox.webhooks import webhook_event_build, webhook_sign
from jtlapp.webhooks.models import WebhookEvent
from jtlapp.webhooks.selectors import webhook_events_list
from jtlapp.webhooks.services import webhook_event_replay

DEFAULT_URL = "http://localhost:<JTL_WEB_PORT>/webhooks/erp"
COLUMNS = ("received_at", "state", "attempts", "topic", "event_id", "tenant", "note")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="webhook_action", required=True)
    send = actions.add_parser("send", help="sign and POST one event to our endpoint")
    send.add_argument("--tenant", required=True, help="tenant UUID")
    send.add_argument("--topic", required=True, help="e.g. com.jtl.erp.workflow.v1.item.changed")
    send.add_argument("--entity-id", required=True, help="the entity key (v2 UUID)")
    send.add_argument("--url", help=f"endpoint (default {DEFAULT_URL})")
    replay = actions.add_parser("replay", help="replay a dead or failed event")
    replay.add_argument("event_id")
    listing = actions.add_parser("list", help="the newest events of the inbox")
    listing.add_argument("--state", choices=WebhookEvent.State.values, default=None)
    listing.add_argument("--limit", type=int, default=50)


def _send(options: dict[str, Any], stdout: TextIO) -> int:
    options["url"] = options["url"] or f"{settings.JTL_APP_BASE_URL}/webhooks/erp"  # JTL_WEB_PORT
    event = webhook_event_build(
        tenant_id=options["tenant"], topic=options["topic"], entity_id=options["entity_id"]
    )
    body = json.dumps(event).encode()
    headers = {"Content-Type": "application/json"}
    if settings.JTL_WEBHOOK_SECRET:
        headers.update(webhook_sign(secret=settings.JTL_WEBHOOK_SECRET, body=body))
    try:
        response = httpx.post(options["url"], content=body, headers=headers, timeout=10)
    except httpx.HTTPError as exc:
        stdout.write(f"Could not reach {options['url']}: {type(exc).__name__}\n")
        return 1
    stdout.write(f"event {event['id']} -> HTTP {response.status_code}\n{response.text}\n")
    return 0 if response.is_success else 1


def _replay(options: dict[str, Any], stdout: TextIO) -> int:
    try:
        event = webhook_event_replay(event_id=options["event_id"])
    except ApplicationError as exc:
        stdout.write(f"{exc.message}\n")
        return 1
    stdout.write(f"event {event.event_id} is {event.state} again and enqueued\n")
    return 0


def _list(options: dict[str, Any], stdout: TextIO) -> int:
    events = webhook_events_list(state=options["state"], limit=options["limit"])
    if not events:
        stdout.write("No webhook events.\n")
        return 0
    rows = [COLUMNS] + [
        (
            f"{e.received_at:%Y-%m-%d %H:%M:%S}",
            e.state,
            str(e.attempts),
            e.topic,
            e.event_id,
            str(e.event_tenant_id),
            e.last_error[:60] if e.state in ("failed", "dead") else e.note,
        )
        for e in events
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    for row in rows:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        stdout.write("  ".join(cells).rstrip() + "\n")
    return 0


def handle(options: dict[str, Any], stdout: TextIO) -> int:
    actions = {"send": _send, "replay": _replay, "list": _list}
    return actions[options["webhook_action"]](options, stdout)
