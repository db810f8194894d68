"""The only persistent state about merchants: who installed us, and what we hold for them."""

from __future__ import annotations

from django.db import models


class Tenant(models.Model):
    """A JTL tenant (one merchant's ERP) that set up the app, keyed by JTL's tenant UUID.

    ``state_changed_at`` orders lifecycle events: an event older than the last state change is
    stale (a replayed connect must not revive a tenant that disconnected after it).
    ``uninstalled_at`` is our own clock at the uninstall and starts the purge grace period
    (``JTL_TENANT_PURGE_GRACE_DAYS``); a setup within it clears it and keeps the data.
    """

    class State(models.TextChoices):
        PENDING = "pending", "pending"
        ACTIVE = "active", "active"
        SUSPENDED = "suspended", "suspended"
        UNINSTALLED = "uninstalled", "uninstalled"
        PURGED = "purged", "purged"

    class Connection(models.TextChoices):
        CLOUD = "cloud", "JTL Cloud"
        ONPREMISE = "onpremise", "OnPremise JTL-Wawi"

    tenant_id = models.UUIDField(primary_key=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    connection = models.CharField(
        max_length=16, choices=Connection.choices, default=Connection.CLOUD
    )
    set_up_by = models.CharField(max_length=64, blank=True, help_text="JTL user id")
    granted_scopes = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    state_changed_at = models.DateTimeField()
    set_up_at = models.DateTimeField(null=True, blank=True)
    consecutive_auth_failures = models.PositiveIntegerField(default=0)
    uninstalled_at = models.DateTimeField(null=True, blank=True)
    purged_at = models.DateTimeField(null=True, blank=True)
    last_erp_success_at = models.DateTimeField(
        null=True, blank=True, help_text="last 2xx from the tenant's ERP (updated once a minute)"
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.tenant_id} ({self.state})"

    @property
    def is_active(self) -> bool:
        return self.state == self.State.ACTIVE


class TenantCredential(models.Model):
    """The per-tenant delegated token from JTL's account service, encrypted at rest.

    ``version`` increases on every write; a refresher writes only if the version it read is
    still current, so a slow refresher never overwrites a newer token.
    """

    tenant = models.OneToOneField(
        Tenant, primary_key=True, on_delete=models.CASCADE, related_name="credential"
    )
    access_token_encrypted = models.TextField()
    refresh_token_encrypted = models.TextField(blank=True)
    expires_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)
    refreshed_at = models.DateTimeField()
    last_refresh_error = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"credential of {self.tenant_id} (expires {self.expires_at:%Y-%m-%d %H:%M})"


class LifecycleCall(models.Model):
    """Every call JTL made to ``connectUrl``/``disconnectUrl``, kept for reconciliation.

    JTL documents neither payload nor signature of these calls, so each one is recorded
    first and changes state only when it carried a verifiable token.
    """

    class Kind(models.TextChoices):
        CONNECT = "connect", "connect"
        DISCONNECT = "disconnect", "disconnect"

    class Outcome(models.TextChoices):
        APPLIED = "applied", "applied"
        STALE = "stale", "stale (older than the tenant's last change)"
        UNVERIFIED = "unverified", "unverified (recorded, reconcile)"
        RECONCILED = "reconciled", "reconciled with the platform"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    received_at = models.DateTimeField(auto_now_add=True)
    tenant_id = models.UUIDField(null=True, blank=True, db_index=True)
    event_key = models.CharField(max_length=64, unique=True)
    event_time = models.DateTimeField()
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    body = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.tenant_id or '?'} {self.outcome}"


class OnPremiseConnection(models.Model):
    """How we reach a merchant's own JTL-Wawi REST server (``Authorization: Wawi <key>``).

    The API key is shown once by the Wawi at registration and stored only encrypted.
    """

    tenant = models.OneToOneField(
        Tenant, primary_key=True, on_delete=models.CASCADE, related_name="onpremise"
    )
    base_url = models.URLField(help_text="e.g. http://127.0.0.1:5883/api/eazybusiness")
    app_id = models.CharField(max_length=100)
    app_version = models.CharField(max_length=32)
    api_version = models.CharField(max_length=8, default="1.0")
    api_key_encrypted = models.TextField()
    granted_scopes = models.JSONField(default=list, blank=True)
    registered_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"OnPremise Wawi of {self.tenant_id} at {self.base_url}"
