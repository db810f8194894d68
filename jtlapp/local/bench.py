"""``make bench``: the ERP proxy against a direct call to the sandbox, side by side.

Starts a sandbox and the app (gunicorn, as in production) on free ports with their own
SQLite database, sets up one tenant, then sends the same request at a fixed rate directly to
the sandbox ERP and through ``/api/erp/``. Prints requests/s, p50/p95 latency, the overhead
ratio and how often the identity provider was called during the measured run.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

BASE_DIR = Path(__file__).resolve().parent.parent.parent
TENANT = "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01"
RATE = float(os.environ.get("BENCH_RATE", "100"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "20"))
SETUP = (
    "import sys, django; django.setup(); from jtlapp.auth.verify import app_token_verify; "
    "from jtlapp.tenants.services import tenant_connect; "
    "tenant_connect(claims=app_token_verify(token=sys.argv[1]))"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def _measure(call: Callable[[], int]) -> tuple[list[float], int]:
    """Send at a fixed rate for SECONDS; latencies in ms and the number of failed calls."""
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()

    def one() -> None:
        nonlocal failures
        started = time.perf_counter()
        status = call()
        with lock:
            latencies.append((time.perf_counter() - started) * 1000)
            failures += status != 200

    with ThreadPoolExecutor(max_workers=32) as pool:
        start = time.perf_counter()
        for index in range(int(RATE * SECONDS)):
            time.sleep(max(0.0, start + index / RATE - time.perf_counter()))
            pool.submit(one)
    return latencies, failures


def _row(name: str, latencies: list[float], failures: int) -> str:
    quantiles = statistics.quantiles(latencies, n=100)
    rate = len(latencies) / SECONDS
    return f"| {name} | {rate:.0f} | {quantiles[49]:.1f} | {quantiles[94]:.1f} | {failures} |"


def _stack(env: dict[str, str], app_port: int, sandbox_port: int) -> list[subprocess.Popen[bytes]]:
    python = sys.executable
    gunicorn = str(Path(python).parent / "gunicorn")
    sandbox = [python, "manage.py", "jtl", "sandbox", "--port", str(sandbox_port)]
    app = [
        gunicorn,
        "jtlapp.wsgi",
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
    processes = [subprocess.Popen(sandbox, **quiet)]  # type: ignore[call-overload]  # noqa: S603
    subprocess.run([python, "manage.py", "migrate", "-v", "0"], check=True, cwd=BASE_DIR, env=env)  # noqa: S603
    processes.append(subprocess.Popen(app, **quiet))  # type: ignore[call-overload]  # noqa: S603
    return processes


def main() -> int:
    app_port, sandbox_port = _free_port(), _free_port()
    with tempfile.TemporaryDirectory(prefix="jtlapp-bench-") as run_dir:
        env = {
            **os.environ,
            "JTL_SANDBOX_PORT": str(sandbox_port),
            "JTL_RUN_DIR": run_dir,
            "DATABASE_URL": f"sqlite:///{run_dir}/bench.sqlite3",
            "DJANGO_DEBUG": "false",
            "DJANGO_LOG_LEVEL": "WARNING",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_THREADS": "8",
            # The per-tenant limiter still runs on every call, but must not refuse the load.
            "JTL_ERP_TENANT_RATE_PER_SECOND": "1000000",
            "JTL_ERP_TENANT_RATE_BURST": "1000000",
        }
        processes = _stack(env, app_port, sandbox_port)
        try:
            return _bench(env, app_port=app_port, sandbox=f"http://localhost:{sandbox_port}")
        finally:
            for process in processes:
                process.terminate()
                process.wait(timeout=20)


Row = tuple[tuple[list[float], int], tuple[list[float], int], int]


def _setup(env: dict[str, str], *, sandbox: str) -> tuple[str, str]:
    """Connect the tenant as the setup page would; the app token and a direct service token."""
    token = httpx.post(f"{sandbox}/_sandbox/app-token", json={"tenantId": TENANT}).json()
    app_token = str(token["accessToken"])
    subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", SETUP, app_token],
        check=True,
        cwd=BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "jtlapp.settings"},
    )
    service = httpx.post(
        f"{sandbox}/oauth/v2/token",
        data={"grant_type": "client_credentials", "scope": "openid"},
        auth=("sandbox-client", "sandbox-client-secret"),
    ).json()["access_token"]
    httpx.post(f"{sandbox}/_sandbox/rate-limit", json={"limit": 1_000_000})
    return app_token, str(service)


def _scenario(client: httpx.Client, *, app_port: int, sandbox: str, tokens: tuple[str, str]) -> Row:
    """Direct and proxied runs of the same request; identity-provider calls while proxying."""
    app_token, service = tokens
    direct_headers = {"Authorization": f"Bearer {service}", "X-Tenant-ID": TENANT}
    proxy_headers = {"Authorization": f"Bearer {app_token}"}
    proxy_url = f"http://127.0.0.1:{app_port}/api/erp/v2/info"
    client.get(proxy_url, headers=proxy_headers)  # warm: keys and service token cached
    direct = _measure(
        lambda: client.get(f"{sandbox}/erp/v2/info", headers=direct_headers).status_code
    )
    httpx.post(f"{sandbox}/_sandbox/counters/reset")
    proxied = _measure(lambda: client.get(proxy_url, headers=proxy_headers).status_code)
    counters = httpx.get(f"{sandbox}/_sandbox/state").json()["counters"]
    idp_calls = sum(
        counters.get(name, 0) for name in ("token", "keys", "discovery", "delegated_token")
    )
    return direct, proxied, idp_calls


def _bench(env: dict[str, str], *, app_port: int, sandbox: str) -> int:
    _wait(f"{sandbox}/")
    _wait(f"http://127.0.0.1:{app_port}/api/tenant")  # 401 without a token: the app is up
    tokens = _setup(env, sandbox=sandbox)
    failed = 0
    print(f"{RATE:.0f} req/s for {SECONDS:.0f} s each, GET /erp/v2/info, gunicorn 2 x 8 threads")  # noqa: T201
    print("| upstream | path | req/s | p50 ms | p95 ms | failed | overhead p50 | IdP calls |")  # noqa: T201
    print("|---|---|---|---|---|---|---|---|")  # noqa: T201
    with httpx.Client(timeout=30, limits=httpx.Limits(max_connections=64)) as client:
        for latency_ms in (0, 50):
            httpx.post(f"{sandbox}/_sandbox/faults", json={"area": "erp", "latencyMs": latency_ms})
            direct, proxied, idp_calls = _scenario(
                client, app_port=app_port, sandbox=sandbox, tokens=tokens
            )
            ratio = statistics.median(proxied[0]) / statistics.median(direct[0])
            label = "sandbox as is" if latency_ms == 0 else f"+{latency_ms} ms latency"
            print(_row(f"{label} | direct", *direct) + " 1.00x | - |")  # noqa: T201
            print(_row(f"{label} | via /api/erp/", *proxied) + f" {ratio:.2f}x | {idp_calls} |")  # noqa: T201
            failed += direct[1] + proxied[1]
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
