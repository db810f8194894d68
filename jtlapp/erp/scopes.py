"""Which scope an ERP operation needs, from the table derived from JTL's descriptions.

The gateway refuses an operation whose scope ``manifest.json`` does not declare (least
privilege before JTL enforces it, platform.md §8), and operations pages must never reach:
app registration and login, whose answers carry an API key or session, and operations whose
description names no scope. The table is data (``scope_table.json``, built by
``scope_table_build`` from both Cloud OpenAPIs, the GraphQL SDL and the documented
later-version routes); this module only looks things up.
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


class ErpOperationRefusedError(ErpOperationUnknownError):
    """Described, but not for pages: registration/login (credentials) or no scope to check."""

    code = "operation_not_for_pages"  # the code the proxy uses for registration too


class ErpGraphqlQueryError(ApplicationError):
    code = "invalid_graphql"


@dataclass(frozen=True)
class _RestRow:
    segments: tuple[str, ...]
    scopes: tuple[str, ...]
    refused: bool


@cache
def _table() -> tuple[dict[tuple[str, int], list[_RestRow]], dict[str, str]]:
    """REST rows by method and number of segments (a match needs both), GraphQL fields."""
    data = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    rest: dict[tuple[str, int], list[_RestRow]] = {}
    for row in data["rest"]:
        segments = tuple(row["path"].split("/"))
        rest.setdefault((row["method"], len(segments)), []).append(
            _RestRow(segments=segments, scopes=tuple(row["scopes"]), refused=row["refused"])
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


def _rest_row(method: str, path: str) -> _RestRow:
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
    return best[1]


@dataclass(frozen=True)
class ErpRestRequirement:
    """What ``method path`` needs: all ``scopes``, and whether pages are ``refused`` it."""

    scopes: tuple[str, ...]
    refused: bool


def erp_rest_requirement(*, method: str, path: str) -> ErpRestRequirement:
    """The table's row for ``method path`` without raising for refused ones (unknown raises)."""
    row = _rest_row(method, path)
    return ErpRestRequirement(scopes=row.scopes, refused=row.refused)


def erp_rest_operation_refused(*, method: str, path: str) -> bool:
    """True for operations pages must not call (registration, login, no scope named)."""
    return _rest_row(method, path).refused


def erp_rest_scopes(*, method: str, path: str) -> tuple[str, ...]:
    """Every scope the description names for ``method path`` (a few name two or three).

    () if it needs none (``info``); unknown raises ``ErpOperationUnknownError``, refused
    ``ErpOperationRefusedError`` (a subclass, 403 ``operation_not_for_pages``).
    """
    row = _rest_row(method, path)
    if row.refused:
        raise ErpOperationRefusedError(
            f"{method.upper()} {path} is not available to pages: it hands out credentials or "
            "its description names no scope that could be checked.",
            extra={"operation": f"{method.upper()} {path}"},
        )
    return row.scopes


def erp_rest_scope(*, method: str, path: str) -> str | None:
    """The scope ``method path`` needs (the first, if several); None if it needs none."""
    scopes = erp_rest_scopes(method=method, path=path)
    return scopes[0] if scopes else None


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

    Query fields are those of the official SDL (plus later fields our code uses), each with
    the scope the 2.0 REST description names for its resource: the SDL itself marks every
    field ``@authorize(roles: ["system.all"])``. Mutations are refused: their derived write
    scopes are in the table (``graphqlMutations``), but pages write through REST.
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
