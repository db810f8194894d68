"""The tenant is resolved without a database query per call, and a change is seen at once."""

from __future__ import annotations

import httpx
import pytest

from jtlapp.auth.verify import app_token_verify
from jtlapp.gateway.erp.tenant_ref import tenant_generation_bump, tenant_ref_cached
from jtlapp.tenants.models import Tenant
from jtlapp.tenants.services import tenant_connect, tenant_suspend

TENANT = "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01"


@pytest.fixture
def token(platform, live_asgi):
    token = platform.app_token(tenantId=TENANT)
    tenant_connect(claims=app_token_verify(token=token))
    return token


def _info(url: str, token: str) -> httpx.Response:
    return httpx.get(f"{url}/api/erp/v2/info", headers={"Authorization": f"Bearer {token}"})


def test_the_hot_path_serves_from_the_snapshot_not_the_database(live_asgi, token):
    # given: the tenant was resolved once
    assert _info(live_asgi, token).status_code == 200
    # when: the row changes behind the gateway's back (no signal, no generation bump)
    Tenant.objects.filter(tenant_id=TENANT).update(state=Tenant.State.SUSPENDED)

    # then: the gateway did not read the row again...
    assert _info(live_asgi, token).status_code == 200
    # ...and the moment a change is announced, the next call sees it
    tenant_generation_bump(tenant_id=TENANT)
    refused = _info(live_asgi, token)
    assert (refused.status_code, refused.json()["code"]) == (403, "tenant_not_active")


def test_every_state_change_through_the_services_is_seen_by_the_next_call(live_asgi, token):
    assert _info(live_asgi, token).status_code == 200

    tenant_suspend(tenant_id=Tenant.objects.get().tenant_id)

    assert _info(live_asgi, token).status_code == 403


def test_a_change_announced_by_another_process_reloads_the_snapshot(live_asgi, token):
    # given: this process holds a snapshot
    assert _info(live_asgi, token).status_code == 200
    tenant = Tenant.objects.get()
    assert tenant_ref_cached(tenant_id=tenant.tenant_id) is not None
    # when: another process suspends the tenant (its own cache, our Redis generation)
    from jtlapp.core.redis import redis_client
    from jtlapp.gateway.erp.tenant_ref import generation_key

    Tenant.objects.filter(pk=tenant.pk).update(state=Tenant.State.SUSPENDED)
    redis_client().incr(generation_key(tenant.tenant_id))

    # then: the admission's generation tells this process, which reloads and refuses
    assert _info(live_asgi, token).status_code == 403
