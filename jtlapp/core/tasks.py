"""Periodic tasks of the core app."""

from __future__ import annotations

from celery import shared_task

from jtlapp.core.services import celery_heartbeat_record


@shared_task(ignore_result=True, soft_time_limit=10, time_limit=15)
def celery_heartbeat_task() -> None:
    celery_heartbeat_record()
