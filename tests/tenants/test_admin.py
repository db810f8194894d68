"""The operator console: renders for staff, refuses everybody else, never shows secrets."""

from __future__ import annotations

import base64
import functools
import json
import re
from datetime import timedelta
from uuid import UUID

import pytest
from django.apps import apps
from django.utils import timezone

from jtlapp.core.redis import redis_client
from jtlapp.crypto import secret_encrypt
from jtlapp.gateway.erp.admission import admission_reset, admission_take_sync
from jtlapp.tenants.models import OnPremiseConnection, Tenant, TenantCredential
from jtlapp.tenants.services import tenant_erp_success_record
from jtlapp.tenants.tasks import tenant_credential_refresh_task

TENANT_A = "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01"
TENANT_B = "3f9e2b7c-1d4a-4e8b-a6c5-9d0e1f2a3b02"
CHANGELIST = "/admin/tenants/tenant/"
INSPECT_QUEUE = "jtlapp-test-inspect-admin"
ACCESS_TOKEN = "delegated-access-token-never-shown"


def _tenant(tenant_id: str, state: str = Tenant.State.ACTIVE) -> Tenant:
    return Tenant.objects.create(
        tenant_id=UUID(tenant_id),
        state=state,
        state_changed_at=timezone.now(),
        set_up_by="user-7",
        set_up_at=timezone.now(),
    )


def _with_token(tenant: Tenant, *, error: str = "") -> TenantCredential:
    now = timezone.now()
    return TenantCredential.objects.create(
        tenant=tenant,
        access_token_encrypted=secret_encrypt(plaintext=ACCESS_TOKEN),
        refresh_token_encrypted=secret_encrypt(plaintext="refresh"),
        expires_at=now + timedelta(hours=1),
        refreshed_at=now,
        last_refresh_error=error,
    )


def _action(client, action: str, *tenants: Tenant):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [str(t.tenant_id) for t in tenants]},
        follow=True,
    )


@pytest.fixture(autouse=True)
def full_buckets():
    for tenant_id in (TENANT_A, TENANT_B):
        admission_reset(tenant_id=tenant_id)


@pytest.mark.django_db
def test_the_changelist_shows_state_setup_token_erp_and_rate_headroom(admin_client, settings):
    # given: one tenant that used 3 of its burst, one whose last refresh failed
    settings.JTL_ERP_TENANT_RATE_PER_SECOND = 0.001
    tenant = _tenant(TENANT_A)
    credential = _with_token(tenant)
    _with_token(_tenant(TENANT_B, Tenant.State.SUSPENDED), error="AccountServiceRejectedError")
    limiter = functools.partial(
        admission_take_sync, tenant_id=tenant.tenant_id, rate=0.001, burst=20
    )
    for _ in range(3):
        limiter()
    tenant_erp_success_record(tenant_id=tenant.tenant_id)

    # when
    response = admin_client.get(CHANGELIST)

    # then
    page = response.content.decode()
    expiry = timezone.localtime(credential.expires_at).strftime("%Y-%m-%d %H:%M")
    assert response.status_code == 200
    assert TENANT_A in page
    assert TENANT_B in page
    assert "by user-7" in page
    assert expiry in page
    assert "failed: AccountServiceRejectedError" in page
    assert "17/20" in page
    assert "20/20" in page
    assert credential.access_token_encrypted not in page
    assert ACCESS_TOKEN not in page


@pytest.mark.django_db
def test_the_changelist_searches_by_tenant_id_and_filters_by_state_and_connection(admin_client):
    _tenant(TENANT_A)
    _tenant(TENANT_B, Tenant.State.UNINSTALLED)

    searched = admin_client.get(CHANGELIST, {"q": "3f9e2b7c"}).content.decode()
    filtered = admin_client.get(CHANGELIST, {"state__exact": "active"}).content.decode()
    by_connection = admin_client.get(CHANGELIST, {"connection__exact": "onpremise"})

    assert TENANT_B in searched
    assert TENANT_A not in searched
    assert TENANT_A in filtered
    assert TENANT_B not in filtered
    assert TENANT_A not in by_connection.content.decode()


@pytest.mark.django_db
def test_the_change_page_is_read_only_and_shows_secrets_only_as_present(admin_client):
    # given
    tenant = _tenant(TENANT_A)
    credential = _with_token(tenant)
    connection = OnPremiseConnection.objects.create(
        tenant=tenant,
        base_url="http://127.0.0.1:5883/api/eazybusiness",
        app_id="app",
        app_version="1.0.0",
        api_key_encrypted=secret_encrypt(plaintext="wawi-key"),
        registered_at=timezone.now(),
    )

    # when
    response = admin_client.get(f"{CHANGELIST}{tenant.tenant_id}/change/")

    # then
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count(">present<") == 3
    for secret in (credential.access_token_encrypted, connection.api_key_encrypted, "wawi-key"):
        assert secret not in page
    assert 'name="_save"' not in page
    assert "Add tenant" not in admin_client.get(CHANGELIST).content.decode()


@pytest.mark.django_db
def test_the_refresh_action_queues_a_forced_refresh_for_token_holders_only(
    admin_client, monkeypatch, django_capture_on_commit_callbacks
):
    # given: a token holder and a tenant without a token of its own
    holder = _tenant(TENANT_A)
    _with_token(holder)
    other = _tenant(TENANT_B)
    redis_client().delete(INSPECT_QUEUE)
    monkeypatch.setattr(tenant_credential_refresh_task, "queue", INSPECT_QUEUE, raising=False)
    monkeypatch.setattr(tenant_credential_refresh_task, "_exec_options", None)  # cached queue

    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = _action(admin_client, "refresh_token_now", holder, other)

    # then
    messages = redis_client().lrange(INSPECT_QUEUE, 0, -1)
    redis_client().delete(INSPECT_QUEUE)
    args, kwargs, _embed = json.loads(base64.b64decode(json.loads(messages[0])["body"]))
    assert "1 token refresh(es) queued; 1 skipped" in response.content.decode()
    assert len(messages) == 1
    assert (args, kwargs) == ([TENANT_A], {"force": True})


@pytest.mark.django_db
def test_the_suspend_action_suspends_and_offers_no_reactivation(admin_client):
    active = _tenant(TENANT_A)
    uninstalled = _tenant(TENANT_B, Tenant.State.UNINSTALLED)

    response = _action(admin_client, "suspend", active, uninstalled)

    page = response.content.decode()
    assert "1 tenant(s) suspended." in page
    assert Tenant.objects.get(pk=active.pk).state == Tenant.State.SUSPENDED
    assert Tenant.objects.get(pk=uninstalled.pk).state == Tenant.State.UNINSTALLED
    actions = set(re.findall(r'<option value="([a-z_]+)"', page))
    assert actions - {"replay_dead_webhooks"} == {"refresh_token_now", "suspend"}


@pytest.mark.django_db
def test_webhook_columns_and_replay_dead_events(admin_client):
    tenant = _tenant(TENANT_A)
    page = admin_client.get(CHANGELIST).content.decode()
    # given: a dead event of the tenant
    event_model = apps.get_model("webhooks", "WebhookEvent")
    event = event_model.objects.create(
        event_id="evt-dead-1",
        topic="SalesOrder.Created",
        event_tenant_id=tenant.tenant_id,
        tenant=tenant,
        payload={},
        state="dead",
        attempts=5,
    )
    page = admin_client.get(CHANGELIST).content.decode()
    assert "Replay dead webhooks" in page
    # when
    response = _action(admin_client, "replay_dead_webhooks", tenant)
    # then
    event.refresh_from_db()
    assert "1 dead webhook(s) replayed; 0 refused." in response.content.decode()
    assert event.state == "received"


@pytest.mark.django_db
def test_the_webhook_column_shows_counts_or_a_dash(admin_client):
    _tenant(TENANT_A)

    page = admin_client.get(CHANGELIST).content.decode()

    cell = re.search(r'<td class="field-webhooks">([^<]*)</td>', page)
    assert cell is not None
    assert re.fullmatch(r"-|\d+/\d+/\d+", cell.group(1))


@pytest.mark.django_db
def test_anonymous_and_app_token_requests_get_the_login_page(client, platform):
    _tenant(TENANT_A)
    token = platform.app_token(tenantId=TENANT_A)

    for path in ("/admin/", CHANGELIST, f"{CHANGELIST}{TENANT_A}/change/"):
        anonymous = client.get(path)
        bearer = client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")
        for response in (anonymous, bearer):
            assert response.status_code == 302
            assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_a_non_staff_user_is_refused_and_staff_without_permission_gets_403(
    client, django_user_model
):
    # given
    _tenant(TENANT_A)
    merchant = django_user_model.objects.create_user(username="merchant", password="x")
    staff = django_user_model.objects.create_user(username="staff", password="x", is_staff=True)

    # when
    client.force_login(merchant)
    as_merchant = client.get(CHANGELIST)
    client.force_login(staff)
    as_staff = client.get(CHANGELIST)

    # then
    assert as_merchant.status_code == 302
    assert as_merchant["Location"].startswith("/admin/login/")
    assert as_staff.status_code == 403
