"""The 2.0 domain commands that create customers, items and sales orders, or price an order.

``/v2/customer/create``, ``/v2/itemdetails/create``, ``/v2/salesorder/create`` and
``/v2/salesorder/calculatesalesorder`` take ``CreateCustomerCommandRequest``,
``CreateItemCommandRequest``, ``CreateSalesOrderCommandRequest`` and
``CalculateSalesOrderCommandRequest``: the GraphQL mutation inputs of the same names,
PascalCase. The body is camel-cased and handed to the GraphQL mutations' own functions
(``commands``), so REST and GraphQL create alike. The descriptions document the success
status but no body; the answer is the SDL's payload of the command, PascalCase
(``CreateCustomerCommandResponse {customerId}`` is ``{"CustomerId": …}``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from jtlapp.sandbox.casing import camel_keys, pascal_keys
from jtlapp.sandbox.erp import commands, rest_bodies
from jtlapp.sandbox.erp import graphql_inputs as inputs
from jtlapp.sandbox.erp.records import LINE_ITEM_TYPES
from jtlapp.sandbox.erp.rest_common import ErpRestError
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, Handler, RestCall
from jtlapp.sandbox.erp.tenant import TenantData


def _pascal_errors(handler: Handler) -> Handler:
    """A refusal names the field as the REST body spells it (``CustomerGroupId``).

    The parsers name the camelCase field they read; the descriptions document no error status
    for these commands, so a refused request answers 400 ``ErrorResponse`` as the other 2.0
    creates do.
    """

    @functools.wraps(handler)
    def run(call: RestCall) -> ErpRestResponse:
        try:
            return handler(call)
        except ErpRestError as error:
            names = {k[:1].upper() + k[1:]: v for k, v in error.validation_errors.items()}
            raise replace(error, validation_errors=names) from None

    return run


def _request(call: RestCall) -> inputs.Input:
    """The body in the SDL's names; a line's ``Type`` int (REST) becomes its enum name."""
    request: dict[str, Any] = camel_keys(rest_bodies.require_object(call.request.body))
    lines = request.get("lineItems")
    if isinstance(lines, list):
        request["lineItems"] = [_named_type(line) for line in lines]
    return request


def _named_type(line: object) -> object:
    kind = line.get("type") if isinstance(line, Mapping) else None
    if isinstance(kind, int) and not isinstance(kind, bool) and 0 <= kind < len(LINE_ITEM_TYPES):
        return {**line, "type": LINE_ITEM_TYPES[kind]}  # type: ignore[dict-item]
    return line


def _command(
    run: Callable[[TenantData, inputs.Input], commands.Payload], *, status: int, name: str
) -> Handler:
    @_pascal_errors
    def handle(call: RestCall) -> ErpRestResponse:
        payload = run(call.tenant, _request(call))
        return ErpRestResponse(status=status, body=pascal_keys(payload))

    handle.__name__ = handle.__qualname__ = name
    handle.__doc__ = f"{run.__name__} over REST: {status}, the SDL payload in PascalCase."
    return handle


customer_create_command = _command(
    commands.customer_create_command, status=201, name="customer_create_command"
)
item_create_command = _command(commands.item_create_command, status=200, name="item_create_command")
sales_order_create_command = _command(
    commands.sales_order_create_command, status=201, name="sales_order_create_command"
)
sales_order_calculate_command = _command(
    commands.sales_order_calculate_command, status=200, name="sales_order_calculate_command"
)


ROUTES_DOMAIN = {
    ("POST", "/v2/customer/create"): customer_create_command,
    ("POST", "/v2/itemdetails/create"): item_create_command,
    ("POST", "/v2/salesorder/create"): sales_order_create_command,
    ("POST", "/v2/salesorder/calculatesalesorder"): sales_order_calculate_command,
}
"""(method, 2.0 path as described) -> handler."""
