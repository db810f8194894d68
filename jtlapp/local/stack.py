"""A throwaway app + sandbox pair on free ports, for ``make bench`` and ``make screenshots``.

Like ``make run`` but isolated: its own SQLite file and run directory, gunicorn with uvicorn
workers as in production, the sandbox embedding the app's pages from the app's real origin.
Redis comes from the environment (``with_redis`` starts one).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

BASE_DIR = Path(__file__).resolve().parent.parent.parent
TENANT = "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01"
SETUP = (
    "import sys, django; django.setup(); from jtlapp.auth.verify import app_token_verify; "
    "from jtlapp.tenants.services import tenant_connect; "
    "tenant_connect(claims=app_token_verify(token=sys.argv[1]))"
)


@dataclass(frozen=True, kw_only=True)
class Stack:
    app_url: str
    sandbox_url: str
    env: dict[str, str]
    app_pid: int = 0
    """The app server's master process (its workers are its children)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def url_wait(url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def _processes(
    env: dict[str, str], *, app_port: int, sandbox_port: int
) -> list[subprocess.Popen[bytes]]:
    python = sys.executable
    gunicorn = str(Path(python).parent / "gunicorn")
    app_url = f"http://localhost:{app_port}"
    sandbox = [python, "manage.py", "jtl", "sandbox", "--port", str(sandbox_port)]
    app = [
        gunicorn,
        "jtlapp.asgi:application",
        "-c",
        "python:jtlapp.gunicorn_conf",
        "-b",
        f"127.0.0.1:{app_port}",
    ]
    quiet = {
        "stdout": subprocess.DEVNULL,
        "stderr": subprocess.DEVNULL,
        "cwd": BASE_DIR,
        "env": env,
    }
    processes = [subprocess.Popen([*sandbox, "--app-url", app_url], **quiet)]  # type: ignore[call-overload]  # noqa: S603
    subprocess.run([python, "manage.py", "migrate", "-v", "0"], check=True, cwd=BASE_DIR, env=env)  # noqa: S603
    subprocess.run(  # noqa: S603 - our own interpreter and code
        [python, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        check=True,
        cwd=BASE_DIR,
        env=env,
    )
    processes.append(subprocess.Popen(app, **quiet))  # type: ignore[call-overload]  # noqa: S603
    return processes


@contextmanager
def stack_running(*, extra_env: dict[str, str] | None = None) -> Iterator[Stack]:
    """Start sandbox and app, wait until both answer, stop both on exit."""
    app_port, sandbox_port = free_port(), free_port()
    with tempfile.TemporaryDirectory(prefix="jtlapp-stack-") as run_dir:
        env = {
            **os.environ,
            "JTL_SANDBOX_PORT": str(sandbox_port),
            "JTL_RUN_DIR": run_dir,
            "DATABASE_URL": f"sqlite:///{run_dir}/stack.sqlite3",
            "DJANGO_DEBUG": "false",
            "DJANGO_LOG_LEVEL": "WARNING",
            "DJANGO_STATIC_ROOT": f"{run_dir}/static",
            "PROMETHEUS_MULTIPROC_DIR": f"{run_dir}/prometheus",
            **(extra_env or {}),
        }
        Path(env["PROMETHEUS_MULTIPROC_DIR"]).mkdir(exist_ok=True)
        processes = _processes(env, app_port=app_port, sandbox_port=sandbox_port)
        stack = Stack(
            app_url=f"http://localhost:{app_port}",
            sandbox_url=f"http://localhost:{sandbox_port}",
            env=env,
            app_pid=processes[-1].pid,
        )
        try:
            url_wait(f"{stack.sandbox_url}/_sandbox/state")
            url_wait(f"{stack.app_url}/api/tenant")  # 401 without a token: the app is up
            yield stack
        finally:
            for process in processes:
                process.terminate()
                process.wait(timeout=20)


def tenant_setup(stack: Stack) -> str:
    """Connect the demo tenant as its setup page would; returns the app token used."""
    answer = httpx.post(f"{stack.sandbox_url}/_sandbox/app-token", json={"tenantId": TENANT})
    app_token = str(answer.json()["accessToken"])
    subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", SETUP, app_token],
        check=True,
        cwd=BASE_DIR,
        env={**stack.env, "DJANGO_SETTINGS_MODULE": "jtlapp.settings"},
    )
    httpx.post(f"{stack.sandbox_url}/_sandbox/tenants/{TENANT}/install")
    return app_token
