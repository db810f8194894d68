"""Per-tenant settings: declared once with a type, validated, secrets encrypted at rest.

A partner's app declares its settings in its ``AppConfig.ready()``::

    from jtlapp.tenant_settings.registry import TenantSettingSpec, tenant_setting_declare

    tenant_setting_declare(TenantSettingSpec(key="reports.days", kind="choice",
                                             default=30, choices=(7, 14, 30), label=_("Period")))

and reads them anywhere with ``tenant_setting_get(tenant=..., key="reports.days")``.
"""
