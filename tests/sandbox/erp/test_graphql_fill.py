"""Root connections without a store resolver page, filter and sort their generated nodes."""

from datetime import date

import pytest

from jtlapp.sandbox.config import DEMO_TENANTS
from jtlapp.sandbox.erp.graphql import graphql_execute
from jtlapp.sandbox.erp.graphql_fill import GENERATED_NODES
from jtlapp.sandbox.erp.store import erp_store_seed

TENANT = next(iter(DEMO_TENANTS))
PAGE = """query($after: String) { QueryTaxClasses(first: 2, after: $after) {
  totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id name } } }"""


@pytest.fixture
def tenant():
    return erp_store_seed(seed=11, today=date(2026, 11, 23), tenant_ids=[TENANT]).tenant(TENANT)


def run(tenant, query, variables=None):
    body = graphql_execute(tenant=tenant, query=query, variables=variables, operation_name=None)
    assert "errors" not in body, body
    return body["data"]


def test_first_two_then_after_the_cursor_pages_through_every_node(tenant):
    # given
    first = run(tenant, PAGE)["QueryTaxClasses"]
    everything = run(tenant, "{ QueryTaxClasses { nodes { id } } }")["QueryTaxClasses"]["nodes"]

    # when
    after = {"after": first["pageInfo"]["endCursor"]}
    second = run(tenant, PAGE, after)["QueryTaxClasses"]

    # then
    assert first["totalCount"] == GENERATED_NODES
    assert len(first["nodes"]) == 2
    assert first["pageInfo"]["hasNextPage"]
    assert not first["pageInfo"]["hasPreviousPage"]
    assert second["pageInfo"]["hasPreviousPage"]
    assert [n["id"] for n in first["nodes"] + second["nodes"]] == [n["id"] for n in everything[:4]]


def test_the_same_query_answers_the_same_nodes(tenant):
    assert run(tenant, PAGE) == run(tenant, PAGE)


def test_where_filters_generated_nodes(tenant):
    nodes = run(tenant, "{ QueryManufacturers { nodes { id name } } }")["QueryManufacturers"]
    wanted = nodes["nodes"][3]

    query = """query($id: ID) { QueryManufacturers(where: { id: { eq: $id } }) {
      totalCount nodes { id name } } }"""
    found = run(tenant, query, {"id": wanted["id"]})["QueryManufacturers"]

    assert found == {"totalCount": 1, "nodes": [wanted]}


def test_order_sorts_generated_nodes(tenant):
    query = "{ QueryProductGroups(order: [{ name: DESC }]) { nodes { name } } }"

    names = [n["name"] for n in run(tenant, query)["QueryProductGroups"]["nodes"]]

    assert names == sorted(names, reverse=True)
    assert len(names) == GENERATED_NODES


def test_last_pages_from_the_end(tenant):
    query = (
        "{ QueryBatches(last: 2) { pageInfo { hasPreviousPage hasNextPage } edges { cursor } } }"
    )

    data = run(tenant, query)

    assert data["QueryBatches"]["pageInfo"] == {"hasPreviousPage": 1, "hasNextPage": 0}
    assert len(data["QueryBatches"]["edges"]) == 2
