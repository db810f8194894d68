"""The operation -> scope table: derived from JTL's descriptions, checked against them."""

from __future__ import annotations

import json
import re

import pytest
from graphql import build_schema

from jtlapp.erp.generated import operations_v2
from jtlapp.erp.scope_table_build import LATER_GRAPHQL, SDL, SPEC_V2, TABLE, scope_table_derive
from jtlapp.erp.scopes import (
    ErpGraphqlQueryError,
    ErpOperationRefusedError,
    ErpOperationUnknownError,
    erp_graphql_scopes,
    erp_rest_operation_refused,
    erp_rest_scope,
    erp_rest_scopes,
)

ID = "0f8fad5b-d9cb-469f-a165-70867728950e"
TABLE_JSON = json.loads(TABLE.read_text())
OFFICIAL = build_schema(SDL.read_text(encoding="utf-8"))
SPEC_V2_SCOPES = {
    scope
    for item in json.loads(SPEC_V2.read_text(encoding="utf-8"))["paths"].values()
    for operation in item.values()
    if isinstance(operation, dict)
    for requirement in operation.get("security", [])
    for scope in requirement.get("Wawi", [])
}


def test_the_committed_table_is_what_the_script_derives_from_the_descriptions():
    assert scope_table_derive() == TABLE_JSON


def test_every_root_field_of_the_official_sdl_has_a_scope_in_the_table():
    assert OFFICIAL.query_type is not None
    assert OFFICIAL.mutation_type is not None

    assert set(TABLE_JSON["graphql"]) == set(OFFICIAL.query_type.fields) | set(LATER_GRAPHQL)
    assert set(TABLE_JSON["graphqlMutations"]) == set(OFFICIAL.mutation_type.fields)


@pytest.mark.parametrize(
    "scope", sorted({**TABLE_JSON["graphql"], **TABLE_JSON["graphqlMutations"]}.items())
)
def test_every_graphql_scope_is_named_by_the_2_0_description_or_the_sdl(scope):
    field, name = scope
    roles = TABLE_JSON["graphqlAuthorize"][field]

    assert name in SPEC_V2_SCOPES or name in roles


@pytest.mark.parametrize("field", sorted(TABLE_JSON["graphql"]))
def test_every_graphql_query_field_needs_the_scope_the_table_names(field):
    assert erp_graphql_scopes(query=f"{{ {field} {{ __typename }} }}", operation_name=None) == {
        field: TABLE_JSON["graphql"][field]
    }


@pytest.mark.parametrize("spec", operations_v2.OPERATIONS.values(), ids=lambda s: s.operation_id)
def test_every_operation_of_the_2_0_description_needs_the_scopes_it_names(spec):
    path = re.sub(r"\{[^}]+\}", ID, spec.path)

    if erp_rest_operation_refused(method=spec.method, path=path):
        assert spec.scopes == () or "appRegistration" in spec.tags
        return
    scopes = erp_rest_scopes(method=spec.method, path=path)
    if spec.scopes:
        assert scopes == spec.scopes
    else:  # domain endpoints: the scope of their GraphQL twin; info and feature: none
        assert len(scopes) == 1 or spec.tags in (("info",), ("Info",), ("features",))


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "v2/authentication"),
        ("GET", f"v2/authentication/{ID}"),
        ("POST", f"v2/authentication/{ID}"),
        ("POST", "v2/authentication/login"),
        ("POST", "authentication"),
        ("GET", "v1/authentication/7"),
        ("PATCH", f"v2/authentication/foreign/{ID}/app"),
        ("PUT", "v2/file"),
    ],
)
def test_registration_login_and_unscoped_operations_are_refused_for_pages(method, path):
    assert erp_rest_operation_refused(method=method, path=path)
    with pytest.raises(ErpOperationRefusedError, match="not available to pages") as caught:
        erp_rest_scope(method=method, path=path)

    assert (caught.value.http_status, caught.value.code) == (403, "operation_not_for_pages")
    assert isinstance(caught.value, ErpOperationUnknownError)


def test_an_operation_naming_several_scopes_needs_all_of_them():
    assert erp_rest_scopes(method="GET", path="v2/onHoldReasons") == (
        "orders.read",
        "invoices.read",
    )
    assert erp_rest_scope(method="GET", path="v2/onHoldReasons") == "orders.read"
    assert not erp_rest_operation_refused(method="GET", path="v2/onHoldReasons")


def test_a_domain_endpoint_needs_the_scope_of_its_graphql_twin_else_of_its_tag():
    assert erp_rest_scope(method="GET", path=f"v2/items/{ID}") == "items.read"  # GetItemById
    assert erp_rest_scope(method="POST", path="v2/customer/create") == "customers.write"
    assert erp_rest_scope(method="GET", path=f"v2/ItemFiles/GetImageById/{ID}") == "items.read"


def test_graphql_fields_are_those_of_the_official_sdl_plus_later_ones_our_code_uses():
    table = json.loads(TABLE.read_text())

    assert len(table["graphql"]) == 42 + 1  # GetSalesOrderById: later Wawi versions
    assert len(table["graphqlMutations"]) == 21
    authorize = {name: roles for name, roles in table["graphqlAuthorize"].items()}
    assert {tuple(r) for n, r in authorize.items() if n != "GetSalesOrderById"} == {
        ("system.all",),
        ("system.all", "file.handling"),
    }
    assert table["graphqlMutations"]["CreateCustomer"] == "customers.write"
    assert table["graphqlMutations"]["UploadFile"] == "file.handling"


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
        ("GET", "v2/sales-orders/1/packages", "salesorders.read"),
        ("GET", "v2/items/types", "items.read"),
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
