from __future__ import annotations

from django.db import models


class GdprRequest(models.Model):
    """One data or delete request, verified or not: who asked, when, and what we did.

    Kept after a purge (like ``LifecycleCall`` kinds and times): it is the proof that the
    request was answered. It holds no exported data, only its size and digest.
    """

    class Kind(models.TextChoices):
        DATA = "data", "data request (export)"
        DELETE = "delete", "delete request (purge)"

    class Outcome(models.TextChoices):
        EXPORTED = "exported", "exported"
        PURGED = "purged", "purged"
        ALREADY_PURGED = "already_purged", "already purged"
        UNKNOWN_TENANT = "unknown_tenant", "no data held for the tenant"
        UNVERIFIED = "unverified", "refused: no valid token"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    tenant_id = models.UUIDField(null=True, blank=True, db_index=True)
    user_id = models.CharField(max_length=200, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.tenant_id} {self.outcome}"
