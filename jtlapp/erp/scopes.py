"""Which scope an ERP operation needs, from the table derived from JTL's OpenAPI.

The gateway refuses an operation whose scope ``manifest.json`` does not declare (least
privilege before JTL enforces it, platform.md §8). The table is data
(``scope_table.json``, built by ``scope_table_build``); this module only looks things up.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    parse,
)

from jtlapp.errors import ApplicationError

TABLE_PATH = Path(__file__).resolve().parent / "scope_table.json"
NO_SCOPE_FIELDS = frozenset({"__schema", "__type", "__typename"})
"""Introspection reads the schema, no merchant data."""
MAX_QUERY_BYTES = 64 * 1024


class ErpOperationUnknownError(ApplicationError):
    """Not an operation of JTL's description: we cannot say which scope it needs, so refuse."""

    http_status = 403
    code = "operation_unknown"


class ErpGraphqlQueryError(ApplicationError):
    code = "invalid_graphql"


@dataclass(frozen=True)
class _RestRow:
    segments: tuple[str, ...]
    scope: str | None


@cache
def _table() -> tuple[dict[tuple[str, int], list[_RestRow]], dict[str, str]]:
    """REST rows by method and number of segments (a match needs both), GraphQL fields."""
    data = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    rest: dict[tuple[str, int], list[_RestRow]] = {}
    for row in data["rest"]:
        segments = tuple(row["path"].split("/"))
        rest.setdefault((row["method"], len(segments)), []).append(
            _RestRow(segments=segments, scope=row["scope"])
        )
    return rest, dict(data["graphql"])


def _match(row: _RestRow, segments: tuple[str, ...]) -> tuple[bool, ...] | None:
    """Literal positions of a matching row (earlier literals win), or None."""
    literal = []
    for pattern, segment in zip(row.segments, segments, strict=True):
        if pattern == "{}":
            literal.append(False)
        elif pattern == segment:
            literal.append(True)
        else:
            return None
    return tuple(literal)


def erp_rest_scope(*, method: str, path: str) -> str | None:
    """The scope ``method path`` needs; None if it needs none (``info``); unknown raises."""
    segments = tuple(path.lower().split("/"))
    best: tuple[tuple[bool, ...], _RestRow] | None = None
    for row in _table()[0].get((method.upper(), len(segments)), []):
        literal = _match(row, segments)
        if literal is not None and (best is None or literal > best[0]):
            best = (literal, row)
    if best is None:
        raise ErpOperationUnknownError(
            f"{method.upper()} {path} is not an operation of JTL's ERP API that this app knows.",
            extra={"operation": f"{method.upper()} {path}"},
        )
    return best[1].scope


def _operation(document_definitions: Sequence[object], name: str | None) -> OperationDefinitionNode:
    operations = [d for d in document_definitions if isinstance(d, OperationDefinitionNode)]
    if name is not None:
        operations = [o for o in operations if o.name is not None and o.name.value == name]
    if len(operations) != 1:
        raise ErpGraphqlQueryError(
            "Name exactly one operation of the document (operationName)."
            if name is not None or operations
            else "The document contains no operation."
        )
    return operations[0]


def _root_fields(
    selection_set: SelectionSetNode,
    fragments: dict[str, FragmentDefinitionNode],
    seen: frozenset[str] = frozenset(),
) -> list[str]:
    """Root field names, looking through inline fragments and fragment spreads."""
    names: list[str] = []
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            names.append(selection.name.value)
        elif isinstance(selection, InlineFragmentNode):
            names.extend(_root_fields(selection.selection_set, fragments, seen))
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in seen or name not in fragments:
                raise ErpGraphqlQueryError(f"Fragment {name!r} is unknown or recursive.")
            names.extend(_root_fields(fragments[name].selection_set, fragments, seen | {name}))
    return names


def erp_graphql_scopes(*, query: str, operation_name: str | None) -> dict[str, str | None]:
    """Root field -> scope for the operation that will run; unknown fields raise.

    Only query fields are in the table: JTL's GraphQL mutations are all marked
    ``system.all`` in the 2.0 schema (erp-api.md §7), which no partner manifest should need, so
    the gateway refuses them; writes go through REST, whose operations name their scopes.
    """
    if len(query.encode()) > MAX_QUERY_BYTES:
        raise ErpGraphqlQueryError("The GraphQL document is larger than 64 KB.")
    try:
        document = parse(query, no_location=True)
    except GraphQLError as exc:
        raise ErpGraphqlQueryError(f"The GraphQL document does not parse: {exc.message}") from exc
    definitions = list(document.definitions)
    operation = _operation(definitions, operation_name)
    fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
    known = _table()[1]
    scopes: dict[str, str | None] = {}
    for field in dict.fromkeys(_root_fields(operation.selection_set, fragments)):
        if field in NO_SCOPE_FIELDS:
            scopes[field] = None
        elif operation.operation.value == "query" and field in known:
            scopes[field] = known[field]
        else:
            raise ErpOperationUnknownError(
                f"GraphQL {operation.operation.value} field {field!r} is not one this app "
                "knows; its scope cannot be checked.",
                extra={"operation": f"GraphQL {field}"},
            )
    return scopes
