"""JTL's two REST descriptions, read once at start-up into routable operations.

The sandbox serves every operation of ``jtlapp/reference/jtl-wawi-api-cloud-{1.0,2.0}.openapi.json``
from this index instead of hand-written views: 1.0 paths (``/customers``) answer under the
mount with or without ``/v1``, 2.0 paths (``/v2/salesOrders/...``) under ``/v2``. Literal
segments match case-insensitively, like JTL's ASP.NET routing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

REFERENCE = Path(__file__).resolve().parents[2] / "reference"
SPEC_FILES = {
    "1.0": REFERENCE / "jtl-wawi-api-cloud-1.0.openapi.json",
    "2.0": REFERENCE / "jtl-wawi-api-cloud-2.0.openapi.json",
}
METHODS = ("get", "post", "put", "patch", "delete", "head")
GATEWAY_HEADERS = frozenset({"tenant-id", "x-api-key", "api-version"})
"""1.0 lists ``tenant-id`` and ``x-api-key`` as required headers: the Cloud gateway injects
them from ``X-Tenant-ID`` and the token (security scheme text "the API Gateway injects it");
``api-version`` is checked by the OnPremise authorisation."""


@dataclass(frozen=True, kw_only=True)
class Parameter:
    name: str
    location: str
    required: bool
    schema: Mapping[str, Any]


@dataclass(frozen=True, kw_only=True)
class Operation:
    """One documented operation; ``success`` is the first documented 2xx status."""

    generation: str
    method: str
    path: str
    operation_id: str
    tag: str
    scopes: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    body_schema: Mapping[str, Any] | None
    body_required: bool
    success: int
    success_schema: Mapping[str, Any] | None
    success_media: str
    response_schemas: Mapping[int, Mapping[str, Any] | None]
    """Every documented status -> its JSON schema (None: no body documented)."""
    stability: str | None
    segments: tuple[str, ...] = field(repr=False)

    def match(self, segments: list[str]) -> dict[str, str] | None:
        if len(segments) != len(self.segments):
            return None
        params: dict[str, str] = {}
        for part, segment in zip(self.segments, segments, strict=True):
            if part.startswith("{"):
                params[part[1:-1]] = segment
            elif part.lower() != segment.lower():
                return None
        return params


@lru_cache(maxsize=2)
def spec_document(generation: str) -> dict[str, Any]:
    """The parsed description; the 2.0 oauth2 flows lack ``scopes`` (README quirk): added."""
    document: dict[str, Any] = json.loads(SPEC_FILES[generation].read_text(encoding="utf-8"))
    for scheme in document["components"].get("securitySchemes", {}).values():
        for flow in scheme.get("flows", {}).values():
            flow.setdefault("scopes", {})
    return document


def _scopes(operation: Mapping[str, Any]) -> tuple[str, ...]:
    found = [s for req in operation.get("security", []) for s in req.get("Wawi", [])]
    return tuple(dict.fromkeys(found))


def _success(responses: Mapping[str, Any]) -> tuple[int, Mapping[str, Any] | None, str]:
    for code in sorted(c for c in responses if c.startswith("2")):
        content: Mapping[str, Any] = responses[code].get("content", {})
        media_type = (
            "application/json"
            if "application/json" in content
            else next(iter(content), "application/json")
        )
        return int(code), content.get(media_type, {}).get("schema"), media_type
    return 200, None, "application/json"


def _operation(generation: str, path: str, method: str, raw: Mapping[str, Any]) -> Operation:
    body = raw.get("requestBody") or {}
    status, schema, media_type = _success(raw["responses"])
    return Operation(
        generation=generation,
        method=method.upper(),
        path=path,
        operation_id=raw["operationId"],
        tag=(raw.get("tags") or ["untagged"])[0],
        scopes=_scopes(raw),
        parameters=tuple(
            Parameter(
                name=p["name"],
                location=p["in"],
                required=bool(p.get("required")),
                schema=p.get("schema", {}),
            )
            for p in raw.get("parameters", [])
        ),
        body_schema=body.get("content", {}).get("application/json", {}).get("schema"),
        body_required=bool(body.get("required")),
        success=status,
        success_schema=schema,
        success_media=media_type,
        response_schemas={
            int(code): response.get("content", {}).get("application/json", {}).get("schema")
            for code, response in raw["responses"].items()
            if code.isdigit()
        },
        stability=raw.get("x-stability-level"),
        segments=tuple(s for s in path.split("/") if s),
    )


@lru_cache(maxsize=2)
def spec_operations(generation: str) -> tuple[Operation, ...]:
    """Every operation of one description, literal routes before templated ones."""
    document = spec_document(generation)
    operations = [
        _operation(generation, path, method, raw)
        for path, item in document["paths"].items()
        for method, raw in item.items()
        if method in METHODS
    ]
    return tuple(sorted(operations, key=lambda op: sum(s.startswith("{") for s in op.segments)))


def spec_resolve(*, method: str, path: str) -> tuple[Operation | None, dict[str, str], list[str]]:
    """(operation, path parameters, methods the path allows) for a path below the mount."""
    segments = [s for s in path.split("?")[0].split("/") if s]
    if segments and segments[0].lower() == "v2":
        generation = "2.0"
    else:
        generation = "1.0"
        if segments and segments[0].lower() == "v1":
            segments = segments[1:]
    allowed: list[str] = []
    for operation in spec_operations(generation):
        params = operation.match(segments)
        if params is None:
            continue
        if operation.method == method.upper():
            return operation, params, allowed
        allowed.append(operation.method)
    return None, {}, allowed
