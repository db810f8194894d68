"""Container health probes, each exiting 0 only when healthy.

* ``python -m jtlapp.core.healthcheck URL``: the web, by HTTP (200 only). The Host header is
  the first of ``DJANGO_ALLOWED_HOSTS`` so the probe passes Django's host check in production,
  where ``localhost`` is not an allowed host.
* ``python -m jtlapp.core.healthcheck worker`` / ``beat``: the heartbeat file that the worker's
  heartbeat thread or beat's scheduler loop touches (``jtlapp.core.heartbeat``) is younger than
  ``HEARTBEAT_MAX_AGE_SECONDS``. No Django, no Redis: the probe asks about this container's
  process only, so a Redis outage does not restart healthy workers.
"""

from __future__ import annotations

import http.client
import os
import sys
import time
from urllib.parse import urlsplit

from jtlapp.core.heartbeat import HEARTBEAT_MAX_AGE_SECONDS, heartbeat_file

HEARTBEAT_KINDS = ("worker", "beat")


def main(argv: list[str]) -> int:
    target = argv[0] if argv else "http://127.0.0.1:8000/healthz/ready"
    if target in HEARTBEAT_KINDS:
        return _heartbeat_probe(target)
    return _http_probe(target)


def _heartbeat_probe(kind: str) -> int:
    path = heartbeat_file(kind)
    try:
        age = time.time() - path.stat().st_mtime
    except OSError:
        sys.stderr.write(f"no {kind} heartbeat at {path}\n")
        return 1
    if age > HEARTBEAT_MAX_AGE_SECONDS:
        sys.stderr.write(f"{kind} heartbeat is {age:.0f} s old\n")
        return 1
    return 0


def _http_probe(target: str) -> int:
    url = urlsplit(target)
    host = (os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")[0] or "localhost").strip()
    connection = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port or 80, timeout=8)
    try:
        connection.request("GET", url.path or "/healthz/ready", headers={"Host": host})
        status = connection.getresponse().status
    except OSError as exc:
        sys.stderr.write(f"health probe failed: {exc}\n")
        return 1
    finally:
        connection.close()
    return 0 if status == 200 else 1  # noqa: PLR2004


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
