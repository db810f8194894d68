"""Metrics (Prometheus, ``/metrics``), traces (OpenTelemetry, off by default) and Sentry.

``metrics`` holds every metric object and the small functions the rest of the code calls;
``tracing`` and ``errors`` start the exporters a deployment asks for; ``scrub`` keeps tokens
and secrets out of every label, span and event.
"""
