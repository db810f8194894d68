from django.apps import AppConfig


class ObservabilityConfig(AppConfig):
    name = "jtlapp.observability"
    label = "observability"
    verbose_name = "Observability"

    def ready(self) -> None:
        """Metric receivers always; tracing and Sentry only where a deployment asks for them."""
        from jtlapp.observability.errors import sentry_setup  # noqa: PLC0415
        from jtlapp.observability.receivers import metrics_receivers_connect  # noqa: PLC0415
        from jtlapp.observability.tracing import tracing_setup  # noqa: PLC0415

        metrics_receivers_connect()
        tracing_setup()
        sentry_setup()
