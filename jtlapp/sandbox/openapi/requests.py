"""Checks a request against its operation: path, query, headers and JSON body.

Parameters arrive as strings; they are read as the schema's type (``int32`` ids in 1.0,
``uuid`` keys in 2.0) before validation. Every violation is collected under the field's name,
as JTL's ``ErrorResponse.ValidationErrors`` does, so one 400 names all offending fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jtlapp.sandbox.openapi.schemas import schema_errors, schema_resolve
from jtlapp.sandbox.openapi.spec import GATEWAY_HEADERS, Operation, Parameter

APP_HEADERS = frozenset({"x-appid", "x-appversion"})


def _coerce(raw: str, schema: Mapping[str, Any], generation: str) -> object:
    kind = schema.get("type")
    if kind == "integer":
        try:
            return int(raw)
        except ValueError:
            return raw
    if kind == "number":
        try:
            return float(raw)
        except ValueError:
            return raw
    if kind == "boolean":
        return {"true": True, "false": False}.get(raw.lower(), raw)
    if kind == "array":
        items = schema_resolve(generation=generation, schema=schema.get("items", {}))
        return [_coerce(part, items, generation) for part in raw.split(",")]
    return raw


def _parameter_errors(
    operation: Operation, parameter: Parameter, raw: str | None
) -> dict[str, str]:
    if raw is None or raw == "":
        if parameter.required:
            return {parameter.name: f"The {parameter.name} field is required."}
        return {}
    schema = schema_resolve(generation=operation.generation, schema=parameter.schema)
    value = _coerce(raw, schema, operation.generation)
    for _, message in schema_errors(
        generation=operation.generation, schema=parameter.schema, instance=value
    ):
        return {parameter.name: f"The value '{raw}' is not valid: {message}"}
    return {}


def request_errors(
    *,
    operation: Operation,
    path_params: Mapping[str, str],
    query: Mapping[str, str],
    headers: Mapping[str, str],
    body: object | None,
    app_headers: bool,
) -> dict[str, str]:
    """Field -> message; empty when valid. ``headers`` lower-cased; ``app_headers``: x-app*."""
    errors: dict[str, str] = {}
    lowered_query = {key.lower(): value for key, value in query.items()}
    # the 2.0 description names {PackageId} in the path but "packageid" as parameter (README)
    lowered_path = {key.lower(): value for key, value in path_params.items()}
    for parameter in operation.parameters:
        name = parameter.name.lower()
        if parameter.location == "path":
            raw = lowered_path.get(name)
        elif parameter.location == "query":
            raw = lowered_query.get(name)
        elif parameter.location == "header":
            if name in GATEWAY_HEADERS or (name in APP_HEADERS and not app_headers):
                continue
            raw = headers.get(name)
        else:
            continue
        errors.update(_parameter_errors(operation, parameter, raw))
    errors.update(body_errors(operation=operation, body=body))
    return errors


def body_errors(*, operation: Operation, body: object | None) -> dict[str, str]:
    if operation.body_schema is None:
        return {}
    if body is None:
        return {"body": "A non-empty request body is required."} if operation.body_required else {}
    errors: dict[str, str] = {}
    for path, message in schema_errors(
        generation=operation.generation, schema=operation.body_schema, instance=body
    ):
        errors.setdefault(path, message)
    return errors
