from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jtlapp.core"
    label = "core"
    verbose_name = "jtlapp core"

    def ready(self) -> None:
        """Create the Celery app in every Django process, so tasks are sent to our broker.

        Also registers the deployment and manifest system checks (``manage.py check``).
        """
        import jtlapp.celery  # noqa: F401, PLC0415
        import jtlapp.core.checks  # noqa: F401, PLC0415
        from jtlapp.core.key_lists import web_announcer_start  # noqa: PLC0415

        web_announcer_start()
        import jtlapp.manifest.checks  # noqa: F401, PLC0415
