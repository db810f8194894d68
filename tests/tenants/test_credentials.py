"""Delegated per-tenant tokens: mint, lazy refresh, CAS, fail-closed storage (security.md C, D)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from uuid import UUID, uuid4

import httpx
import pytest
from celery import Task
from cryptography.fernet import Fernet
from django.db import connection
from django.utils import timezone
from werkzeug.serving import make_server

from jtlapp.celery import app as celery_app
from jtlapp.core.cli.sandbox import sandbox_config_from_settings
from jtlapp.crypto import secret_decrypt, secret_encrypt
from jtlapp.gateway.account import DelegatedToken
from jtlapp.gateway.http import OutboundUnavailableError
from jtlapp.gateway.service_token import service_token_get
from jtlapp.sandbox.app import sandbox_app_create
from jtlapp.sandbox.config import DEMO_TENANTS
from jtlapp.tenants.credentials import (
    TenantCredentialUnavailableError,
    tenant_access_token_get,
    tenant_credential_delete,
    tenant_credential_mint,
    tenant_credential_refresh,
    tenant_credentials_due,
)
from jtlapp.tenants.models import Tenant, TenantCredential
from tests.conftest import free_port

TENANT_IDS = [UUID(tenant_id) for tenant_id in DEMO_TENANTS]


def _tenant(tenant_id: UUID, state: str = Tenant.State.ACTIVE) -> Tenant:
    return Tenant.objects.create(tenant_id=tenant_id, state=state, state_changed_at=timezone.now())


@pytest.fixture
def tenant(db) -> Tenant:
    return _tenant(TENANT_IDS[0])


def _make_due(tenant: Tenant, *, remaining: float, lifetime: float = 3600) -> None:
    now = timezone.now()
    TenantCredential.objects.filter(tenant=tenant).update(
        expires_at=now + timedelta(seconds=remaining),
        refreshed_at=now + timedelta(seconds=remaining - lifetime),
    )


def _credential(tenant: Tenant) -> TenantCredential:
    return TenantCredential.objects.get(tenant=tenant)


def _accepted(token: str, *, base_url: str) -> int:
    response = httpx.get(
        f"{base_url}/account/tenants", headers={"Authorization": f"Bearer {token}"}, timeout=5
    )
    return response.status_code


def _in_thread(function):
    """Run ``function`` and close this thread's DB connection, as a request would."""

    def run(*args):
        try:
            return function(*args)
        finally:
            connection.close()

    return run


def test_mint_stores_encrypted_tokens_and_bumps_version(platform, tenant):
    # when
    tenant_credential_mint(tenant=tenant)
    first = _credential(tenant)
    tenant_credential_mint(tenant=tenant)
    second = _credential(tenant)
    # then
    access = secret_decrypt(ciphertext=second.access_token_encrypted)
    assert first.version == 1
    assert second.version == 2
    assert second.access_token_encrypted.startswith("gAAAAA")
    assert second.refresh_token_encrypted.startswith("gAAAAA")
    assert access not in second.access_token_encrypted
    assert access[-20:] not in second.access_token_encrypted
    assert _accepted(access, base_url=platform.url) == 200
    assert platform.counters().get("delegated_token", 0) == 2


def test_fresh_token_is_served_without_account_calls(platform, tenant):
    tenant_credential_mint(tenant=tenant)

    tokens = {tenant_access_token_get(tenant_id=tenant.tenant_id) for _ in range(20)}

    assert tokens == {secret_decrypt(ciphertext=_credential(tenant).access_token_encrypted)}
    assert platform.counters().get("delegated_token", 0) == 1
    assert platform.counters().get("delegated_token_refresh", 0) == 0


def test_missing_credential_is_minted_on_first_use(platform, tenant):
    token = tenant_access_token_get(tenant_id=tenant.tenant_id)

    assert _accepted(token, base_url=platform.url) == 200
    assert _credential(tenant).version == 1


@pytest.mark.django_db(transaction=True)
def test_lazy_refresh_in_mandatory_window_happens_once(platform):
    # given: a token 30 s from expiry and 10 concurrent requests
    tenant = _tenant(TENANT_IDS[0])
    tenant_credential_mint(tenant=tenant)
    old = secret_decrypt(ciphertext=_credential(tenant).access_token_encrypted)
    _make_due(tenant, remaining=30)
    # when
    with ThreadPoolExecutor(max_workers=10) as pool:
        tokens = list(
            pool.map(
                _in_thread(lambda _: tenant_access_token_get(tenant_id=tenant.tenant_id)), range(10)
            )
        )
    # then
    assert len(set(tokens)) == 1
    assert tokens[0] != old
    assert _credential(tenant).version == 2
    assert platform.counters().get("delegated_token_refresh", 0) == 1


def test_rejected_refresh_token_is_replaced_by_a_new_mint(platform, tenant):
    # given: the stored refresh token was already used elsewhere (rotated away)
    tenant_credential_mint(tenant=tenant)
    refresh_token = secret_decrypt(ciphertext=_credential(tenant).refresh_token_encrypted)
    used = httpx.post(
        f"{platform.url}/account/identity/delegated-token/refresh",
        json={"refreshToken": refresh_token},
        headers={"Authorization": f"Bearer {service_token_get().value}"},
        timeout=5,
    )
    assert used.status_code == 200
    _make_due(tenant, remaining=120)
    # when
    outcome = tenant_credential_refresh(tenant_id=tenant.tenant_id)
    # then
    counters = platform.counters()
    assert outcome == "refreshed"
    assert counters.get("delegated_token_refresh", 0) == 2
    assert counters.get("delegated_token", 0) == 2
    token = tenant_access_token_get(tenant_id=tenant.tenant_id)
    assert _accepted(token, base_url=platform.url) == 200


def test_refresh_is_a_noop_while_fresh(platform, tenant):
    tenant_credential_mint(tenant=tenant)

    outcomes = [tenant_credential_refresh(tenant_id=tenant.tenant_id) for _ in range(2)]

    assert outcomes == ["fresh", "fresh"]
    assert _credential(tenant).version == 1
    assert platform.counters().get("delegated_token_refresh", 0) == 0


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_refreshes_refresh_once(platform):
    tenant = _tenant(TENANT_IDS[0])
    tenant_credential_mint(tenant=tenant)
    _make_due(tenant, remaining=120)
    platform.control("faults", {"area": "account", "latencyMs": 300, "count": 1})
    refresh = _in_thread(lambda _: tenant_credential_refresh(tenant_id=tenant.tenant_id))

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(refresh, range(2)))

    assert outcomes == ["fresh", "refreshed"]
    assert _credential(tenant).version == 2
    assert platform.counters().get("delegated_token_refresh", 0) == 1


def test_account_service_down_during_refresh_raises_and_records(platform, tenant):
    tenant_credential_mint(tenant=tenant)
    _make_due(tenant, remaining=120)
    platform.control("faults", {"area": "account", "status": 503})

    with pytest.raises(OutboundUnavailableError):
        tenant_credential_refresh(tenant_id=tenant.tenant_id)

    credential = _credential(tenant)
    assert credential.version == 1
    assert credential.last_refresh_error == (
        "OutboundUnavailableError: account service answered HTTP 503"
    )


def test_account_service_down_keeps_serving_an_unexpired_token(platform, tenant):
    tenant_credential_mint(tenant=tenant)
    current = secret_decrypt(ciphertext=_credential(tenant).access_token_encrypted)
    _make_due(tenant, remaining=30)
    platform.control("faults", {"area": "account", "status": 503})

    assert tenant_access_token_get(tenant_id=tenant.tenant_id) == current


def test_account_service_down_past_expiry_is_503(platform, tenant):
    tenant_credential_mint(tenant=tenant)
    _make_due(tenant, remaining=-5)
    platform.control("faults", {"area": "account", "status": 503})

    with pytest.raises(TenantCredentialUnavailableError) as caught:
        tenant_access_token_get(tenant_id=tenant.tenant_id)

    assert caught.value.http_status == 503


def test_unreadable_credential_is_reminted_never_used_raw(platform, tenant, settings):
    # given: written under a key that is later removed
    settings.JTL_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    tenant_credential_mint(tenant=tenant)
    stored = _credential(tenant).access_token_encrypted
    # when
    settings.JTL_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    token = tenant_access_token_get(tenant_id=tenant.tenant_id)
    # then
    assert token != stored
    assert not token.startswith("gAAAAA")
    assert _accepted(token, base_url=platform.url) == 200
    assert platform.counters().get("delegated_token", 0) == 2


def test_lazy_refresh_works_with_the_broker_down(platform, tenant, settings, monkeypatch):
    # given: the broker points at a port nobody listens on, and publishing would fail
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"

    def broker_down(*_args, **_kwargs):
        raise AssertionError("the request path must not need the broker")

    monkeypatch.setattr(Task, "apply_async", broker_down)
    monkeypatch.setattr(celery_app, "send_task", broker_down)
    tenant_credential_mint(tenant=tenant)
    _make_due(tenant, remaining=20)
    # when
    started = time.monotonic()
    token = tenant_access_token_get(tenant_id=tenant.tenant_id)
    # then
    assert time.monotonic() - started < 2
    assert _credential(tenant).version == 2
    assert _accepted(token, base_url=platform.url) == 200


def test_due_selector_lists_only_active_tenants_expiring_soon(db):
    now = timezone.now()
    due, fresh, suspended = (
        _tenant(uuid4()),
        _tenant(uuid4()),
        _tenant(uuid4(), state=Tenant.State.SUSPENDED),
    )
    for tenant, remaining in ((due, 300), (fresh, 3000), (suspended, 300)):
        TenantCredential.objects.create(
            tenant=tenant,
            access_token_encrypted=secret_encrypt(plaintext="token"),
            expires_at=now + timedelta(seconds=remaining),
            refreshed_at=now,
        )

    assert list(tenant_credentials_due().values_list("tenant_id", flat=True)) == [due.tenant_id]


def test_delete_forgets_the_tokens(platform, tenant):
    tenant_credential_mint(tenant=tenant)

    tenant_credential_delete(tenant=tenant)

    assert not TenantCredential.objects.filter(tenant=tenant).exists()


def test_token_objects_are_masked(platform, tenant):
    token = DelegatedToken(
        access_token="eyJsecret.access", refresh_token="rt-secret", lifetime_seconds=60
    )
    tenant_credential_mint(tenant=tenant)
    credential = _credential(tenant)
    plaintext = secret_decrypt(ciphertext=credential.access_token_encrypted)

    assert "eyJsecret" not in repr(token)
    assert "rt-secret" not in str(token)
    assert plaintext not in repr(credential)
    assert plaintext not in str(credential)


@pytest.fixture
def short_sandbox(settings):
    """A sandbox whose tokens live 3 seconds; settings point at it for this test."""
    port = free_port()
    config = sandbox_config_from_settings(
        base_url=f"http://localhost:{port}", token_lifetime=3, app_token_lifetime=300
    )
    server = make_server("127.0.0.1", port, sandbox_app_create(config=config), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.JTL_ISSUER = settings.JTL_API_BASE_URL = config.base_url
    settings.JTL_LEGACY_TOKEN_URL = f"{config.base_url}/oauth2/token"
    yield config.base_url
    server.shutdown()
    server.server_close()


def test_short_lived_delegated_tokens_never_expire_in_use(short_sandbox, tenant):
    statuses, seen = [], set()
    deadline = time.monotonic() + 5

    while time.monotonic() < deadline:
        token = tenant_access_token_get(tenant_id=tenant.tenant_id)
        seen.add(token)
        statuses.append(_accepted(token, base_url=short_sandbox))
        time.sleep(0.1)

    assert set(statuses) == {200}
    assert 2 <= len(seen) <= 8
