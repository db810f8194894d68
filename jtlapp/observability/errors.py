"""Errors to Sentry when ``SENTRY_DSN`` is set; every event scrubbed before it leaves."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from jtlapp.observability.scrub import value_scrub


def sentry_event_scrub(event: Any, hint: Any) -> Any:
    """``before_send``: request headers, cookies, frame variables, messages, all scrubbed."""
    return value_scrub(event)


def sentry_breadcrumb_scrub(crumb: Any, hint: Any) -> Any:
    return value_scrub(crumb)


def sentry_setup() -> bool:
    """Start the Sentry SDK once per process if a DSN is configured; off otherwise."""
    dsn: str = settings.SENTRY_DSN
    if not dsn:
        return False
    import sentry_sdk  # noqa: PLC0415 - only where it is used
    from sentry_sdk.integrations.celery import CeleryIntegration  # noqa: PLC0415
    from sentry_sdk.integrations.django import DjangoIntegration  # noqa: PLC0415

    sentry_sdk.init(
        dsn=dsn,
        environment=settings.JTL_ENVIRONMENT,
        send_default_pii=False,
        include_local_variables=False,
        before_send=sentry_event_scrub,
        before_breadcrumb=sentry_breadcrumb_scrub,
        traces_sample_rate=0.0,
        integrations=[DjangoIntegration(), CeleryIntegration()],
    )
    return True
