"""Writes to operations the store does not model still change what later reads show.

For every generated answer the engine consults this overlay, kept per tenant: a ``POST`` to a
collection (``/v2/customers/{id}/notes``) keeps the created record (the generated answer with
the request's fields laid over it), later ``GET``s of that collection list it and ``GET``,
``PATCH`` or ``DELETE`` on ``<collection>/{recordId}`` read, change or remove it (a removed
record answers 404). Records are fitted to each operation's documented schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jtlapp.sandbox.openapi.generate import conform_body
from jtlapp.sandbox.openapi.schemas import schema_resolve
from jtlapp.sandbox.openapi.spec import Operation

Records = dict[str, dict[str, Any]]
DELETED = "__deleted__"


def _concrete(operation: Operation, params: Mapping[str, str]) -> list[str]:
    lowered = {k.lower(): v for k, v in params.items()}
    return [
        lowered.get(s[1:-1].lower(), s).lower() if s.startswith("{") else s.lower()
        for s in operation.segments
    ]


def _record_id(record: Mapping[str, Any]) -> str | None:
    """``Id``, else the first ``...Id`` property (``Note.NoteId``)."""
    key = next((k for k in record if k.lower() == "id"), None)
    key = key or next((k for k in record if k.endswith("Id")), None)
    return None if key is None or record[key] is None else str(record[key]).lower()


def _laid_over(generated: Any, body: object) -> Any:
    if not isinstance(generated, dict) or not isinstance(body, Mapping):
        return generated
    by_lower = {key.lower(): key for key in generated}
    merged = dict(generated)
    for key, value in body.items():
        if str(key).lower() in by_lower and str(key).lower() != "id":
            merged[by_lower[str(key).lower()]] = value
    return merged


class Overlay:
    """One tenant's overlay: collection path (lower case) -> record id -> record."""

    def __init__(self) -> None:
        self.collections: dict[str, Records] = {}

    def answer(
        self, *, operation: Operation, params: Mapping[str, str], body: object, generated: Any
    ) -> tuple[int, Any] | None:
        """A changed (status, body), or None: the generated answer stands."""
        path = _concrete(operation, params)
        detail = bool(operation.segments) and operation.segments[-1].startswith("{")
        parent, record_id = "/".join(path[:-1]), path[-1]
        if operation.method == "POST" and not detail:
            return self._create("/".join(path), operation, params, body, generated)
        if operation.method == "GET" and not detail:
            return self._listed("/".join(path), operation, params, generated)
        if not detail or parent not in self.collections:
            return None
        records = self.collections[parent]
        record = records.get(record_id)
        if record is None:
            return None
        if record.get(DELETED):
            return 404, {"ErrorCode": "NOT_FOUND", "ErrorMessage": "The record was deleted."}
        if operation.method == "DELETE":
            records[record_id] = {DELETED: True}
            return operation.success, None
        if operation.method in {"PATCH", "PUT"}:
            records[record_id] = _laid_over(record, body)
        return self._fitted(operation, params, records[record_id])

    def _create(
        self,
        key: str,
        operation: Operation,
        params: Mapping[str, str],
        body: object,
        generated: Any,
    ) -> tuple[int, Any] | None:
        record = _laid_over(generated, body)
        record_id = _record_id(record) if isinstance(record, dict) else None
        if record_id is None:
            return None
        self.collections.setdefault(key, {})[record_id] = record
        return self._fitted(operation, params, record)

    def _listed(
        self, key: str, operation: Operation, params: Mapping[str, str], generated: Any
    ) -> tuple[int, Any] | None:
        records = [r for r in self.collections.get(key, {}).values() if not r.get(DELETED)]
        schema = operation.success_schema
        if not records or schema is None:
            return None
        resolved = schema_resolve(generation=operation.generation, schema=schema)
        if isinstance(generated, list):
            items = resolved.get("items", {})
            extra = [self._fit(operation, params, items, r) for r in records]
            return operation.success, [*generated, *extra]
        if isinstance(generated, dict) and isinstance(generated.get("Items"), list):
            items = schema_resolve(
                generation=operation.generation, schema=resolved["properties"]["Items"]
            )
            extra = [self._fit(operation, params, items.get("items", {}), r) for r in records]
            listed = [*generated["Items"], *extra]
            return operation.success, {**generated, "Items": listed, "TotalItems": len(listed)}
        return None

    def _fitted(
        self, operation: Operation, params: Mapping[str, str], record: Any
    ) -> tuple[int, Any]:
        schema = operation.success_schema
        if schema is None:
            return operation.success, None
        return operation.success, self._fit(operation, params, schema, record)

    @staticmethod
    def _fit(
        operation: Operation, params: Mapping[str, str], schema: Mapping[str, Any], record: Any
    ) -> Any:
        return conform_body(
            generation=operation.generation,
            schema=schema,
            value=record,
            operation_id=operation.operation_id,
            params=params,
        )
