"""Worker and beat heartbeats that never wait behind work.

The worker's heartbeat is a thread in the worker's main process (a Celery bootstep), not a
task: a task would queue behind a backlog and report a busy worker as dead, and a killed
worker would still look alive until the last mark aged out. Every ``HEARTBEAT_INTERVAL_SECONDS``
it writes the time to Redis (``/healthz/worker`` reads it, from the web) and touches a file
(the container's own probe, ``python -m jtlapp.core.healthcheck worker``, reads it without
Redis: a worker waiting for a lost broker is alive and reconnecting, not broken). Beat marks
itself the same way from its scheduler loop (``jtlapp.core.beat``).
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import redis
from celery import bootsteps

logger = logging.getLogger(__name__)

HEARTBEAT_INTERVAL_SECONDS = 5.0
HEARTBEAT_MAX_AGE_SECONDS = 30.0
"""A heartbeat older than this means the process is gone or hung (six missed beats)."""
WORKER_KEY_PREFIX = "jtlapp:celery:worker:"
BEAT_KEY = "jtlapp:celery:beat"


def heartbeat_file(kind: str) -> Path:
    """``jtlapp-<kind>.heartbeat`` in ``JTL_HEARTBEAT_DIR`` (default: the temp directory)."""
    directory = os.environ.get("JTL_HEARTBEAT_DIR") or tempfile.gettempdir()
    return Path(directory) / f"jtlapp-{kind}.heartbeat"


def heartbeat_write(*, kind: str, redis_keys: tuple[str, ...]) -> None:
    """Touch the file, then set each key to now; a Redis outage only skips the keys."""
    moment = time.time()
    path = heartbeat_file(kind)
    try:
        path.touch()
        os.utime(path, (moment, moment))
    except OSError:
        logger.warning("cannot write the %s heartbeat file %s", kind, path)
    from jtlapp.core.redis import redis_client  # noqa: PLC0415 - Django is set up by now

    try:
        pipeline = redis_client().pipeline()
        for key in redis_keys:
            pipeline.set(key, f"{moment:.3f}", ex=int(HEARTBEAT_MAX_AGE_SECONDS * 4))
        pipeline.execute()
    except redis.RedisError:
        logger.debug("redis unavailable; %s heartbeat kept in the file only", kind)


class WorkerHeartbeatStep(bootsteps.StartStopStep):
    """Starts with the worker, beats from its own thread, stops with the worker."""

    def __init__(self, parent: Any, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, parent: Any) -> None:
        from jtlapp.core.services import CELERY_HEARTBEAT_KEY  # noqa: PLC0415

        keys = (CELERY_HEARTBEAT_KEY, f"{WORKER_KEY_PREFIX}{parent.hostname}")

        from jtlapp.core.key_lists import key_list_announce  # noqa: PLC0415

        def beat() -> None:
            while not self._stop.is_set():
                heartbeat_write(kind="worker", redis_keys=keys)
                key_list_announce(kind="worker")
                self._stop.wait(HEARTBEAT_INTERVAL_SECONDS)

        self._thread = threading.Thread(target=beat, name="jtlapp-heartbeat", daemon=True)
        self._thread.start()

    def stop(self, parent: Any) -> None:
        self._stop.set()
