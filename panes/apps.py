from django.apps import AppConfig


class PanesConfig(AppConfig):
    name = "panes"
    verbose_name = "Embedded pages"
