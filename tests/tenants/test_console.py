"""Console data sources: the throttled ERP success record and the read-only rate bucket."""

from __future__ import annotations

import functools
from datetime import timedelta
from uuid import UUID

import pytest
from django.utils import timezone

from jtlapp.core.redis import redis_client
from jtlapp.gateway.erp.admission import KEY_PREFIX, admission_reset, admission_take_sync
from jtlapp.tenants.console import tenant_console_extras
from jtlapp.tenants.models import Tenant
from jtlapp.tenants.services import tenant_erp_success_record

TENANT = UUID("8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01")


@pytest.fixture
def tenant():
    return Tenant.objects.create(
        tenant_id=TENANT, state=Tenant.State.ACTIVE, state_changed_at=timezone.now()
    )


def _stored(tenant: Tenant):
    return Tenant.objects.values_list("last_erp_success_at", flat=True).get(pk=tenant.pk)


@pytest.mark.django_db
def test_erp_success_is_written_at_most_once_a_minute(tenant):
    # given: the first success is written
    tenant_erp_success_record(tenant_id=TENANT)
    first = _stored(tenant)

    # when / then: another process asks, but the stored time is fresh, so nothing is written
    tenant_erp_success_record(tenant_id=TENANT)
    assert _stored(tenant) == first

    # a minute later it is written again
    Tenant.objects.filter(pk=tenant.pk).update(last_erp_success_at=first - timedelta(seconds=61))
    tenant_erp_success_record(tenant_id=TENANT)
    assert _stored(tenant) > first - timedelta(seconds=1)


@pytest.mark.django_db
def test_rate_headroom_is_read_without_touching_the_bucket(tenant, settings):
    # given
    settings.JTL_ERP_TENANT_RATE_PER_SECOND = 0.001
    settings.JTL_ERP_TENANT_RATE_BURST = 10
    admission_reset(tenant_id=TENANT)
    limiter = functools.partial(admission_take_sync, tenant_id=TENANT, rate=0.001, burst=10)
    for _ in range(4):
        limiter()
    before = redis_client().hgetall(f"{KEY_PREFIX}:{TENANT}")

    # when
    extras = tenant_console_extras(tenant_ids=[TENANT])

    # then
    assert int(extras[TENANT].rate_tokens_left or 0) == 6
    assert extras[TENANT].rate_burst == 10
    assert redis_client().hgetall(f"{KEY_PREFIX}:{TENANT}") == before
