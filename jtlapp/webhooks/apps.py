from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "jtlapp.webhooks"
    label = "webhooks"
    verbose_name = "ERP webhooks"

    def ready(self) -> None:
        """Register topic handlers and tenant-data hooks in every process (web and worker)."""
        from django.db.models.signals import post_save  # noqa: PLC0415

        from jtlapp.tenants.models import Tenant  # noqa: PLC0415
        from jtlapp.webhooks import handlers, tenant_data  # noqa: F401, PLC0415 - registration
        from jtlapp.webhooks.deferral import tenant_saved_receiver  # noqa: PLC0415

        post_save.connect(tenant_saved_receiver, sender=Tenant, dispatch_uid="webhooks-release")
