"""Beat's scheduler with a heartbeat: beat's health is its own loop running, not a worker's.

``CELERY_BEAT_SCHEDULER`` names this class; ``CELERY_BEAT_MAX_LOOP_INTERVAL`` keeps the loop
ticking often enough for the heartbeat to stay fresh even between long-period tasks.
"""

from __future__ import annotations

import time
from typing import Any

from celery.beat import PersistentScheduler

from jtlapp.core.heartbeat import BEAT_KEY, HEARTBEAT_INTERVAL_SECONDS, heartbeat_write


class HeartbeatScheduler(PersistentScheduler):
    _last_beat = 0.0

    def tick(self, *args: Any, **kwargs: Any) -> float:
        interval = float(super().tick(*args, **kwargs))
        if time.monotonic() - self._last_beat >= HEARTBEAT_INTERVAL_SECONDS:
            heartbeat_write(kind="beat", redis_keys=(BEAT_KEY,))
            self._last_beat = time.monotonic()
        return min(interval, HEARTBEAT_INTERVAL_SECONDS)
