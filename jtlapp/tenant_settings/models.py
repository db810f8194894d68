"""One row per tenant and declared key that differs from its default."""

from __future__ import annotations

from django.db import models

from jtlapp.tenants.models import Tenant


class TenantSetting(models.Model):
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="settings")
    key = models.CharField(max_length=100)
    value = models.JSONField(null=True, blank=True)
    """The typed value of a plain setting; ``None`` for a secret one."""
    ciphertext = models.TextField(blank=True, default="")
    """A secret setting's value, Fernet-encrypted (``jtlapp.crypto``)."""
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "key"], name="tenant_setting_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.tenant_id}:{self.key}"
