"""What an event does, per topic: a registry of handlers and the default ones.

JTL's events carry only an entity key, no state (platform.md §9), so a handler loads the
current entity through the tenant-bound ``ErpClient`` and acts on that. A handler runs inside
the transaction that marks the event done: whatever it writes to the database commits exactly
once with it, or not at all. It may call the ERP (the transaction then stays open for at most
the client's deadline); it must not have other side effects that cannot be rolled back.
Topics without a handler are marked done with a note and never retried.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from jtlapp.gateway.erp import ErpClient
from jtlapp.tenants.models import Tenant
from jtlapp.webhooks.models import WebhookEffect, WebhookEvent

TOPIC_PREFIX = "com.jtl.erp.workflow.v1."
ITEM_CHANGED = TOPIC_PREFIX + "item.changed"
CUSTOMER_CHANGED = TOPIC_PREFIX + "customer.changed"
SALES_ORDER_CHANGED = TOPIC_PREFIX + "salesorder.changed"
SALES_ORDER_PAID = TOPIC_PREFIX + "salesorder.paid"


class WebhookHandler(Protocol):
    def __call__(self, *, event: WebhookEvent, tenant: Tenant) -> str | None: ...


_HANDLERS: dict[str, list[WebhookHandler]] = {}
"""Topic -> its handlers in registration order (ours, then partner apps'; issue 15)."""


def _name(handler: WebhookHandler) -> str:
    return f"{handler.__module__}.{getattr(handler, '__qualname__', handler)}"


def webhook_handler(*topics: str) -> Callable[[WebhookHandler], WebhookHandler]:
    """Register ``handler`` for exact topics (JTL matches topics exactly, no wildcards).

    Several apps may handle one topic; they run in registration order in the same
    transaction. Registering the same function again (a module reload) replaces it.
    """

    def register(handler: WebhookHandler) -> WebhookHandler:
        for topic in topics:
            kept = [h for h in _HANDLERS.get(topic, []) if _name(h) != _name(handler)]
            _HANDLERS[topic] = [*kept, handler]
        return handler

    return register


def webhook_handler_for(*, topic: str) -> WebhookHandler | None:
    handlers = _HANDLERS.get(topic) or []
    if len(handlers) <= 1:
        return handlers[0] if handlers else None

    def every(*, event: WebhookEvent, tenant: Tenant) -> str | None:
        notes = [note for handler in handlers if (note := handler(event=event, tenant=tenant))]
        return "; ".join(notes) or None

    return every


def webhook_handled_topics() -> dict[str, str]:
    """Registered topics and handler names, for ``manage.py check`` (``jtlapp.E010``/``E011``)."""
    return {topic: ", ".join(_name(h) for h in hs) for topic, hs in _HANDLERS.items() if hs}


def _effect_record(*, event: WebhookEvent, tenant: Tenant, summary: dict[str, Any]) -> str:
    WebhookEffect.objects.create(
        event=event,
        tenant=tenant,
        topic=event.topic,
        entity_id=event.entity_id,
        summary=summary,
    )
    return f"loaded {event.entity_id}"


@webhook_handler(ITEM_CHANGED)
def item_changed(*, event: WebhookEvent, tenant: Tenant) -> str:
    item = ErpClient(tenant=tenant).item_get(item_id=event.entity_id)
    summary = {"id": item.id, "sku": item.identifiers.sku if item.identifiers else None}
    return _effect_record(event=event, tenant=tenant, summary=summary)


@webhook_handler(SALES_ORDER_CHANGED, SALES_ORDER_PAID)
def sales_order_changed(*, event: WebhookEvent, tenant: Tenant) -> str:
    order = ErpClient(tenant=tenant).sales_order_get(sales_order_id=event.entity_id)
    summary = {
        "id": order.id,
        "number": order.sales_order_number,
        "isCancelled": order.is_cancelled,
    }
    return _effect_record(event=event, tenant=tenant, summary=summary)


@webhook_handler(CUSTOMER_CHANGED)
def customer_changed(*, event: WebhookEvent, tenant: Tenant) -> str:
    customer = ErpClient(tenant=tenant).customer_get(customer_id=event.entity_id)
    summary = {"id": customer.customer_id, "number": customer.customer_number}
    return _effect_record(event=event, tenant=tenant, summary=summary)
