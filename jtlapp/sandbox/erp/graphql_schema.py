"""Our JTL-named SDL subset, built once with graphql-core, plus the custom scalars' codecs."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from graphql import (
    FloatValueNode,
    GraphQLError,
    GraphQLScalarType,
    GraphQLSchema,
    IntValueNode,
    StringValueNode,
    ValueNode,
    build_schema,
)

SCHEMA_PATH = Path(__file__).with_name("schema.graphql")


def _datetime_serialize(value: object) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, str):
        return value
    raise GraphQLError(f"DateTime cannot represent value: {value!r}")


def _datetime_parse(value: object) -> datetime:
    if not isinstance(value, str):
        raise GraphQLError(f"DateTime cannot represent a non-string value: {value!r}")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise GraphQLError(f"DateTime cannot represent an invalid date-time: {value!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _datetime_literal(node: ValueNode, _variables: object = None) -> datetime:
    if not isinstance(node, StringValueNode):
        raise GraphQLError("DateTime literals must be strings.", node)
    return _datetime_parse(node.value)


def _decimal_parse(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise GraphQLError(f"Decimal cannot represent value: {value!r}")
    try:
        return float(value)
    except ValueError:
        raise GraphQLError(f"Decimal cannot represent value: {value!r}") from None


def _decimal_literal(node: ValueNode, _variables: object = None) -> float:
    if not isinstance(node, FloatValueNode | IntValueNode | StringValueNode):
        raise GraphQLError("Decimal literals must be numbers.", node)
    return _decimal_parse(node.value)


def _byte_parse(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 255:
        raise GraphQLError(f"Byte cannot represent value: {value!r}")
    return value


def _byte_literal(node: ValueNode, _variables: object = None) -> int:
    if not isinstance(node, IntValueNode):
        raise GraphQLError("Byte literals must be integers.", node)
    return _byte_parse(int(node.value))


def _configure(scalar: object, *, serialize: object, parse: object, literal: object) -> None:
    if not isinstance(scalar, GraphQLScalarType):
        raise TypeError(scalar)
    scalar.serialize = serialize  # type: ignore[method-assign, assignment]
    scalar.parse_value = parse  # type: ignore[method-assign, assignment]
    scalar.parse_literal = literal  # type: ignore[method-assign, assignment]


@lru_cache(maxsize=1)
def erp_graphql_schema() -> GraphQLSchema:
    """Build the schema once per process (resolvers are attached by ``graphql.py``)."""
    schema = build_schema(SCHEMA_PATH.read_text(encoding="utf-8"))
    _configure(
        schema.type_map["DateTime"],
        serialize=_datetime_serialize,
        parse=_datetime_parse,
        literal=_datetime_literal,
    )
    _configure(
        schema.type_map["Decimal"], serialize=float, parse=_decimal_parse, literal=_decimal_literal
    )
    _configure(schema.type_map["Byte"], serialize=int, parse=_byte_parse, literal=_byte_literal)
    return schema
