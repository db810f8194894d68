"""Deterministic, schema-valid example data for operations the store does not model.

The same operation and path parameters always give the same body (``random.Random`` seeded
from them), so a partner's test sees stable data. Paged envelopes (``Items`` + ``TotalItems``
...) are made coherent; ids follow the generation's key type because the schemas say so
(int32 in 1.0, ``format: uuid`` keys in 2.0).
"""

from __future__ import annotations

import base64
import hashlib
import random
import uuid
from collections.abc import Mapping
from typing import Any

from jtlapp.sandbox.openapi.schemas import schema_resolve

MAX_DEPTH = 6
LIST_LENGTH = 2
PAGING_KEYS = {"totalitems", "pagenumber", "pagesize", "totalpages"}
EPOCH = "2026-11-23T09:30:00+00:00"
PDF_BYTES = b"%PDF-1.4\n% JTL sandbox document\n%%EOF\n"


def seeded_random(*parts: object) -> random.Random:
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


class Generator:
    """Walks one description's schemas; ``value`` is the entry point."""

    def __init__(self, *, generation: str, rng: random.Random) -> None:
        self.generation = generation
        self.rng = rng

    def value(self, schema: Mapping[str, Any], *, name: str = "", depth: int = 0) -> Any:
        schema = schema_resolve(generation=self.generation, schema=schema)
        if "enum" in schema:
            return schema["enum"][self.rng.randrange(len(schema["enum"]))]
        kind = schema.get("type")
        if kind == "object" or "properties" in schema:
            return self._object(schema, depth=depth)
        if kind == "array":
            if depth >= MAX_DEPTH:
                return []
            items = schema.get("items", {})
            return [self.value(items, name=name, depth=depth + 1) for _ in range(LIST_LENGTH)]
        return self._scalar(schema, kind=kind, name=name)

    def _object(self, schema: Mapping[str, Any], *, depth: int) -> dict[str, Any]:
        properties: Mapping[str, Any] = schema.get("properties", {})
        required = set(schema.get("required", []))
        names = [n for n in properties if depth < MAX_DEPTH or n in required]
        body = {n: self.value(properties[n], name=n, depth=depth + 1) for n in names}
        extra = schema.get("additionalProperties")
        if not properties and isinstance(extra, dict) and depth < MAX_DEPTH:
            body = {"key1": self.value(extra, name="key1", depth=depth + 1)}
        return _coherent_page(body)

    def _scalar(self, schema: Mapping[str, Any], *, kind: object, name: str) -> Any:
        fmt = schema.get("format")
        if kind == "integer":
            low = int(schema.get("minimum", 1))
            high = int(schema.get("maximum", max(low, 1) + 999))
            return self.rng.randint(low, min(high, 2**31 - 1)) if fmt != "byte" else 1
        if kind == "number":
            return round(self.rng.uniform(1, 500), 2)
        if kind == "boolean":
            return self.rng.random() < 0.5
        if fmt in {"uuid", "guid"}:
            return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        if fmt == "date-time":
            return EPOCH
        if fmt in {"byte", "binary"}:
            return base64.b64encode(PDF_BYTES).decode()
        if fmt == "duration":
            return "00:15:00"
        if fmt == "uri":
            return "https://example.com/"
        return _text(name or "value", schema, self.rng)


def _text(name: str, schema: Mapping[str, Any], rng: random.Random) -> str:
    text = f"{name} {rng.randint(1, 999)}"
    low, high = int(schema.get("minLength", 0)), schema.get("maxLength")
    if high is not None:
        text = text[: int(high)]
    return text.ljust(low, "x")


def _coherent_page(body: dict[str, Any]) -> dict[str, Any]:
    """``Items`` + paging numbers as one consistent first page."""
    keys = {k.lower(): k for k in body}
    if not set(keys) >= PAGING_KEYS or "items" not in keys:
        return body
    count = len(body[keys["items"]])
    page = {"totalitems": count, "pagenumber": 1, "pagesize": 100, "totalpages": 1}
    flags = {"hasnextpage": False, "haspreviouspage": False}
    numbers = {"nextpagenumber": 1, "previouspagenumber": 1}
    for lower, value in {**page, **flags, **numbers}.items():
        if lower in keys:
            body[keys[lower]] = value
    return body


def generate_body(
    *, generation: str, schema: Mapping[str, Any], operation_id: str, params: Mapping[str, str]
) -> Any:
    rng = seeded_random(generation, operation_id, *sorted(params.items()))
    return Generator(generation=generation, rng=rng).value(schema)


class Conformer(Generator):
    """Fits a store body to the documented schema, keeping every value that fits.

    The store's views speak camelCase (GraphQL names) or PascalCase (1.0); the descriptions
    name properties PascalCase. Keys match case-insensitively (``sKU`` is ``SKU``); a value of
    the wrong type, ``null`` (the descriptions allow none) or a missing required property is
    replaced by generated data; properties the schema lacks are dropped.
    """

    def fit(self, schema: Mapping[str, Any], value: Any, *, name: str = "", depth: int = 0) -> Any:
        schema = schema_resolve(generation=self.generation, schema=schema)
        if value is None:
            return self.value(schema, name=name, depth=depth)
        if "enum" in schema:
            return value if value in schema["enum"] else self.value(schema, name=name)
        kind = schema.get("type")
        if kind == "object" or "properties" in schema:
            return self._fit_object(schema, value, depth=depth)
        if kind == "array":
            if not isinstance(value, list):
                return self.value(schema, name=name, depth=depth)
            items = schema.get("items", {})
            return [self.fit(items, v, name=name, depth=depth + 1) for v in value]
        return self._fit_scalar(schema, value, kind=kind, name=name)

    def _fit_object(self, schema: Mapping[str, Any], value: Any, *, depth: int) -> Any:
        if not isinstance(value, dict):
            return self.value(schema, depth=depth)
        properties: Mapping[str, Any] = schema.get("properties", {})
        if not properties:
            return value if schema.get("additionalProperties") is not False else {}
        by_lower = {key.lower(): item for key, item in value.items()}
        required = set(schema.get("required", []))
        body: dict[str, Any] = {}
        for prop, prop_schema in properties.items():
            present = by_lower.get(prop.lower())
            if present is not None:
                body[prop] = self.fit(prop_schema, present, name=prop, depth=depth + 1)
            elif prop in required:
                body[prop] = self.value(prop_schema, name=prop, depth=depth + 1)
        return body

    def _fit_scalar(self, schema: Mapping[str, Any], value: Any, *, kind: object, name: str) -> Any:
        fits = {
            "integer": isinstance(value, int) and not isinstance(value, bool),
            "number": isinstance(value, int | float) and not isinstance(value, bool),
            "boolean": isinstance(value, bool),
            "string": isinstance(value, str),
        }.get(str(kind), True)
        if kind == "string" and isinstance(value, list) and all(isinstance(v, str) for v in value):
            return ",".join(value)  # ActiveSalesChannels: typed string, delivered as a list
        if kind == "string" and fits and schema.get("format") == "uuid":
            try:
                uuid.UUID(value)
            except ValueError:
                fits = False
        return value if fits else self.value(schema, name=name)


def conform_body(
    *,
    generation: str,
    schema: Mapping[str, Any],
    value: Any,
    operation_id: str,
    params: Mapping[str, str],
) -> Any:
    rng = seeded_random(generation, operation_id, *sorted(params.items()))
    return Conformer(generation=generation, rng=rng).fit(schema, value)
