"""Where other apps declare the tenant data they keep, so that purge and export cover it.

An app that stores data about a tenant registers a purger (and an exporter, for data
requests) when Django starts, in its ``AppConfig.ready()``, so that web, worker and
commands all know it::

    from jtlapp.tenants.data_registry import tenant_data_exporters, tenant_data_purgers

    @tenant_data_purgers.register("webhooks")
    def webhook_tenant_purge(*, tenant_id: UUID) -> int:
        return WebhookEvent.objects.filter(event_tenant_id=tenant_id).delete()[0]

    @tenant_data_exporters.register("webhooks")
    def webhook_tenant_export(*, tenant_id: UUID) -> object:
        return {"events": ...}  # JSON-serializable; secrets only as "present"/"absent"

Purgers run in name order inside the purge's transaction, with the tenant row locked: one
that raises rolls the whole purge back and the next beat run tries again, so a purger must
be idempotent and must not swallow its errors. The ``Tenant`` row itself stays (state
``purged``), so rows that cascade from it are not deleted by the database: delete them here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, TypeVar
from uuid import UUID


class TenantDataPurger(Protocol):
    def __call__(self, *, tenant_id: UUID) -> int:
        """Delete the tenant's data; returns how many items went (for the purge report)."""


class TenantDataExporter(Protocol):
    def __call__(self, *, tenant_id: UUID) -> object:
        """The tenant's data as JSON-serializable values, without secrets."""


EntryT = TypeVar("EntryT")


class TenantDataRegistry(Generic[EntryT]):
    """Named functions of one kind; registering a name again replaces it (module reloads)."""

    def __init__(self) -> None:
        self._entries: dict[str, EntryT] = {}

    def register(self, name: str) -> Callable[[EntryT], EntryT]:
        def decorate(function: EntryT) -> EntryT:
            self._entries[name] = function
            return function

        return decorate

    def unregister(self, name: str) -> None:
        self._entries.pop(name, None)

    def items(self) -> list[tuple[str, EntryT]]:
        return sorted(self._entries.items(), key=lambda entry: entry[0])


tenant_data_purgers: TenantDataRegistry[TenantDataPurger] = TenantDataRegistry()
tenant_data_exporters: TenantDataRegistry[TenantDataExporter] = TenantDataRegistry()
