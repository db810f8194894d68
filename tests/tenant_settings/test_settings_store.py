"""The settings store: typed values, validation, secrets encrypted, export and purge."""

import json
from uuid import UUID

import pytest

from jtlapp.tenant_settings.models import TenantSetting
from jtlapp.tenant_settings.selectors import tenant_setting_get, tenant_settings_form
from jtlapp.tenant_settings.services import TenantSettingsInvalidError, tenant_settings_update
from jtlapp.tenants.data_registry import tenant_data_exporters, tenant_data_purgers
from tests.tenant_settings.conftest import TENANT

pytestmark = pytest.mark.django_db


def test_an_unset_setting_reads_as_its_declared_default(tenant):
    assert tenant_setting_get(tenant=tenant, key="test.days") == 30
    assert tenant_setting_get(tenant=tenant, key="test.api_key") is None


def test_values_are_typed_and_stored(tenant):
    changed = tenant_settings_update(
        tenant=tenant, values={"test.days": "7", "test.limit": "3", "test.enabled": True},
        updated_by="user-1",
    )  # fmt: skip

    assert changed == ["test.days", "test.enabled", "test.limit"]
    assert tenant_setting_get(tenant=tenant, key="test.days") == 7
    assert tenant_setting_get(tenant=tenant, key="test.limit") == 3
    assert tenant_setting_get(tenant=tenant, key="test.enabled") is True


def test_one_invalid_value_stores_nothing_and_names_every_problem(tenant):
    with pytest.raises(TenantSettingsInvalidError) as caught:
        tenant_settings_update(
            tenant=tenant,
            values={"test.days": 8, "test.limit": 99, "test.enabled": True, "nope": 1},
            updated_by="user-1",
        )

    assert set(caught.value.extra["fields"]) == {"test.days", "test.limit", "nope"}
    assert not TenantSetting.objects.exists()


def test_a_secret_is_encrypted_at_rest_and_never_in_the_form(tenant):
    tenant_settings_update(tenant=tenant, values={"test.api_key": "s3cr3t"}, updated_by="u")

    row = TenantSetting.objects.get(key="test.api_key")
    assert "s3cr3t" not in row.ciphertext
    assert row.value is None
    assert tenant_setting_get(tenant=tenant, key="test.api_key") == "s3cr3t"
    field = next(f for f in tenant_settings_form(tenant=tenant) if f["key"] == "test.api_key")
    assert field["present"] is True
    assert "s3cr3t" not in json.dumps(tenant_settings_form(tenant=tenant))


def test_none_resets_to_the_default(tenant):
    tenant_settings_update(tenant=tenant, values={"test.limit": 2}, updated_by="u")
    tenant_settings_update(tenant=tenant, values={"test.limit": None}, updated_by="u")

    assert tenant_setting_get(tenant=tenant, key="test.limit") == 5
    assert not TenantSetting.objects.exists()


def test_export_shows_values_but_secrets_only_as_present_and_purge_removes_them(tenant):
    tenant_settings_update(
        tenant=tenant, values={"test.limit": 4, "test.api_key": "k"}, updated_by="u"
    )
    exporter = dict(tenant_data_exporters.items())["tenant_settings"]
    purger = dict(tenant_data_purgers.items())["tenant_settings"]

    exported = exporter(tenant_id=UUID(TENANT))
    assert exported == {"settings": {"test.api_key": "present", "test.limit": 4}}
    assert purger(tenant_id=UUID(TENANT)) == 2
    assert not TenantSetting.objects.exists()
