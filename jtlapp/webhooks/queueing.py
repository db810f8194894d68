"""Sending processing tasks, after commit, to a queue the settings name at send time.

The queue is read from ``CELERY_TASK_DEFAULT_QUEUE`` when each message is sent (not once when
Celery configures itself), so a deployment or a test can route webhook work by settings.

A send that fails (Redis down) is logged and dropped, without Celery's publish retries: the
event row is already committed with a due ``next_attempt_at``, so the minute sweep enqueues it
once the broker is back, and the delivery is answered 202 at once instead of failing late.
"""

from __future__ import annotations

import logging
from typing import Any

import redis
from django.conf import settings
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)


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
        try:
            webhook_event_process_task.apply_async((event_pk,), retry=False, **options)
        except (BrokerError, redis.RedisError, OSError) as exc:
            logger.warning(
                "webhook event %s stored, not enqueued (%s); the sweep will enqueue it",
                event_pk,
                type(exc).__name__,
            )

    if on_commit:
        transaction.on_commit(send)
    else:
        send()
