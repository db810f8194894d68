from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "jtlapp.tenants"
    label = "tenants"
    verbose_name = "Tenants"

    def ready(self) -> None:
        """Every committed change of a tenant or its OnPremise link renews the gateway's view."""
        from django.db import transaction
        from django.db.models.signals import post_delete, post_save

        from jtlapp.gateway.erp.tenant_ref import tenant_generation_bump
        from jtlapp.tenants.models import OnPremiseConnection, Tenant

        def changed(sender: object, instance: Tenant | OnPremiseConnection, **_: object) -> None:
            tenant_id = instance.pk
            transaction.on_commit(lambda: tenant_generation_bump(tenant_id=tenant_id))

        for model in (Tenant, OnPremiseConnection):
            post_save.connect(
                changed, sender=model, weak=False, dispatch_uid=f"tenant-generation-{model}"
            )
            post_delete.connect(
                changed, sender=model, weak=False, dispatch_uid=f"tenant-gen-del-{model}"
            )
