"""ERP API writes that send webhooks: a successful write sends its entity's ``*.changed``.

``PATCH /v2/items/{id}`` sends ``item.changed``; an order or its line items
``salesorder.changed``; a customer ``customer.changed``. v1 paths with int keys count too;
the event always names the entity by its v2 UUID, which is what the app loads.
"""

from __future__ import annotations

import re

from jtlapp.sandbox.erp.tenant import TenantData
from jtlapp.sandbox.webhooks import TOPIC_PREFIX, WebhookOutbox

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_WRITE_PATH = re.compile(
    r"^(?:/v\d+)?/(items|customers|sales-orders|salesOrders)/([^/?]+)", re.IGNORECASE
)
_KINDS = {
    "items": ("item", "item.changed"),
    "customers": ("customer", "customer.changed"),
    "sales-orders": ("salesorder", "salesorder.changed"),
    "salesorders": ("salesorder", "salesorder.changed"),
}


def erp_write_webhook(
    *, outbox: WebhookOutbox, data: TenantData, method: str, path: str, status: int
) -> None:
    if method not in WRITE_METHODS or not 200 <= status < 300:
        return
    match = _WRITE_PATH.match(path)
    if match is None:
        return
    kind, topic = _KINDS[match.group(1).lower()]
    raw = match.group(2)
    key = int(raw) if raw.isdigit() else data.uuid_key(kind=kind, value=raw)
    if key is None:
        return
    entity_id = data.uuid(kind=kind, key=key)
    outbox.emit(tenant_id=data.tenant_id, topic=TOPIC_PREFIX + topic, entity_id=entity_id)
