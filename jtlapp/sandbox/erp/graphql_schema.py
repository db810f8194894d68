"""The sandbox's GraphQL schema: JTL's official 2.0 SDL, optionally plus the marked extension.

``jtlapp/reference/jtl-erp-graphql-2.0.graphql`` is used as is; ``schema_extension.graphql``
holds what JTL documents only for later Wawi versions, each with its source. An extension
field whose name exists already adds its arguments to that field (SDL cannot extend
arguments); an extension input field whose name exists replaces that field's type. The
custom scalars get codecs here.
"""

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
    build_ast_schema,
    parse,
)
from graphql.language import (
    DocumentNode,
    FieldDefinitionNode,
    InputObjectTypeDefinitionNode,
    InputObjectTypeExtensionNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
)

OFFICIAL_SDL = Path(__file__).resolve().parents[2] / "reference" / "jtl-erp-graphql-2.0.graphql"
EXTENSION_SDL = Path(__file__).with_name("schema_extension.graphql")


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


def _merge_arguments(base: DocumentNode, extension: DocumentNode) -> DocumentNode:
    """Fold extension fields that already exist into the base field as extra arguments."""
    objects = {d.name.value: d for d in base.definitions if isinstance(d, ObjectTypeDefinitionNode)}
    inputs = {
        d.name.value: d for d in base.definitions if isinstance(d, InputObjectTypeDefinitionNode)
    }
    definitions = list(base.definitions)
    for node in extension.definitions:
        if isinstance(node, InputObjectTypeExtensionNode) and node.name.value in inputs:
            _replace_input_fields(inputs[node.name.value], node)
            continue
        if not isinstance(node, ObjectTypeExtensionNode) or node.name.value not in objects:
            definitions.append(node)
            continue
        target = objects[node.name.value]
        fields = {f.name.value: f for f in target.fields or ()}
        new_fields: list[FieldDefinitionNode] = []
        for field in node.fields or ():
            existing = fields.get(field.name.value)
            if existing is None:
                new_fields.append(field)
            else:
                existing.arguments = (*(existing.arguments or ()), *(field.arguments or ()))
        if new_fields:
            node.fields = tuple(new_fields)
            definitions.append(node)
    return DocumentNode(definitions=tuple(definitions))


def _replace_input_fields(
    target: InputObjectTypeDefinitionNode, node: InputObjectTypeExtensionNode
) -> None:
    """An extended input field of an existing name replaces its type (later-version typing)."""
    replacements = {f.name.value: f for f in node.fields or ()}
    kept = [f for f in target.fields or () if f.name.value not in replacements]
    target.fields = (*kept, *replacements.values())


def erp_graphql_document(*, later_versions: bool) -> DocumentNode:
    """The SDL the sandbox serves, as a document (fresh nodes: merging mutates them)."""
    base = parse(OFFICIAL_SDL.read_text(encoding="utf-8"))
    if not later_versions:
        return base
    return _merge_arguments(base, parse(EXTENSION_SDL.read_text(encoding="utf-8")))


@lru_cache(maxsize=2)
def erp_graphql_schema(*, later_versions: bool = True) -> GraphQLSchema:
    """Build the schema once per process and switch position."""
    schema = build_ast_schema(erp_graphql_document(later_versions=later_versions))
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
