"""Container health probe: ``python -m jtlapp.core.healthcheck URL`` exits 0 only on HTTP 200.

The Host header is the first of ``DJANGO_ALLOWED_HOSTS`` so the probe passes Django's host
check in production, where ``localhost`` is not an allowed host.
"""

from __future__ import annotations

import http.client
import os
import sys
from urllib.parse import urlsplit


def main(argv: list[str]) -> int:
    url = urlsplit(argv[0] if argv else "http://127.0.0.1:8000/healthz")
    host = (os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")[0] or "localhost").strip()
    connection = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port or 80, timeout=8)
    try:
        connection.request("GET", url.path or "/healthz", headers={"Host": host})
        status = connection.getresponse().status
    except OSError as exc:
        sys.stderr.write(f"health probe failed: {exc}\n")
        return 1
    finally:
        connection.close()
    return 0 if status == 200 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
