"""The settings an app declares: key, type, default, limits, label, and whether it is secret.

Declaring is the only way a key exists: the API refuses unknown keys, so a typo in a form
never creates a setting nobody reads. Validation lives with the declaration, so the setup
form, services and tasks all get the same typed value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from django.utils.functional import Promise

Kind = Literal["text", "int", "bool", "choice"]
Value = str | int | bool
Label = str | Promise


class TenantSettingInvalidError(ValueError):
    """A value that does not fit its declaration; the message is for merchants."""


@dataclass(frozen=True, kw_only=True)
class TenantSettingSpec:
    key: str
    kind: Kind
    default: Value | None
    label: Label
    help_text: Label = ""
    secret: bool = False
    """Stored encrypted with ``JTL_ENCRYPTION_KEYS``; never returned, only "present"/"absent"."""
    choices: tuple[Value, ...] = ()
    choice_labels: tuple[Label, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    max_length: int = 500
    validators: tuple[Callable[[Value], None], ...] = field(default=())

    def clean(self, raw: object) -> Value | None:
        """The typed value for ``raw`` (``None`` resets to the default), or raise."""
        if raw is None:
            return None
        value = _CLEANERS[self.kind](self, raw)
        for validator in self.validators:
            validator(value)
        return value


def _clean_text(spec: TenantSettingSpec, raw: object) -> Value:
    if not isinstance(raw, str):
        raise TenantSettingInvalidError("Enter text.")
    value = raw.strip()
    if len(value) > spec.max_length:
        raise TenantSettingInvalidError(f"At most {spec.max_length} characters.")
    return value


def _clean_int(spec: TenantSettingSpec, raw: object) -> Value:
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        raise TenantSettingInvalidError("Enter a whole number.")
    try:
        value = int(raw)
    except ValueError:
        raise TenantSettingInvalidError("Enter a whole number.") from None
    if spec.minimum is not None and value < spec.minimum:
        raise TenantSettingInvalidError(f"At least {spec.minimum}.")
    if spec.maximum is not None and value > spec.maximum:
        raise TenantSettingInvalidError(f"At most {spec.maximum}.")
    return value


def _clean_bool(spec: TenantSettingSpec, raw: object) -> Value:
    if not isinstance(raw, bool):
        raise TenantSettingInvalidError("Choose yes or no.")
    return raw


def _clean_choice(spec: TenantSettingSpec, raw: object) -> Value:
    for choice in spec.choices:
        if raw == choice or (isinstance(raw, str) and raw == str(choice)):
            return choice
    raise TenantSettingInvalidError("Choose one of the offered values.")


_CLEANERS: dict[Kind, Callable[[TenantSettingSpec, object], Value]] = {
    "text": _clean_text,
    "int": _clean_int,
    "bool": _clean_bool,
    "choice": _clean_choice,
}

_SPECS: dict[str, TenantSettingSpec] = {}


def tenant_setting_declare(spec: TenantSettingSpec) -> TenantSettingSpec:
    """Declare (or re-declare, on module reload) a setting; its default must be valid."""
    if spec.kind == "choice" and not spec.choices:
        raise ValueError(f"setting {spec.key}: a choice needs choices")
    if spec.default is not None:
        spec.clean(spec.default)
    _SPECS[spec.key] = spec
    return spec


def tenant_setting_spec(*, key: str) -> TenantSettingSpec | None:
    return _SPECS.get(key)


def tenant_setting_specs() -> list[TenantSettingSpec]:
    """Every declared setting, in declaration order (the form shows them so)."""
    return list(_SPECS.values())


def tenant_setting_forget(*, key: str) -> None:
    """Tests declare settings of their own; this removes one again."""
    _SPECS.pop(key, None)
