"""``make bench``: the ERP proxy against a direct call to the sandbox, side by side.

Starts a sandbox and the app (gunicorn, as in production) on free ports with their own
SQLite database, sets up one tenant, then sends the same request at a fixed rate directly to
the sandbox ERP and through ``/api/erp/``. Prints requests/s, p50/p95 latency, the overhead
ratio and how often the identity provider was called during the measured run.
"""

from __future__ import annotations

import os
import statistics
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx

from jtlapp.local.bench_pages import pages_paint_table
from jtlapp.local.stack import TENANT, Stack, stack_running, tenant_setup

RATE = float(os.environ.get("BENCH_RATE", "100"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "20"))


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


def main() -> int:
    extra_env = {
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "8",
        # The per-tenant limiter still runs on every call, but must not refuse the load.
        "JTL_ERP_TENANT_RATE_PER_SECOND": "1000000",
        "JTL_ERP_TENANT_RATE_BURST": "1000000",
    }
    with stack_running(extra_env=extra_env) as stack:
        status = _bench(stack)
    return max(status, _refresh_fan_out_bench())


# --- token refresh fan-out (issue 13): its own process, database and sandbox --------------
def _refresh_fan_out_bench() -> int:
    """``jtlapp.local.bench_refresh`` prints its own table; non-zero if it missed the goal."""
    import subprocess  # noqa: PLC0415

    print()  # noqa: T201
    sys.stdout.flush()
    return subprocess.call([sys.executable, "-m", "jtlapp.local.bench_refresh"])  # noqa: S603


# ------------------------------------------------------------------------------------------


Row = tuple[tuple[list[float], int], tuple[list[float], int], int]


def _tokens(stack: Stack) -> tuple[str, str]:
    """The app token of the connected tenant and a service token for direct calls."""
    app_token = tenant_setup(stack)
    service = httpx.post(
        f"{stack.sandbox_url}/oauth/v2/token",
        data={"grant_type": "client_credentials", "scope": "openid"},
        auth=("sandbox-client", "sandbox-client-secret"),
    ).json()["access_token"]
    httpx.post(f"{stack.sandbox_url}/_sandbox/rate-limit", json={"limit": 1_000_000})
    return app_token, str(service)


def _scenario(client: httpx.Client, *, stack: Stack, tokens: tuple[str, str]) -> Row:
    """Direct and proxied runs of the same request; identity-provider calls while proxying."""
    app_token, service = tokens
    direct_headers = {"Authorization": f"Bearer {service}", "X-Tenant-ID": TENANT}
    proxy_headers = {"Authorization": f"Bearer {app_token}"}
    sandbox = stack.sandbox_url
    proxy_url = f"{stack.app_url}/api/erp/v2/info"
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


def _bench(stack: Stack) -> int:
    tokens = _tokens(stack)
    sandbox = stack.sandbox_url
    failed = 0
    print(f"{RATE:.0f} req/s for {SECONDS:.0f} s each, GET /erp/v2/info, gunicorn 2 x 8 threads")  # noqa: T201
    print("| upstream | path | req/s | p50 ms | p95 ms | failed | overhead p50 | IdP calls |")  # noqa: T201
    print("|---|---|---|---|---|---|---|---|")  # noqa: T201
    with httpx.Client(timeout=30, limits=httpx.Limits(max_connections=64)) as client:
        for latency_ms in (0, 50):
            httpx.post(f"{sandbox}/_sandbox/faults", json={"area": "erp", "latencyMs": latency_ms})
            direct, proxied, idp_calls = _scenario(client, stack=stack, tokens=tokens)
            ratio = statistics.median(proxied[0]) / statistics.median(direct[0])
            label = "sandbox as is" if latency_ms == 0 else f"+{latency_ms} ms latency"
            print(_row(f"{label} | direct", *direct) + " 1.00x | - |")  # noqa: T201
            print(_row(f"{label} | via /api/erp/", *proxied) + f" {ratio:.2f}x | {idp_calls} |")  # noqa: T201
            failed += direct[1] + proxied[1]
    httpx.post(f"{sandbox}/_sandbox/faults", json={"area": "erp", "latencyMs": 0})
    paint = pages_paint_table(stack)
    print("\nfirst data paint inside the ERP shell (Chromium, from navigation start)")  # noqa: T201
    print(paint or "skipped: no Chromium (Debian package chromium)")  # noqa: T201
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
