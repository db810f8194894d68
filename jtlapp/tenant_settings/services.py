"""Changing settings: every value is validated first, then all are stored in one transaction."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction

from jtlapp.crypto import secret_encrypt
from jtlapp.errors import ApplicationError
from jtlapp.tenant_settings.models import TenantSetting
from jtlapp.tenant_settings.registry import TenantSettingInvalidError, tenant_setting_spec
from jtlapp.tenants.models import Tenant


class TenantSettingsInvalidError(ApplicationError):
    code = "settings_invalid"


def tenant_settings_update(
    *, tenant: Tenant, values: Mapping[str, object], updated_by: str
) -> list[str]:
    """Store ``values`` (``None`` resets a key to its default); returns the keys changed.

    Nothing is stored when one value is invalid: the form shows every problem at once.
    """
    errors: dict[str, str] = {}
    cleaned: dict[str, object] = {}
    for key, raw in values.items():
        spec = tenant_setting_spec(key=key)
        if spec is None:
            errors[key] = "This setting does not exist."
            continue
        try:
            cleaned[key] = spec.clean(raw)
        except TenantSettingInvalidError as exc:
            errors[key] = str(exc)
    if errors:
        raise TenantSettingsInvalidError("Some settings are not valid.", extra={"fields": errors})
    with transaction.atomic():
        for key, value in cleaned.items():
            _store(tenant=tenant, key=key, value=value, updated_by=updated_by)
    return sorted(cleaned)


def _store(*, tenant: Tenant, key: str, value: object, updated_by: str) -> None:
    spec = tenant_setting_spec(key=key)
    if spec is None:  # checked by the caller; a declaration cannot vanish in between
        return
    if value is None or (spec.secret and value == ""):
        TenantSetting.objects.filter(tenant=tenant, key=key).delete()
        return
    defaults: dict[str, object] = {"updated_by": updated_by}
    if spec.secret:
        defaults |= {"value": None, "ciphertext": secret_encrypt(plaintext=str(value))}
    else:
        defaults |= {"value": value, "ciphertext": ""}
    TenantSetting.objects.update_or_create(tenant=tenant, key=key, defaults=defaults)
