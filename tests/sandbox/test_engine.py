"""The REST engine: validation, required headers, scopes, version layer, generated data."""

from __future__ import annotations

import uuid

import pytest
from flask.testing import FlaskClient

from jtlapp.sandbox.app import sandbox_app_create
from jtlapp.sandbox.config import SandboxClient, SandboxConfig
from jtlapp.sandbox.state import SandboxState
from tests.sandbox.conftest import TENANT_A, TODAY

NARROW = SandboxClient(
    client_id="narrow",
    client_secret="narrow-secret",
    app_id="narrow",
    scopes=(
        "customers.read",
        "customers.write",
        "items.read",
        "salesorders.read",
        "warehouse.read",
        "inventories.read",
    ),
)
APP = {"x-appid": "engine-test/1.0.0", "x-appversion": "1.0.0"}


def _client(config: SandboxConfig) -> tuple[FlaskClient, dict[str, str], SandboxState]:
    app = sandbox_app_create(config=config, today=TODAY)
    test_client = app.test_client()
    token = test_client.post(
        "/oauth/v2/token",
        data={"grant_type": "client_credentials", "scope": "openid"},
        auth=(NARROW.client_id, NARROW.client_secret),
    ).get_json()["access_token"]
    auth = {"Authorization": f"Bearer {token}", "X-Tenant-ID": TENANT_A}
    return test_client, auth, app.config["SANDBOX_STATE"]


@pytest.fixture(scope="module")
def engine() -> tuple[FlaskClient, dict[str, str], SandboxState]:
    return _client(SandboxConfig(base_url="http://sandbox.test", clients=(NARROW,)))


def test_a_body_field_of_the_wrong_type_is_400_naming_it(engine):
    client, auth, state = engine
    customer_id = state.store.tenant(TENANT_A).uuid(kind="customer", key=1)

    response = client.patch(
        f"/erp/v2/customers/{customer_id}", json={"Number": 42}, headers={**auth, **APP}
    )

    assert response.status_code == 400
    body = response.get_json()
    assert body["ErrorCode"] == "VALIDATION_ERROR"
    assert set(body["ValidationErrors"]) == {"Number"}
    assert body["Errors"]["Number"]


def test_a_path_key_of_the_wrong_type_is_400_naming_the_parameter(engine):
    client, auth, _ = engine

    v1 = client.get("/erp/v1/customers/abc", headers={**auth, **APP})
    v2 = client.get("/erp/v2/customerGroups/not-a-uuid", headers={**auth, **APP})

    assert (v1.status_code, v2.status_code) == (400, 400)
    assert set(v1.get_json()["ValidationErrors"]) == {"customerId"}
    assert set(v2.get_json()["ValidationErrors"]) == {"customergroupId"}


def test_x_appid_and_x_appversion_are_required_on_described_operations(engine):
    client, auth, _ = engine

    response = client.get("/erp/v1/customers", headers=auth)

    assert response.status_code == 400
    assert set(response.get_json()["ValidationErrors"]) == {"x-appid", "x-appversion"}


def test_the_switch_turns_the_app_header_check_off():
    config = SandboxConfig(base_url="http://s", clients=(NARROW,), require_app_headers=False)
    client, auth, _ = _client(config)

    assert client.get("/erp/v1/customers", headers=auth).status_code == 200


def test_the_scope_named_by_the_description_is_enforced(engine):
    client, auth, _ = engine

    refused = client.get("/erp/v2/invoices", headers={**auth, **APP})
    allowed = client.get("/erp/v2/customers/workflowEvents", headers={**auth, **APP})

    assert refused.status_code == 403
    assert "invoices.read" in refused.get_json()["ErrorMessage"]
    assert allowed.status_code == 200


def test_generated_answers_are_deterministic_and_keyed_per_generation(engine):
    client, auth, state = engine
    data = state.store.tenant(TENANT_A)
    headers = {**auth, **APP}
    order = data.orders[7]
    line = order.line_items[0].key
    order_id, line_id = data.uuid(kind="salesorder", key=7), data.uuid(kind="lineitem", key=line)

    first = client.get(f"/erp/v1/salesOrders/7/lineitems/{line}/files", headers=headers)
    again = client.get(f"/erp/v1/salesOrders/7/lineitems/{line}/files", headers=headers)
    v2 = client.get(f"/erp/v2/salesOrders/{order_id}/lineitems/{line_id}/files", headers=headers)

    assert first.headers["X-Sandbox-Source"] == "generated"
    assert first.get_json() == again.get_json()
    assert all(isinstance(row["Id"], int) for row in first.get_json())
    assert all(uuid.UUID(row["Id"]) for row in v2.get_json())


def test_the_later_version_routes_stay_available(engine):
    client, auth, _ = engine

    response = client.get("/erp/v2/sales-orders?pageSize=2", headers=auth)

    assert response.status_code == 200
    assert response.headers["X-Sandbox-Source"] == "layer"
    assert len(response.get_json()["items"]) == 2


def test_where_a_later_route_replaces_a_described_one_the_version_chooses(engine):
    client, auth, _ = engine

    described = client.get("/erp/v2/warehouses", headers={**auth, **APP})
    later = client.get("/erp/v2/warehouses", headers={**auth, "api-version": "2.1"})
    config = SandboxConfig(base_url="http://s", clients=(NARROW,), erp_version="2.1")
    client_21, auth_21, _ = _client(config)
    by_config = client_21.get("/erp/v2/warehouses", headers=auth_21)

    assert described.status_code == later.status_code == by_config.status_code == 200
    assert "Items" in described.get_json()  # the 2.0 description: PascalCase V1 DTO
    assert "items" in later.get_json()
    assert "items" in by_config.get_json()


def test_a_generated_paged_list_honours_page_number_and_size(engine):
    client, auth, _ = engine
    headers = {**auth, **APP}

    whole = client.get("/erp/v2/unitsOfMeasure/salesUnits", headers=headers).get_json()
    first = client.get("/erp/v2/unitsOfMeasure/salesUnits?pageSize=1", headers=headers)
    second = client.get(
        "/erp/v2/unitsOfMeasure/salesUnits?pageSize=1&pageNumber=2", headers=headers
    ).get_json()

    page = first.get_json()
    assert first.headers["X-Sandbox-Source"] == "generated"
    assert page["Items"] == whole["Items"][:1]
    assert (page["TotalItems"], page["TotalPages"], page["HasNextPage"]) == (2, 2, True)
    assert second["Items"] == whole["Items"][1:2]
    assert (second["PageNumber"], second["HasNextPage"]) == (2, False)
