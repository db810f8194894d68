"""Keeping the dashboard aggregate current: first fill, reconciliation, single updates.

The reconciliation pages through the window's orders, the unpaid orders and the items with a
minimum stock, and loads the lines of orders it has not seen yet; each ERP call waits its turn
(``DASHBOARD_SYNC_CALLS_PER_SECOND``) so a large ERP is never flooded. Webhook handlers call
``dashboard_order_refresh``/``dashboard_item_refresh`` for one entity each.
"""

from __future__ import annotations

import time as clock
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jtlapp.gateway.erp import ErpClient
from jtlapp.tenants.models import Tenant
from panes import erp_reads
from panes.erp_reads import ItemNode, OrderNode, RestLine
from panes.models import DashboardItem, DashboardOrder, DashboardSync

WINDOW_DAYS = 30
UNPAID = ["UNPAID", "PARTIALLY_PAID"]
MAX_PAGES = 50
"""Per list and run: a runaway cursor cannot keep a worker busy for ever."""


class _Pacer:
    """At most ``rate`` calls per second (a sleep before each call that comes too early)."""

    def __init__(self, rate: float) -> None:
        self.gap = 1.0 / rate if rate > 0 else 0.0
        self.last = 0.0

    def wait(self) -> None:
        delay = self.last + self.gap - clock.monotonic()
        if delay > 0:
            clock.sleep(delay)
        self.last = clock.monotonic()


def window_start(*, today: datetime | None = None) -> datetime:
    first = timezone.localdate(today) - timedelta(days=WINDOW_DAYS - 1)
    return datetime.combine(first, time.min, tzinfo=timezone.get_current_timezone())


def _customer_name(order: OrderNode) -> str:
    parts = (order.billing_address_first_name, order.billing_address_last_name)
    name = " ".join(part for part in parts if part)
    return order.billing_address_company or name


def _item_lines(lines: list[RestLine]) -> list[dict[str, object]]:
    return [
        {"itemId": line.item_id, "sku": line.sku, "name": line.name,
         "quantity": line.quantity, "netRevenue": line.total_net}
        for line in lines if line.is_item and line.item_id
    ]  # fmt: skip


def _order_store(*, tenant: Tenant, order: OrderNode, lines: list[RestLine] | None) -> None:
    values: dict[str, object] = {
        "number": order.sales_order_number or "",
        "ordered_at": order.sales_order_date,
        "currency": order.currency_iso or "EUR",
        "total_gross": order.total_gross_amount or 0.0,
        "still_to_pay": order.still_to_pay or 0.0,
        "payment_status": order.payment_status.value,
        "customer_name": _customer_name(order)[:200],
        "is_cancelled": order.is_cancelled,
        "is_pending": order.is_pending,
    }
    if lines is not None:
        values |= {"item_lines": _item_lines(lines), "lines_loaded": True}
    DashboardOrder.objects.update_or_create(tenant=tenant, order_id=order.id, defaults=values)


def _item_store(*, tenant: Tenant, item: ItemNode) -> None:
    DashboardItem.objects.update_or_create(
        tenant=tenant,
        item_id=item.id,
        defaults={"sku": item.sku or "", "name": (item.name or "")[:300],
                  "stock_available": item.stock_available, "minimum_stock": item.minimum_stock},
    )  # fmt: skip


def _orders_all(*, client: ErpClient, pacer: _Pacer, where: dict[str, object]) -> list[OrderNode]:
    found: list[OrderNode] = []
    cursor: str | None = None
    for _ in range(MAX_PAGES):
        pacer.wait()
        page, cursor = erp_reads.orders_page(client=client, where=where, after=cursor)
        found.extend(page)
        if cursor is None:
            break
    return found


def _items_all(*, client: ErpClient, pacer: _Pacer) -> list[ItemNode]:
    where: dict[str, object] = {"hasMinimumStock": {"eq": True}, "isActive": {"eq": True}}
    found: list[ItemNode] = []
    cursor: str | None = None
    for _ in range(MAX_PAGES):
        pacer.wait()
        page, cursor = erp_reads.items_page(client=client, where=where, after=cursor)
        found.extend(page)
        if cursor is None:
            break
    return found


def dashboard_reconcile(*, tenant: Tenant) -> int:
    """Re-read the window from the ERP and replace the tenant's aggregate; returns orders kept."""
    client = ErpClient(tenant=tenant)
    pacer = _Pacer(settings.DASHBOARD_SYNC_CALLS_PER_SECOND)
    started = timezone.now()
    DashboardSync.objects.update_or_create(tenant=tenant, defaults={"started_at": started})
    recent = _orders_all(
        client=client, pacer=pacer, where={"salesOrderDate": {"gte": window_start().isoformat()}}
    )
    unpaid = _orders_all(
        client=client, pacer=pacer,
        where={"isCancelled": {"eq": False}, "paymentStatus": {"in": UNPAID}},
    )  # fmt: skip
    orders = {order.id: order for order in [*recent, *unpaid]}
    loaded = set(
        DashboardOrder.objects.filter(tenant=tenant, lines_loaded=True).values_list(
            "order_id", flat=True
        )
    )
    items = _items_all(client=client, pacer=pacer)
    for order in orders.values():
        lines = None
        if order.id not in loaded:
            pacer.wait()
            lines = erp_reads.order_lines_read(client=client, sales_order_id=order.id)
        _order_store(tenant=tenant, order=order, lines=lines)
    with transaction.atomic():
        DashboardOrder.objects.filter(tenant=tenant).exclude(order_id__in=orders).delete()
        DashboardItem.objects.filter(tenant=tenant).exclude(
            item_id__in=[i.id for i in items]
        ).delete()
        for item in items:
            _item_store(tenant=tenant, item=item)
        DashboardSync.objects.filter(tenant=tenant).update(filled_at=timezone.now(), last_error="")
    return len(orders)


OrderLoaded = tuple[OrderNode | None, list[RestLine]] | None
"""What an order webhook read: the order (None: gone) and its lines; None: nothing to do."""


def dashboard_order_load(*, tenant: Tenant, sales_order_id: str) -> OrderLoaded:
    """The ERP reads of one changed order (before any transaction)."""
    if not DashboardSync.objects.filter(tenant=tenant, filled_at__isnull=False).exists():
        return None  # the first fill reads it anyway
    client = ErpClient(tenant=tenant)
    found, _ = erp_reads.orders_page(client=client, where={"id": {"eq": sales_order_id}})
    order = found[0] if found else None
    if order is None or not _order_kept(order):
        return order, []
    return order, erp_reads.order_lines_read(client=client, sales_order_id=order.id)


def dashboard_order_apply(*, tenant: Tenant, sales_order_id: str, loaded: OrderLoaded) -> None:
    """Store (or drop) what ``dashboard_order_load`` read."""
    if loaded is None:
        return
    order, lines = loaded
    if order is None or not _order_kept(order):
        DashboardOrder.objects.filter(tenant=tenant, order_id=sales_order_id).delete()
        return
    _order_store(tenant=tenant, order=order, lines=lines)


def _order_kept(order: OrderNode) -> bool:
    in_window = order.sales_order_date >= window_start()
    return in_window or (not order.is_cancelled and order.payment_status in UNPAID)


def dashboard_order_refresh(*, tenant: Tenant, sales_order_id: str) -> None:
    """One order changed: re-read it and its lines, then store them."""
    loaded = dashboard_order_load(tenant=tenant, sales_order_id=sales_order_id)
    dashboard_order_apply(tenant=tenant, sales_order_id=sales_order_id, loaded=loaded)


def dashboard_item_load(*, tenant: Tenant, item_id: str) -> ItemNode | None:
    """The ERP read of one changed item (before any transaction); None: it is gone."""
    found, _ = erp_reads.items_page(client=ErpClient(tenant=tenant), where={"id": {"eq": item_id}})
    return found[0] if found else None


def dashboard_item_apply(*, tenant: Tenant, item_id: str, loaded: ItemNode | None) -> None:
    """Keep the item in the low-stock set while it has a minimum stock."""
    if loaded is not None and loaded.is_active and loaded.minimum_stock > 0:
        _item_store(tenant=tenant, item=loaded)
    else:
        DashboardItem.objects.filter(tenant=tenant, item_id=item_id).delete()


def dashboard_item_refresh(*, tenant: Tenant, item_id: str) -> None:
    """One item changed: re-read it, then store or drop it."""
    loaded = dashboard_item_load(tenant=tenant, item_id=item_id)
    dashboard_item_apply(tenant=tenant, item_id=item_id, loaded=loaded)
