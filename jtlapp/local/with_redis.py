"""Run one command with ``REDIS_URL`` set, starting the embedded Redis when none is configured.

``make test`` uses this so the suite runs against a real Redis on a fresh machine and against
the configured one in CI: ``python -m jtlapp.local.with_redis -- pytest``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from jtlapp.local.redis_server import embedded_redis_start


def main(argv: list[str]) -> int:
    command = argv[1:] if argv[:1] == ["--"] else argv
    if not command:
        sys.stderr.write("usage: python -m jtlapp.local.with_redis -- COMMAND [ARGS...]\n")
        return 2
    if os.environ.get("REDIS_URL"):
        return subprocess.call(command)  # noqa: S603
    with tempfile.TemporaryDirectory(prefix="jtlapp-redis-") as run_dir:
        redis = embedded_redis_start(run_dir=Path(run_dir))
        try:
            return subprocess.call(command, env={**os.environ, "REDIS_URL": redis.url})  # noqa: S603
        finally:
            redis.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
