"""Gunicorn settings shared by ``make run``, the benchmark and the container.

Gunicorn supervises uvicorn workers (``jtlapp.web_worker``): each worker process runs the ASGI
app on one event loop (uvloop), so a call waiting for a slow ERP holds no thread;
``GUNICORN_WORKERS`` processes per host, one per core is the rule. The header block limit
(48 KB, for JTL app tokens past 16 KB) is the worker's; gunicorn's own ``limit_request_*``
settings apply to its sync workers only and are not set here.
"""

from __future__ import annotations

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "jtlapp.web_worker.JtlUvicornWorker"
# The ERP gateway gives up after 25 s (jtlapp.gateway.erp.policy); a worker thread stuck longer
# than that plus a margin is hung, not slow.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "35"))
graceful_timeout = 20
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
"""Empty turns the access log off (the benchmark: one line per call costs CPU at 500 req/s)."""
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def child_exit(server: object, worker: object) -> None:
    """Multiprocess metrics: forget a dead worker's live gauges (issue 15)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess  # noqa: PLC0415

        multiprocess.mark_process_dead(worker.pid)  # type: ignore[attr-defined,no-untyped-call]


# --- Logs (issue 13, hardening): access and error lines through jtlapp.logging's scrubber ----
from jtlapp.logging import gunicorn_logconfig_dict  # noqa: E402

logconfig_dict = gunicorn_logconfig_dict()
