from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "jtlapp.webhooks"
    label = "webhooks"
    verbose_name = "ERP webhooks"

    def ready(self) -> None:
        """Register topic handlers and tenant-data hooks in every process (web and worker)."""
        from jtlapp.webhooks import handlers, tenant_data  # noqa: F401, PLC0415 - registration
