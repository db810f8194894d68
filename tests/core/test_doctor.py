"""``jtl doctor`` against the sandbox: green when all is well, red with the right reason."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jtlapp.core.doctor import doctor_run
from jtlapp.core.redis import redis_client
from jtlapp.manifest import manifest_load
from tests.conftest import free_port


def embedded_page_count() -> int:
    """Setup page, menu items and panes of manifest.json (a partner's panes count too)."""
    erp = manifest_load().capabilities.erp
    return 1 + len(erp.menu_items) + len(erp.pane)


def lines_by_name(**kwargs):
    return {line.name: line for line in doctor_run(**kwargs)}


@pytest.mark.django_db(transaction=True)
def test_doctor_is_green_against_the_sandbox(platform, live_worker, live_server):
    out = StringIO()

    try:
        call_command("jtl", "doctor", "--base-url", live_server.url, "--no-color", stdout=out)
    except CommandError:
        pytest.fail(f"jtl doctor was not green:\n{out.getvalue()}")

    text = out.getvalue()
    assert "FAIL" not in text
    assert text.strip().endswith("all green")
    assert f"OK   pages: {embedded_page_count()} embedded page(s) load" in text


@pytest.mark.django_db
def test_a_wrong_client_secret_is_red_with_the_hint(settings, platform):
    settings.JTL_CLIENT_SECRET = "not-the-secret"

    line = lines_by_name(base_url=None)["credentials"]

    assert not line.ok
    assert "invalid_client" in line.detail
    assert "JTL_CLIENT_SECRET" in line.detail
    assert "not-the-secret" not in line.detail


@pytest.mark.django_db
def test_a_stopped_redis_is_red(settings, platform):
    settings.REDIS_URL = f"redis://127.0.0.1:{free_port()}/0"
    redis_client.cache_clear()
    try:
        line = lines_by_name(base_url=None)["database, Redis, Celery"]
    finally:
        redis_client.cache_clear()

    assert not line.ok
    assert "redis: ConnectionError" in line.detail


@pytest.mark.django_db
def test_a_mixed_environment_is_red_and_explained(settings, platform):
    settings.JTL_API_BASE_URL = "https://api.jtl-cloud.com"

    line = lines_by_name(base_url=None)["environment profile"]

    assert not line.ok
    assert "JTL_ISSUER is a sandbox host but JTL_API_BASE_URL is a prod host" in line.detail


@pytest.mark.django_db
def test_pages_that_are_not_served_are_red(platform):
    line = lines_by_name(base_url=f"http://127.0.0.1:{free_port()}")["pages"]

    assert not line.ok
    assert "unreachable" in line.detail


@pytest.mark.django_db
def test_any_red_line_makes_the_command_fail(settings, platform):
    settings.JTL_API_BASE_URL = "https://api.qa.jtl-cloud.com"

    with pytest.raises(CommandError):
        call_command("jtl", "doctor", "--no-color", stdout=StringIO())
