"""ERP webhooks as the sandbox sends them: built, signed and delivered from a thread.

JTL documents the topics and that ``data`` carries the entity key (platform.md §9) but not
the envelope's field names nor a signature. The sandbox sends what our app accepts
(``jtlapp.webhooks.envelope``): a CloudEvents-like JSON object, signed like Standard
Webhooks with ``X-JTL-Timestamp`` and ``X-JTL-Signature: sha256=<hex HMAC-SHA256 of
"<timestamp>.<body>">``. The target is the manifest's subscription for the topic (moved
onto ``app_base_url``) unless the control surface set one. Each delivery is tried up to
three times and recorded, for tests (``GET /_sandbox/webhooks``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
import time
import uuid
from collections import deque
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from typing import Any

import httpx

from jtlapp.sandbox.config import SandboxConfig

logger = logging.getLogger(__name__)

TOPIC_PREFIX = "com.jtl.erp.workflow.v1."
DELIVERY_ATTEMPTS = 3
DELIVERY_TIMEOUT_SECONDS = 5.0
DELIVERY_LOG_SIZE = 500


def webhook_event_build(
    *, tenant_id: str, topic: str, entity_id: str, user_id: str | None = None
) -> dict[str, Any]:
    now = datetime.now(tz=UTC).isoformat().replace("+00:00", "Z")
    return {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "type": topic,
        "source": f"/erp/tenants/{tenant_id}",
        "subject": entity_id,
        "time": now,
        "tenantId": tenant_id,
        "datacontenttype": "application/json",
        "data": {"objectKey": entity_id, "timestamp": now, "userId": user_id},
    }


def webhook_sign(*, secret: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    """The signature headers of ``body``; also used by ``jtl webhook send``."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return {"X-JTL-Timestamp": stamp, "X-JTL-Signature": f"sha256={digest}"}


def manifest_webhook_url(*, config: SandboxConfig, topic: str) -> str | None:
    """The endpoint of the first subscription naming ``topic`` exactly, rebased."""
    # Imported here: the host package imports the sandbox state, which imports this module.
    from jtlapp.sandbox.host.manifest import manifest_rebase  # noqa: PLC0415

    manifest = manifest_rebase(manifest=config.manifest or {}, base_url=config.app_base_url)
    erp = (manifest.get("capabilities") or {}).get("erp") or {}
    for subscription in (erp.get("webhooks") or {}).get("subscriptions") or []:
        if isinstance(subscription, Mapping) and topic in (subscription.get("topics") or []):
            url = (subscription.get("endpoint") or {}).get("url")
            return url if isinstance(url, str) and url else None
    return None


@dataclass(frozen=True, kw_only=True)
class WebhookDelivery:
    event_id: str
    topic: str
    tenant_id: str
    entity_id: str
    url: str | None
    attempts: int = 0
    status: int | None = None
    error: str | None = None
    done: bool = False

    def as_json(self) -> dict[str, object]:
        return {_camel(key): value for key, value in asdict(self).items()}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


class WebhookOutbox:
    """Where events go and what became of them; thread-safe, one per sandbox process."""

    def __init__(self, *, config: SandboxConfig) -> None:
        self._config = config
        self._lock = threading.Lock()
        self._url: str | None = None
        self._secret = config.webhook_secret
        self._deliveries: deque[WebhookDelivery] = deque(maxlen=DELIVERY_LOG_SIZE)

    def configure(self, *, url: str | None, secret: str | None) -> None:
        """``url`` overrides the manifest for every topic (None: back to the manifest)."""
        with self._lock:
            self._url = url
            if secret is not None:
                self._secret = secret

    def settings_view(self) -> dict[str, object]:
        with self._lock:
            return {"url": self._url, "secretSet": bool(self._secret)}

    def deliveries(self) -> list[WebhookDelivery]:
        with self._lock:
            return list(self._deliveries)

    def clear(self) -> None:
        with self._lock:
            self._deliveries.clear()

    def emit(
        self, *, tenant_id: str, topic: str, entity_id: str, url: str | None = None
    ) -> WebhookDelivery:
        """Build, sign and send one event in the background; the record tracks its fate."""
        event = webhook_event_build(tenant_id=tenant_id, topic=topic, entity_id=entity_id)
        with self._lock:
            target = url or self._url
            if target is None and self._config.webhooks_to_manifest:
                target = manifest_webhook_url(config=self._config, topic=topic)
            secret = self._secret
        delivery = WebhookDelivery(
            event_id=event["id"], topic=topic, tenant_id=tenant_id, entity_id=entity_id, url=target
        )
        if target is None:
            delivery = replace(delivery, done=True, error="no webhook URL for this topic")
        self._store(delivery)
        if target is not None:
            body = json.dumps(event).encode()
            thread = threading.Thread(
                target=self._deliver, args=(delivery, body, secret), daemon=True
            )
            thread.start()
        return delivery

    def _store(self, delivery: WebhookDelivery) -> None:
        with self._lock:
            for index, known in enumerate(self._deliveries):
                if known.event_id == delivery.event_id:
                    self._deliveries[index] = delivery
                    return
            self._deliveries.append(delivery)

    def _deliver(self, delivery: WebhookDelivery, body: bytes, secret: str | None) -> None:
        for attempt in range(1, DELIVERY_ATTEMPTS + 1):
            status, error = _post(url=delivery.url or "", body=body, secret=secret)
            delivery = replace(delivery, attempts=attempt, status=status, error=error)
            if status is not None and status < 500:
                break
            self._store(delivery)
            time.sleep(0.5 * attempt)
        self._store(replace(delivery, done=True))


def _post(*, url: str, body: bytes, secret: str | None) -> tuple[int | None, str | None]:
    headers = {"Content-Type": "application/json"}
    if secret:
        headers.update(webhook_sign(secret=secret, body=body))
    try:
        response = httpx.post(url, content=body, headers=headers, timeout=DELIVERY_TIMEOUT_SECONDS)
    except httpx.HTTPError as exc:
        logger.warning("webhook delivery to %s failed: %s", url, type(exc).__name__)
        return None, f"{type(exc).__name__}: the app did not answer"
    return response.status_code, None
