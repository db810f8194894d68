"""What an event does, per topic: a registry of handlers and the default ones.

JTL's events carry only an entity key, no state (platform.md §9), so a handler loads the
current entity through the tenant-bound ``ErpClient`` and acts on that, in two steps: its
``load`` (the ERP reads) runs *before* any transaction, so no database transaction is held
open while a merchant's Wawi answers; the handler itself then runs inside the transaction
that marks the event done, with what ``load`` returned as ``loaded``: whatever it writes
commits exactly once with the event, or not at all. A handler registered without ``load``
does everything inside the transaction. Topics without a handler are marked done with a
note and never retried.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from jtlapp.erp.schemas import Customer, Item, SalesOrder
from jtlapp.gateway.erp import ErpClient
from jtlapp.tenants.models import Tenant
from jtlapp.webhooks.models import WebhookEffect, WebhookEvent

TOPIC_PREFIX = "com.jtl.erp.workflow.v1."
ITEM_CHANGED = TOPIC_PREFIX + "item.changed"
CUSTOMER_CHANGED = TOPIC_PREFIX + "customer.changed"
SALES_ORDER_CHANGED = TOPIC_PREFIX + "salesorder.changed"
SALES_ORDER_PAID = TOPIC_PREFIX + "salesorder.paid"


WebhookHandler = Callable[..., str | None]
"""``handler(*, event, tenant)``, or ``handler(*, event, tenant, loaded)`` with a ``load``."""


class WebhookLoader(Protocol):
    def __call__(self, *, event: WebhookEvent, tenant: Tenant) -> Any: ...


_LOADERS: dict[str, WebhookLoader] = {}
"""Handler name -> its ``load`` step."""


_HANDLERS: dict[str, list[WebhookHandler]] = {}
"""Topic -> its handlers in registration order (ours, then partner apps'; issue 15)."""


def _name(handler: WebhookHandler) -> str:
    return f"{handler.__module__}.{getattr(handler, '__qualname__', handler)}"


def webhook_handler(
    *topics: str, load: WebhookLoader | None = None
) -> Callable[[WebhookHandler], WebhookHandler]:
    """Register ``handler`` for exact topics (JTL matches topics exactly, no wildcards).

    Several apps may handle one topic; they run in registration order in the same
    transaction. Registering the same function again (a module reload) replaces it.
    """

    def register(handler: WebhookHandler) -> WebhookHandler:
        if load is not None:
            _LOADERS[_name(handler)] = load
        else:
            _LOADERS.pop(_name(handler), None)
        for topic in topics:
            kept = [h for h in _HANDLERS.get(topic, []) if _name(h) != _name(handler)]
            _HANDLERS[topic] = [*kept, handler]
        return handler

    return register


@dataclass(frozen=True)
class WebhookRun:
    """A topic's handlers in order: ``load`` outside a transaction, ``apply`` inside one."""

    handlers: tuple[WebhookHandler, ...]

    def load(self, *, event: WebhookEvent, tenant: Tenant) -> tuple[Any, ...]:
        return tuple(
            loader(event=event, tenant=tenant) if (loader := _LOADERS.get(_name(h))) else None
            for h in self.handlers
        )

    def apply(self, *, event: WebhookEvent, tenant: Tenant, loaded: tuple[Any, ...]) -> str:
        notes = []
        for handler, value in zip(self.handlers, loaded, strict=True):
            if _name(handler) in _LOADERS:
                notes.append(handler(event=event, tenant=tenant, loaded=value))
            else:
                notes.append(handler(event=event, tenant=tenant))
        return "; ".join(note for note in notes if note)


def webhook_handler_for(*, topic: str) -> WebhookRun | None:
    handlers = _HANDLERS.get(topic) or []
    return WebhookRun(handlers=tuple(handlers)) if handlers else None


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


def _item_load(*, event: WebhookEvent, tenant: Tenant) -> Item:
    return ErpClient(tenant=tenant).item_get(item_id=event.entity_id)


@webhook_handler(ITEM_CHANGED, load=_item_load)
def item_changed(*, event: WebhookEvent, tenant: Tenant, loaded: Item) -> str:
    summary = {"id": loaded.id, "sku": loaded.identifiers.sku if loaded.identifiers else None}
    return _effect_record(event=event, tenant=tenant, summary=summary)


def _sales_order_load(*, event: WebhookEvent, tenant: Tenant) -> SalesOrder:
    return ErpClient(tenant=tenant).sales_order_get(sales_order_id=event.entity_id)


@webhook_handler(SALES_ORDER_CHANGED, SALES_ORDER_PAID, load=_sales_order_load)
def sales_order_changed(*, event: WebhookEvent, tenant: Tenant, loaded: SalesOrder) -> str:
    summary = {
        "id": loaded.id,
        "number": loaded.sales_order_number,
        "isCancelled": loaded.is_cancelled,
    }
    return _effect_record(event=event, tenant=tenant, summary=summary)


def _customer_load(*, event: WebhookEvent, tenant: Tenant) -> Customer:
    return ErpClient(tenant=tenant).customer_get(customer_id=event.entity_id)


@webhook_handler(CUSTOMER_CHANGED, load=_customer_load)
def customer_changed(*, event: WebhookEvent, tenant: Tenant, loaded: Customer) -> str:
    summary = {"id": loaded.customer_id, "number": loaded.customer_number}
    return _effect_record(event=event, tenant=tenant, summary=summary)
