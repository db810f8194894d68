"""Key casing between JTL's generations: PascalCase bodies (1.0 DTOs) and camelCase (v2, SDL).

One pair of recursive converters for every place the sandbox re-spells a body's keys, so the
OnPremise v2 answers, the 2.0 domain commands and the category details convert alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def camel_keys(value: object) -> Any:
    """PascalCase keys to camelCase, all the way down (``CountryIso`` -> ``countryIso``)."""
    if isinstance(value, Mapping):
        return {str(k)[:1].lower() + str(k)[1:]: camel_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [camel_keys(v) for v in value]
    return value


def pascal_keys(value: object) -> Any:
    """CamelCase keys to PascalCase, all the way down (``customerId`` -> ``CustomerId``)."""
    if isinstance(value, Mapping):
        return {str(k)[:1].upper() + str(k)[1:]: pascal_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [pascal_keys(v) for v in value]
    return value
