"""The operation -> scope table: derived from JTL's OpenAPI, agreeing with the sandbox."""

from __future__ import annotations

import json
import re

import pytest

from jtlapp.erp.scope_table_build import TABLE, scope_table_derive
from jtlapp.erp.scopes import (
    ErpGraphqlQueryError,
    ErpOperationUnknownError,
    erp_graphql_scopes,
    erp_rest_scope,
)
from jtlapp.sandbox.erp.graphql import GRAPHQL_FIELD_SCOPES
from jtlapp.sandbox.erp.rest_v1 import V1_ROUTES
from jtlapp.sandbox.erp.rest_v2 import V2_ROUTES


def test_the_committed_table_is_what_the_script_derives_from_the_openapi_description():
    assert json.loads(TABLE.read_text()) == scope_table_derive()


@pytest.mark.parametrize("route", [*V1_ROUTES, *V2_ROUTES], ids=lambda r: f"{r.method} {r.pattern}")
def test_every_sandbox_route_needs_the_scope_the_table_names(route):
    path = re.sub(r"\{[^}]+\}", "0f8fad5b-d9cb-469f-a165-70867728950e", route.pattern)

    assert erp_rest_scope(method=route.method, path=path.lstrip("/")) == route.scope


@pytest.mark.parametrize(("field", "scope"), sorted(GRAPHQL_FIELD_SCOPES.items()))
def test_every_sandbox_graphql_field_needs_the_scope_the_table_names(field, scope):
    assert erp_graphql_scopes(query=f"{{ {field} {{ __typename }} }}", operation_name=None) == {
        field: scope
    }


@pytest.mark.parametrize(
    ("method", "path", "scope"),
    [
        ("GET", "v2/sales-orders/1/line-items", "salesorders.read"),
        ("GET", "v2/SALESORDERS/1/LineItems", "salesorders.read"),
        ("DELETE", "v2/sales-orders/1/line-items/2", "salesorders.write"),
        ("GET", "v1/items/7", "items.read"),
        ("POST", "invoices/5/output/pdf", "invoices.print"),
        ("GET", "deliveryNotes/packages/5", None),
        ("GET", "v2/info", None),
    ],
)
def test_rest_operations_in_every_spelling_resolve(method, path, scope):
    if path == "deliveryNotes/packages/5":
        with pytest.raises(ErpOperationUnknownError):
            erp_rest_scope(method=method, path=path)
        return
    assert erp_rest_scope(method=method, path=path) == scope


def test_a_literal_segment_wins_over_a_parameter():
    assert erp_rest_scope(method="PATCH", path="deliveryNotes/packages/5") == "deliverynotes.write"


def test_an_operation_outside_the_description_is_unknown_with_a_clear_message():
    with pytest.raises(ErpOperationUnknownError, match="GET v2/secret/admin is not an operation"):
        erp_rest_scope(method="GET", path="v2/secret/admin")


def test_graphql_fields_hidden_in_fragments_are_found():
    query = """
        query Q { ...F ... on Query { QueryItems { totalCount } } }
        fragment F on Query { QueryCustomers { totalCount } __typename }
    """

    assert erp_graphql_scopes(query=query, operation_name="Q") == {
        "QueryCustomers": "customers.read",
        "__typename": None,
        "QueryItems": "items.read",
    }


def test_a_graphql_mutation_is_refused_as_unknown():
    with pytest.raises(ErpOperationUnknownError, match="mutation field 'CreateItem'"):
        erp_graphql_scopes(query="mutation { CreateItem { itemId } }", operation_name=None)


@pytest.mark.parametrize(
    ("query", "operation_name", "message"),
    [
        ("{ QueryItems", None, "does not parse"),
        ("query A { QueryItems { totalCount } } query B { __typename }", None, "exactly one"),
        ("query A { __typename }", "B", "exactly one"),
        ("fragment F on Query { __typename }", None, "no operation"),
        ("{ ...F } fragment F on Query { ...F }", None, "recursive"),
        ("{ ...Missing }", None, "unknown"),
    ],
)
def test_unusable_graphql_documents_are_refused(query, operation_name, message):
    with pytest.raises(ErpGraphqlQueryError, match=message):
        erp_graphql_scopes(query=query, operation_name=operation_name)
