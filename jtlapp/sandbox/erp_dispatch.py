"""GraphQL scope enforcement in front of the sandbox ERP (REST: ``openapi.scopes``).

Each REST operation and GraphQL root field names the v2 scope it needs (``items.read``,
``salesorders.write``, ...). JTL's docs say enforcement is not shipped, but an app saw 403 for
an undeclared scope in October 2026 (shared/jtl/platform.md §8), so the sandbox enforces: an
app that works here does not break when JTL switches enforcement on everywhere.
"""

from __future__ import annotations

from jtlapp.sandbox.erp.graphql import ErpGraphqlSyntaxError, graphql_root_fields
from jtlapp.sandbox.erp.graphql_scopes import graphql_field_scope_missing
from jtlapp.sandbox.erp_auth import ErpCall


def erp_graphql_scope_errors(
    *, query: str, operation_name: str | None, call: ErpCall
) -> dict[str, object] | None:
    """A GraphQL error body if any root field needs a scope the caller lacks, else None.

    HotChocolate's ``@authorize`` answers HTTP 200 with ``AUTH_NOT_AUTHORIZED`` errors, so the
    sandbox does the same instead of a 403.
    """
    try:
        fields = graphql_root_fields(query=query, operation_name=operation_name)
    except ErpGraphqlSyntaxError:
        return None  # execution reports the syntax error in the usual shape
    errors = [
        {
            "message": "The current user is not authorized to access this resource.",
            "path": [field],
            "extensions": {"code": "AUTH_NOT_AUTHORIZED", "requiredScope": scope},
        }
        for field in fields
        if (scope := graphql_field_scope_missing(field=field, granted=call.scopes)) is not None
    ]
    return {"data": None, "errors": errors} if errors else None
