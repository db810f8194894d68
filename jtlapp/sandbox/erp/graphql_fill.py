"""The field resolver that lets the official SDL run on the sandbox store.

Store views (``views_*``) carry the fields the store models; every other field of JTL's schema
(and every root field without a store resolver) is answered with deterministic data of the
field's type, seeded by the field's path, so every one of the 42 queries and 21 mutations
answers. A generated root connection is a fixed set of nodes whose leaf fields are filled up
front, run through ``connection()`` like a store list, so ``first/after/last/before``,
``where`` and ``order`` behave as JTL documents them (erp-api.md §5). A store value the
official type cannot carry (``null`` for a non-null field, an enum name the enum lacks) is
replaced the same way.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLScalarType,
    get_named_type,
    is_leaf_type,
)

from jtlapp.sandbox.erp.graphql_connection import connection
from jtlapp.sandbox.openapi.generate import EPOCH, LIST_LENGTH, seeded_random

MISSING = object()
GENERATED_NODES = 5
"""Nodes of a generated root connection: enough to page through with ``first: 2``."""
_PAGING_ZERO = frozenset({"hasNextPage", "hasPreviousPage"})


def _scalar(name: str, field: str, path: tuple[object, ...]) -> Any:
    rng = seeded_random("graphql", *path)
    values: dict[str, Callable[[], Any]] = {
        "ID": lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "String": lambda: f"{field} {rng.randint(1, 999)}",
        "Int": lambda: rng.randint(1, 100),
        "Long": lambda: rng.randint(1, 100_000),
        "Byte": lambda: rng.randint(0, 9),
        "Float": lambda: round(rng.uniform(1, 500), 2),
        "Decimal": lambda: round(rng.uniform(1, 500), 2),
        "Boolean": lambda: rng.random() < 0.5,
        "DateTime": lambda: EPOCH,
        "URL": lambda: "https://example.com/",
    }
    return values.get(name, lambda: f"{field} {rng.randint(1, 999)}")()


def generated(kind: GraphQLOutputType, *, field: str, path: tuple[object, ...]) -> Any:
    """A value of ``kind``: objects are ``{}`` (their fields fill in as they resolve)."""
    if isinstance(kind, GraphQLNonNull):
        kind = kind.of_type
    if isinstance(kind, GraphQLList):
        return [generated(kind.of_type, field=field, path=(*path, i)) for i in range(LIST_LENGTH)]
    if isinstance(kind, GraphQLObjectType):
        return {}
    if isinstance(kind, GraphQLEnumType):
        return next(iter(kind.values))
    if field == "totalCount":
        return LIST_LENGTH
    if field in _PAGING_ZERO:
        return 0 if isinstance(kind, GraphQLScalarType) and kind.name == "Int" else False
    return _scalar(kind.name if isinstance(kind, GraphQLScalarType) else "String", field, path)


def _connection_node_type(kind: GraphQLOutputType) -> GraphQLObjectType | None:
    """The node type of a relay connection (``…Connection {nodes, pageInfo}``), else None."""
    named = get_named_type(kind)
    if not isinstance(named, GraphQLObjectType) or "pageInfo" not in named.fields:
        return None
    nodes = named.fields.get("nodes")
    node = get_named_type(nodes.type) if nodes is not None else None
    return node if isinstance(node, GraphQLObjectType) else None


def _generated_node(node_type: GraphQLObjectType, *, root: str, index: int) -> dict[str, Any]:
    """Leaf fields filled now (``where``/``order`` need them); objects fill in as they resolve.

    Dates step back a day per node so date filters and sorts have something to tell apart.
    """
    node: dict[str, Any] = {}
    for name, node_field in node_type.fields.items():
        leaf = get_named_type(node_field.type)
        if not is_leaf_type(leaf):
            continue
        value = generated(node_field.type, field=name, path=(root, "nodes", index, name))
        if value == EPOCH:
            value = datetime.fromisoformat(EPOCH) - timedelta(days=index)
        node[name] = value
    return node


def generated_connection(
    kind: GraphQLOutputType, *, root: str, args: Mapping[str, object]
) -> dict[str, object] | None:
    """A paged, filtered, sorted connection of generated nodes; None: not a connection."""
    node_type = _connection_node_type(kind)
    if node_type is None:
        return None
    nodes = [_generated_node(node_type, root=root, index=i) for i in range(GENERATED_NODES)]
    return connection(nodes, args)


def _fits(value: Any, kind: GraphQLOutputType) -> bool:
    nullable = not isinstance(kind, GraphQLNonNull)
    inner = kind.of_type if isinstance(kind, GraphQLNonNull) else kind
    if value is None:
        return nullable
    if isinstance(inner, GraphQLEnumType):
        return isinstance(value, str) and value in inner.values
    if isinstance(inner, GraphQLObjectType):
        return isinstance(value, Mapping)
    if isinstance(inner, GraphQLList):
        return isinstance(value, list)
    return True


def erp_field_resolve(
    source: Any,
    info: GraphQLResolveInfo,
    resolvers: Mapping[str, Callable[..., object]],
    **args: Any,
) -> Any:
    if info.parent_type is info.schema.query_type or info.parent_type is info.schema.mutation_type:
        resolver = resolvers.get(info.field_name)
        if resolver is not None:
            value = resolver(info, **args)
        else:
            paged = generated_connection(info.return_type, root=info.field_name, args=args)
            value = MISSING if paged is None else paged
    elif isinstance(source, Mapping):
        value = source.get(info.field_name, MISSING)
    else:
        value = MISSING
    if value is not MISSING and _fits(value, info.return_type):
        return value
    return generated(info.return_type, field=info.field_name, path=tuple(info.path.as_list()))
