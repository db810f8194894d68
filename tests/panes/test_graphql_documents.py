"""Every GraphQL document the pages send is valid against JTL's official ERP SDL."""

from pathlib import Path

import pytest
from graphql import build_schema, parse, validate

from panes.erp_graphql import operations

SDL = Path(__file__).resolve().parents[2] / "jtlapp" / "reference" / "jtl-erp-graphql-2.0.graphql"
DOCUMENTS = {name: getattr(operations, name) for name in operations.__all__}


@pytest.fixture(scope="module")
def official_schema():
    # JTL's SDL uses HotChocolate directives it does not declare; graphql-core only needs
    # them to be known, so declare them loosely.
    directives = (
        "directive @authorize(roles: [String]) repeatable on OBJECT | FIELD_DEFINITION\n"
        "directive @cost(weight: String) on FIELD_DEFINITION | ARGUMENT_DEFINITION"
        " | INPUT_FIELD_DEFINITION | OBJECT | SCALAR | ENUM\n"
        "directive @listSize(assumedSize: Int, slicingArguments: [String],"
        " slicingArgumentDefaultValue: Int, sizedFields: [String],"
        " requireOneSlicingArgument: Boolean) on FIELD_DEFINITION\n"
    )
    text = SDL.read_text(encoding="utf-8")
    missing = "".join(
        line + "\n" for line in directives.splitlines() if line.split("(")[0] not in text
    )
    return build_schema(missing + text, assume_valid_sdl=True)


def test_the_four_views_have_a_document_each():
    assert sorted(DOCUMENTS) == [
        "CUSTOMER_PANE_GQL",
        "ITEMS_PAGE_GQL",
        "ORDERS_PAGE_GQL",
        "ORDER_PANE_GQL",
    ]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_document_is_valid_against_jtls_sdl(official_schema, name):
    errors = validate(official_schema, parse(DOCUMENTS[name]))

    assert errors == [], [error.message for error in errors]


def test_each_pane_view_is_one_document():
    assert DOCUMENTS["CUSTOMER_PANE_GQL"].count("query ") == 1
    assert "QueryCustomers" in DOCUMENTS["CUSTOMER_PANE_GQL"]
    assert "QuerySalesOrders" in DOCUMENTS["CUSTOMER_PANE_GQL"]
    assert "QueryItems" in DOCUMENTS["ORDER_PANE_GQL"]
