"""``make run``: web server, Celery worker and beat, the sandbox and (if needed) Redis.

One supervisor so that one Ctrl-C stops every process it started, and so that a process that
dies takes the others down with a clear message instead of leaving a half-running stack.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from jtlapp.local.redis_server import embedded_redis_start

BASE_DIR = Path(__file__).resolve().parent.parent.parent
RUN_DIR = Path(os.environ.get("JTL_RUN_DIR") or BASE_DIR / ".run")


@dataclass(frozen=True, kw_only=True)
class _Child:
    name: str
    process: subprocess.Popen[bytes]


def _python(*args: str) -> list[str]:
    return [sys.executable, *args]


def _commands(*, web_port: int, sandbox_port: int) -> dict[str, list[str]]:
    bin_dir = Path(sys.executable).parent
    return {
        "web": [
            str(bin_dir / "gunicorn"), "jtlapp.asgi:application",
            "--config", "python:jtlapp.gunicorn_conf",
            "--bind", f"127.0.0.1:{web_port}",
        ],
        "worker": [
            str(bin_dir / "celery"), "-A", "jtlapp", "worker",
            "--loglevel", "INFO", "--concurrency", "2", "--hostname", "worker@%h",
        ],
        "beat": [str(bin_dir / "celery"), "-A", "jtlapp", "beat", "--loglevel", "INFO"],
        "sandbox": _python("manage.py", "jtl", "sandbox", "--port", str(sandbox_port)),
    }  # fmt: skip


def _stop(children: list[_Child]) -> None:
    for child in children:
        if child.process.poll() is None:
            os.killpg(child.process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    for child in children:
        try:
            child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(child.process.pid, signal.SIGKILL)
            child.process.wait()


def _supervise(children: list[_Child]) -> int:
    """Wait until a child exits or we are told to stop; then stop the rest."""
    stop_requested: list[int] = []

    def request_stop(signum: int, _frame: object) -> None:
        stop_requested.append(signum)

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    while not stop_requested:
        dead = next((c for c in children if c.process.poll() is not None), None)
        if dead is not None:
            sys.stderr.write(
                f"\n{dead.name} exited with code {dead.process.returncode}; stopping\n"
            )
            _stop(children)
            return 1
        time.sleep(0.2)
    sys.stdout.write("\nstopping...\n")
    _stop(children)
    return 0


def _metrics_dir_prepare() -> None:
    """Multiprocess metrics for every child: one empty directory per ``make run``."""
    directory = Path(os.environ.get("PROMETHEUS_MULTIPROC_DIR") or RUN_DIR / "prometheus")
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(directory)


def main() -> int:
    os.chdir(BASE_DIR)
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    _metrics_dir_prepare()  # issue 15: web and worker processes add up in /metrics
    from jtlapp import settings as configured  # noqa: PLC0415 - reads .env as manage.py does

    web_port, sandbox_port = configured.JTL_WEB_PORT, configured.JTL_SANDBOX_PORT  # issue 15
    redis = None
    if not os.environ.get("REDIS_URL"):
        redis = embedded_redis_start(run_dir=RUN_DIR)
        os.environ["REDIS_URL"] = redis.url
    try:
        subprocess.run(_python("manage.py", "migrate", "--noinput", "-v", "0"), check=True)  # noqa: S603
        children = [
            _Child(name=name, process=subprocess.Popen(command, start_new_session=True))  # noqa: S603
            for name, command in _commands(web_port=web_port, sandbox_port=sandbox_port).items()
        ]
        sys.stdout.write(
            f"\njtlapp is starting:\n"
            f"  app      http://localhost:{web_port}/   (health: /healthz)\n"
            f"  sandbox  http://localhost:{sandbox_port}/   (JTL platform stand-in)\n"
            f"  ERP      http://localhost:{sandbox_port}/host/  (install the app, see its panes)\n"
            f"  redis    {os.environ['REDIS_URL']}\n"
            "Press Ctrl-C to stop everything.\n\n"
        )
        sys.stdout.flush()
        return _supervise(children)
    finally:
        if redis is not None:
            redis.stop()


if __name__ == "__main__":
    sys.exit(main())
