"""Real v1 responses of the sandbox ERP validated against JTL's official Cloud API 1.0 OpenAPI.

Validation is stricter than the spec in one way (no undocumented properties) and looser in two
documented ways: unset date-times are ``null`` (the 1.0 spec has no ``nullable`` at all, the
real .NET API sends null) and ``ActiveSalesChannels`` is an array of channel ids (the spec says
string; real responses carry arrays, erp-api.md §10.5).
"""

import copy
import json
from datetime import date
from functools import cache
from pathlib import Path

import jsonschema
import pytest

from jtlapp.sandbox.config import DEMO_TENANTS
from jtlapp.sandbox.erp.rest import ErpRestRequest, erp_rest_resolve
from jtlapp.sandbox.erp.rest_v1 import V1_ROUTES
from jtlapp.sandbox.erp.store import erp_store_seed

SPEC_NAME = "jtl-wawi-api-cloud-1.0.openapi.json"
REPO = Path(__file__).resolve().parents[3]
SPEC_PATH = REPO / "jtlapp/reference" / SPEC_NAME
TENANT = next(iter(DEMO_TENANTS))


@cache
def _spec():
    return json.loads(SPEC_PATH.read_text(encoding="utf-8"))


def _strict(schema):
    """OpenAPI 3.0 schema -> JSON Schema with our documented deviations and no extra keys."""
    if isinstance(schema, list):
        return [_strict(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    result = {k: _strict(v) for k, v in schema.items() if k not in ("example", "x-enumNames")}
    if result.get("nullable") or schema.get("format") == "date-time":
        result["type"] = [result["type"], "null"]
    result.pop("nullable", None)
    if "properties" in result and "additionalProperties" not in result:
        result["additionalProperties"] = False
    if "ActiveSalesChannels" in result.get("properties", {}):
        result["properties"]["ActiveSalesChannels"] = {"type": "array", "items": {"type": "string"}}
    return result


def _validator(method, template, status):
    spec = _spec()
    responses = spec["paths"][template][method.lower()]["responses"]
    assert str(status) in responses, f"{method} {template} does not document {status}"
    raw = (responses[str(status)].get("content") or {}).get("application/json", {}).get("schema")
    if raw is None:
        return None
    schema = _strict(copy.deepcopy(raw))
    schema["components"] = _strict(copy.deepcopy(spec["components"]))
    return jsonschema.Draft4Validator(schema)


@pytest.fixture
def tenant():
    return erp_store_seed(seed=3, today=date(2026, 11, 23), tenant_ids=[TENANT]).tenant(TENANT)


ITEM_PATCH = {"Name": "Neu", "ItemPriceData": {"SalesPriceNet": 9.5}}
NEW_LINES = [
    {"ItemId": 3, "Quantity": 2},
    {"Name": "Posten", "Quantity": 1, "SalesPriceGross": 11.9},
]
CASES = [
    # (method, spec path, concrete path, query, body, expected status)
    ("GET", "/info", "/info", {}, None, 200),
    ("GET", "/items", "/items", {"pageSize": "1000"}, None, 200),
    ("GET", "/items", "/v1/items", {"searchKeyWord": "a", "pageSize": "5"}, None, 200),
    ("GET", "/items/{itemId}", "/items/1", {}, None, 200),
    ("GET", "/items/{itemId}", "/items/9999", {}, None, 404),
    ("PATCH", "/items/{itemId}", "/items/2", {}, ITEM_PATCH, 201),
    ("PATCH", "/items/{itemId}", "/items/2", {}, {"Name": 5}, 400),
    ("GET", "/customers", "/customers", {"pageSize": "1000"}, None, 200),
    ("GET", "/customers/{customerId}", "/customers/7", {}, None, 200),
    ("GET", "/customers/{customerId}", "/customers/0", {}, None, 404),
    (
        "PATCH",
        "/customers/{customerId}",
        "/customers/7",
        {},
        {"BillingAddress": {"City": "Kiel"}},
        201,
    ),
    ("GET", "/salesOrders", "/salesOrders", {"pageSize": "1000"}, None, 200),
    (
        "GET",
        "/salesOrders",
        "/v1/salesOrders",
        {"customerId": "3", "paymentStatus": "2"},
        None,
        200,
    ),
    ("GET", "/salesOrders/{salesOrderId}", "/salesOrders/1", {}, None, 200),
    ("GET", "/salesOrders/{salesOrderId}", "/salesOrders/99999", {}, None, 404),
    ("PATCH", "/salesOrders/{salesOrderId}", "/salesOrders/1", {}, {"Comment": "Eilt"}, 201),
    ("GET", "/salesOrders/{salesOrderId}/lineitems", "/salesOrders/1/lineitems", {}, None, 200),
    ("GET", "/salesOrders/{salesOrderId}/lineitems", "/salesOrders/99999/lineitems", {}, None, 404),
    (
        "POST",
        "/salesOrders/{salesOrderId}/lineitems",
        "/salesOrders/1/lineitems",
        {},
        NEW_LINES,
        201,
    ),
    (
        "POST",
        "/salesOrders/{salesOrderId}/lineitems",
        "/salesOrders/1/lineitems",
        {},
        [{"Name": "x"}],
        400,
    ),
    ("GET", "/stocks", "/stocks", {"pageSize": "1000"}, None, 200),
    ("GET", "/stocks", "/stocks", {"itemId": "4", "warehouseId": "1"}, None, 200),
    ("GET", "/warehouses", "/warehouses", {}, None, 200),
    ("GET", "/companies", "/companies", {}, None, 200),
    ("GET", "/customerGroups", "/customerGroups", {}, None, 200),
    ("GET", "/paymentMethods", "/paymentMethods", {}, None, 200),
    ("GET", "/shippingMethods", "/shippingMethods", {}, None, 200),
]


@pytest.mark.parametrize(("method", "template", "path", "query", "body", "status"), CASES)
def test_v1_response_matches_official_1_0_schema(
    tenant, method, template, path, query, body, status
):
    # given
    operation = erp_rest_resolve(method=method, path=path)
    request = ErpRestRequest(method=method, path=path, query=query, body=body)
    # when
    response = operation.execute(tenant=tenant, request=request)
    # then
    assert response.status == status
    validator = _validator(method, template, status)
    if validator is None:
        assert response.body is None
    else:
        errors = sorted(validator.iter_errors(response.body), key=lambda e: list(e.path))
        assert [f"{list(e.path)}: {e.message}" for e in errors[:5]] == []


LINE = "/salesOrders/{salesOrderId}/lineitems/{salesOrderLineItemId}"


@pytest.mark.parametrize(("method", "body"), [("PATCH", {"Quantity": 3}), ("DELETE", None)])
def test_v1_line_item_writes_answer_204_without_body_as_documented(tenant, method, body):
    # given: an open order, so its lines are not delivered yet
    order = next(
        o for o in tenant.orders.values() if o.delivery_status == "OPEN" and len(o.line_items) >= 2
    )
    line = order.line_items[0] if method == "PATCH" else order.line_items[1]
    concrete = f"/salesOrders/{order.key}/lineitems/{line.key}"
    # when
    response = erp_rest_resolve(method=method, path=concrete).execute(
        tenant=tenant, request=ErpRestRequest(method=method, path=concrete, query={}, body=body)
    )
    # then
    assert response.status == 204
    assert response.body is None
    assert _validator(method, LINE, 204) is None


def test_every_implemented_v1_operation_exists_in_the_official_spec():
    spec = _spec()

    missing = [
        f"{route.method} {route.pattern}"
        for route in V1_ROUTES
        if route.method.lower() not in spec["paths"].get(route.pattern, {})
    ]

    assert missing == []
