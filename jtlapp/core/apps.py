from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jtlapp.core"
    label = "core"
    verbose_name = "jtlapp core"

    def ready(self) -> None:
        """Create the Celery app in every Django process, so tasks are sent to our broker."""
        import jtlapp.celery  # noqa: F401, PLC0415
