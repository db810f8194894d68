"""The hand-written edge models name only fields JTL's documents contain.

``jtlapp/erp/schemas.py`` (and ``panes.erp_reads.RestLine``) model the later-version routes
(``v2/sales-orders``...), which have no machine-readable description here, so those models
cannot be generated; each field name must still be one JTL's SDL or an OpenAPI file spells.
"""

from __future__ import annotations

import inspect
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from graphql import GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType, build_schema
from pydantic import AliasChoices, BaseModel

from jtlapp.erp import schemas
from panes.erp_reads import RestLine

REFERENCE = Path(__file__).resolve().parents[2] / "jtlapp" / "reference"
MODELS = [
    model
    for _, model in inspect.getmembers(schemas, inspect.isclass)
    if issubclass(model, BaseModel) and model.__module__ == schemas.__name__
] + [RestLine]


def _properties(node: Any, found: set[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                found.update(name.lower() for name in value)
            _properties(value, found)
    elif isinstance(node, list):
        for value in node:
            _properties(value, found)


@cache
def documented_names() -> frozenset[str]:
    """Every field name of the SDL's types and the OpenAPI schemas, lower-cased."""
    found: set[str] = set()
    schema = build_schema((REFERENCE / "jtl-erp-graphql-2.0.graphql").read_text(encoding="utf-8"))
    kinds = (GraphQLObjectType, GraphQLInputObjectType, GraphQLInterfaceType)
    for named in schema.type_map.values():
        if isinstance(named, kinds):
            found.update(name.lower() for name in named.fields)
    for version in ("1.0", "2.0"):
        path = REFERENCE / f"jtl-wawi-api-cloud-{version}.openapi.json"
        _properties(json.loads(path.read_text(encoding="utf-8")), found)
    return frozenset(found)


def _spellings(model: type[BaseModel], name: str) -> list[str]:
    field = model.model_fields[name]
    alias = field.validation_alias
    if isinstance(alias, AliasChoices):
        return [str(choice) for choice in alias.choices]
    return [field.alias or name]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_of_an_edge_model_is_spelt_in_jtls_documents(model):
    unknown = [
        name
        for name in model.model_fields
        if not any(s.lower() in documented_names() for s in _spellings(model, name))
    ]

    assert unknown == [], f"{model.__name__} names fields no JTL document has: {unknown}"
