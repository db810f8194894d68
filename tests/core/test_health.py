import os
import signal
import time

import pytest

from jtlapp.core.redis import redis_client
from jtlapp.core.tasks import celery_heartbeat_task
from jtlapp.local.redis_server import embedded_redis_start
from tests.conftest import wait_for


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


@pytest.mark.django_db
def test_healthz_is_200_with_database_redis_and_a_live_worker(client, live_worker):
    # when
    response = client.get("/healthz")

    # then
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "redis", "celery"}
    assert all(check["ok"] for check in body["checks"].values())
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_a_task_sent_through_the_broker_refreshes_the_heartbeat(celery_worker_process):
    # given
    redis_client().set("jtlapp:celery:heartbeat", "0")

    # when
    celery_heartbeat_task.delay()

    # then
    wait_for(
        lambda: float(redis_client().get("jtlapp:celery:heartbeat") or 0) > 0,
        timeout=20,
        message="the worker to run the heartbeat task",
    )


@pytest.mark.django_db
def test_healthz_is_503_without_a_worker_heartbeat(client, private_redis):
    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["celery"]["ok"] is False
    assert body["checks"]["celery"]["detail"] == "LookupError: no worker heartbeat yet"
    assert body["checks"]["redis"]["ok"] is True


@pytest.mark.django_db
def test_healthz_is_503_within_the_timeout_when_redis_stops(client, settings, private_redis):
    # given
    redis_client().set("jtlapp:celery:heartbeat", f"{time.time()}")
    private_redis.stop()

    # when
    started = time.monotonic()
    response = client.get("/healthz")
    elapsed = time.monotonic() - started

    # then
    assert response.status_code == 503
    assert response.json()["checks"]["redis"]["ok"] is False
    assert response.json()["checks"]["database"]["ok"] is True
    assert elapsed < settings.JTL_HEALTH_TIMEOUT_SECONDS + 1


@pytest.mark.django_db
def test_healthz_is_503_within_the_timeout_when_redis_hangs(client, settings, private_redis):
    # given: a Redis that accepts connections but never answers
    settings.JTL_HEALTH_TIMEOUT_SECONDS = 1.0
    redis_client.cache_clear()
    redis_client().ping()
    os.kill(private_redis.process.pid, signal.SIGSTOP)

    # when
    started = time.monotonic()
    response = client.get("/healthz")
    elapsed = time.monotonic() - started

    # then
    assert response.status_code == 503
    assert response.json()["checks"]["redis"] == {
        "ok": False,
        "detail": "timed out",
        "latency_ms": 1000.0,
    }
    assert elapsed < 2.0


def test_worker_heartbeat_older_than_a_minute_counts_as_down(client, private_redis, db):
    redis_client().set("jtlapp:celery:heartbeat", f"{time.time() - 61}")

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["celery"]["detail"].startswith("LookupError: last worker")
