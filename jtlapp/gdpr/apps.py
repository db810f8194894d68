from django.apps import AppConfig


class GdprConfig(AppConfig):
    name = "jtlapp.gdpr"
    label = "gdpr"
    verbose_name = "GDPR requests"
    default_auto_field = "django.db.models.BigAutoField"
