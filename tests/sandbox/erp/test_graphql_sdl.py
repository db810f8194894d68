"""The sandbox's GraphQL schema is JTL's official 2.0 SDL (plus the marked extension), and
every one of its root fields answers."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    build_schema,
    get_named_type,
    parse,
    print_schema,
)
from graphql.language import (
    InputObjectTypeExtensionNode,
    ObjectTypeExtensionNode,
    TypeDefinitionNode,
)

from jtlapp.sandbox.erp.graphql import graphql_execute
from jtlapp.sandbox.erp.graphql_mutations import MUTATION_RESOLVERS
from jtlapp.sandbox.erp.graphql_schema import EXTENSION_SDL, OFFICIAL_SDL, erp_graphql_schema
from jtlapp.sandbox.erp.seed import erp_tenant_seed

OFFICIAL = build_schema(OFFICIAL_SDL.read_text(encoding="utf-8"))
FULL = erp_graphql_schema(later_versions=True)


def _members(schema: GraphQLSchema) -> set[tuple[str, ...]]:
    """(type, field, argument, type string) of every object and input field and argument."""
    found: set[tuple[str, ...]] = set()
    for name, kind in schema.type_map.items():
        if name.startswith("__"):
            continue
        found.add((name,))
        for field_name, field in getattr(kind, "fields", {}).items():
            found.add((name, field_name, "", str(field.type)))
            for arg_name, arg in getattr(field, "args", {}).items():
                found.add((name, field_name, arg_name, str(arg.type)))
    return found


def _extension_members() -> set[tuple[str, ...]]:
    extension = parse(EXTENSION_SDL.read_text(encoding="utf-8"))
    names = {d.name.value for d in extension.definitions if isinstance(d, TypeDefinitionNode)}
    declared = {m for m in _members(FULL) if m[0] in names}
    for node in extension.definitions:
        if isinstance(node, ObjectTypeExtensionNode | InputObjectTypeExtensionNode):
            for field in node.fields or ():
                kind = FULL.type_map[node.name.value].fields[field.name.value]  # type: ignore[attr-defined]
                args = [a.name.value for a in getattr(field, "arguments", None) or ()]
                declared |= {
                    (node.name.value, field.name.value, a, str(kind.args[a].type)) for a in args
                }
                if not args or field.name.value not in OFFICIAL.type_map[node.name.value].fields:  # type: ignore[attr-defined]
                    declared.add((node.name.value, field.name.value, "", str(kind.type)))
    return declared


def test_without_later_versions_the_sdl_is_exactly_the_official_one():
    assert print_schema(erp_graphql_schema(later_versions=False)) == print_schema(OFFICIAL)


def test_later_versions_add_exactly_the_marked_extension():
    official, ours, extension = _members(OFFICIAL), _members(FULL), _extension_members()
    replaced = {(m[0], m[1]) for m in extension if len(m) > 1 and not m[2]}

    assert ours - official == extension
    assert {m for m in official - ours if (m[0], m[1]) not in replaced} == set()
    assert OFFICIAL.query_type is not None
    assert OFFICIAL.mutation_type is not None
    assert len(OFFICIAL.query_type.fields) == 42
    assert len(OFFICIAL.mutation_type.fields) == 21


def _literal(kind: GraphQLInputType, depth: int = 0) -> Any:
    if isinstance(kind, GraphQLNonNull):
        return _literal(kind.of_type, depth)
    if isinstance(kind, GraphQLList):
        return [_literal(kind.of_type, depth + 1)]
    if isinstance(kind, GraphQLEnumType):
        return next(iter(kind.values))
    if isinstance(kind, GraphQLInputObjectType):
        return {
            name: _literal(field.type, depth + 1)
            for name, field in kind.fields.items()
            if isinstance(field.type, GraphQLNonNull) and depth < 6
        }
    samples: dict[str, object] = {"Int": 1, "Long": 1, "Byte": 1, "Decimal": 1.5, "Float": 1.5}
    samples |= {"Boolean": True}
    samples |= {"DateTime": "2026-11-23T09:30:00Z", "URL": "https://example.com/"}
    return samples.get(str(kind), "3fa85f64-5717-4562-b3fc-2c963f66afa6")


def _selection(kind: GraphQLNamedType, depth: int = 0) -> str:
    if not isinstance(kind, GraphQLObjectType):
        return ""
    parts = []
    for name, field in kind.fields.items():
        inner = get_named_type(field.type)
        if any(isinstance(a.type, GraphQLNonNull) for a in field.args.values()):
            continue
        if isinstance(inner, GraphQLObjectType):
            if depth < 2:
                parts.append(f"{name} {_selection(inner, depth + 1)}")
        else:
            parts.append(name)
    return "{ " + " ".join(parts or ["__typename"]) + " }"


def _document(operation: str, name: str, field: GraphQLField) -> tuple[str, dict[str, Any]]:
    required = {a: arg for a, arg in field.args.items() if isinstance(arg.type, GraphQLNonNull)}
    params = ", ".join(f"${a}: {arg.type}" for a, arg in required.items())
    args = ", ".join(f"{a}: ${a}" for a in required)
    head = f"{operation}({params})" if params else operation
    call = f"{name}({args})" if args else name
    return f"{head} {{ {call} {_selection(get_named_type(field.type))} }}", {
        a: _literal(arg.type) for a, arg in required.items()
    }


assert FULL.query_type is not None
assert FULL.mutation_type is not None
ROOTS = [("query", n, f) for n, f in FULL.query_type.fields.items() if n != "GetSalesOrderById"] + [
    ("mutation", n, f) for n, f in FULL.mutation_type.fields.items() if n not in MUTATION_RESOLVERS
]


@pytest.fixture(scope="module")
def tenant():
    return erp_tenant_seed(
        seed=1,
        today=date(2026, 11, 23),
        tenant_id="8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01",
        company_name="Test GmbH",
    )


@pytest.mark.parametrize(("operation", "name", "field"), ROOTS, ids=[r[1] for r in ROOTS])
def test_every_root_field_answers(tenant, operation, name, field):
    document, variables = _document(operation, name, field)

    body = graphql_execute(tenant=tenant, query=document, variables=variables, operation_name=None)

    assert "errors" not in body, (document, body.get("errors"))
    # GetItemById/GetCustomerById without an id find nothing: null, as their nullable type allows
    data = body["data"]
    assert isinstance(data, dict)
    assert data[name] is not None or not isinstance(field.type, GraphQLNonNull)


@pytest.mark.parametrize("name", sorted(MUTATION_RESOLVERS))
def test_every_store_mutation_refuses_a_missing_request(tenant, name):
    field = FULL.mutation_type.fields[name] if FULL.mutation_type else None
    assert field is not None
    document, variables = _document("mutation", name, field)

    body = graphql_execute(tenant=tenant, query=document, variables=variables, operation_name=None)

    errors = body["errors"]
    assert isinstance(errors, list)
    assert [(e["extensions"]["code"], e["path"]) for e in errors] == [("VALIDATION_ERROR", [name])]
