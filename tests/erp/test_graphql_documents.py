"""Every GraphQL document our code sends is valid against JTL's official SDL (Wawi 2.0).

Documents are collected from the modules that call ``graphql``/``iterate_graphql``: each
module-level string that parses as an operation, plus the documents built at run time
(``_built``), plus every ``.graphql`` file of operations in our code (each file one document:
its operations with the fragments they share, e.g. ``panes/graphql/queries.graphql``).
Every root field a service declares with ``erp_uses("GRAPHQL ...")`` must occur in a
collected document, so a new query cannot slip past this test.
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from pathlib import Path

import pytest
from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    build_schema,
    parse,
    validate,
)

from jtlapp.erp.usage import erp_operations_used

ROOT = Path(__file__).resolve().parents[2]
SDL = ROOT / "jtlapp" / "reference" / "jtl-erp-graphql-2.0.graphql"
SKIP = ("jtlapp/sandbox/", "jtlapp/erp/generated/", "jtlapp/reference/", "/migrations/")
SENDS = re.compile(r"\.(iterate_)?graphql\(")
LATER_FIELDS = {"GetSalesOrderById": "erp-api.md §5: ~v2.1 schema (DOCS-GQL-21, GQLDUMP)"}
"""Root fields of later Wawi versions; a document using one is valid only there."""


def _built() -> dict[str, str]:
    """Documents our code assembles at run time (none today: every one is a constant)."""
    return {}


@cache
def _schema() -> GraphQLSchema:
    return build_schema(SDL.read_text(encoding="utf-8"))


def _sending_modules() -> list[str]:
    modules = []
    for path in sorted([*ROOT.glob("jtlapp/**/*.py"), *ROOT.glob("panes/**/*.py")]):
        relative = path.relative_to(ROOT).as_posix()
        if any(part in relative for part in SKIP) or not SENDS.search(path.read_text()):
            continue
        modules.append(relative.removesuffix(".py").replace("/", "."))
    return modules


def _operation_document(text: str) -> DocumentNode | None:
    try:
        document = parse(text)
    except GraphQLError:
        return None
    has_operation = any(isinstance(d, OperationDefinitionNode) for d in document.definitions)
    return document if has_operation else None


def _graphql_files() -> dict[str, str]:
    """Operation documents kept as ``.graphql`` files (JTL's SDL and the sandbox's are not)."""
    documents = {}
    for path in sorted([*ROOT.glob("jtlapp/**/*.graphql"), *ROOT.glob("panes/**/*.graphql")]):
        relative = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        if not any(part in relative for part in SKIP) and _operation_document(text) is not None:
            documents[relative] = text
    return documents


@cache
def _documents() -> dict[str, str]:
    documents = _graphql_files()
    for name in _sending_modules():
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if isinstance(value, str) and _operation_document(value) is not None:
                documents[f"{name}.{attribute}"] = value
    return {**documents, **_built()}


def _root_fields(text: str) -> set[str]:
    document = parse(text)
    return {
        selection.name.value
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
        for selection in definition.selection_set.selections
        if isinstance(selection, FieldNode)
    }


def test_the_documents_of_the_pages_are_found():
    assert len([name for name in _documents() if name.startswith("panes.")]) >= 3
    assert "panes/graphql/queries.graphql" in _documents()


def test_every_declared_graphql_field_occurs_in_a_collected_document():
    for name in _sending_modules():
        importlib.import_module(name)
    declared = {path for method, path in erp_operations_used() if method == "GRAPHQL"}
    sent = set().union(*(_root_fields(text) for text in _documents().values()))

    assert declared - sent == set()


@pytest.mark.parametrize("name", sorted(_documents()))
def test_each_document_is_valid_against_the_official_sdl(name):
    text = _documents()[name]
    later = _root_fields(text) & set(LATER_FIELDS)

    problems = [
        error.message
        for error in validate(_schema(), parse(text))
        if not any(
            f"Cannot query field '{field}' on type 'Query'" in error.message for field in later
        )
    ]

    assert problems == []


def test_no_root_field_outside_the_sdl_but_the_known_later_version_ones_is_used():
    used = set().union(*(_root_fields(text) for text in _documents().values()))

    assert used - set(_schema().query_type.fields) <= set(LATER_FIELDS)
