"""``jtl tenant-export`` (no secrets) and ``jtl tenant-purge`` (confirmation, refusals)."""

from __future__ import annotations

import io
import json
import stat
import sys
from uuid import UUID

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from jtlapp.auth.verify import app_token_verify
from jtlapp.crypto import secret_decrypt, secret_encrypt
from jtlapp.tenants.data_registry import tenant_data_exporters
from jtlapp.tenants.models import LifecycleCall, OnPremiseConnection, Tenant, TenantCredential
from jtlapp.tenants.services import tenant_connect, tenant_disconnect

TENANT = "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01"
UNKNOWN = "00000000-0000-4000-8000-000000000000"
WAWI_KEY = "wawi-api-key-do-not-export"


@pytest.fixture
def tenant(platform, settings):
    """An active delegated tenant with a token, an OnPremise key and a lifecycle call."""
    settings.JTL_TENANT_TOKEN_MODE = "delegated"
    tenant = tenant_connect(claims=app_token_verify(token=platform.app_token(tenantId=TENANT)))
    OnPremiseConnection.objects.create(
        tenant=tenant,
        base_url="http://127.0.0.1:5883/api/eazybusiness",
        app_id="app",
        app_version="1.0.0",
        api_key_encrypted=secret_encrypt(plaintext=WAWI_KEY),
        registered_at=timezone.now(),
    )
    LifecycleCall.objects.create(
        kind=LifecycleCall.Kind.CONNECT,
        tenant_id=tenant.tenant_id,
        event_key="k1",
        event_time=timezone.now(),
        outcome=LifecycleCall.Outcome.APPLIED,
        body={"appToken": "[redacted]", "nested": {"clientSecret": "s3cr3t"}, "shop": "M"},
    )
    return tenant


def _run(*args: str, stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        call_command("jtl", *args, stdout=out)
    except CommandError as exc:
        return exc.returncode, out.getvalue()
    finally:
        sys.stdin = old_stdin
    return 0, out.getvalue()


@pytest.mark.django_db
def test_the_export_names_every_secret_only_as_present_or_absent(tenant):
    # given
    credential = TenantCredential.objects.get(tenant=tenant)
    secrets = [
        credential.access_token_encrypted,
        credential.refresh_token_encrypted,
        secret_decrypt(ciphertext=credential.access_token_encrypted),
        secret_decrypt(ciphertext=credential.refresh_token_encrypted),
        OnPremiseConnection.objects.get(tenant=tenant).api_key_encrypted,
        WAWI_KEY,
        "s3cr3t",
    ]

    # when
    code, output = _run("tenant-export", "--tenant", TENANT)

    # then
    document = json.loads(output)
    assert code == 0
    assert document["tenant"]["tenant_id"] == TENANT
    assert document["tenant"]["state"] == "active"
    assert document["credential"]["access_token"] == "present"
    assert document["credential"]["refresh_token"] == "present"
    assert document["onpremise_connection"]["api_key"] == "present"
    assert document["lifecycle_calls"][0]["body"] == {
        "appToken": "[redacted]",
        "nested": {"clientSecret": "[redacted]"},
        "shop": "M",
    }
    assert all(secret not in output for secret in secrets)


@pytest.mark.django_db
def test_the_export_includes_registered_apps_and_writes_a_private_file(tenant, tmp_path):
    target = tmp_path / "export.json"
    tenant_data_exporters.register("test-app")(lambda *, tenant_id: {"events": 2, "apiKey": "x"})
    try:
        code, output = _run("tenant-export", "--tenant", TENANT, "--output", str(target))
    finally:
        tenant_data_exporters.unregister("test-app")

    document = json.loads(target.read_text())
    assert code == 0
    assert "written to" in output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert document["other_apps"]["test-app"] == {"events": 2, "apiKey": "[redacted]"}


@pytest.mark.django_db
def test_the_export_of_an_unknown_tenant_fails():
    code, output = _run("tenant-export", "--tenant", UNKNOWN)

    assert code == 1
    assert output == f"No tenant {UNKNOWN} is stored.\n"


@pytest.mark.django_db
def test_purge_refuses_an_active_tenant_without_force(tenant):
    code, output = _run("tenant-purge", "--tenant", TENANT, "--yes")

    assert code == 1
    assert "is active" in output
    assert Tenant.objects.get(pk=tenant.pk).state == Tenant.State.ACTIVE
    assert OnPremiseConnection.objects.filter(tenant=tenant).exists()


@pytest.mark.django_db
def test_purge_asks_first_and_a_no_keeps_everything(tenant):
    tenant_disconnect(tenant_id=tenant.tenant_id, at=timezone.now())

    code, output = _run("tenant-purge", "--tenant", TENANT, stdin="n\n")

    assert code == 1
    assert "This cannot be undone. [y/N]" in output
    assert output.endswith("Nothing purged.\n")
    assert Tenant.objects.get(pk=tenant.pk).state == Tenant.State.UNINSTALLED


@pytest.mark.django_db
def test_purge_after_a_yes_deletes_an_uninstalled_tenants_data(tenant):
    tenant_disconnect(tenant_id=tenant.tenant_id, at=timezone.now())

    code, output = _run("tenant-purge", "--tenant", TENANT, stdin="yes\n")

    assert code == 0
    assert f"Tenant {TENANT} purged (" in output
    assert Tenant.objects.get(pk=tenant.pk).state == Tenant.State.PURGED
    assert not OnPremiseConnection.objects.filter(tenant=tenant).exists()
    assert _run("tenant-purge", "--tenant", TENANT, "--yes") == (
        0,
        f"Tenant {TENANT} was purged already.\n",
    )


@pytest.mark.django_db
def test_purge_with_force_purges_an_active_tenant_and_its_tokens(tenant):
    code, _output = _run("tenant-purge", "--tenant", TENANT, "--yes", "--force")

    assert code == 0
    assert Tenant.objects.get(pk=tenant.pk).state == Tenant.State.PURGED
    assert not TenantCredential.objects.filter(tenant_id=UUID(TENANT)).exists()


@pytest.mark.django_db
def test_purge_of_an_unknown_tenant_fails():
    assert _run("tenant-purge", "--tenant", UNKNOWN, "--yes") == (
        1,
        f"No tenant {UNKNOWN} is stored.\n",
    )
