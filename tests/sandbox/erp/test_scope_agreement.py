"""The sandbox demands the scopes our product's table names, so a page the table lets through
is not refused here, and a page the sandbox lets through declared what JTL will check."""

from __future__ import annotations

import json
import re

import pytest

from jtlapp.erp.scope_table_build import TABLE
from jtlapp.erp.scopes import erp_rest_scope
from jtlapp.sandbox.erp.graphql_scopes import graphql_field_scope_missing, graphql_field_scopes
from jtlapp.sandbox.erp.rest_v1 import V1_ROUTES
from jtlapp.sandbox.erp.rest_v2 import V2_ROUTES

ID = "0f8fad5b-d9cb-469f-a165-70867728950e"
TABLE_JSON = json.loads(TABLE.read_text())
DESCRIBED_OTHERWISE = {
    "GET /v2/warehouses": "warehouse.read",  # Warehouse_QueryWarehousesAsync
    "GET /v2/companies": "system.read",  # Company_QueryCompaniesAsync
    "GET /v2/paymentMethods": "orders.read",  # PaymentMethod_...: orders.read + invoices.read
}
"""Where the Cloud 2.0 description names another scope than the sandbox's routes still do."""


@pytest.mark.parametrize("route", [*V1_ROUTES, *V2_ROUTES], ids=lambda r: f"{r.method} {r.pattern}")
def test_every_sandbox_route_needs_the_scope_the_table_names(route):
    path = re.sub(r"\{[^}]+\}", ID, route.pattern)
    expected = DESCRIBED_OTHERWISE.get(f"{route.method} {route.pattern}", route.scope)

    assert erp_rest_scope(method=route.method, path=path.lstrip("/")) == expected


def test_every_graphql_root_field_needs_the_scope_the_table_names():
    table = {**TABLE_JSON["graphql"], **TABLE_JSON["graphqlMutations"]}

    assert dict(graphql_field_scopes()) == table
    for field, scope in table.items():
        assert graphql_field_scope_missing(field=field, granted=frozenset()) == scope
        assert graphql_field_scope_missing(field=field, granted=frozenset({scope})) is None


def test_the_misspelt_customers_scope_is_accepted_as_jtl_accepts_it():
    misspelt = frozenset({"cusomters.read"})

    assert graphql_field_scope_missing(field="QueryCustomers", granted=misspelt) is None
    assert graphql_field_scope_missing(field="QueryItems", granted=misspelt) == "items.read"
    assert graphql_field_scope_missing(field="__typename", granted=frozenset()) is None
