"""Plumbing shared by the category, price and return handlers of both generations.

One handler serves a 1.0 route and its 2.0 twin where the two agree; the generation decides
only how a key is spelled (1.0 int, 2.0 JTL-shaped UUID) and is read off the request path.
"""

from __future__ import annotations

from collections.abc import Iterable

from jtlapp.sandbox.erp.records_catalog import Category, Return
from jtlapp.sandbox.erp.rest_common import not_found, page_envelope, page_parse, validation_error
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall
from jtlapp.sandbox.erp.tenant import TenantData

Dto = dict[str, object]


def is_v2(call: RestCall) -> bool:
    return call.request.path.lower().lstrip("/").startswith("v2/")


def out_id(call: RestCall, kind: str, key: int) -> object:
    """The key as the route's generation spells it."""
    return call.tenant.uuid(kind=kind, key=key) if is_v2(call) else key


def in_key(call: RestCall, kind: str, value: object) -> int | None:
    """A key sent by the client (path, query or body) in the route's generation, else None."""
    if is_v2(call):
        return call.tenant.uuid_key(kind=kind, value=value) if isinstance(value, str) else None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    return int(value) if isinstance(value, str) and value.isdigit() else None


def param_key(call: RestCall, kind: str, name: str) -> int:
    """A path parameter's key (names compared case-insensitively, as the paths vary)."""
    raw = next((v for k, v in call.params.items() if k.lower() == name.lower()), "")
    return in_key(call, kind, raw) or 0


def ok(body: object, status: int = 200) -> ErpRestResponse:
    return ErpRestResponse(status=status, body=body)


def paged(call: RestCall, views: list[Dto]) -> ErpRestResponse:
    return ok(page_envelope(views, page=page_parse(call.request.query), pascal=True))


def body_object(call: RestCall) -> Dto:
    body = call.request.body
    if not isinstance(body, dict):
        raise validation_error("body", "A JSON object is required.")
    return body


def category_of(call: RestCall, key: int) -> Category:
    category = call.tenant.categories.get(key)
    if category is None:
        raise not_found("No category with the given ID exists.")
    return category


def return_of(call: RestCall) -> Return:
    found = call.tenant.returns.get(param_key(call, "return", "returnId"))
    if found is None:
        raise not_found("No return with the given ID exists.")
    return found


def next_key(data: TenantData, *, kind: str, keys: Iterable[int]) -> int:
    """A fresh key of ``kind``; never one a deleted record had (``TenantData.key_issue``)."""
    return data.key_issue(kind=kind, existing=keys)
