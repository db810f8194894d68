"""The Celery app; configuration comes from Django settings (``CELERY_*``)."""

from __future__ import annotations

import os
from typing import Any

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jtlapp.settings")

app = Celery("jtlapp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def _heartbeat_on_start(**_kwargs: Any) -> None:
    """Report a fresh worker at once instead of after the first beat interval."""
    from jtlapp.core.services import celery_heartbeat_record  # noqa: PLC0415 - apps not ready at import

    celery_heartbeat_record()
