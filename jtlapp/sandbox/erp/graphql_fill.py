"""The field resolver that lets the official SDL run on the sandbox store.

Store views (``views_*``) carry the fields the store models; every other field of JTL's schema
(and every root field without a store resolver) is answered with deterministic data of the
field's type, seeded by the field's path, so every one of the 42 queries and 21 mutations
answers. A store value the official type cannot carry (``null`` for a non-null field, an
enum name the enum lacks) is replaced the same way.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLScalarType,
)

from jtlapp.sandbox.openapi.generate import EPOCH, LIST_LENGTH, seeded_random

MISSING = object()
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
        value = resolver(info, **args) if resolver is not None else MISSING
    elif isinstance(source, Mapping):
        value = source.get(info.field_name, MISSING)
    else:
        value = MISSING
    if value is not MISSING and _fits(value, info.return_type):
        return value
    return generated(info.return_type, field=info.field_name, path=tuple(info.path.as_list()))
