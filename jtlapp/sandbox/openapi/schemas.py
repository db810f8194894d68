"""Validation against the descriptions' schemas (OpenAPI 3.0 objects read as JSON Schema 4).

The descriptions use no ``nullable``, ``oneOf`` or ``pattern``; what is left (``type``,
``format``, ``properties``, ``required``, ``additionalProperties``, ``enum``, lengths, bounds)
means the same in JSON Schema draft 4, so ``jsonschema`` validates them directly with the whole
document registered as one resource for its ``$ref``s.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from datetime import datetime
from functools import lru_cache
from typing import Any

from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from jtlapp.sandbox.openapi.spec import spec_document


def _uuid(value: object) -> bool:
    return not isinstance(value, str) or bool(uuid.UUID(value))


def _date_time(value: object) -> bool:
    return not isinstance(value, str) or bool(datetime.fromisoformat(value.replace("Z", "+00:00")))


FORMATS = FormatChecker(formats=())
FORMATS.checks("uuid", raises=ValueError)(_uuid)
FORMATS.checks("date-time", raises=ValueError)(_date_time)


def _base(generation: str) -> str:
    return f"urn:jtl:wawi-api:{generation}"


@lru_cache(maxsize=2)
def _registry(generation: str) -> Registry[Any]:
    resource = Resource.from_contents(spec_document(generation), default_specification=DRAFT4)
    registry: Registry[Any] = Registry().with_resource(_base(generation), resource)
    return registry


def _rewrite(generation: str, value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: _base(generation) + item
            if key == "$ref" and isinstance(item, str) and item.startswith("#")
            else _rewrite(generation, item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_rewrite(generation, item) for item in value]
    return value


def _validator(generation: str, schema: Mapping[str, Any]) -> Draft4Validator:
    ref = schema.get("$ref")
    if isinstance(ref, str) and len(schema) == 1:
        root: dict[str, Any] = {"$ref": _base(generation) + ref}
    else:
        root = _rewrite(generation, dict(schema))
    return Draft4Validator(root, registry=_registry(generation), format_checker=FORMATS)


def schema_errors(
    *, generation: str, schema: Mapping[str, Any], instance: object
) -> Iterator[tuple[str, str]]:
    """(JSON path of the offending field, message) for every violation, shallowest first."""
    errors = _validator(generation, schema).iter_errors(instance)
    for error in sorted(errors, key=lambda e: len(e.absolute_path)):
        path = ".".join(str(part) for part in error.absolute_path)
        yield path or "body", error.message


def schema_resolve(*, generation: str, schema: Mapping[str, Any]) -> Mapping[str, Any]:
    """Follow ``$ref`` chains to the schema object they name."""
    document = spec_document(generation)
    seen = 0
    while "$ref" in schema and seen < 20:
        name = str(schema["$ref"]).removeprefix("#/components/schemas/")
        schema = document["components"]["schemas"][name]
        seen += 1
    return schema


__all__ = ["FORMATS", "schema_errors", "schema_resolve"]
