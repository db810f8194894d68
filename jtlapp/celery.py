"""The Celery app; configuration comes from Django settings (``CELERY_*``)."""

from __future__ import annotations

import os
from typing import Any

from celery import Celery
from celery.signals import task_postrun, task_prerun, worker_ready
from kombu.utils.objects import cached_property

from jtlapp.core.heartbeat import WorkerHeartbeatStep
from jtlapp.log_context import task_context_enter, task_context_exit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jtlapp.settings")


class JtlCelery(Celery):
    """Workers start without gossip, mingle and event heartbeats, whatever the command line.

    Those steps exchange broadcast messages between workers that this app never reads, and
    they are where a lost broker can turn into a dead worker (kombu closes a gossip channel
    whose connection is already gone: "'NoneType' object has no attribute ...", kombu#582,
    celery#9250). Without them the consumer only waits and reconnects
    (``CELERY_BROKER_CONNECTION_MAX_RETRIES = None``). Remote control (``inspect ping``) stays.
    """

    @cached_property
    def Worker(self) -> Any:  # noqa: N802 - Celery's name
        base: Any = super().Worker

        class Worker(base):  # type: ignore[misc]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                kwargs.update(without_gossip=True, without_mingle=True, without_heartbeat=True)
                super().__init__(*args, **kwargs)

        return Worker


app = JtlCelery("jtlapp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.steps["worker"].add(WorkerHeartbeatStep)


@worker_ready.connect
def _heartbeat_on_start(**_kwargs: Any) -> None:
    """Report a fresh worker at once instead of after the first beat interval."""
    from jtlapp.core.services import celery_heartbeat_record  # noqa: PLC0415 - apps not ready at import

    celery_heartbeat_record()


@task_prerun.connect
def _log_context_enter(
    task_id: str, task: Any, args: Any = None, kwargs: Any = None, **_kwargs: Any
) -> None:
    """Every line a task logs names the task and, for per-tenant tasks, the tenant."""
    task_context_enter(task_id=task_id, task_name=task.name, args=args, kwargs=kwargs)


@task_postrun.connect
def _log_context_exit(**_kwargs: Any) -> None:
    task_context_exit()
