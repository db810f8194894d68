"""HotChocolate-style ``where``/``order``/cursor paging over in-memory GraphQL nodes.

Semantics follow erp-api.md §5: relay connections, default page 200 (``@listSize``
``slicingArgumentDefaultValue``), filter operators ``eq/neq/in/nin``, comparisons with ``n``
negations, string ``contains/startsWith/endsWith`` (case-insensitive, as on SQL Server), and
nested German key sorts such as ``{id: {kAuftrag: DESC}}``.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from datetime import datetime

from graphql import GraphQLError

from jtlapp.sandbox.erp.ids import erp_uuid_sort_key

Node = dict[str, object]
DEFAULT_PAGE_SIZE = 200
MAX_PAGE_SIZE = 1000


def cursor_encode(offset: int) -> str:
    return base64.b64encode(str(offset).encode()).decode()


def cursor_decode(cursor: str) -> int:
    try:
        return int(base64.b64decode(cursor.encode(), validate=True).decode())
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise GraphQLError(
            "The cursor is invalid.", extensions={"code": "INVALID_CURSOR"}
        ) from None


def _compare(value: object, operand: object, test: Callable[[int], bool]) -> bool:
    if value is None or operand is None:
        return False
    try:
        if value == operand:
            return test(0)
        return test(1 if value > operand else -1)  # type: ignore[operator]
    except TypeError:
        return False


def _text(value: object) -> str | None:
    return value.lower() if isinstance(value, str) else None


def _string_op(op: str, value: object, operand: object) -> bool:
    text, needle = _text(value), _text(operand)
    if text is None or needle is None:
        return op.startswith("n")
    checks = {"contains": needle in text, "startsWith": text.startswith(needle),
              "endsWith": text.endswith(needle)}  # fmt: skip
    if op in checks:
        return checks[op]
    return not checks[op[1].lower() + op[2:]]


def _normalize(value: object) -> object:
    """IDs are UUID strings; compare them case-insensitively."""
    return value.lower() if isinstance(value, str) and len(value) == 36 else value


def _op_matches(op: str, value: object, operand: object) -> bool:
    value, operand = _normalize(value), _normalize(operand)
    if op in ("eq", "neq"):
        return (value == operand) == (op == "eq")
    if op in ("in", "nin"):
        values = [_normalize(v) for v in operand] if isinstance(operand, list) else []
        return (value in values) == (op == "in")
    comparisons: dict[str, Callable[[int], bool]] = {
        "gt": lambda c: c > 0, "gte": lambda c: c >= 0, "lt": lambda c: c < 0,
        "lte": lambda c: c <= 0,
    }  # fmt: skip
    if op in comparisons:
        return _compare(value, operand, comparisons[op])
    if op in ("ngt", "ngte", "nlt", "nlte"):
        return not _compare(value, operand, comparisons[op[1:]])
    return _string_op(op, value, operand)


def _field_matches(value: object, condition: Mapping[str, object]) -> bool:
    for op, operand in condition.items():
        if op == "and" and isinstance(operand, list):
            if not all(_field_matches(value, sub) for sub in operand):
                return False
        elif op == "or" and isinstance(operand, list):
            if not any(_field_matches(value, sub) for sub in operand):
                return False
        elif not _op_matches(op, value, operand):
            return False
    return True


def node_matches(node: Node, where: Mapping[str, object]) -> bool:
    """Evaluate a ``…FilterInput`` (with ``and``/``or``) against one node."""
    for name, condition in where.items():
        if name == "and" and isinstance(condition, list):
            if not all(node_matches(node, sub) for sub in condition):
                return False
        elif name == "or" and isinstance(condition, list):
            if not any(node_matches(node, sub) for sub in condition):
                return False
        elif isinstance(condition, Mapping) and not _field_matches(node.get(name), condition):
            return False
    return True


def _sort_value(value: object, nested: bool) -> tuple[bool, object]:
    if nested:
        return (value is not None, erp_uuid_sort_key(value) if isinstance(value, str) else 0)
    if isinstance(value, datetime):
        return (True, value.timestamp())
    return (value is not None, value)


def sort_nodes(nodes: list[Node], order: list[Mapping[str, object]]) -> list[Node]:
    """Apply ``order: [{field: ASC|DESC}, {id: {kAuftrag: DESC}}]``; first entry wins."""
    criteria: list[tuple[str, str, bool]] = []
    for entry in order:
        for name, direction in entry.items():
            if isinstance(direction, Mapping):
                inner = [d for key, d in direction.items() if key.startswith("k") and d]
                if inner:
                    criteria.append((name, str(inner[0]), True))
            elif direction:
                criteria.append((name, str(direction), False))
    result = list(nodes)
    for name, direction, nested in reversed(criteria):
        result.sort(key=lambda n: _sort_value(n.get(name), nested), reverse=direction == "DESC")
    return result


def _page_bounds(total: int, args: Mapping[str, object]) -> tuple[int, int]:
    first, last = args.get("first"), args.get("last")
    for name, size in (("first", first), ("last", last)):
        if isinstance(size, int) and not 0 <= size <= MAX_PAGE_SIZE:
            raise GraphQLError(
                f"The requested number of items ({name}: {size}) must be between 0 and "
                f"{MAX_PAGE_SIZE}.",
                extensions={"code": "PAGINATION_MAX_ITEMS"},
            )
    after, before = args.get("after"), args.get("before")
    start = cursor_decode(after) + 1 if isinstance(after, str) else 0
    end = min(cursor_decode(before), total) if isinstance(before, str) else total
    if first is None and last is None:
        first = DEFAULT_PAGE_SIZE
    if isinstance(first, int):
        end = min(end, start + first)
    if isinstance(last, int):
        start = max(start, end - last)
    return max(start, 0), max(end, start)


def connection(nodes: list[Node], args: Mapping[str, object]) -> Node:
    """Filter, sort and slice ``nodes`` into a relay connection with ``totalCount``."""
    where = args.get("where")
    if isinstance(where, Mapping):
        nodes = [node for node in nodes if node_matches(node, where)]
    order = args.get("order")
    if isinstance(order, list):
        nodes = sort_nodes(nodes, [entry for entry in order if isinstance(entry, Mapping)])
    start, end = _page_bounds(len(nodes), args)
    edges = [{"cursor": cursor_encode(i), "node": nodes[i]} for i in range(start, end)]
    return {
        "totalCount": len(nodes),
        "edges": edges,
        "nodes": [edge["node"] for edge in edges],
        "pageInfo": {
            "hasNextPage": end < len(nodes),
            "hasPreviousPage": start > 0,
            "startCursor": edges[0]["cursor"] if edges else None,
            "endCursor": edges[-1]["cursor"] if edges else None,
        },
    }
