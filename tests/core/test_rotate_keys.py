"""``jtl rotate-keys``: re-encrypt everything under the newest key, fail closed (case 46)."""

from __future__ import annotations

import io
from datetime import timedelta
from uuid import uuid4

import pytest
from cryptography.fernet import Fernet
from django.utils import timezone

from jtlapp.core.cli import rotate_keys
from jtlapp.core.redis import redis_client
from jtlapp.crypto import secret_decrypt, secret_encrypt
from jtlapp.gateway import service_token_store as store
from jtlapp.gateway.service_token import service_token_get
from jtlapp.tenants.models import Tenant, TenantCredential


@pytest.fixture(autouse=True)
def clean_token_store():
    client = redis_client()
    for key in client.scan_iter(match=f"{store.KEY_PREFIX}:*"):
        client.delete(key)
    store.local_clear()


def _credential(*, access: str, refresh: str = "") -> TenantCredential:
    tenant = Tenant.objects.create(
        tenant_id=uuid4(), state=Tenant.State.ACTIVE, state_changed_at=timezone.now()
    )
    now = timezone.now()
    return TenantCredential.objects.create(
        tenant=tenant,
        access_token_encrypted=secret_encrypt(plaintext=access),
        refresh_token_encrypted=secret_encrypt(plaintext=refresh) if refresh else "",
        expires_at=now + timedelta(hours=1),
        refreshed_at=now,
    )


def _run() -> tuple[int, str]:
    out = io.StringIO()
    status = rotate_keys.handle({"force": True}, out)
    return status, out.getvalue().removeprefix(rotate_keys.BEFORE)


def test_rotation_lets_the_old_key_go(db, platform, settings):
    # given: rows and the cached service token written under K1
    k1, k2 = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.JTL_ENCRYPTION_KEYS = [k1]
    rows = [_credential(access="access-a", refresh="refresh-a"), _credential(access="access-b")]
    service_token = service_token_get().value
    # when: K2 goes first, and the command runs
    settings.JTL_ENCRYPTION_KEYS = [k2, k1]
    exit_code, output = _run()
    # then: with K1 removed, everything still reads
    settings.JTL_ENCRYPTION_KEYS = [k2]
    store.local_clear()
    rotated = [TenantCredential.objects.get(pk=row.pk) for row in rows]
    assert exit_code == 0
    assert output == (
        "tenant secrets: 2 re-encrypted, 0 unreadable\n"
        "cached service tokens: 1 re-encrypted, 0 unreadable and dropped (refetched on next use)\n"
    )
    assert secret_decrypt(ciphertext=rotated[0].access_token_encrypted) == "access-a"
    assert secret_decrypt(ciphertext=rotated[0].refresh_token_encrypted) == "refresh-a"
    assert secret_decrypt(ciphertext=rotated[1].access_token_encrypted) == "access-b"
    assert rotated[1].refresh_token_encrypted == ""
    assert [row.version for row in rotated] == [1, 1]
    assert service_token_get().value == service_token
    assert platform.counters().get("token", 0) == 1


def test_unreadable_row_is_reported_and_left_unchanged(db, settings):
    # given: one row under a key that is no longer configured
    lost_key, k2 = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.JTL_ENCRYPTION_KEYS = [lost_key]
    lost = _credential(access="lost")
    settings.JTL_ENCRYPTION_KEYS = [k2]
    kept = _credential(access="kept")
    # when
    exit_code, output = _run()
    # then
    assert exit_code == 1
    assert output == (
        "tenant secrets: 1 re-encrypted, 1 unreadable\n"
        f"  unreadable, left unchanged: tenant credential {lost.tenant_id}\n"
        "cached service tokens: 0 re-encrypted, 0 unreadable and dropped (refetched on next use)\n"
    )
    assert TenantCredential.objects.get(pk=lost.pk).access_token_encrypted == (
        lost.access_token_encrypted
    )
    assert (
        secret_decrypt(ciphertext=TenantCredential.objects.get(pk=kept.pk).access_token_encrypted)
        == "kept"
    )
    assert lost.access_token_encrypted not in output


def _announce_other_process() -> str:
    import json

    from jtlapp.core.key_lists import KEY_PREFIX

    key = f"{KEY_PREFIX}worker old-host:1"
    redis_client().set(key, json.dumps({"fingerprint": "0123456789ab"}), ex=60)
    return key


def test_rotation_explains_and_refuses_while_a_process_holds_another_key_list(db):
    key = _announce_other_process()
    try:
        out = io.StringIO()
        status = rotate_keys.handle({}, out)
    finally:
        redis_client().delete(key)

    assert status == 2
    text = out.getvalue()
    assert "must already hold this same list" in text
    assert "worker old-host:1" in text


def test_doctor_names_a_process_with_another_key_list(db):
    from jtlapp.core.doctor import _encryption_keys
    from jtlapp.core.doctor_pages import DoctorProblem

    key = _announce_other_process()
    try:
        with pytest.raises(DoctorProblem, match="worker old-host:1"):
            _encryption_keys()
    finally:
        redis_client().delete(key)


def test_processes_announce_a_fingerprint_not_the_keys(settings):
    import json

    from jtlapp.core.key_lists import KEY_PREFIX, key_list_announce, key_lists_differing

    key_list_announce(kind="test")
    raw = [redis_client().get(k) for k in redis_client().scan_iter(match=f"{KEY_PREFIX}test *")]
    assert raw
    assert all(key not in str(raw) for key in settings.JTL_ENCRYPTION_KEYS)
    assert "fingerprint" in json.loads(raw[0] or b"{}")
    assert not [e for e in key_lists_differing() if e.process.startswith("test ")]
