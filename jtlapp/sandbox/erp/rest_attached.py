"""Shared plumbing of the handlers for records attached to customers and orders.

One handler serves a route in both generations: the request path says which (``/v2/...``),
and with it whether ids are int keys (1.0) or the tenant's JTL-shaped UUIDs (2.0). Every
attached record is reached through its owner, so an unknown customer or order answers 404
before anything else is looked at.
"""

from __future__ import annotations

from collections.abc import Callable

from jtlapp.sandbox.erp import rest_bodies
from jtlapp.sandbox.erp.rest_common import not_found
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall

Handler = Callable[[RestCall], ErpRestResponse]
Dto = dict[str, object]
OWNER_PARAMS = {"customer": "customerId", "salesorder": "salesOrderId"}
OWNER_MISSING = {
    "customer": "No customer with the given ID exists.",
    "salesorder": "No sales order with the given ID exists.",
}


def is_v2(call: RestCall) -> bool:
    return call.request.path.lower().lstrip("/").startswith("v2/")


def public_id(call: RestCall, *, kind: str, key: int) -> object:
    return call.tenant.uuid(kind=kind, key=key) if is_v2(call) else key


def id_key(call: RestCall, *, kind: str, raw: str) -> int:
    """The int key behind an id of this generation; 0 (no record) for anything else."""
    if is_v2(call):
        return call.tenant.uuid_key(kind=kind, value=raw) or 0
    return int(raw) if raw.isdigit() else 0


def path_key(call: RestCall, *, kind: str, name: str) -> int:
    raw = next((v for k, v in call.params.items() if k.lower() == name.lower()), "")
    return id_key(call, kind=kind, raw=raw)


def owner_key(call: RestCall, *, owner: str) -> int:
    """The key of the path's customer or sales order; 404 ``ErrorResponse`` if it is unknown."""
    key = path_key(call, kind=owner, name=OWNER_PARAMS[owner])
    records = call.tenant.customers if owner == "customer" else call.tenant.orders
    if key not in records:
        raise not_found(OWNER_MISSING[owner])
    return key


def body_object(call: RestCall) -> rest_bodies.JsonObject:
    return rest_bodies.require_object(call.request.body)


def text_changes(body: rest_bodies.JsonObject, names: dict[str, str]) -> dict[str, str]:
    """Documented field name -> record attribute, for the string fields a request sends."""
    changes: dict[str, str] = {}
    for name, attribute in names.items():
        value = rest_bodies.get_str(body, name)
        if value is not None:
            changes[attribute] = value
    return changes


def answer(body: object, *, status: int = 200) -> ErpRestResponse:
    return ErpRestResponse(status=status, body=body)


def no_content() -> ErpRestResponse:
    return ErpRestResponse(status=204, body=None)
