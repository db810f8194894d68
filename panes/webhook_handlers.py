"""The dashboard's share of ERP events: keep the local aggregate current, in two steps.

Registered beside the webhooks app's own handlers for the same topics (several apps may
handle one topic). Each reads the ERP in its ``load`` step, before the transaction that marks
the event done, and writes the aggregate inside it.
"""

from __future__ import annotations

from jtlapp.tenants.models import Tenant
from jtlapp.webhooks.handlers import (
    ITEM_CHANGED,
    SALES_ORDER_CHANGED,
    SALES_ORDER_PAID,
    webhook_handler,
)
from jtlapp.webhooks.models import WebhookEvent
from panes.dashboard_sync import (
    OrderLoaded,
    dashboard_item_apply,
    dashboard_item_load,
    dashboard_order_apply,
    dashboard_order_load,
)
from panes.erp_reads import ItemNode


def _order_load(*, event: WebhookEvent, tenant: Tenant) -> OrderLoaded:
    return dashboard_order_load(tenant=tenant, sales_order_id=event.entity_id)


@webhook_handler(SALES_ORDER_CHANGED, SALES_ORDER_PAID, load=_order_load)
def dashboard_order_changed(*, event: WebhookEvent, tenant: Tenant, loaded: OrderLoaded) -> None:
    dashboard_order_apply(tenant=tenant, sales_order_id=event.entity_id, loaded=loaded)


def _item_load(*, event: WebhookEvent, tenant: Tenant) -> ItemNode | None:
    return dashboard_item_load(tenant=tenant, item_id=event.entity_id)


@webhook_handler(ITEM_CHANGED, load=_item_load)
def dashboard_item_changed(*, event: WebhookEvent, tenant: Tenant, loaded: ItemNode | None) -> None:
    dashboard_item_apply(tenant=tenant, item_id=event.entity_id, loaded=loaded)
