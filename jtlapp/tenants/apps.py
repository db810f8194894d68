from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "jtlapp.tenants"
    label = "tenants"
    verbose_name = "Tenants"
