"""The settings' share of a tenant's data, for purge and data export (tenants registry)."""

from __future__ import annotations

from uuid import UUID

from jtlapp.tenant_settings.models import TenantSetting
from jtlapp.tenant_settings.registry import tenant_setting_spec
from jtlapp.tenants.data_registry import tenant_data_exporters, tenant_data_purgers


@tenant_data_purgers.register("tenant_settings")
def tenant_settings_purge(*, tenant_id: UUID) -> int:
    return TenantSetting.objects.filter(tenant_id=tenant_id).delete()[0]


@tenant_data_exporters.register("tenant_settings")
def tenant_settings_export(*, tenant_id: UUID) -> object:
    """Plain values as stored; a secret (or an undeclared key's row) only as present/absent."""
    rows = TenantSetting.objects.filter(tenant_id=tenant_id).order_by("key")
    exported: dict[str, object] = {}
    for row in rows:
        spec = tenant_setting_spec(key=row.key)
        if spec is None or spec.secret:
            exported[row.key] = "present" if (row.ciphertext or row.value is not None) else "absent"
        else:
            exported[row.key] = row.value
    return {"settings": exported}
