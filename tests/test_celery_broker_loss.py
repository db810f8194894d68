"""The worker survives losing its broker and carries on once the broker is back.

A redis-server of this test's own on a free loopback port is the broker of a real worker
process; the test kills it (SIGKILL) under the live worker, starts it again on the same port,
and proves the same worker process is still running and executes a task sent afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from tests.conftest import REPO, free_port, wait_for

REDIS_SERVER = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed")


class Broker:
    """TCP on loopback (compose, CI) or a unix socket (``make run``'s embedded Redis)."""

    def __init__(self, *, port: int, directory: Path, unix: bool) -> None:
        self.port = port
        self.directory = directory
        self.socket = directory / "broker.sock"
        self.unix = unix
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"unix://{self.socket}?db=0" if self.unix else f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = [str(REDIS_SERVER), "--port", str(self.port), "--bind", "127.0.0.1"]
        if self.unix:
            command = [str(REDIS_SERVER), "--port", "0", "--unixsocket", str(self.socket)]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.directory)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)
        wait_for(lambda: _pings(client), timeout=10, message="redis-server to start")

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=10)


def _pings(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False


@pytest.fixture(params=["tcp", "unix"])
def broker(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Broker]:
    server = Broker(port=free_port(), directory=tmp_path, unix=request.param == "unix")
    server.start()
    try:
        yield server
    finally:
        if server.process is not None and server.process.poll() is None:
            server.kill()


@pytest.fixture
def worker_on(broker: Broker, tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "REDIS_URL": broker.url,
        "JTL_HEARTBEAT_DIR": str(tmp_path),
    }
    command = [sys.executable, "-m", "celery", "-A", "jtlapp", "worker", "--concurrency", "1"]
    command += ["--loglevel", "WARNING", "--hostname", f"brokerloss-{os.getpid()}@%h"]
    process = subprocess.Popen(command, cwd=REPO, env=env)  # noqa: S603
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def _heartbeat(broker: Broker) -> float:
    client = redis.Redis.from_url(broker.url, socket_connect_timeout=1)
    try:
        return float(client.get("jtlapp:celery:heartbeat") or 0)
    except redis.RedisError:
        return 0.0


def _send_heartbeat_task(broker: Broker) -> None:
    from celery import Celery

    url = broker.url
    if broker.unix:
        url = f"redis+socket://{broker.socket}?virtual_host=0"
    sender = Celery(broker=url)
    sender.send_task("jtlapp.core.tasks.celery_heartbeat_task", queue="celery")


def test_the_worker_reconnects_after_the_broker_is_killed(broker, worker_on):
    # given: a worker that is up and consuming
    wait_for(lambda: _heartbeat(broker) > 0, timeout=60, message="the worker to start")

    # when: the broker dies under it, stays away a while, and comes back empty
    broker.kill()
    time.sleep(12)
    assert worker_on.poll() is None, "the worker died with its broker"
    broker.start()

    # then: the same worker process runs a task sent after the outage
    redis.Redis.from_url(broker.url).set("jtlapp:celery:heartbeat", "0")
    redis.Redis.from_url(broker.url).delete("jtlapp:celery:worker:dummy")
    sent = time.time()
    _send_heartbeat_task(broker)
    wait_for(
        lambda: _heartbeat(broker) >= sent - 1,
        timeout=60,
        message="the worker to consume again after the broker came back",
    )
    assert worker_on.poll() is None
