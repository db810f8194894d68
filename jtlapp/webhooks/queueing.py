"""Sending processing tasks, after commit, to a queue the settings name at send time.

The queue is read from ``CELERY_TASK_DEFAULT_QUEUE`` when each message is sent (not once when
Celery configures itself), so a deployment or a test can route webhook work by settings.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction


def _queue() -> str | None:
    queue = getattr(settings, "CELERY_TASK_DEFAULT_QUEUE", None)
    return queue if isinstance(queue, str) and queue else None


def webhook_event_enqueue(*, event_pk: int, on_commit: bool, countdown: float = 0) -> None:
    # Imported here: tasks imports the processing services, which import this module.
    from jtlapp.webhooks.tasks import webhook_event_process_task  # noqa: PLC0415

    options: dict[str, Any] = {}
    if countdown:
        options["countdown"] = countdown
    queue = _queue()
    if queue:
        options["queue"] = queue

    def send() -> None:
        webhook_event_process_task.apply_async((event_pk,), **options)

    if on_commit:
        transaction.on_commit(send)
    else:
        send()
