"""``manage.py check --deploy`` is clean with production settings (issue 8)."""

from __future__ import annotations

import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_check_deploy_passes_with_production_settings():
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "jtlapp.settings",
        "DJANGO_READ_DOT_ENV_FILE": "false",
        "JTL_ENVIRONMENT": "prod",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "app.example.com",
        "JTL_CLIENT_ID": "client",
        "JTL_CLIENT_SECRET": secrets.token_urlsafe(24),
        "JTL_APP_ID": "app",
        "JTL_ENCRYPTION_KEYS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "DATABASE_URL": "postgres://app@127.0.0.1:5432/app",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }

    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_on_the_sandbox_profile():
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "jtlapp.settings",
        "DJANGO_READ_DOT_ENV_FILE": "false",
        "JTL_ENVIRONMENT": "sandbox",
        "DATABASE_URL": "postgres://app@127.0.0.1:5432/app",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }

    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "jtlapp.E010" in result.stdout + result.stderr
