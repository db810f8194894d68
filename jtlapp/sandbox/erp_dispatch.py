"""Scope enforcement in front of the sandbox ERP operations.

Each REST operation and GraphQL root field names the v2 scope it needs (``items.read``,
``salesorders.write``, ...). JTL's docs say enforcement is not shipped, but an app saw 403 for
an undeclared scope in October 2026 (shared/jtl/platform.md §8), so the sandbox enforces: an
app that works here does not break when JTL switches enforcement on everywhere.
"""

from __future__ import annotations

from jtlapp.sandbox.erp.graphql import (
    GRAPHQL_FIELD_SCOPES,
    ErpGraphqlSyntaxError,
    graphql_root_fields,
)
from jtlapp.sandbox.erp.rest import (
    ErpRestMethodNotAllowedError,
    ErpRestOperation,
    erp_rest_resolve,
)
from jtlapp.sandbox.erp_auth import ErpCall, ErpRefusal


def erp_rest_operation(*, method: str, path: str, call: ErpCall) -> ErpRestOperation:
    try:
        operation = erp_rest_resolve(method=method, path=path)
    except ErpRestMethodNotAllowedError as exc:
        raise ErpRefusal(
            status=405,
            code="METHOD_NOT_ALLOWED",
            message=f"{method} is not allowed on {path}; allowed: {', '.join(exc.allowed)}.",
            allow=exc.allowed,
        ) from exc
    if operation is None:
        raise ErpRefusal(status=404, code="NOT_FOUND", message=f"No route {method} {path}.")
    if operation.scope is not None and operation.scope not in call.scopes:
        raise ErpRefusal(
            status=403,
            code="FORBIDDEN",
            message=f"The token lacks the scope {operation.scope!r} for {method} {path}.",
        )
    return operation


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
        if (scope := GRAPHQL_FIELD_SCOPES.get(field)) is not None and scope not in call.scopes
    ]
    return {"data": None, "errors": errors} if errors else None
