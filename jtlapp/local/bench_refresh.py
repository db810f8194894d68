"""``make bench``: the beat fan-out of token refreshes at 100 000 tenants due at once.

Goal (issue 13): every due tenant refreshed within one refresh-ahead window, no task
discarded. Two measured parts, one printed row:

* the fan-out itself at full scale: ``BENCH_REFRESH_TENANTS`` (100 000) active tenants whose
  delegated tokens are all due, queued by ``tenant_refresh_fan_out`` into a real Redis broker
  queue (time, batch messages, messages with an expiry: must be 0);
* refresh throughput on a sample (``BENCH_REFRESH_SAMPLE``, 1 000 tenants with real refresh
  tokens from the sandbox account service): the batches run exactly as two worker processes
  run them (``BENCH_REFRESH_PROCESSES`` batches at a time, each on its own threads).

"All refreshed" is the fan-out time plus the tenants divided by the sample's throughput; the
sandbox signs every new token on the same two cores, so this is a lower bound on capacity.
Run on its own: ``python -m jtlapp.local.with_redis -- python -m jtlapp.local.bench_refresh``.
"""

from __future__ import annotations

import base64
import json
import os
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from uuid import uuid4

TENANTS = int(os.environ.get("BENCH_REFRESH_TENANTS", "100000"))
SAMPLE = int(os.environ.get("BENCH_REFRESH_SAMPLE", "1000"))
PROCESSES = int(os.environ.get("BENCH_REFRESH_PROCESSES", "2"))
QUEUE = "jtlapp-bench-refresh"
HEADER = (
    "| tenants due | fan-out s | batches | expiring | sample | refreshes/s "
    "| all refreshed s | window s |\n|---|---|---|---|---|---|---|---|"
)


@dataclass(frozen=True, kw_only=True)
class RefreshBench:
    tenants: int
    fan_out_seconds: float
    batches: int
    expiring: int
    sample: int
    sample_refreshed: int
    refreshes_per_second: float
    window_seconds: int

    @property
    def all_refreshed_seconds(self) -> float:
        return self.fan_out_seconds + self.tenants / max(self.refreshes_per_second, 1e-9)

    def row(self) -> str:
        return (
            f"| {self.tenants} | {self.fan_out_seconds:.1f} | {self.batches} | {self.expiring} "
            f"| {self.sample_refreshed}/{self.sample} | {self.refreshes_per_second:.0f} "
            f"| {self.all_refreshed_seconds:.0f} | {self.window_seconds} |"
        )


def refresh_bench_measure(*, tenants: int, sample: int, sandbox: Any) -> RefreshBench:
    """Needs Django set up, its database migrated and ``sandbox`` (a ``SandboxState``) serving."""
    from jtlapp.core.redis import redis_client
    from jtlapp.tenants.credentials import REFRESH_AHEAD_SECONDS

    redis_client().delete(QUEUE)
    _due_tenants_create(count=tenants)
    fan_out_seconds, batches, expiring = _fan_out()
    redis_client().delete(QUEUE)
    _all_clear()
    sample_ids = _sample_tenants_create(count=sample, sandbox=sandbox)
    refreshed, rate = _drain(sample_ids)
    return RefreshBench(
        tenants=tenants,
        fan_out_seconds=fan_out_seconds,
        batches=batches,
        expiring=expiring,
        sample=sample,
        sample_refreshed=refreshed,
        refreshes_per_second=rate,
        window_seconds=REFRESH_AHEAD_SECONDS,
    )


def _fan_out() -> tuple[float, int, int]:
    from jtlapp.core.redis import redis_client
    from jtlapp.tenants.refresh_fanout import tenant_refresh_fan_out
    from jtlapp.tenants.tasks import tenant_credentials_refresh_batch_task

    def send(tenant_ids: list[str]) -> None:
        tenant_credentials_refresh_batch_task.apply_async((tenant_ids,), queue=QUEUE)

    started = time.perf_counter()
    tenant_refresh_fan_out(send=send)
    seconds = time.perf_counter() - started
    messages = redis_client().lrange(QUEUE, 0, -1)
    expiring = sum(1 for raw in messages if json.loads(raw)["headers"].get("expires"))
    queued = sum(
        len(json.loads(base64.b64decode(json.loads(raw)["body"]))[0][0]) for raw in messages
    )
    if queued != _due_count():
        raise AssertionError(f"{queued} tenants queued, {_due_count()} due")
    return seconds, len(messages), expiring


def _due_count() -> int:
    from jtlapp.tenants.credentials import tenant_credentials_due

    return tenant_credentials_due().count()


def _due_tenants_create(*, count: int) -> None:
    """``count`` active tenants whose tokens expire in a minute (one shared ciphertext)."""
    from django.utils import timezone

    from jtlapp.crypto import secret_encrypt
    from jtlapp.tenants.models import Tenant, TenantCredential

    now = timezone.now()
    cipher = secret_encrypt(plaintext="bench-access-token")
    for start in range(0, count, 5000):
        ids = [uuid4() for _ in range(min(5000, count - start))]
        Tenant.objects.bulk_create(
            Tenant(tenant_id=i, state=Tenant.State.ACTIVE, state_changed_at=now) for i in ids
        )
        TenantCredential.objects.bulk_create(
            TenantCredential(
                tenant_id=i,
                access_token_encrypted=cipher,
                expires_at=now + timedelta(seconds=60),
                refreshed_at=now - timedelta(seconds=3540),
            )
            for i in ids
        )


def _all_clear() -> None:
    from jtlapp.core.redis import redis_client
    from jtlapp.tenants.models import Tenant, TenantCredential
    from jtlapp.tenants.refresh_fanout import QUEUED_KEY_PREFIX

    # Raw deletes: 100 000 rows through Django's cascade collector would take minutes.
    TenantCredential.objects.all()._raw_delete(TenantCredential.objects.db)  # noqa: SLF001
    Tenant.objects.all()._raw_delete(Tenant.objects.db)  # noqa: SLF001
    client = redis_client()
    for key in client.scan_iter(match=f"{QUEUED_KEY_PREFIX}*", count=5000):
        client.delete(key)


def _sample_tenants_create(*, count: int, sandbox: Any) -> list[str]:
    """Tenants holding real, due refresh tokens issued by the sandbox's account service."""
    from django.conf import settings
    from django.utils import timezone

    from jtlapp.crypto import secret_encrypt
    from jtlapp.tenants.models import Tenant, TenantCredential

    client = sandbox.identity.config.client(settings.JTL_CLIENT_ID)
    now = timezone.now()
    ids: list[str] = []
    for _ in range(count):
        tenant_id = uuid4()
        issued = sandbox.identity.flows.delegated_mint(client=client, tenant_id=str(tenant_id))
        Tenant.objects.create(tenant_id=tenant_id, state=Tenant.State.ACTIVE, state_changed_at=now)
        TenantCredential.objects.create(
            tenant_id=tenant_id,
            access_token_encrypted=secret_encrypt(plaintext=issued.access_token),
            refresh_token_encrypted=secret_encrypt(plaintext=issued.refresh_token),
            expires_at=now + timedelta(seconds=60),
            refreshed_at=now - timedelta(seconds=3540),
        )
        ids.append(str(tenant_id))
    return ids


def _drain(tenant_ids: list[str]) -> tuple[int, float]:
    """Run the sample's batches ``PROCESSES`` at a time, as the workers would; refreshed, rate."""
    from jtlapp.tenants.refresh_fanout import REFRESH_BATCH_SIZE, tenant_refresh_batch

    batches = [
        tenant_ids[i : i + REFRESH_BATCH_SIZE]
        for i in range(0, len(tenant_ids), REFRESH_BATCH_SIZE)
    ]
    refreshed = 0
    lock = threading.Lock()

    def run(batch: list[str]) -> None:
        nonlocal refreshed
        outcomes = tenant_refresh_batch(tenant_ids=batch)
        with lock:
            refreshed += outcomes.get("refreshed", 0)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=PROCESSES) as pool:
        list(pool.map(run, batches))
    seconds = time.perf_counter() - started
    return refreshed, len(tenant_ids) / seconds if seconds else 0.0


def main() -> int:
    """Its own SQLite database and sandbox thread; Redis from ``REDIS_URL`` (``with_redis``)."""
    with tempfile.TemporaryDirectory(prefix="jtlapp-bench-refresh-") as run_dir:
        bench = _run(run_dir=run_dir)
    print(f"token refresh fan-out, {PROCESSES} worker processes, sample of {SAMPLE}")  # noqa: T201
    print(HEADER)  # noqa: T201
    print(bench.row())  # noqa: T201
    return 0 if bench.expiring == 0 and bench.all_refreshed_seconds <= bench.window_seconds else 1


def _run(*, run_dir: str) -> RefreshBench:
    from jtlapp.local.stack import free_port

    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "jtlapp.settings",
            "JTL_ENVIRONMENT": "sandbox",
            "JTL_RUN_DIR": run_dir,
            # An empty database of its own: every tenant row in it is deleted afterwards.
            "DATABASE_URL": os.environ.get("BENCH_REFRESH_DATABASE_URL")
            or f"sqlite:///{run_dir}/bench.sqlite3",
            "JTL_TENANT_TOKEN_MODE": "delegated",
            "JTL_SANDBOX_PORT": str(free_port()),
            "DJANGO_LOG_LEVEL": "WARNING",
            "DJANGO_LOG_FORMAT": "plain",
            "DJANGO_READ_DOT_ENV_FILE": "false",
        }
    )
    import django
    from django.conf import settings
    from django.core.management import call_command
    from werkzeug.serving import make_server

    django.setup()
    import logging

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per sandbox request
    call_command("migrate", verbosity=0)
    from jtlapp.core.cli.sandbox import sandbox_config_from_settings
    from jtlapp.sandbox.app import sandbox_app_create

    config = sandbox_config_from_settings(
        base_url=settings.JTL_ISSUER, token_lifetime=3600, app_token_lifetime=300
    )
    app = sandbox_app_create(config=config)
    server = make_server("127.0.0.1", settings.JTL_SANDBOX_PORT, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        return refresh_bench_measure(
            tenants=TENANTS, sample=SAMPLE, sandbox=app.config["SANDBOX_STATE"]
        )
    finally:
        server.shutdown()


if __name__ == "__main__":
    sys.exit(main())
