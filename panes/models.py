"""The dashboard's local aggregate per tenant: what the menu page shows, kept current.

ERP webhooks update single orders and items as they change; a periodic reconciliation
re-reads the window (and fills it first after setup). The dashboard then answers from
these rows alone, without an ERP call. The purge deletes them (``panes.tenant_data``).
"""

from __future__ import annotations

from django.db import models

from jtlapp.tenants.models import Tenant


class DashboardSync(models.Model):
    tenant = models.OneToOneField(Tenant, on_delete=models.CASCADE, primary_key=True)
    filled_at = models.DateTimeField(null=True, blank=True)
    """The end of the last complete reconciliation; ``None`` until the first fill is done."""
    started_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True, default="")

    def __str__(self) -> str:
        return f"{self.tenant_id} filled {self.filled_at}"


class DashboardOrder(models.Model):
    """An order of the window or one still unpaid; lines are summed into ``item_lines``."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE)
    order_id = models.CharField(max_length=64)
    number = models.CharField(max_length=64, blank=True, default="")
    ordered_at = models.DateTimeField()
    currency = models.CharField(max_length=3, default="EUR")
    total_gross = models.FloatField(default=0.0)
    still_to_pay = models.FloatField(default=0.0)
    payment_status = models.CharField(max_length=40, blank=True, default="")
    customer_name = models.CharField(max_length=200, blank=True, default="")
    is_cancelled = models.BooleanField(default=False)
    is_pending = models.BooleanField(default=False)
    item_lines = models.JSONField(default=list)
    """``[{itemId, sku, name, quantity, netRevenue}]`` of the order's item lines."""
    lines_loaded = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "order_id"], name="dashboard_order_unique")
        ]
        indexes = [models.Index(fields=["tenant", "ordered_at"])]

    def __str__(self) -> str:
        return f"{self.tenant_id}:{self.number}"


class DashboardItem(models.Model):
    """An active item with a minimum stock (the low-stock list)."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE)
    item_id = models.CharField(max_length=64)
    sku = models.CharField(max_length=100, blank=True, default="")
    name = models.CharField(max_length=300, blank=True, default="")
    stock_available = models.FloatField(default=0.0)
    minimum_stock = models.FloatField(default=0.0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "item_id"], name="dashboard_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.tenant_id}:{self.sku}"
