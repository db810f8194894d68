from django.apps import AppConfig


class TenantSettingsConfig(AppConfig):
    name = "jtlapp.tenant_settings"
    label = "tenant_settings"
    verbose_name = "Tenant settings"

    def ready(self) -> None:
        """Purge and export cover the settings in every process (web, worker, commands)."""
        from jtlapp.tenant_settings import tenant_data  # noqa: F401, PLC0415 - registration
