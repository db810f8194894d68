from django.apps import AppConfig
from django.db.models.signals import post_save


class PanesConfig(AppConfig):
    name = "panes"
    verbose_name = "Embedded pages"

    def ready(self) -> None:
        """Declare settings, register tenant-data hooks and the first fill (every process)."""
        from jtlapp.tenants.models import Tenant  # noqa: PLC0415
        from panes import tenant_data, webhook_handlers  # noqa: F401, PLC0415 - registration
        from panes.signals import tenant_saved_fill  # noqa: PLC0415
        from panes.tenant_settings import panes_settings_declare  # noqa: PLC0415

        panes_settings_declare()
        post_save.connect(tenant_saved_fill, sender=Tenant, dispatch_uid="panes.first_fill")
