"""Answers fitted to what the operation documents: its statuses and its paging.

Store handlers and the generator answer what the data says; these two rules make the status
one the operation lists and a generated paged list the page the request asked for.
"""

from __future__ import annotations

from collections.abc import Mapping

from jtlapp.sandbox.erp.rest import ErpRestResponse
from jtlapp.sandbox.erp.rest_common import ErpRestError, page_envelope, page_parse
from jtlapp.sandbox.openapi.generate import PAGING_KEYS
from jtlapp.sandbox.openapi.spec import Operation


def documented_status(operation: Operation, result: ErpRestResponse) -> ErpRestResponse:
    """An unknown parent is 404, unless the operation documents no 404 but a 400.

    ``POST /customers/{customerId}/notes`` lists 201/400/401/402 only: a note for a customer
    that does not exist is then a 400 naming the path parameter, a status the client expects.
    """
    documented = operation.response_schemas
    if result.status != 404 or 404 in documented or 400 not in documented:
        return result
    body = result.body if isinstance(result.body, dict) else {}
    name = next((s[1:-1] for s in operation.segments if s.startswith("{")), "id")
    message = body.get("ErrorMessage") or "No record with the given ID exists."
    failure = {
        "ErrorCode": "VALIDATION_ERROR",
        "ValidationErrors": {name: message},
        "ErrorMessage": "The sent data is invalid.",
    }
    return ErpRestResponse(status=400, body=failure)


def requested_page(body: object, query: Mapping[str, str]) -> object:
    """A generated paged list honours ``pageNumber``/``pageSize`` like a store-backed one."""
    if not isinstance(body, dict) or not isinstance(body.get("Items"), list):
        return body
    if not {key.lower() for key in body} >= PAGING_KEYS:
        return body
    try:
        page = page_parse(query)
    except ErpRestError:
        return body  # request validation already answered out-of-range sizes
    envelope = page_envelope(body["Items"], page=page, pascal=True)
    return {**body, **{key: value for key, value in envelope.items() if key in body}}
