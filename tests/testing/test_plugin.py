"""The test kit our suite and partners' suites share: each fixture does what it says."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from jtlapp.auth.verify import app_token_verify
from jtlapp.testing.browser import CHROMIUM_ENABLE
from jtlapp.webhooks.models import WebhookEvent
from tests.conftest import REPO

CUSTOMERS = "/erp/v2/customers"


def test_app_tokens_for_any_tenant_user_and_scopes(jtl_app_token, platform):
    tenant = "3f9e2b7c-1d4a-4e8b-a6c5-9d0e1f2a3b02"
    user = "0a1b2c3d-0000-4000-8000-000000000001"

    claims = app_token_verify(token=jtl_app_token(tenant=tenant, user=user, scopes=["items.read"]))

    assert (claims.tenant_id, claims.user_id) == (tenant, user)
    assert set(claims.scopes) == {"items.read"}


def test_a_set_up_tenant_is_active(jtl_tenant):
    assert jtl_tenant.tenant.state == "active"
    assert str(jtl_tenant.tenant.tenant_id) == jtl_tenant.tenant_id


def test_erp_calls_are_asserted_by_method_path_tenant_and_scope(client, jtl_tenant, jtl_erp_calls):
    response = client.get(
        "/api/erp/v2/customers?pageSize=1", HTTP_AUTHORIZATION=f"Bearer {jtl_tenant.token}"
    )

    assert response.status_code == 200
    (call,) = jtl_erp_calls.assert_called(
        method="GET", path=CUSTOMERS + "*", tenant=jtl_tenant.tenant_id, scope="customers.read"
    )
    assert call.path == "/erp/v2/customers"
    assert call.status == 200


def test_faults_reach_the_app_and_are_cleared(client, jtl_tenant, jtl_faults, jtl_erp_calls):
    jtl_faults(area="erp", status=503)

    response = client.get("/api/erp/v2/info", HTTP_AUTHORIZATION=f"Bearer {jtl_tenant.token}")

    assert response.status_code >= 500
    assert jtl_erp_calls.all()[0].status == 503


def test_the_webhook_sender_delivers_a_verified_event(jtl_tenant, jtl_webhook_send):
    response = jtl_webhook_send(
        tenant=jtl_tenant.tenant_id, topic="com.jtl.erp.workflow.v1.item.changed", entity_id="42"
    )

    assert response.status_code == 202
    assert WebhookEvent.objects.filter(entity_id="42").count() == 1


def test_the_run_ends_naming_skipped_browser_tests_and_how_to_enable_them(tmp_path):
    (tmp_path / "test_pages.py").write_text(
        textwrap.dedent(
            """
            import pytest
            from jtlapp.testing.browser import CHROMIUM_MISSING

            def test_in_chromium():
                pytest.skip(CHROMIUM_MISSING)
            """
        )
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "jtlapp.testing.plugin", "-p", "no:django"]
        + ["-p", "no:cacheprovider", "-c", os.devnull, "--rootdir", str(tmp_path), str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )

    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 browser test(s) did not run" in run.stdout
    assert CHROMIUM_ENABLE in run.stdout
