"""Health: web liveness and readiness apart from the workers' own heartbeat (and beat's)."""

import os
import signal
import subprocess
import sys
import time

import pytest

from jtlapp.core.heartbeat import BEAT_KEY, WORKER_KEY_PREFIX, heartbeat_file
from jtlapp.core.redis import redis_client
from jtlapp.core.tasks import celery_heartbeat_task
from jtlapp.local.redis_server import embedded_redis_start
from tests.conftest import REPO, wait_for


@pytest.fixture
def private_redis(settings, tmp_path):
    """A Redis of the test's own, so it can be stopped without harming the suite."""
    server = embedded_redis_start(run_dir=tmp_path, name="private")
    settings.REDIS_URL = server.url
    redis_client.cache_clear()
    yield server
    if server.process.poll() is None:
        os.kill(server.process.pid, signal.SIGCONT)
        server.stop()
    redis_client.cache_clear()


def test_liveness_asks_nothing(client):
    response = client.get("/healthz/live")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/healthz/ready"])
def test_readiness_is_200_with_the_database(client, path, private_redis):
    response = client.get(path)

    assert response.status_code == 200
    body = response.json()
    assert set(body["checks"]) == {"database", "redis"}
    assert all(check["ok"] for check in body["checks"].values())


@pytest.mark.django_db
def test_readiness_does_not_depend_on_a_worker(client, private_redis):
    assert client.get("/healthz/ready").status_code == 200
    assert client.get("/healthz/worker").status_code == 503


@pytest.mark.django_db
def test_readiness_stays_200_while_redis_is_down_and_says_so(client, settings, private_redis):
    private_redis.stop()

    started = time.monotonic()
    response = client.get("/healthz/ready")
    elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert response.json()["checks"]["redis"]["ok"] is False
    assert response.json()["checks"]["database"]["ok"] is True
    assert elapsed < settings.JTL_HEALTH_TIMEOUT_SECONDS + 1


@pytest.mark.django_db
def test_a_hanging_redis_is_reported_within_the_timeout(client, settings, private_redis):
    settings.JTL_HEALTH_TIMEOUT_SECONDS = 1.0
    redis_client.cache_clear()
    redis_client().ping()
    os.kill(private_redis.process.pid, signal.SIGSTOP)

    started = time.monotonic()
    response = client.get("/healthz/ready")
    elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert response.json()["checks"]["redis"] == {
        "ok": False,
        "detail": "timed out",
        "latency_ms": 1000.0,
    }
    assert elapsed < 2.0


def test_worker_health_is_the_workers_own_heartbeat(client, private_redis, db):
    redis_client().set(f"{WORKER_KEY_PREFIX}celery@a", f"{time.time() - 1}")
    redis_client().set(BEAT_KEY, f"{time.time()}")

    response = client.get("/healthz/worker")

    assert response.status_code == 200
    assert response.json()["checks"]["celery"]["detail"].startswith("1 worker(s)")
    assert response.json()["checks"]["beat"]["ok"] is True


def test_a_worker_heartbeat_older_than_30_s_counts_as_down(client, private_redis, db):
    redis_client().set(f"{WORKER_KEY_PREFIX}celery@a", f"{time.time() - 31}")

    response = client.get("/healthz/worker")

    assert response.status_code == 503
    assert response.json()["checks"]["celery"]["detail"].startswith("LookupError: last worker")


def test_a_worker_beats_on_its_own_without_any_task(celery_worker_process):
    """The heartbeat is the worker's thread, not a task: no beat and no queue are involved."""
    before = time.time()

    def beaten_since() -> bool:
        keys = list(redis_client().scan_iter(match=f"{WORKER_KEY_PREFIX}test-*"))
        return any(float(raw or 0) > before for raw in redis_client().mget(keys)) if keys else False

    wait_for(beaten_since, timeout=15, message="a heartbeat without any task sent")


def test_the_worker_writes_its_probe_file(celery_worker_process):
    wait_for(
        lambda: time.time() - heartbeat_file("worker").stat().st_mtime < 10,
        timeout=15,
        message="the worker's heartbeat file",
    )
    probe = [sys.executable, "-m", "jtlapp.core.healthcheck", "worker"]
    assert subprocess.run(probe, cwd=REPO, check=False).returncode == 0


def test_the_probe_fails_on_a_stale_or_missing_heartbeat(tmp_path):
    env = {**os.environ, "JTL_HEARTBEAT_DIR": str(tmp_path)}
    probe = [sys.executable, "-m", "jtlapp.core.healthcheck", "beat"]
    assert subprocess.run(probe, cwd=REPO, env=env, check=False).returncode == 1
    (tmp_path / "jtlapp-beat.heartbeat").touch()
    assert subprocess.run(probe, cwd=REPO, env=env, check=False).returncode == 0
    os.utime(tmp_path / "jtlapp-beat.heartbeat", (time.time() - 60, time.time() - 60))
    assert subprocess.run(probe, cwd=REPO, env=env, check=False).returncode == 1


@pytest.mark.django_db
def test_a_task_sent_through_the_broker_refreshes_the_heartbeat(celery_worker_process):
    redis_client().set("jtlapp:celery:heartbeat", "0")

    celery_heartbeat_task.delay()

    wait_for(
        lambda: float(redis_client().get("jtlapp:celery:heartbeat") or 0) > 0,
        timeout=20,
        message="the worker to run the heartbeat task",
    )


def test_beat_marks_itself_alive_from_its_loop(tmp_path):
    from jtlapp.celery import app
    from jtlapp.core.beat import HeartbeatScheduler

    os.environ["JTL_HEARTBEAT_DIR"] = str(tmp_path)
    try:
        scheduler = HeartbeatScheduler(app, schedule_filename=str(tmp_path / "schedule"), lazy=True)
        scheduler.setup_schedule()
        interval = scheduler.tick()
    finally:
        del os.environ["JTL_HEARTBEAT_DIR"]

    assert interval <= 5
    assert (tmp_path / "jtlapp-beat.heartbeat").exists()
