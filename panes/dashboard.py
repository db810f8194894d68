"""The dashboard, read from the tenant's local aggregate (``panes.models``): no ERP call.

Until the first fill is done the answer is ``{"preparing": true}`` and the fill is queued (again
when an earlier one started long ago and never finished); the page asks again shortly.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from jtlapp.tenant_settings.selectors import tenant_settings_values
from jtlapp.tenants.models import Tenant
from panes.dashboard_sync import UNPAID, WINDOW_DAYS
from panes.models import DashboardItem, DashboardOrder, DashboardSync
from panes.tasks import dashboard_reconcile_task
from panes.tenant_settings import DASHBOARD_DAYS, TOP_ITEMS

LIST_LIMIT = 10
FILL_RESTART_SECONDS = 900


def _money(value: float | None) -> float:
    return round(value or 0.0, 2)


def _aggregate_filled(*, tenant: Tenant) -> DashboardSync | None:
    """The sync row once the first fill is done; until then the fill is (re)queued.

    A page view never fills the aggregate itself: the first fill reads every order line of
    the window, which takes a while on a real ERP, so the page says it is preparing and asks
    again. A fill that started long ago and never finished is queued once more.
    """
    sync = DashboardSync.objects.filter(tenant=tenant).first()
    if sync is not None and sync.filled_at is not None:
        return sync
    stale = timezone.now() - timedelta(seconds=FILL_RESTART_SECONDS)
    if sync is None or sync.started_at is None or sync.started_at < stale:
        DashboardSync.objects.update_or_create(
            tenant=tenant, defaults={"started_at": timezone.now()}
        )
        tenant_id = str(tenant.tenant_id)
        transaction.on_commit(lambda: dashboard_reconcile_task.delay(tenant_id))
    return None


def insights_dashboard(*, tenant: Tenant, today: date | None = None) -> dict[str, Any]:
    """Revenue per day, top items, unpaid orders and low stock, from the local aggregate."""
    sync = _aggregate_filled(tenant=tenant)
    if sync is None:
        return {"preparing": True}
    options = tenant_settings_values(tenant=tenant, keys=[DASHBOARD_DAYS, TOP_ITEMS])
    days = int(options[DASHBOARD_DAYS] or WINDOW_DAYS)
    last_day = today or timezone.localdate()
    first_day = last_day - timedelta(days=days - 1)
    rows = list(DashboardOrder.objects.filter(tenant=tenant))
    recent = [
        row for row in rows
        if not row.is_cancelled and not row.is_pending
        and first_day <= timezone.localdate(row.ordered_at) <= last_day
    ]  # fmt: skip
    unpaid = sorted(
        (row for row in rows if not row.is_cancelled and row.payment_status in UNPAID),
        key=lambda row: row.ordered_at, reverse=True,
    )  # fmt: skip
    return {
        "preparing": False,
        "from": first_day.isoformat(),
        "to": last_day.isoformat(),
        "days": days,
        "updatedAt": sync.filled_at.isoformat() if sync.filled_at else None,
        "currency": recent[0].currency if recent else "EUR",
        "revenueByDay": _revenue_by_day(rows=recent, first_day=first_day, last_day=last_day),
        "revenueTotal": _money(sum(row.total_gross for row in recent)),
        "orderCount": len(recent),
        "topItems": _top_items(rows=recent, limit=int(options[TOP_ITEMS] or 5)),
        "unpaidOrders": {
            "count": len(unpaid),
            "stillToPay": _money(sum(row.still_to_pay for row in unpaid)),
            "orders": [_aggregate_order_view(row) for row in unpaid[:LIST_LIMIT]],
        },
        "lowStockItems": _low_stock(tenant=tenant),
    }


def _aggregate_order_view(row: DashboardOrder) -> dict[str, Any]:
    return {
        "id": row.order_id, "number": row.number, "date": row.ordered_at.isoformat(),
        "customerName": row.customer_name or None, "currency": row.currency,
        "totalGross": _money(row.total_gross), "stillToPay": _money(row.still_to_pay),
        "paymentStatus": row.payment_status or None,
    }  # fmt: skip


def _revenue_by_day(
    *, rows: list[DashboardOrder], first_day: date, last_day: date
) -> list[dict[str, Any]]:
    gross: dict[date, float] = defaultdict(float)
    counts: dict[date, int] = defaultdict(int)
    for row in rows:
        day = timezone.localdate(row.ordered_at)
        gross[day] += row.total_gross
        counts[day] += 1
    days = [first_day + timedelta(days=n) for n in range((last_day - first_day).days + 1)]
    return [
        {"date": day.isoformat(), "grossAmount": _money(gross[day]), "orders": counts[day]}
        for day in days
    ]


def _top_items(*, rows: list[DashboardOrder], limit: int) -> list[dict[str, Any]]:
    totals: dict[str, dict[str, Any]] = {}
    for row in rows:
        for line in row.item_lines:
            entry = totals.setdefault(
                str(line["itemId"]),
                {"itemId": line["itemId"], "sku": line.get("sku"), "name": line.get("name"),
                 "quantity": 0.0, "netRevenue": 0.0},
            )  # fmt: skip
            entry["quantity"] += float(line.get("quantity") or 0.0)
            entry["netRevenue"] = _money(entry["netRevenue"] + float(line.get("netRevenue") or 0))
    ranked = sorted(totals.values(), key=lambda e: (-e["netRevenue"], e["sku"] or ""))
    return ranked[:limit]


def _low_stock(*, tenant: Tenant) -> list[dict[str, Any]]:
    below = [
        item for item in DashboardItem.objects.filter(tenant=tenant)
        if item.stock_available < item.minimum_stock
    ]  # fmt: skip
    below.sort(key=lambda item: (item.stock_available - item.minimum_stock, item.sku))
    return [
        {"itemId": item.item_id, "sku": item.sku, "name": item.name,
         "stockAvailable": item.stock_available, "minimumStock": item.minimum_stock}
        for item in below
    ]  # fmt: skip
