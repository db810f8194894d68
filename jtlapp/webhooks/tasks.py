"""Celery edges of the webhook inbox: process one event, and sweep for due ones.

Retries are not Celery's: the service records each failure and schedules the next attempt
itself, so the schedule survives a lost message (the sweep re-enqueues what is due).
"""

from __future__ import annotations

from celery import shared_task

from jtlapp.webhooks.processing import webhook_event_process, webhook_events_sweep


@shared_task(ignore_result=True, acks_late=True, soft_time_limit=45, time_limit=60)
def webhook_event_process_task(event_pk: int) -> str:
    return webhook_event_process(event_pk=event_pk)


@shared_task(ignore_result=True, expires=50, soft_time_limit=30, time_limit=45)
def webhook_events_sweep_task() -> int:
    return webhook_events_sweep()
