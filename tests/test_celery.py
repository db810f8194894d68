from typing import Any

from django.conf import settings

from jtlapp.celery import app


def test_every_beat_entry_names_a_registered_task_and_expires():
    app.loader.import_default_modules()

    schedule: dict[str, dict[str, Any]] = settings.CELERY_BEAT_SCHEDULE
    for name, entry in schedule.items():
        assert entry["task"] in app.tasks, name
        assert entry["options"]["expires"] <= entry["schedule"], name


def test_broker_redelivery_waits_longer_than_any_task_may_run():
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]

    assert visibility > settings.CELERY_TASK_TIME_LIMIT
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
