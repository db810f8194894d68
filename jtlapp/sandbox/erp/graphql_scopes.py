"""GraphQL root field -> the v2 scope the sandbox demands, derived from JTL's descriptions.

The official 2.0 SDL marks every root field ``@authorize(roles: ["system.all"])``, which no
partner app holds; JTL's reference pages name per-operation scopes (erp-api.md §7). The rule
that turns the descriptions into a scope per field (the 2.0 OpenAPI's scope for the REST
operations of the same resource, ``system.all`` where nothing else is given) is our product's
``graphql_tables``; the sandbox runs the same pure function on the same reference files (once,
at the first GraphQL call: parsing them costs most of a second, which every sandbox process
would pay at import), so it demands exactly what ``jtlapp/erp/scope_table.json`` lets the app
declare.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from jtlapp.erp.scope_table_build import SDL, graphql_tables
from jtlapp.sandbox.openapi.spec import spec_document

SCOPE_TWINS: Mapping[str, frozenset[str]] = {
    "customers.read": frozenset({"customers.read", "cusomters.read"}),
}
"""JTL's misspelt twin is accepted wherever ``customers.read`` is (erp-api.md §10.1)."""


@cache
def graphql_field_scopes() -> Mapping[str, str]:
    """Every root field of the official SDL and of the marked extension (later versions).

    Introspection fields (``__schema``, ``__type``, ``__typename``) need none.
    """
    tables = graphql_tables(SDL.read_text(encoding="utf-8"), spec_document("2.0"))
    return {**tables["Query"], **tables["Mutation"]}


def graphql_field_scope_missing(*, field: str, granted: frozenset[str]) -> str | None:
    """The scope ``field`` needs that ``granted`` lacks, else None (also for introspection)."""
    scope = graphql_field_scopes().get(field)
    if scope is None:
        return None
    accepted = SCOPE_TWINS.get(scope, frozenset({scope}))
    return None if accepted & granted else scope
