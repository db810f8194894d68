"""The operator console: tenants, their tokens, ERP and webhook health, in Django's admin.

Staff only, through Django's session login (an app token never authenticates here). Every
field is read-only and encrypted blobs are never shown, only whether a secret is present.
Actions call ``jtlapp.tenants.console``; there is no "reactivate": only the merchant's setup
makes a tenant active again.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from jtlapp.tenants.console import (
    ConsoleExtras,
    tenant_console_extras,
    tenant_dead_webhooks_replay,
    tenant_tokens_refresh_enqueue,
    tenants_suspend,
)
from jtlapp.tenants.models import LifecycleCall, OnPremiseConnection, Tenant, TenantCredential

EXTRAS_ATTRIBUTE = "_console_extras"


def _when(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "-"


def _extras(tenant: Tenant) -> ConsoleExtras | None:
    extras: ConsoleExtras | None = getattr(tenant, EXTRAS_ATTRIBUTE, None)
    return extras


class _ReadOnlyInline(admin.StackedInline):  # type: ignore[type-arg]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class TenantCredentialInline(_ReadOnlyInline):
    model = TenantCredential
    fields = readonly_fields = (
        "access_token",
        "refresh_token",
        "expires_at",
        "refreshed_at",
        "version",
        "last_refresh_error",
    )

    @admin.display(description="access token")
    def access_token(self, obj: TenantCredential) -> str:
        return "present" if obj.access_token_encrypted else "absent"

    @admin.display(description="refresh token")
    def refresh_token(self, obj: TenantCredential) -> str:
        return "present" if obj.refresh_token_encrypted else "absent"


class OnPremiseConnectionInline(_ReadOnlyInline):
    model = OnPremiseConnection
    fields = readonly_fields = (
        "base_url",
        "app_id",
        "app_version",
        "api_version",
        "api_key",
        "granted_scopes",
        "registered_at",
    )

    @admin.display(description="API key")
    def api_key(self, obj: OnPremiseConnection) -> str:
        return "present" if obj.api_key_encrypted else "absent"


@admin.register(Tenant)
class TenantAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "tenant_id",
        "state",
        "connection",
        "last_setup",
        "token_expiry",
        "last_refresh",
        "last_erp_success",
        "rate_headroom",
        "webhooks",
    )
    list_filter = ("state", "connection")
    search_fields = ("tenant_id",)
    list_per_page = 50
    inlines = (TenantCredentialInline, OnPremiseConnectionInline)
    actions = ("refresh_token_now", "suspend", "replay_dead_webhooks")
    readonly_fields = (
        "tenant_id",
        "state",
        "connection",
        "set_up_by",
        "set_up_at",
        "granted_scopes",
        "created_at",
        "updated_at",
        "state_changed_at",
        "uninstalled_at",
        "purged_at",
        "last_erp_success_at",
        "consecutive_auth_failures",
    )
    fields = readonly_fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Tenant]:
        return super().get_queryset(request).select_related("credential")

    def get_changelist_instance(self, request: HttpRequest) -> ChangeList:
        """Read the Redis and webhook columns once per page, not once per row."""
        changelist = super().get_changelist_instance(request)
        page = list(changelist.result_list)  # fills the queryset cache the template reuses
        extras = tenant_console_extras(tenant_ids=[tenant.tenant_id for tenant in page])
        for tenant in page:
            setattr(tenant, EXTRAS_ATTRIBUTE, extras.get(tenant.tenant_id))
        return changelist

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # tenants appear through the merchant's setup only

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # data goes through the purge (grace period, registered purgers)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """The list's actions need "change"; a single tenant's page is view-only."""
        return obj is None and super().has_change_permission(request)

    @admin.display(description="last setup")
    def last_setup(self, obj: Tenant) -> str:
        return f"{_when(obj.set_up_at)} by {obj.set_up_by}" if obj.set_up_by else "-"

    @admin.display(description="token expires")
    def token_expiry(self, obj: Tenant) -> str:
        credential = getattr(obj, "credential", None)
        return _when(credential.expires_at) if credential else "-"

    @admin.display(description="last refresh")
    def last_refresh(self, obj: Tenant) -> str:
        credential = getattr(obj, "credential", None)
        if credential is None:
            return "-"
        error = credential.last_refresh_error
        return f"failed: {error}" if error else f"ok {_when(credential.refreshed_at)}"

    @admin.display(description="last ERP success", ordering="last_erp_success_at")
    def last_erp_success(self, obj: Tenant) -> str:
        return _when(obj.last_erp_success_at)

    @admin.display(description="rate headroom")
    def rate_headroom(self, obj: Tenant) -> str:
        extras = _extras(obj)
        if extras is None or extras.rate_tokens_left is None:
            return "-"
        return f"{int(extras.rate_tokens_left)}/{extras.rate_burst}"

    @admin.display(description="webhooks (backlog/failed/dead)")
    def webhooks(self, obj: Tenant) -> str:
        extras = _extras(obj)
        if extras is None or extras.webhooks is None:
            return "-"
        counts = extras.webhooks
        return f"{counts.backlog}/{counts.failed}/{counts.dead}"

    @admin.action(description="Refresh token now", permissions=["change"])
    def refresh_token_now(self, request: HttpRequest, queryset: QuerySet[Tenant]) -> None:
        queued, skipped = tenant_tokens_refresh_enqueue(
            tenant_ids=queryset.values_list("tenant_id", flat=True)
        )
        self.message_user(
            request,
            f"{queued} token refresh(es) queued; {skipped} skipped "
            "(not active, or no token of its own in service_account mode).",
            messages.SUCCESS,
        )

    @admin.action(
        description="Suspend (only the merchant's setup reactivates)", permissions=["change"]
    )
    def suspend(self, request: HttpRequest, queryset: QuerySet[Tenant]) -> None:
        changed = tenants_suspend(tenant_ids=queryset.values_list("tenant_id", flat=True))
        self.message_user(request, f"{changed} tenant(s) suspended.", messages.SUCCESS)

    @admin.action(description="Replay dead webhooks", permissions=["change"])
    def replay_dead_webhooks(self, request: HttpRequest, queryset: QuerySet[Tenant]) -> None:
        replayed, refused = tenant_dead_webhooks_replay(
            tenant_ids=queryset.values_list("tenant_id", flat=True)
        )
        self.message_user(
            request, f"{replayed} dead webhook(s) replayed; {refused} refused.", messages.SUCCESS
        )


@admin.register(LifecycleCall)
class LifecycleCallAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Every lifecycle call JTL made; read-only (bodies carry no tokens: they are redacted)."""

    list_display = ("received_at", "kind", "tenant_id", "outcome", "event_time")
    list_filter = ("kind", "outcome")
    search_fields = ("tenant_id",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
