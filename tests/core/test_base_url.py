"""One setting, ``JTL_WEB_PORT``, moves every command's idea of where the app is served."""

from __future__ import annotations

import logging
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from jtlapp.core.cli.sandbox import sandbox_config_from_settings
from jtlapp.core.doctor import doctor_run
from jtlapp.tenants.models import Tenant
from tests.conftest import free_port
from tests.core.test_doctor import embedded_page_count


@pytest.fixture
def moved(settings):
    port = free_port()
    settings.JTL_WEB_PORT = port
    settings.JTL_APP_BASE_URL = f"http://localhost:{port}"
    return port


def test_webhook_send_defaults_to_the_configured_port(moved):
    out = StringIO()

    with pytest.raises(CommandError):
        call_command(
            "jtl",
            "webhook",
            "send",
            "--tenant",
            "t",
            "--topic",
            "x",
            "--entity-id",
            "1",
            stdout=out,
        )

    assert f"Could not reach http://localhost:{moved}/webhooks/erp" in out.getvalue()


@pytest.mark.django_db
def test_the_doctor_checks_the_pages_on_the_configured_port(moved, platform):
    lines = {line.name: line for line in doctor_run(base_url=None)}

    assert not lines["pages"].ok
    assert f"localhost:{moved}" in lines["pages"].detail


@pytest.mark.django_db(transaction=True)
def test_the_doctor_is_green_on_the_configured_port_and_counts_what_it_fetched(
    settings, platform, live_server
):
    settings.JTL_APP_BASE_URL = live_server.url

    line = {line.name: line for line in doctor_run(base_url=None)}["pages"]

    assert line.ok, line.detail
    assert f"{embedded_page_count()} embedded page(s) load (and the Hub launcher)" in line.detail


def test_the_sandbox_frames_and_calls_the_configured_origin(moved):
    config = sandbox_config_from_settings(
        base_url="http://localhost:1",
        token_lifetime=60,
        app_token_lifetime=60,
        app_base_url=f"http://localhost:{moved}",
    )

    assert config.app_base_url == f"http://localhost:{moved}"


@pytest.mark.django_db
def test_jtl_tenants_prints_one_line_per_row_and_no_http_lines(caplog):
    for tenant_id in (
        "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01",
        "3f9e2b7c-1d4a-4e8b-a6c5-9d0e1f2a3b02",
    ):
        Tenant.objects.create(tenant_id=tenant_id, state="active", state_changed_at=timezone.now())
    out = StringIO()

    with caplog.at_level(logging.INFO):
        call_command("jtl", "tenants", stdout=out)

    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert "" not in lines
    assert not [r for r in caplog.records if r.name in ("httpx", "jtlapp.erp.client")]
