import importlib.util
import shlex
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent


def compose():
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def command_of(service) -> list[str]:
    command = service["command"]
    return shlex.split(command) if isinstance(command, str) else command


def test_the_stack_has_web_worker_beat_redis_and_postgres():
    services = compose()["services"]

    assert {"web", "worker", "beat", "redis", "postgres"} <= set(services)
    for name in ("web", "worker", "beat", "redis", "postgres"):
        assert "healthcheck" in services[name], name


def test_app_services_build_from_the_dockerfile_and_use_real_modules():
    services = compose()["services"]
    dockerfile = REPO / services["web"]["build"]["dockerfile"]

    assert dockerfile.is_file()
    assert command_of(services["web"])[:2] == ["gunicorn", "jtlapp.asgi:application"]
    assert importlib.util.find_spec("jtlapp.asgi") is not None
    assert importlib.util.find_spec("jtlapp.gunicorn_conf") is not None
    for name in ("worker", "beat"):
        command = command_of(services[name])
        assert command[:3] == ["celery", "-A", "jtlapp"], name
    assert importlib.util.find_spec("jtlapp.celery") is not None
    probe = services["web"]["healthcheck"]["test"]
    assert probe[1:4] == ["python", "-m", "jtlapp.core.healthcheck"]
    assert importlib.util.find_spec("jtlapp.core.healthcheck") is not None


def test_migrations_run_once_before_the_app_starts():
    services = compose()["services"]

    assert command_of(services["migrate"]) == ["python", "manage.py", "migrate", "--noinput"]
    for name in ("web", "worker", "beat"):
        condition = services[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully", name


def test_redis_never_evicts_broker_keys():
    command = command_of(compose()["services"]["redis"])

    assert command[command.index("--maxmemory-policy") + 1] == "noeviction"


def test_each_app_service_is_probed_by_its_own_health_check():
    services = compose()["services"]

    assert services["web"]["healthcheck"]["test"][-1].endswith("/healthz/ready")
    assert services["worker"]["healthcheck"]["test"][-2:] == ["jtlapp.core.healthcheck", "worker"]
    assert services["beat"]["healthcheck"]["test"][-2:] == ["jtlapp.core.healthcheck", "beat"]


def test_the_worker_stop_grace_period_outlasts_every_task_time_limit():
    from django.conf import settings

    from jtlapp.celery import app

    app.loader.import_default_modules()
    limits = [settings.CELERY_TASK_TIME_LIMIT] + [
        task.time_limit for name, task in app.tasks.items() if name.startswith("jtlapp.")
    ]
    grace = compose()["services"]["worker"]["stop_grace_period"]

    assert grace.endswith("s")
    assert int(grace.removesuffix("s")) > max(limit for limit in limits if limit)
