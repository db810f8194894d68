"""``make bench``: what the gateway costs, how much it carries, and whether tenants are isolated.

Starts the sandbox, the app (gunicorn with 2 uvicorn workers, as in production) and a bench
upstream (``bench_upstream``: a Wawi stand-in that answers after a set latency for next to no
CPU), connects two tenants and drives them with an open-loop load generator (``bench_load``):

1. Cloud path through the sandbox (+50 ms): overhead and identity-provider calls per request.
2. Added latency and app CPU per call at +50 ms, 100 req/s (tenant A on the bench upstream).
3. Throughput at +200 ms upstream latency, 500 req/s.
4. Noisy neighbour: tenant B's Wawi never answers and B floods; A calls at 50 req/s.
Then the refresh fan-out (``bench_refresh``) and the pages' first data paint in Chromium.
``BENCH_SECONDS`` sets each run's length.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import httpx

from jtlapp.local.bench_load import LoadResult, load_run
from jtlapp.local.bench_pages import pages_paint_table
from jtlapp.local.stack import BASE_DIR, TENANT, Stack, free_port, stack_running, url_wait

SECONDS = float(os.environ.get("BENCH_SECONDS", "20"))
OTHER = "3f9e2b7c-1d4a-4e8b-a6c5-9d0e1f2a3b02"
ONPREMISE = (
    "import sys, django; django.setup()\n"
    "from django.utils import timezone\n"
    "from jtlapp.crypto import secret_encrypt\n"
    "from jtlapp.tenants.models import OnPremiseConnection, Tenant\n"
    "tenant = Tenant.objects.get(tenant_id=sys.argv[1])\n"
    "OnPremiseConnection.objects.update_or_create(tenant=tenant, defaults=dict(\n"
    "    base_url=sys.argv[2], app_id='bench', app_version='1.0.0',\n"
    "    api_key_encrypted=secret_encrypt(plaintext='bench-key'), registered_at=timezone.now()))\n"
    "tenant.connection = Tenant.Connection.ONPREMISE\n"
    "tenant.save()\n"
)
CLOUD = (
    "import sys, django; django.setup()\n"
    "from jtlapp.tenants.models import OnPremiseConnection, Tenant\n"
    "OnPremiseConnection.objects.filter(tenant_id=sys.argv[1]).delete()\n"
    "tenant = Tenant.objects.get(tenant_id=sys.argv[1])\n"
    "tenant.connection = Tenant.Connection.CLOUD\n"
    "tenant.save()\n"
)
CONNECT = (
    "import sys, django; django.setup(); from jtlapp.auth.verify import app_token_verify\n"
    "from jtlapp.tenants.services import tenant_connect\n"
    "tenant_connect(claims=app_token_verify(token=sys.argv[1]))\n"
)


def _django(stack: Stack, script: str, *args: str) -> None:
    env = {**stack.env, "DJANGO_SETTINGS_MODULE": "jtlapp.settings"}
    subprocess.run([sys.executable, "-c", script, *args], check=True, cwd=BASE_DIR, env=env)  # noqa: S603


def _app_token(stack: Stack, tenant: str) -> str:
    answer = httpx.post(f"{stack.sandbox_url}/_sandbox/app-token", json={"tenantId": tenant})
    return str(answer.json()["accessToken"])


def _cpu_seconds(master: int) -> float:
    """User + system CPU of the app server's worker processes (children of the master)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def _out(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _row(label: str, result: LoadResult, extra: str = "") -> str:
    rate = result.sent / SECONDS
    return (
        f"| {label} | {rate:.0f} | {result.quantile(50):.1f} | {result.quantile(95):.1f} | "
        f"{result.failures} |{extra}"
    )


def _run(url: str, token: str | None, rate: float, **headers: str) -> LoadResult:
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return asyncio.run(load_run(url=url, headers=headers, rate=rate, seconds=SECONDS))


def main() -> int:
    extra_env = {
        "GUNICORN_WORKERS": "2",
        "GUNICORN_ACCESSLOG": "",
        "JTL_ERP_TENANT_RATE_PER_SECOND": "1000000",
        "JTL_ERP_TENANT_RATE_BURST": "1000000",
        "JTL_ERP_TENANT_MAX_IN_FLIGHT": "64",
    }
    upstream_port = free_port()
    upstream = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "jtlapp.local.bench_upstream", str(upstream_port)], cwd=BASE_DIR
    )
    try:
        url_wait(f"http://127.0.0.1:{upstream_port}/lat0/ping")
        with stack_running(extra_env=extra_env) as stack:
            status = _bench(stack, upstream=f"http://127.0.0.1:{upstream_port}")
    finally:
        upstream.terminate()
        try:
            upstream.wait(timeout=10)
        except subprocess.TimeoutExpired:  # still holding the noisy tenant's hanging calls
            upstream.kill()
            upstream.wait()
    return max(status, _refresh_fan_out_bench())


# --- token refresh fan-out (issue 13): its own process, database and sandbox --------------
def _refresh_fan_out_bench() -> int:
    """``jtlapp.local.bench_refresh`` prints its own table; non-zero if it missed the goal."""
    print()  # noqa: T201
    sys.stdout.flush()
    return subprocess.call([sys.executable, "-m", "jtlapp.local.bench_refresh"])  # noqa: S603


# ------------------------------------------------------------------------------------------


def _bench(stack: Stack, *, upstream: str) -> int:
    tokens = {tenant: _app_token(stack, tenant) for tenant in (TENANT, OTHER)}
    for token in tokens.values():
        _django(stack, CONNECT, token)
    httpx.post(f"{stack.sandbox_url}/_sandbox/tenants/{TENANT}/install")
    httpx.post(f"{stack.sandbox_url}/_sandbox/rate-limit", json={"limit": 1_000_000})
    _out(f"Each run {SECONDS:.0f} s, GET .../v2/info, gunicorn with 2 uvicorn workers")
    failed = _cloud(stack, tokens[TENANT])
    _django(stack, ONPREMISE, TENANT, f"{upstream}/lat50/api/eazybusiness")
    _django(stack, ONPREMISE, OTHER, f"{upstream}/hang/api/eazybusiness")
    failed += _latency_and_throughput(stack, upstream=upstream, token=tokens[TENANT])
    failed += _noisy_neighbour(stack, upstream=upstream, tokens=tokens)
    _metrics(stack)
    _django(stack, CLOUD, TENANT)  # the pages read the sandbox's ERP again
    _refresh_and_pages(stack)
    return 0 if failed == 0 else 1


def _cloud(stack: Stack, token: str) -> int:
    sandbox = stack.sandbox_url
    service = httpx.post(
        f"{sandbox}/oauth/v2/token",
        data={"grant_type": "client_credentials", "scope": "openid"},
        auth=("sandbox-client", "sandbox-client-secret"),
    ).json()["access_token"]
    httpx.post(f"{sandbox}/_sandbox/faults", json={"area": "erp", "latencyMs": 50})
    proxy = f"{stack.app_url}/api/erp/v2/info"
    httpx.get(proxy, headers={"Authorization": f"Bearer {token}"})  # keys, token, tenant cached
    direct = _run(f"{sandbox}/erp/v2/info", service, 100, **{"X-Tenant-ID": TENANT})
    httpx.post(f"{sandbox}/_sandbox/counters/reset")
    proxied = _run(proxy, token, 100)
    counters = httpx.get(f"{sandbox}/_sandbox/state").json()["counters"]
    idp = sum(counters.get(n, 0) for n in ("token", "keys", "discovery", "delegated_token"))
    httpx.post(f"{sandbox}/_sandbox/faults", json={"area": "erp", "latencyMs": 0})
    ratio = proxied.quantile(50) / direct.quantile(50)
    _out("\n1. Cloud path, sandbox as upstream (+50 ms), 100 req/s")
    _out("| path | req/s | p50 ms | p95 ms | failed | p50 ratio | IdP calls |")
    _out("|---|---|---|---|---|---|---|")
    _out(_row("direct to the sandbox", direct, " 1.00x | - |"))
    _out(_row("via /api/erp/", proxied, f" {ratio:.2f}x | {idp} |"))
    return direct.failures + proxied.failures


def _latency_and_throughput(stack: Stack, *, upstream: str, token: str) -> int:
    proxy = f"{stack.app_url}/api/erp/v2/info"
    _out("\n2./3. Bench upstream (a Wawi stand-in): added latency, app CPU, throughput")
    _out(
        "| upstream, load | path | req/s | p50 ms | p95 ms | failed | added p50 ms "
        "| p50 ratio | p95 / upstream | app CPU ms/call |"
    )
    _out("|---|---|---|---|---|---|---|---|---|---|")
    failed = 0
    for latency, rate in ((50, 100), (200, 500)):
        _django(stack, ONPREMISE, TENANT, f"{upstream}/lat{latency}/api/eazybusiness")
        _run(proxy, token, 50)  # warm the new snapshot and the pools
        direct = _run(f"{upstream}/lat{latency}/api/eazybusiness/v2/info", None, rate)
        cpu_before = _cpu_seconds(stack.app_pid)
        proxied = _run(proxy, token, rate)
        cpu_ms = (_cpu_seconds(stack.app_pid) - cpu_before) * 1000 / max(1, proxied.sent)
        label = f"+{latency} ms, {rate} req/s"
        added = proxied.quantile(50) - direct.quantile(50)
        ratio = proxied.quantile(50) / direct.quantile(50)
        tail = proxied.quantile(95) / latency
        _out(_row(f"{label} | direct", direct, " - | 1.00x | - | - |"))
        _out(
            _row(
                f"{label} | via /api/erp/",
                proxied,
                f" {added:.1f} | {ratio:.2f}x | {tail:.2f}x | {cpu_ms:.2f} |",
            )
        )
        failed += direct.failures + proxied.failures
    _django(stack, ONPREMISE, TENANT, f"{upstream}/lat50/api/eazybusiness")
    return failed


async def _together(stack: Stack, tokens: dict[str, str]) -> tuple[LoadResult, LoadResult]:
    proxy = f"{stack.app_url}/api/erp/v2/info"
    victim = load_run(
        url=proxy, headers={"Authorization": f"Bearer {tokens[TENANT]}"}, rate=50, seconds=SECONDS
    )
    noisy = load_run(
        url=proxy, headers={"Authorization": f"Bearer {tokens[OTHER]}"}, rate=100, seconds=SECONDS
    )
    victim_result, noisy_result = await asyncio.gather(victim, noisy)
    return victim_result, noisy_result


def _noisy_neighbour(stack: Stack, *, upstream: str, tokens: dict[str, str]) -> int:
    proxy = f"{stack.app_url}/api/erp/v2/info"
    alone = _run(proxy, tokens[TENANT], 50)
    with_noise, noisy = asyncio.run(_together(stack, tokens))
    ratio = with_noise.quantile(95) / alone.quantile(95)
    statuses = ", ".join(f"{n} x {s}" for s, n in sorted(noisy.statuses.items()))
    _out("\n4. Noisy neighbour: B's Wawi never answers and B sends 100 req/s; A: 50 req/s (+50 ms)")
    _out("| tenant | req/s | p50 ms | p95 ms | failed | p95 vs alone | answers |")
    _out("|---|---|---|---|---|---|---|")
    _out(_row("A alone", alone, " 1.00x | all 200 |"))
    _out(_row("A while B floods", with_noise, f" {ratio:.2f}x | all 200 |"))
    _out(_row("B (hanging Wawi)", noisy, f" - | {statuses or 'none'} |"))
    return alone.failures + with_noise.failures


def _metrics(stack: Stack) -> None:
    """What ``/metrics`` says after the runs: the gateway counted every call it made."""
    token = stack.env.get("JTL_METRICS_TOKEN") or "sandbox-metrics-token"
    answer = httpx.get(f"{stack.app_url}/metrics", headers={"Authorization": f"Bearer {token}"})
    if answer.status_code != 200:
        _out(f"\n/metrics answered HTTP {answer.status_code}")
        return
    text = answer.text
    wanted = ("jtlapp_erp_calls_total", "jtlapp_erp_rejections_total")
    lines = [line for line in text.splitlines() if line.startswith(wanted)]
    _out("\n/metrics after the runs (ERP calls and rejections)")
    for line in lines[:20]:
        _out(f"    {line}")


def _refresh_and_pages(stack: Stack) -> None:
    paint = pages_paint_table(stack)
    _out("\nfirst data paint inside the ERP shell (Chromium, from navigation start)")
    _out(paint or "skipped: no Chromium (Debian package chromium)")


if __name__ == "__main__":
    sys.exit(main())
