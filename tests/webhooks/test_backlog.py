"""The operator console's webhook columns: backlog, failures and dead events per tenant."""

from __future__ import annotations

from uuid import UUID

import pytest

from jtlapp.tenants.console import tenant_console_extras
from jtlapp.webhooks.models import WebhookEvent
from jtlapp.webhooks.selectors import webhook_backlog_for_tenants
from tests.webhooks.conftest import TENANT_ID, tenant_create

OTHER = "3f9e2b7c-1d4a-4e8b-a6c5-9d0e1f2a3b02"


@pytest.mark.django_db
def test_counts_per_tenant_by_state():
    tenant, other = tenant_create(), tenant_create(OTHER)
    states = ["received", "processing", "failed", "dead", "dead", "done", "ignored"]
    for index, state in enumerate(states):
        WebhookEvent.objects.create(
            event_id=f"e{index}",
            topic="com.jtl.erp.workflow.v1.item.changed",
            event_tenant_id=tenant.tenant_id,
            tenant=tenant,
            state=state,
        )

    counts = webhook_backlog_for_tenants([tenant.tenant_id, other.tenant_id])
    extras = tenant_console_extras(tenant_ids=[tenant.tenant_id])

    assert counts == {UUID(TENANT_ID): {"backlog": 2, "failed": 1, "dead": 2}}
    webhooks = extras[tenant.tenant_id].webhooks
    assert webhooks is not None
    assert (webhooks.backlog, webhooks.failed, webhooks.dead) == (2, 1, 2)
