"""Reading settings: typed values for services and tasks, and the setup page's form."""

from __future__ import annotations

from typing import Any

from django.utils.encoding import force_str

from jtlapp.crypto import secret_decrypt
from jtlapp.tenant_settings.models import TenantSetting
from jtlapp.tenant_settings.registry import (
    TenantSettingSpec,
    Value,
    tenant_setting_spec,
    tenant_setting_specs,
)
from jtlapp.tenants.models import Tenant


class TenantSettingUnknownError(KeyError):
    """Code asked for a key nobody declared: a programming error, not a merchant's."""


def _spec(key: str) -> TenantSettingSpec:
    spec = tenant_setting_spec(key=key)
    if spec is None:
        raise TenantSettingUnknownError(key)
    return spec


def _stored_value(spec: TenantSettingSpec, row: TenantSetting | None) -> Value | None:
    if row is None:
        return spec.default
    if spec.secret:
        return secret_decrypt(ciphertext=row.ciphertext) if row.ciphertext else spec.default
    try:
        return spec.clean(row.value) if row.value is not None else spec.default
    except ValueError:
        return spec.default  # a declaration narrowed since: the default is the safe reading


def tenant_setting_get(*, tenant: Tenant, key: str) -> Value | None:
    """The tenant's value for ``key`` (decrypted if secret), else the declared default."""
    spec = _spec(key)
    row = TenantSetting.objects.filter(tenant=tenant, key=key).first()
    return _stored_value(spec, row)


def tenant_settings_values(*, tenant: Tenant, keys: list[str]) -> dict[str, Value | None]:
    """Several values in one query (a page view reads a handful)."""
    rows = {row.key: row for row in TenantSetting.objects.filter(tenant=tenant, key__in=keys)}
    return {key: _stored_value(_spec(key), rows.get(key)) for key in keys}


def _field(spec: TenantSettingSpec, row: TenantSetting | None) -> dict[str, Any]:
    field: dict[str, Any] = {
        "key": spec.key,
        "kind": spec.kind,
        "label": force_str(spec.label),
        "help": force_str(spec.help_text),
        "secret": spec.secret,
        "default": None if spec.secret else spec.default,
    }
    if spec.secret:
        field["present"] = bool(row and row.ciphertext)
    else:
        field["value"] = _stored_value(spec, row)
    if spec.kind == "choice":
        labels = spec.choice_labels or tuple(str(choice) for choice in spec.choices)
        field["choices"] = [
            {"value": choice, "label": force_str(label)}
            for choice, label in zip(spec.choices, labels, strict=True)
        ]
    if spec.kind == "int":
        field["minimum"], field["maximum"] = spec.minimum, spec.maximum
    return field


def tenant_settings_form(*, tenant: Tenant) -> list[dict[str, Any]]:
    """Every declared setting with its value in the request's language; secrets never."""
    rows = {row.key: row for row in TenantSetting.objects.filter(tenant=tenant)}
    return [_field(spec, rows.get(spec.key)) for spec in tenant_setting_specs()]
