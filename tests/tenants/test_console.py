"""Console data sources: the throttled ERP success record and the read-only rate bucket."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

import pytest
from django.utils import timezone

from jtlapp.core.redis import redis_client
from jtlapp.erp.limiter import KEY_PREFIX, TenantRateLimiter, rate_limit_reset
from jtlapp.tenants import services
from jtlapp.tenants.console import tenant_console_extras
from jtlapp.tenants.models import Tenant
from jtlapp.tenants.services import tenant_erp_success_record

TENANT = UUID("8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01")


@pytest.fixture
def tenant():
    services._erp_success_noted.clear()
    return Tenant.objects.create(
        tenant_id=TENANT, state=Tenant.State.ACTIVE, state_changed_at=timezone.now()
    )


def _stored(tenant: Tenant):
    return Tenant.objects.values_list("last_erp_success_at", flat=True).get(pk=tenant.pk)


@pytest.mark.django_db
def test_erp_success_is_written_at_most_once_a_minute(tenant, django_assert_num_queries):
    # given: the first success is written
    tenant_erp_success_record(tenant_id=TENANT)
    first = _stored(tenant)

    # when / then: the same process does not even ask the database within the minute
    with django_assert_num_queries(0):
        tenant_erp_success_record(tenant_id=TENANT)

    # another process asks, but the stored time is fresh, so nothing is written
    services._erp_success_noted.clear()
    tenant_erp_success_record(tenant_id=TENANT)
    assert _stored(tenant) == first

    # a minute later it is written again
    Tenant.objects.filter(pk=tenant.pk).update(last_erp_success_at=first - timedelta(seconds=61))
    services._erp_success_noted.clear()
    tenant_erp_success_record(tenant_id=TENANT)
    assert _stored(tenant) > first - timedelta(seconds=1)


@pytest.mark.django_db
def test_rate_headroom_is_read_without_touching_the_bucket(tenant, settings):
    # given
    settings.JTL_ERP_TENANT_RATE_PER_SECOND = 0.001
    settings.JTL_ERP_TENANT_RATE_BURST = 10
    rate_limit_reset(tenant_id=TENANT)
    limiter = TenantRateLimiter(tenant_id=TENANT, rate_per_second=0.001, burst=10)
    for _ in range(4):
        limiter.take()
    before = redis_client().hgetall(f"{KEY_PREFIX}:{TENANT}")

    # when
    extras = tenant_console_extras(tenant_ids=[TENANT])

    # then
    assert int(extras[TENANT].rate_tokens_left or 0) == 6
    assert extras[TENANT].rate_burst == 10
    assert redis_client().hgetall(f"{KEY_PREFIX}:{TENANT}") == before
