"""Test settings: the real settings module with test-only defaults filled in first.

The suite runs against real services: PostgreSQL and Redis when ``DATABASE_URL``/``REDIS_URL``
are set (CI), otherwise SQLite and the embedded Redis that ``make test`` starts.
"""

import os
import socket


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


os.environ.setdefault("JTL_ENVIRONMENT", "sandbox")
# The suite's own sandbox listens here; set in the environment so Celery worker processes
# started by the tests point at the same sandbox.
os.environ.setdefault("JTL_SANDBOX_PORT", str(_free_port()))
# Browser tests serve the app here; the suite's sandbox moves the manifest's URLs onto it.
os.environ.setdefault("JTL_TEST_APP_PORT", str(_free_port()))
os.environ.setdefault("DJANGO_READ_DOT_ENV_FILE", "false")
os.environ.setdefault("DJANGO_DEBUG", "false")

from jtlapp.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_BEAT_SCHEDULE_FILENAME = os.path.join(RUN_DIR, "celerybeat-schedule-test")  # noqa: F405, PTH118
STATIC_ROOT = None
# The pages use {% static %}; the suite runs without collectstatic, so no manifest is needed.
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A worker started by a test on the test database consumes, and sends follow-up tasks to, a queue
# of its own, so that the suite's other worker (on the non-test database) never takes its tasks.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("JTL_TEST_CELERY_QUEUE", "celery")

# A file, not SQLite's in-memory default: tests that write from several threads need real locking.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    os.makedirs(RUN_DIR, exist_ok=True)  # noqa: F405, PTH103
    DATABASES["default"]["TEST"] = {"NAME": str(RUN_DIR / f"test-{os.getpid()}.sqlite3")}  # noqa: F405
