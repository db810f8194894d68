"""The dashboard aggregate's share of a tenant's data, for purge and export (tenants registry)."""

from __future__ import annotations

from uuid import UUID

from jtlapp.tenants.data_registry import tenant_data_exporters, tenant_data_purgers
from panes.models import DashboardItem, DashboardOrder, DashboardSync


@tenant_data_purgers.register("dashboard")
def dashboard_tenant_purge(*, tenant_id: UUID) -> int:
    deleted = DashboardOrder.objects.filter(tenant_id=tenant_id).delete()[0]
    deleted += DashboardItem.objects.filter(tenant_id=tenant_id).delete()[0]
    return deleted + DashboardSync.objects.filter(tenant_id=tenant_id).delete()[0]


@tenant_data_exporters.register("dashboard")
def dashboard_tenant_export(*, tenant_id: UUID) -> object:
    orders = DashboardOrder.objects.filter(tenant_id=tenant_id).order_by("ordered_at")
    items = DashboardItem.objects.filter(tenant_id=tenant_id).order_by("sku")
    return {
        "orders": list(orders.values("order_id", "number", "ordered_at", "total_gross",
                                     "still_to_pay", "payment_status", "item_lines")),
        "lowStockItems": list(items.values("item_id", "sku", "stock_available", "minimum_stock")),
    }  # fmt: skip
