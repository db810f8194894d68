"""Gunicorn settings shared by ``make run``, the benchmark and the container.

Gunicorn supervises uvicorn workers (``uvicorn_worker.UvicornWorker``): each worker process
runs the ASGI app on one event loop (uvloop, httptools), so a call waiting for a slow ERP
holds no thread; ``GUNICORN_WORKERS`` processes per host, one per core is the rule.

JTL app tokens carry their scopes and can exceed 16 KB (an app with all scopes hit HTTP 431 in
JTL's own sample), so header limits are raised well past gunicorn's 8190-byte default.
"""

from __future__ import annotations

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "uvicorn_worker.UvicornWorker"
# The ERP gateway gives up after 25 s (jtlapp.gateway.erp.policy); a worker thread stuck longer
# than that plus a margin is hung, not slow.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "35"))
graceful_timeout = 20
keepalive = 5
limit_request_line = 8190
limit_request_field_size = 32768
limit_request_fields = 100
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
"""Empty turns the access log off (the benchmark: one line per call costs CPU at 500 req/s)."""
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
