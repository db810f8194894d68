"""``/metrics``: protected, real figures, several processes added up, no secret in a label."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families

from jtlapp.core.tasks import celery_heartbeat_task
from jtlapp.logging import scrub
from jtlapp.observability import metrics
from jtlapp.observability.exposition import metrics_registry
from jtlapp.webhooks.models import WebhookEvent
from tests.conftest import REPO

TOKEN = "test-metrics-token"


@pytest.fixture
def metrics_token(settings):
    settings.JTL_METRICS_TOKEN = TOKEN
    return TOKEN


def scrape(client, token=TOKEN):
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def sample(text, name, **labels):
    for family in text_string_to_metric_families(text):
        for found in family.samples:
            if found.name == name and all(found.labels.get(k) == v for k, v in labels.items()):
                return found.value
    return 0.0


def test_metrics_need_the_token_or_a_staff_session(client, db, metrics_token, admin_user):
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200
    client.force_login(admin_user)
    assert client.get("/metrics").status_code == 200


def test_without_a_token_metrics_are_hidden(client, db, settings):
    settings.JTL_METRICS_TOKEN = ""

    assert client.get("/metrics").status_code == 404


def test_erp_figures_the_gateway_reports_are_exposed(client, db, metrics_token):
    before = scrape(client)
    labels = {"operation": "GET v2/customers/{id}", "tenant_class": "cloud"}

    metrics.erp_call_observe(**labels, status="200", seconds=0.042)
    metrics.erp_rejection_count(reason="bulkhead")
    metrics.erp_breaker_state_set(tenant_class="cloud", state="open")
    after = scrape(client)

    calls = "jtlapp_erp_calls_total"
    assert sample(after, calls, **labels, status="200") - sample(before, calls, **labels) == 1
    assert sample(after, "jtlapp_erp_call_seconds_count", **labels) >= 1
    assert sample(after, "jtlapp_erp_rejections_total", reason="bulkhead") >= 1
    breaker = "jtlapp_erp_breaker_state"
    assert sample(after, breaker, tenant_class="cloud", state="open") == 1
    assert sample(after, breaker, tenant_class="cloud", state="closed") == 0


def test_the_webhook_backlog_is_counted_by_state(client, db, metrics_token):
    for number, state in enumerate(["dead", "dead", "failed"]):
        WebhookEvent.objects.create(
            event_id=f"e-{number}",
            topic="com.jtl.erp.workflow.v1.item.changed",
            event_tenant_id="8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01",
            state=state,
        )

    text = scrape(client)

    assert sample(text, "jtlapp_webhook_inbox_events", state="dead") == 2
    assert sample(text, "jtlapp_webhook_inbox_events", state="failed") == 1
    assert sample(text, "jtlapp_webhook_inbox_events", state="done") == 0


def test_lifecycle_calls_and_token_mints_are_counted(client, jtl_tenant, metrics_token):
    before = scrape(client)

    client.post(
        "/lifecycle/connect",
        data={"tenantId": jtl_tenant.tenant_id},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {jtl_tenant.token}",
    )
    after = scrape(client)

    name = "jtlapp_lifecycle_calls_total"
    assert sample(after, name, kind="connect") - sample(before, name, kind="connect") == 1
    assert sample(after, "jtlapp_token_mints_total", kind="service") >= 0


def test_celery_tasks_are_counted_with_their_run_time(client, db, metrics_token):
    before = scrape(client)
    name = celery_heartbeat_task.name

    celery_heartbeat_task.apply()
    after = scrape(client)

    counted = "jtlapp_celery_tasks_total"
    assert (
        sample(after, counted, task=name, state="success")
        - sample(before, counted, task=name, state="success")
        == 1
    )
    assert sample(after, "jtlapp_celery_task_seconds_count", task=name) >= 1


def test_multiprocess_mode_adds_up_every_process(tmp_path, db):
    script = textwrap.dedent(
        """
        from jtlapp.observability.metrics import erp_call_observe
        erp_call_observe(operation="GET v2/info", status="200", tenant_class="cloud", seconds=0.1)
        """
    )
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "PYTHONPATH": str(REPO)}
    for _ in range(3):
        subprocess.run([sys.executable, "-c", script], env=env, check=True, cwd=REPO)

    text = generate_latest(metrics_registry(multiprocess_dir=str(tmp_path))).decode()

    assert sample(text, "jtlapp_erp_calls_total", operation="GET v2/info") == 3
    assert sample(text, "jtlapp_erp_call_seconds_count", operation="GET v2/info") == 3


def test_no_label_or_value_carries_a_token(client, jtl_tenant, metrics_token):
    client.get("/api/tenant", HTTP_AUTHORIZATION=f"Bearer {jtl_tenant.token}")

    text = scrape(client)

    assert jtl_tenant.token not in text
    assert scrub(text) == text
