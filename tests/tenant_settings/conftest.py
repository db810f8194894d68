"""A tenant and a few settings declared by the test, as a partner's app would declare them."""

from collections.abc import Iterator

import pytest

from jtlapp.auth.verify import app_token_verify
from jtlapp.tenant_settings.registry import (
    TenantSettingSpec,
    tenant_setting_declare,
    tenant_setting_forget,
)
from jtlapp.tenants.models import Tenant
from jtlapp.tenants.services import tenant_connect

TENANT = "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01"
SPECS = (
    TenantSettingSpec(key="test.days", kind="choice", default=30, choices=(7, 30), label="Days"),
    TenantSettingSpec(key="test.limit", kind="int", default=5, minimum=1, maximum=9, label="N"),
    TenantSettingSpec(key="test.enabled", kind="bool", default=False, label="On"),
    TenantSettingSpec(key="test.api_key", kind="text", default=None, secret=True, label="Key"),
)


@pytest.fixture
def declared() -> Iterator[None]:
    for spec in SPECS:
        tenant_setting_declare(spec)
    yield
    for spec in SPECS:
        tenant_setting_forget(key=spec.key)


@pytest.fixture
def token(platform, db, declared) -> str:
    issued = platform.app_token(tenantId=TENANT)
    tenant_connect(claims=app_token_verify(token=issued))
    return issued


@pytest.fixture
def tenant(token) -> Tenant:
    return Tenant.objects.get(tenant_id=TENANT)
