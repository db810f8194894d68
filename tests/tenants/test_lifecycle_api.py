"""JTL's lifecycle calls (security.md cases 92-99)."""

import json
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import httpx
import pytest

from jtlapp.tenants.lifecycle import lifecycle_call_reconcile
from jtlapp.tenants.models import LifecycleCall, Tenant

TENANT_A = "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01"
TENANT_B = "3f9e2b7c-1d4a-4e8b-a6c5-9d0e1f2a3b02"


def post(client, path, body=None, token=None, raw=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    data = raw if raw is not None else json.dumps(body or {})
    return client.post(path, data=data, content_type="application/json", **headers)


def token_at(platform, moment: int, tenant=TENANT_A) -> str:
    return platform.app_token(tenantId=tenant, claims={"iat": moment})


@pytest.mark.django_db
def test_case_92_a_forged_token_is_401_and_changes_nothing(client, platform):
    response = post(client, "/lifecycle/connect", token=platform.app_token(forged=True))

    assert response.status_code == 401
    assert LifecycleCall.objects.count() == 0
    assert Tenant.objects.count() == 0


@pytest.mark.django_db
def test_a_verified_connect_activates_the_tokens_tenant(client, platform):
    response = post(client, "/lifecycle/connect", token=platform.app_token(tenantId=TENANT_B))

    assert response.status_code == 202
    assert response.json() == {"received": True, "outcome": "applied"}
    assert Tenant.objects.get().tenant_id.hex == TENANT_B.replace("-", "")
    assert Tenant.objects.get().state == Tenant.State.ACTIVE


@pytest.mark.django_db
def test_a_token_in_the_body_is_accepted_like_the_header(client, platform):
    response = post(client, "/lifecycle/connect", {"appToken": platform.app_token()})

    assert response.status_code == 202
    assert LifecycleCall.objects.get().body == {"appToken": "[redacted]"}


@pytest.mark.django_db
def test_case_93_an_expired_token_is_401(client, platform):
    response = post(client, "/lifecycle/disconnect", token=platform.app_token(expiresIn=-400))

    assert response.status_code == 401
    assert LifecycleCall.objects.count() == 0


@pytest.mark.django_db
def test_case_94_ten_sequential_replays_have_one_effect(client, platform):
    token = platform.app_token()

    statuses = {post(client, "/lifecycle/connect", token=token).status_code for _ in range(10)}

    assert statuses == {202}
    assert LifecycleCall.objects.count() == 1
    assert Tenant.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_case_94_ten_parallel_replays_have_one_effect(live_server, platform):
    token = platform.app_token()

    def call(_):
        return httpx.post(
            f"{live_server.url}/lifecycle/connect",
            headers={"Authorization": f"Bearer {token}"},
            json={},
            timeout=30,
        ).status_code

    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(call, range(10)))

    assert statuses == [202] * 10
    assert LifecycleCall.objects.count() == 1
    assert Tenant.objects.count() == 1


@pytest.mark.django_db
def test_case_95_a_replayed_older_connect_never_revives_a_disconnected_tenant(client, platform):
    # given
    now = int(time.time())
    connect_t1 = token_at(platform, now - 120)
    post(client, "/lifecycle/connect", token=connect_t1)
    _confirmed_disconnect(client, platform, token_at(platform, now - 60))

    # when: an attacker (or a retrying platform) replays a connect older than the disconnect
    replay = post(client, "/lifecycle/connect", token=token_at(platform, now - 90))

    # then
    assert replay.json()["outcome"] == "stale"
    assert Tenant.objects.get().state == Tenant.State.UNINSTALLED


def _confirmed_disconnect(client, platform, token: str) -> str:
    """JTL uninstalls the app, then calls disconnect; the platform confirms it."""
    platform.control(f"tenants/{TENANT_A}/uninstall")
    try:
        post(client, "/lifecycle/disconnect", token=token)
        return lifecycle_call_reconcile(call_id=LifecycleCall.objects.latest("pk").pk)
    finally:
        platform.control(f"tenants/{TENANT_A}/install")


@pytest.mark.django_db
def test_a_users_page_token_cannot_disconnect_an_installed_tenant(
    client, platform, django_capture_on_commit_callbacks
):
    # given: an active tenant that JTL still lists as installed
    post(client, "/lifecycle/connect", token=platform.app_token())

    # when: any user's valid page token is posted to the disconnect URL
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = post(client, "/lifecycle/disconnect", token=platform.app_token())
    outcome = lifecycle_call_reconcile(call_id=LifecycleCall.objects.latest("pk").pk)

    # then: recorded, confirmed with the platform, and nothing changed
    assert response.status_code == 202
    assert response.json()["outcome"] == "unverified"
    assert len(callbacks) == 1
    assert outcome == "reconciled"
    assert Tenant.objects.get().state == Tenant.State.ACTIVE


@pytest.mark.django_db
def test_a_disconnect_the_platform_confirms_uninstalls(client, platform):
    post(client, "/lifecycle/connect", token=platform.app_token())

    outcome = _confirmed_disconnect(client, platform, platform.app_token())

    assert outcome == "reconciled"
    assert Tenant.objects.get().state == Tenant.State.UNINSTALLED


@pytest.mark.django_db
def test_case_96_a_body_naming_another_tenant_is_refused(client, platform):
    response = post(
        client, "/lifecycle/disconnect", {"tenantId": TENANT_B}, token=platform.app_token()
    )

    assert response.status_code == 400
    assert response.json()["code"] == "tenant_mismatch"
    assert LifecycleCall.objects.count() == 0


@pytest.mark.django_db
def test_case_97_an_unverified_call_is_answered_at_once_and_reconciled_after_commit(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        started = time.monotonic()
        response = post(client, "/lifecycle/disconnect", {"tenantId": TENANT_A})
        elapsed = time.monotonic() - started

    assert response.status_code == 202
    assert response.json()["outcome"] == "unverified"
    assert elapsed < 1.0
    assert len(callbacks) == 1
    assert LifecycleCall.objects.get().tenant_id.hex == TENANT_A.replace("-", "")


@pytest.mark.django_db
def test_an_unverified_call_never_changes_state_by_itself(
    client, platform, django_capture_on_commit_callbacks
):
    post(client, "/lifecycle/connect", token=platform.app_token())

    with django_capture_on_commit_callbacks(execute=False):
        post(client, "/lifecycle/disconnect", {"tenantId": TENANT_A})

    assert Tenant.objects.get().state == Tenant.State.ACTIVE


@pytest.mark.django_db
def test_reconcile_disconnects_only_what_the_platform_no_longer_lists(client, platform):
    # given: an active tenant, then an unverified disconnect while still installed
    post(client, "/lifecycle/connect", token=platform.app_token())
    call = LifecycleCall.objects.create(
        kind="disconnect",
        tenant_id=TENANT_A,
        event_key="k1",
        event_time=datetime.now(tz=UTC),
        outcome="unverified",
    )

    # when
    still_installed = lifecycle_call_reconcile(call_id=call.pk)
    platform.control(f"tenants/{TENANT_A}/uninstall")
    try:
        call2 = LifecycleCall.objects.create(
            kind="disconnect",
            tenant_id=TENANT_A,
            event_key="k2",
            event_time=datetime.now(tz=UTC),
            outcome="unverified",
        )
        lifecycle_call_reconcile(call_id=call2.pk)
    finally:
        platform.control(f"tenants/{TENANT_A}/install")

    # then
    assert still_installed == "reconciled"
    assert Tenant.objects.get().state == Tenant.State.UNINSTALLED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("raw", "status", "code"),
    [
        ("x" * (64 * 1024 + 1), 413, "body_too_large"),
        ("{not json", 400, "invalid_body"),
        ("[1, 2]", 400, "invalid_body"),
    ],
)
def test_case_99_oversized_or_non_json_bodies_are_refused_before_any_db_work(
    client, raw, status, code
):
    response = post(client, "/lifecycle/connect", raw=raw)

    assert response.status_code == status
    assert response.json()["code"] == code
    assert LifecycleCall.objects.count() == 0
