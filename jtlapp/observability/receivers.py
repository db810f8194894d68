"""Metrics recorded from signals, so the code they measure needs no edit of its own."""

from __future__ import annotations

import time
from typing import Any

from celery.signals import task_postrun, task_prerun
from django.db.models.signals import post_save

from jtlapp.observability.metrics import (
    celery_task_observe,
    lifecycle_call_count,
    lifecycle_outcome_count,
    token_mint_count,
    token_refresh_failure_count,
)

_started: dict[str, float] = {}
"""Celery task id -> monotonic start, per process (a task runs in one process)."""


def _token_refreshed(sender: Any, **kwargs: Any) -> None:
    token_mint_count(kind="delegated")


def _token_refresh_failed(sender: Any, **kwargs: Any) -> None:
    token_refresh_failure_count(kind="delegated")


def _lifecycle_saved(sender: Any, *, instance: Any, created: bool, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields") or ()
    if created:
        lifecycle_call_count(kind=instance.kind)
    if created or "outcome" in fields:
        lifecycle_outcome_count(kind=instance.kind, outcome=instance.outcome)


def _task_started(sender: Any = None, task_id: str | None = None, **kwargs: Any) -> None:
    if task_id:
        _started[task_id] = time.monotonic()


def _task_finished(
    sender: Any = None, task_id: str | None = None, state: str | None = None, **kwargs: Any
) -> None:
    started = _started.pop(task_id, None) if task_id else None
    seconds = time.monotonic() - started if started is not None else None
    name = getattr(sender, "name", None) or "unknown"
    celery_task_observe(task=name, state=(state or "unknown").lower(), seconds=seconds)


def metrics_receivers_connect() -> None:
    from jtlapp.tenants.models import LifecycleCall  # noqa: PLC0415 - apps are ready
    from jtlapp.tenants.signals import tenant_token_refresh_failed, tenant_token_refreshed  # noqa: PLC0415

    tenant_token_refreshed.connect(_token_refreshed, dispatch_uid="metrics-token-refreshed")
    tenant_token_refresh_failed.connect(
        _token_refresh_failed, dispatch_uid="metrics-refresh-failed"
    )
    post_save.connect(_lifecycle_saved, sender=LifecycleCall, dispatch_uid="metrics-lifecycle")
    task_prerun.connect(_task_started, dispatch_uid="metrics-task-started", weak=False)
    task_postrun.connect(_task_finished, dispatch_uid="metrics-task-finished", weak=False)
